// Contests (EU AI Act Art. 86) and human decisions, as they concern one job seeker.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { nowIso } from '../db/client.js';
import { matchContests, matchDecisions, vacancies } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Principal } from './api-keys.js';
import { getAudit } from './audit.js';

export type ContestRow = Omit<typeof matchContests.$inferSelect, 'resolvedBy'>;

/** File a contest against a ranking that concerns the caller (as its subject or in its results); 404 otherwise. */
export function fileContest(db: DbOrTx, principal: Principal, auditId: string, message: string): ContestRow {
  const audit = getAudit(db, auditId);
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
  db.insert(matchContests).values(row).run();
  return row;
}

export function contestsOf(db: DbOrTx, candidateId: string): ContestRow[] {
  return db
    .select()
    .from(matchContests)
    .where(eq(matchContests.candidateId, candidateId))
    .orderBy(desc(matchContests.id))
    .all()
    .map(({ resolvedBy: _r, ...rest }) => rest);
}

/** Employers' decisions about this candidate, with the vacancy's title (employer identity and actor key left out). */
export function decisionsAbout(db: DbOrTx, candidateId: string) {
  return db
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
    .orderBy(desc(matchDecisions.id))
    .all();
}
