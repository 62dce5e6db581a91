import { and, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { contactRequests } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import { AppError, notFound } from '../errors.js';
import type { EmployerCandidateView } from '../fairness/employer-view.js';
import { candidatePseudonym } from '../fairness/pseudonym.js';
import { newId } from '../ids.js';
import type { AuditRow } from './audit.js';
import { keysetWhere, page } from './pagination.js';
import { requireOpenVacancy, type VacancyRow } from './vacancies.js';

export type ContactRequestRow = typeof contactRequests.$inferSelect;

/** The contact state of each listed candidate for one vacancy ('none' when absent from the map). */
export async function contactStatuses(h: SqlHandle, vacancyId: string, candidateIds: string[]): Promise<Map<string, EmployerCandidateView['contactRequest']>> {
  if (candidateIds.length === 0) return new Map();
  const { contactRequests } = h.t;
  const rows = await h.db
    .select({ candidateId: contactRequests.candidateId, status: contactRequests.status })
    .from(contactRequests)
    .where(and(eq(contactRequests.vacancyId, vacancyId), inArray(contactRequests.candidateId, candidateIds)));
  return new Map(rows.map((r) => [r.candidateId, r.status]));
}

/**
 * An employer asks to contact a candidate it saw in one of its rankings for this vacancy. The candidate must still
 * consent to matching and to being visible; one request per vacancy and candidate (no repeated asking).
 */
export async function createContactRequest(
  h: SqlHandle,
  vacancy: VacancyRow,
  audit: AuditRow | undefined,
  input: { candidateId: string; auditId: string; message?: string },
): Promise<ContactRequestRow> {
  const { db } = h;
  const { candidates, contactRequests } = h.t;
  if (!audit || audit.kind !== 'vacancy-matches' || audit.subjectId !== vacancy.id || audit.tenantId !== vacancy.employerId) throw notFound('audit record', input.auditId);
  // Only a published vacancy reaches people: one held by fair-recruitment screening (a fee charged to the worker,
  // passports kept, …), a draft (screened but never held) or a closed one cannot be used to approach candidates.
  requireOpenVacancy(vacancy, 'a contact request');
  if (!audit.results.some((x) => x.id === input.candidateId)) throw new AppError('CONFLICT', `candidate ${input.candidateId} was not in ranking ${audit.id}`);
  // As for decisions: one answer for a withdrawn consent and an erasure, so the employer cannot tell them apart.
  const [cand] = await db.select({ matching: candidates.consentMatching, visible: candidates.consentVisible }).from(candidates).where(eq(candidates.id, input.candidateId)).limit(1);
  if (!cand || !cand.matching || !cand.visible) {
    throw new AppError('CANDIDATE_UNAVAILABLE', `candidate ${input.candidateId} is no longer available to employers (consent withdrawn or profile erased)`);
  }
  const [existing] = await db.select().from(contactRequests).where(and(eq(contactRequests.vacancyId, vacancy.id), eq(contactRequests.candidateId, input.candidateId))).limit(1);
  if (existing) throw new AppError('CONFLICT', `a contact request for this candidate and vacancy already exists (${existing.id}, ${existing.status})`, { id: existing.id, status: existing.status });
  const [row] = await db
    .insert(contactRequests)
    .values({
      id: newId('creq'),
      vacancyId: vacancy.id,
      employerId: vacancy.employerId,
      candidateId: input.candidateId,
      auditId: audit.id,
      message: input.message ?? null,
      status: 'pending',
      createdAt: nowIso(),
      respondedAt: null,
    })
    .returning();
  return row!;
}

/** The employer's view: a pseudonym, and the seeker's name and contact details only while the request is accepted. */
export async function listVacancyContactRequests(h: SqlHandle, vacancy: VacancyRow, q: { limit: number; cursor?: string; status?: ContactRequestRow['status'] }) {
  const { contactRequests, candidates, candidateContacts } = h.t;
  const conds: SQL[] = [eq(contactRequests.vacancyId, vacancy.id)];
  if (q.status) conds.push(eq(contactRequests.status, q.status));
  const rows = (
    await h.db
      .select({
        r: contactRequests,
        displayName: candidates.displayName,
        email: candidateContacts.email,
        phone: candidateContacts.phone,
        matching: candidates.consentMatching,
        visible: candidates.consentVisible,
      })
      .from(contactRequests)
      .innerJoin(candidates, eq(candidates.id, contactRequests.candidateId))
      .leftJoin(candidateContacts, eq(candidateContacts.candidateId, contactRequests.candidateId))
      .where(keysetWhere(contactRequests.id, conds, q.cursor, 'creq'))
      .orderBy(contactRequests.id)
      .limit(q.limit + 1)
  ).map((x) => ({ ...x, id: x.r.id }));
  // The name and contact details while the request is accepted and the seeker still consents to be seen by
  // employers: withdrawing consent (matching or visibility) hides them from every employer at once, as it removes
  // her from their rankings, without her having to withdraw each acceptance.
  return page(rows, q.limit, ({ r, displayName, email, phone, matching, visible }) => ({
    id: r.id,
    vacancyId: r.vacancyId,
    candidateId: r.candidateId,
    pseudonym: candidatePseudonym(r.employerId, r.candidateId),
    auditId: r.auditId,
    message: r.message,
    status: r.status,
    createdAt: r.createdAt,
    respondedAt: r.respondedAt,
    candidate: r.status === 'accepted' && matching && visible ? { displayName, email: email ?? null, phone: phone ?? null } : null,
  }));
}

/** The seeker's inbox: who asks, for which vacancy. */
export async function listMyContactRequests(h: SqlHandle, candidateId: string, q: { limit: number; cursor?: string; status?: ContactRequestRow['status'] }) {
  const { contactRequests, vacancies, employers } = h.t;
  // A vacancy held by fair-recruitment screening is invisible to seekers, and so are the requests sent from it (its
  // title, employer and message); they come back if an admin releases it or the employer removes the red flag.
  const conds: SQL[] = [eq(contactRequests.candidateId, candidateId), ne(vacancies.status, 'held')];
  if (q.status) conds.push(eq(contactRequests.status, q.status));
  const rows = (
    await h.db
      .select({ r: contactRequests, title: vacancies.title, country: vacancies.country, region: vacancies.region, employerName: employers.name })
      .from(contactRequests)
      .innerJoin(vacancies, eq(vacancies.id, contactRequests.vacancyId))
      .innerJoin(employers, eq(employers.id, contactRequests.employerId))
      .where(keysetWhere(contactRequests.id, conds, q.cursor, 'creq'))
      .orderBy(contactRequests.id)
      .limit(q.limit + 1)
  ).map((x) => ({ ...x, id: x.r.id }));
  return page(rows, q.limit, ({ r, title, country, region, employerName }) => ({
    id: r.id,
    vacancyId: r.vacancyId,
    vacancy: { title, country, region },
    employer: { id: r.employerId, name: employerName },
    message: r.message,
    status: r.status,
    createdAt: r.createdAt,
    respondedAt: r.respondedAt,
  }));
}

const TRANSITIONS = { accept: { from: 'pending', to: 'accepted' }, decline: { from: 'pending', to: 'declined' }, withdraw: { from: 'accepted', to: 'withdrawn' } } as const;

/** The seeker answers: accept or decline a pending request, or withdraw an acceptance (the name is hidden again). */
export async function respondToContactRequest(h: SqlHandle, candidateId: string, id: string, action: keyof typeof TRANSITIONS): Promise<ContactRequestRow> {
  const t = TRANSITIONS[action];
  const { contactRequests, vacancies } = h.t;
  if (action === 'accept') {
    // Her name and contact details go only to an employer whose vacancy is still published: not to one that screening
    // has since held (e.g. a fee for the worker added after asking), nor for a closed or withdrawn one.
    const [v] = await h.db
      .select({ id: vacancies.id, status: vacancies.status })
      .from(contactRequests)
      .innerJoin(vacancies, eq(vacancies.id, contactRequests.vacancyId))
      .where(and(eq(contactRequests.id, id), eq(contactRequests.candidateId, candidateId)))
      .limit(1);
    if (v) requireOpenVacancy(v, `accepting contact request ${id}`);
  }
  const [row] = await h.db
    .update(contactRequests)
    .set({ status: t.to, respondedAt: nowIso() })
    .where(and(eq(contactRequests.id, id), eq(contactRequests.candidateId, candidateId), eq(contactRequests.status, t.from)))
    .returning();
  if (row) return row;
  const [existing] = await h.db.select().from(contactRequests).where(and(eq(contactRequests.id, id), eq(contactRequests.candidateId, candidateId))).limit(1);
  if (!existing) throw notFound('contact request', id);
  throw new AppError('CONFLICT', `contact request ${id} is ${existing.status}; ${action} needs ${t.from}`);
}
