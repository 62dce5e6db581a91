import { asc, eq, or, sql, type SQL } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import { candidates, type SuggestionRow } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Candidate, CandidateExport, PutCandidate } from '../schemas/candidate.js';
import { toDecision } from './audit.js';
import { keysetWhere, page } from './pagination.js';
import { regionOfCountry } from '../fairness/attributes.js';

export type CandidateRow = typeof candidates.$inferSelect;

export interface CandidateView {
  /** Own profile or admin: contact details and self-declared attributes are included. */
  includePersonal: boolean;
}

export async function toCandidate(q: SqlHandle, row: CandidateRow, view: CandidateView): Promise<Candidate> {
  const out: Candidate = {
    id: row.id,
    displayName: row.displayName,
    skills: row.skills,
    experience: row.experience,
    educationLevel: row.educationLevel,
    languages: row.languages,
    residenceCountry: row.residenceCountry,
    destinations: row.destinations,
    pathways: row.pathways,
    occupation: { esco: row.occupationEsco, isco: row.occupationIsco },
    licences: row.licences,
    consent: {
      matching: row.consentMatching,
      matchingAt: row.consentMatchingAt,
      visibleToEmployers: row.consentVisible,
      visibleToEmployersAt: row.consentVisibleAt,
    },
    lang: row.lang,
    suggestions: row.suggestions ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  if (view.includePersonal) {
    const { candidateContacts, candidateProtected } = q.t;
    const [contact] = await q.db.select().from(candidateContacts).where(eq(candidateContacts.candidateId, row.id)).limit(1);
    const [prot] = await q.db.select().from(candidateProtected).where(eq(candidateProtected.candidateId, row.id)).limit(1);
    out.contact = contact ? { email: contact.email, phone: contact.phone } : null;
    out.protected = prot
      ? { sex: prot.sex, ageBand: prot.ageBand, nationality: prot.nationality, nationalityRegion: prot.nationalityRegion, disability: prot.disability }
      : null;
  }
  return out;
}

/** An empty profile for a self-registering job seeker: no consent until the seeker gives it. */
export async function insertEmptyCandidate(q: SqlHandle, displayName?: string, lang?: string): Promise<CandidateRow> {
  const [row] = await q.db.insert(q.t.candidates).values(emptyCandidateRow(displayName, lang)).returning();
  return row!;
}

/** The row of an empty profile (see insertEmptyCandidate). */
export function emptyCandidateRow(displayName?: string, lang?: string): typeof candidates.$inferInsert {
  const now = nowIso();
  const id = newId('cand');
  return {
      id,
      displayName: displayName ?? `Seeker ${id.slice(-6)}`,
      skills: [],
      experience: [],
      languages: [],
      destinations: [],
      pathways: [],
      lang: lang ?? 'en',
      createdAt: now,
      updatedAt: now,
  };
}

/** Replace the profile; consent timestamps change only when the consent itself changes. */
export async function putCandidate(q: SqlHandle, current: CandidateRow, input: PutCandidate, suggestions: SuggestionRow | null = null): Promise<CandidateRow> {
  const now = nowIso();
  const { db } = q;
  const { candidates, candidateContacts, candidateProtected } = q.t;
  const [updated] = await db
    .update(candidates)
    .set({
      displayName: input.displayName,
      skills: input.skills,
      experience: input.experience,
      educationLevel: input.educationLevel ?? null,
      languages: input.languages,
      residenceCountry: input.residenceCountry,
      destinations: [...new Set(input.destinations)],
      pathways: [...new Set(input.pathways ?? [])],
      occupationEsco: input.occupation?.esco ?? null,
      occupationIsco: input.occupation?.isco ?? null,
      licences: input.licences ?? [],
      consentMatching: input.consent.matching,
      consentMatchingAt: input.consent.matching === current.consentMatching ? current.consentMatchingAt : now,
      consentVisible: input.consent.visibleToEmployers,
      consentVisibleAt: input.consent.visibleToEmployers === current.consentVisible ? current.consentVisibleAt : now,
      lang: input.lang ?? current.lang,
      suggestions,
      updatedAt: now,
    })
    .where(eq(candidates.id, current.id))
    .returning();
  const row = updated!;
  // Personal data: written when given, erased when the seeker leaves it out.
  if (input.contact && (input.contact.email || input.contact.phone)) {
    await db
      .insert(candidateContacts)
      .values({ candidateId: row.id, email: input.contact.email ?? null, phone: input.contact.phone ?? null, updatedAt: now })
      .onConflictDoUpdate({
        target: candidateContacts.candidateId,
        set: { email: input.contact.email ?? null, phone: input.contact.phone ?? null, updatedAt: now },
      });
  } else {
    await db.delete(candidateContacts).where(eq(candidateContacts.candidateId, row.id));
  }
  const p = input.protected;
  const region = p?.nationalityRegion ?? regionOfCountry(p?.nationality) ?? null;
  if (p && (p.sex || p.ageBand || p.nationality || region || p.disability)) {
    const values = { sex: p.sex ?? null, ageBand: p.ageBand ?? null, nationality: p.nationality ?? null, nationalityRegion: region, disability: p.disability ?? null, updatedAt: now };
    await db
      .insert(candidateProtected)
      .values({ candidateId: row.id, ...values })
      .onConflictDoUpdate({ target: candidateProtected.candidateId, set: values });
  } else {
    await db.delete(candidateProtected).where(eq(candidateProtected.candidateId, row.id));
  }
  return row;
}

export async function getCandidateRow(q: SqlHandle, id: string): Promise<CandidateRow> {
  const [row] = await q.db.select().from(q.t.candidates).where(eq(q.t.candidates.id, id)).limit(1);
  if (!row) throw notFound('candidate', id);
  return row;
}

/**
 * Erase a profile with everything personal hanging off it: contacts, protected attributes and keys cascade; her
 * stored idempotent replies go; her contest messages, their resolutions and the notes of employers' decisions about
 * her are blanked. Oversight keeps the stubs (ids, audit link, decision, reason code, status, times), which hold no
 * personal data beyond the pseudonymous id the audit log already keeps. Call inside the erasure's transaction.
 */
export async function eraseCandidate(q: SqlHandle, id: string): Promise<boolean> {
  const now = nowIso();
  const { db } = q;
  const { matchContests, matchDecisions, idempotencyRecords, candidates } = q.t;
  await db
    .update(matchContests)
    .set({ message: '', resolution: sql`case when ${matchContests.resolution} is null then null else '' end`, erasedAt: now })
    .where(eq(matchContests.candidateId, id));
  await db.update(matchDecisions).set({ reason: '', erasedAt: now }).where(eq(matchDecisions.candidateId, id));
  await db.delete(idempotencyRecords).where(eq(idempotencyRecords.subjectId, id));
  return (await db.delete(candidates).where(eq(candidates.id, id)).returning({ id: candidates.id })).length > 0;
}

export async function listCandidates(h: SqlHandle, q: { limit: number; cursor?: string; residenceCountry?: string; destination?: string }) {
  const { candidates } = h.t;
  const conds: SQL[] = [];
  if (q.residenceCountry) conds.push(eq(candidates.residenceCountry, q.residenceCountry));
  if (q.destination) {
    conds.push(
      h.dialect === 'postgres'
        ? sql`${candidates.destinations} @> ${JSON.stringify([q.destination])}::jsonb`
        : sql`exists (select 1 from json_each(${candidates.destinations}) where value = ${q.destination})`,
    );
  }
  const rows = await h.db
    .select()
    .from(candidates)
    .where(keysetWhere(candidates.id, conds, q.cursor, 'cand'))
    .orderBy(candidates.id)
    .limit(q.limit + 1);
  const out = page(rows, q.limit, (r) => r);
  return { items: await Promise.all(out.items.map((r) => toCandidate(h, r, { includePersonal: false }))), nextCursor: out.nextCursor };
}

/**
 * Everything held about a candidate (GDPR Art. 15 and 20), as one JSON document. Audit records are found by subject,
 * requester or membership of a ranking; from a ranking of candidates only her own entry is shown.
 */
export async function exportCandidate(q: SqlHandle, id: string): Promise<CandidateExport> {
  const { db } = q;
  const { apiKeys, matchContests, matchDecisions, contactRequests, auditRecords } = q.t;
  const row = await getCandidateRow(q, id);
  const keys = await db
    .select({ id: apiKeys.id, name: apiKeys.name, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.candidateId, id))
    .orderBy(asc(apiKeys.id));
  const contests = (await db.select().from(matchContests).where(eq(matchContests.candidateId, id)).orderBy(asc(matchContests.id))).map(({ resolvedBy: _r, ...rest }) => rest);
  const decisions = (await db.select().from(matchDecisions).where(eq(matchDecisions.candidateId, id)).orderBy(asc(matchDecisions.id))).map((d) => ({ ...toDecision(d), employerId: d.employerId }));
  const contacts = (await db.select().from(contactRequests).where(eq(contactRequests.candidateId, id)).orderBy(asc(contactRequests.id))).map(({ candidateId: _c, ...rest }) => rest);
  // Rankings she appears in: a scan of the results JSON (ids are unique, so the quoted id is an exact needle).
  const inResults =
    q.dialect === 'postgres'
      ? sql`strpos(${auditRecords.results}::text, ${JSON.stringify(id)}) > 0`
      : sql`instr(${auditRecords.results}, ${JSON.stringify(id)}) > 0`;
  const audits = await db
    .select()
    .from(auditRecords)
    .where(or(eq(auditRecords.subjectId, id), eq(auditRecords.tenantId, id), inResults))
    .orderBy(asc(auditRecords.seq));
  const auditRecordsOut = audits.map((a) => {
    const base = { id: a.id, createdAt: a.createdAt, kind: a.kind, actorRole: a.actorRole, modelId: a.modelId, weightsVersion: a.weightsVersion };
    const mine = a.results.find((r) => r.id === id);
    if (a.subjectId === id || (a.tenantId === id && !mine)) {
      return { ...base, role: a.subjectId === id ? ('subject' as const) : ('requester' as const), vacancyId: null, rank: null, score: null, results: a.results };
    }
    return { ...base, role: 'ranked' as const, vacancyId: a.subjectId, rank: mine?.rank ?? null, score: mine?.score ?? null, results: null };
  });
  return {
    format: 'passerelle-candidate-export/1',
    exportedAt: nowIso(),
    candidate: await toCandidate(q, row, { includePersonal: true }),
    apiKeys: keys,
    contests,
    decisions,
    contactRequests: contacts,
    auditRecords: auditRecordsOut,
    notes: [
      'Vectors computed from your profile (for matching) are not exported: they are model internals, derived from the profile above.',
      'API keys are listed without the keys themselves: only a hash is stored.',
    ],
  };
}
