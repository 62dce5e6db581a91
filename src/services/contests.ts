// Contests (EU AI Act Art. 86) and human decisions, as they concern one job seeker.
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { matchContests } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import type { UnitOfWork } from '../storage/storage.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Principal } from './api-keys.js';
import { getAudit } from './audit.js';

export type ContestRow = Omit<typeof matchContests.$inferSelect, 'resolvedBy'>;

/** How many contests one person may file in a rolling window (CONTEST_LIMIT_MAX per CONTEST_LIMIT_WINDOW_MS). */
export interface ContestLimits {
  max: number;
  windowMs: number;
}

/**
 * File a contest against a ranking that concerns the caller (as its subject or in its results); 404 otherwise.
 * A ranking the person already contests and that is not yet answered is 409 CONTEST_ALREADY_OPEN (details.contestId:
 * the open one is answered first, and a second copy would only lengthen the reviewers' queue); more than `limits.max`
 * contests in the rolling window is 429 CONTEST_LIMIT with Retry-After (when the oldest in the window leaves it), so
 * one key cannot flood the human review that every other person's contest waits on. The check and the insert run under
 * one per-person lock, so two contests sent at once cannot both pass it (on PostgreSQL too).
 */
export async function fileContest(tx: UnitOfWork, principal: Principal, auditId: string, message: string, limits: ContestLimits, now = Date.now()): Promise<ContestRow> {
  const audit = await getAudit(tx, auditId);
  const concernsMe = audit && principal.candidateId && (audit.subjectId === principal.candidateId || audit.results.some((x) => x.id === principal.candidateId));
  if (!audit || !concernsMe) throw notFound('audit record', auditId);
  const candidateId = principal.candidateId!;
  const { matchContests } = tx.t;
  await tx.lock(`contests:${candidateId}`);
  const [open] = await tx.db
    .select({ id: matchContests.id })
    .from(matchContests)
    .where(and(eq(matchContests.candidateId, candidateId), eq(matchContests.auditId, audit.id), eq(matchContests.status, 'open')))
    .limit(1);
  if (open) {
    throw new AppError('CONTEST_ALREADY_OPEN', `you already contest ranking ${audit.id} (contest ${open.id}); it is answered before another one can be filed`, {
      contestId: open.id,
      auditId: audit.id,
    });
  }
  const windowStart = new Date(now - limits.windowMs).toISOString();
  const recent = await tx.db
    .select({ createdAt: matchContests.createdAt })
    .from(matchContests)
    .where(and(eq(matchContests.candidateId, candidateId), gte(matchContests.createdAt, windowStart)))
    .orderBy(asc(matchContests.createdAt));
  if (recent.length >= limits.max) {
    // The window frees a place when the oldest contest still in it leaves: that many seconds, at least one.
    const freesAt = Date.parse(recent[recent.length - limits.max]!.createdAt) + limits.windowMs;
    const retryAfter = Math.max(1, Math.ceil((freesAt - now) / 1000));
    throw new AppError(
      'CONTEST_LIMIT',
      `at most ${limits.max} contests in ${Math.round(limits.windowMs / 3_600_000)} h per person; the next one can be filed in ${retryAfter} s`,
      { limit: limits.max, windowMs: limits.windowMs, retryAfterSeconds: retryAfter },
      { 'retry-after': String(retryAfter) },
    );
  }
  const row = {
    id: newId('cont'),
    auditId: audit.id,
    candidateId,
    message,
    status: 'open' as const,
    resolution: null,
    createdAt: new Date(now).toISOString(),
    resolvedAt: null,
    erasedAt: null,
  };
  await tx.db.insert(matchContests).values(row);
  return row;
}

/** The limits from the service's configuration. */
export function contestLimits(config: { CONTEST_LIMIT_MAX: number; CONTEST_LIMIT_WINDOW_MS: number }): ContestLimits {
  return { max: config.CONTEST_LIMIT_MAX, windowMs: config.CONTEST_LIMIT_WINDOW_MS };
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
