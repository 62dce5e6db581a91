import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { SqlHandle } from '../storage/sql.js';
import { candidatePseudonym } from '../fairness/pseudonym.js';
import type { DecisionView } from '../schemas/fairness.js';
import { keysetWhere, page } from './pagination.js';
import { toDecision } from './audit.js';

export interface DecisionFilters {
  limit: number;
  cursor?: string;
  decision?: DecisionView['decision'];
  employerId?: string;
  vacancyId?: string;
  candidateId?: string;
  auditId?: string;
  from?: string;
  to?: string;
}

/**
 * Human decisions, oldest first, each joined to the audit record of the ranking it was taken on (the candidate's rank
 * and score there). `links` (admin view) points to the audit record, candidate and vacancy routes.
 */
export async function listDecisions(h: SqlHandle, q: DecisionFilters, view: { links: boolean }) {
  const { matchDecisions, auditRecords } = h.t;
  const conds: SQL[] = [];
  if (q.decision) conds.push(eq(matchDecisions.decision, q.decision));
  if (q.employerId) conds.push(eq(matchDecisions.employerId, q.employerId));
  if (q.vacancyId) conds.push(eq(matchDecisions.vacancyId, q.vacancyId));
  if (q.candidateId) conds.push(eq(matchDecisions.candidateId, q.candidateId));
  if (q.auditId) conds.push(eq(matchDecisions.auditId, q.auditId));
  if (q.from) conds.push(gte(matchDecisions.createdAt, q.from));
  if (q.to) conds.push(lt(matchDecisions.createdAt, q.to));
  const rows = (
    await h.db
      .select({ d: matchDecisions, auditCreatedAt: auditRecords.createdAt, results: auditRecords.results })
      .from(matchDecisions)
      .leftJoin(auditRecords, eq(auditRecords.id, matchDecisions.auditId))
      .where(keysetWhere(matchDecisions.id, conds, q.cursor, 'dec'))
      .orderBy(asc(matchDecisions.id))
      .limit(q.limit + 1)
  ).map((r) => ({ ...r, id: r.d.id }));
  return page(rows, q.limit, ({ d, auditCreatedAt, results }): DecisionView => {
    const hit = results?.find((x) => x.id === d.candidateId);
    return {
      ...toDecision(d),
      employerId: d.employerId,
      candidate: { pseudonym: candidatePseudonym(d.employerId, d.candidateId) },
      ranking: hit && auditCreatedAt ? { rankedAt: auditCreatedAt, rank: hit.rank, score: hit.score } : null,
      ...(view.links
        ? { links: { audit: `/v1/audit/records/${d.auditId}`, candidate: `/v1/candidates/${d.candidateId}`, vacancy: `/v1/vacancies/${d.vacancyId}` } }
        : {}),
    };
  });
}
