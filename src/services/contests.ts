// Contests (EU AI Act Art. 86) and human decisions, as they concern one job seeker.
import { desc, eq } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { matchContests } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Principal } from './api-keys.js';
import { getAudit } from './audit.js';

export type ContestRow = Omit<typeof matchContests.$inferSelect, 'resolvedBy'>;

/** File a contest against a ranking that concerns the caller (as its subject or in its results); 404 otherwise. */
export async function fileContest(h: SqlHandle, principal: Principal, auditId: string, message: string): Promise<ContestRow> {
  const audit = await getAudit(h, auditId);
  const concernsMe = audit && principal.candidateId && (audit.subjectId === principal.candidateId || audit.results.some((x) => x.id === principal.candidateId));
  if (!audit || !concernsMe) throw notFound('audit record', auditId);
  const row = {
    id: newId('cont'),
    auditId: audit.id,
    candidateId: principal.candidateId!,
    message,
    status: 'open' as const,
    resolution: null,
    createdAt: nowIso(),
    resolvedAt: null,
    erasedAt: null,
  };
  await h.db.insert(h.t.matchContests).values(row);
  return row;
}

export async function contestsOf(h: SqlHandle, candidateId: string): Promise<ContestRow[]> {
  const { matchContests } = h.t;
  return (await h.db.select().from(matchContests).where(eq(matchContests.candidateId, candidateId)).orderBy(desc(matchContests.id))).map(
    ({ resolvedBy: _r, ...rest }) => rest,
  );
}

/** Employers' decisions about this candidate, with the vacancy's title (employer identity and actor key left out). */
export async function decisionsAbout(h: SqlHandle, candidateId: string) {
  const { matchDecisions, vacancies } = h.t;
  return h.db
    .select({
      id: matchDecisions.id,
      auditId: matchDecisions.auditId,
      vacancyId: matchDecisions.vacancyId,
      vacancyTitle: vacancies.title,
      decision: matchDecisions.decision,
      reasonCode: matchDecisions.reasonCode,
      reason: matchDecisions.reason,
      erasedAt: matchDecisions.erasedAt,
      createdAt: matchDecisions.createdAt,
    })
    .from(matchDecisions)
    .leftJoin(vacancies, eq(vacancies.id, matchDecisions.vacancyId))
    .where(eq(matchDecisions.candidateId, candidateId))
    .orderBy(desc(matchDecisions.id));
}
