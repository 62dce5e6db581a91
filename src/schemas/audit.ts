import { z } from 'zod';
import { idSchema, textSchema } from './common.js';

// Oversight shapes: bias-audit records, human decisions and contests. One place for routes, services and exports.

export const AUDIT_KINDS = ['seeker-matches', 'vacancy-matches', 'adhoc-query', 'screening-review'] as const;

export const AuditRankingSchema = z
  .object({
    tieBreak: z.object({ method: z.literal('seeded-shuffle'), seed: z.string() }),
    rerank: z
      .object({
        method: z.literal('fa*ir'),
        attribute: z.string(),
        category: z.string(),
        minShare: z.number(),
        alpha: z.number(),
        source: z.enum(['request', 'tenant']),
        k: z.number(),
        meanScoreTopK: z.object({ before: z.number(), after: z.number() }),
        ndcgAtK: z.number(),
        moved: z.number(),
      })
      .optional(),
    pool: z
      .array(z.union([z.tuple([z.string(), z.number(), z.number()]), z.tuple([z.string(), z.number()])]))
      .optional()
      .describe('Everyone scored after the hard constraints: [candidateId, score, closeness] (closeness orders exact score ties; records before it: [candidateId, score])'),
  })
  .describe('How the ranking was ordered beyond the score (tie seed, opt-in re-ranking) and the scored pool');

export const AuditRecordSchema = z.object({
  seq: z.number(),
  id: z.string(),
  createdAt: z.string(),
  actorRole: z.string(),
  actorKeyId: z.string().nullable(),
  tenantId: z.string().nullable(),
  kind: z.string(),
  subjectId: z.string().nullable(),
  modelId: z.string(),
  indexVersion: z.string(),
  weightsVersion: z.string(),
  inputHash: z.string(),
  candidateSetSize: z.number(),
  removed: z.record(z.string(), z.number()),
  results: z.array(z.object({ id: z.string(), rank: z.number(), score: z.number() })),
  ranking: AuditRankingSchema.nullable().optional(),
  prevHash: z.string(),
  hash: z.string(),
  macKeyId: z.string().nullable().describe('The MAC key (kept outside the database) this record was signed with'),
  mac: z.string().nullable().describe('HMAC-SHA256 of hash; null only on records adopted from before MACs'),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z
    .object({
      seq: z.number(),
      id: z.string().nullable().describe('null when the record itself is missing (a deleted tail)'),
      reason: z.enum([
        'hash-mismatch',
        'prev-hash-mismatch',
        'sequence-gap',
        'mac-missing',
        'mac-mismatch',
        'unknown-mac-key',
        'start-not-covered',
        'head-mismatch',
        'tail-missing',
      ]),
    })
    .nullable(),
  startsAfterPurge: z.object({ lastPurgedSeq: z.number() }).nullable(),
  heads: z.object({
    checked: z.number().describe('Signed heads checked, from the database and the anchor file'),
    latest: z.object({ seq: z.number(), kind: z.string(), createdAt: z.string() }).nullable(),
    firstInvalid: z
      .object({
        id: z.number().nullable(),
        source: z.enum(['database', 'anchor']),
        reason: z.string().describe('unknown-signing-key, signature-invalid, statement-invalid, statement-mismatch or purge-out-of-policy'),
      })
      .nullable(),
  }),
});

export const AuditHeadSchema = z.object({
  id: z.number(),
  kind: z.enum(['periodic', 'manual', 'purge', 'adoption']),
  seq: z.number(),
  hash: z.string(),
  createdAt: z.string(),
  statement: z.string().describe('The exact bytes signed: canonical JSON of v, kind, seq, hash, createdAt (and purge or start)'),
  keyId: z.string(),
  signature: z.string().describe('Ed25519 signature of statement, base64; verify with the public key of keyId'),
});

export const AuditSigningKeySchema = z.object({
  id: z.string(),
  publicKey: z.string().describe('Ed25519 public key, SPKI PEM'),
  createdAt: z.string(),
  current: z.boolean(),
});

export const DECISIONS = ['shortlisted', 'rejected', 'hired'] as const;

/**
 * Why a person decided, as oversight needs it: a closed list, so decisions can be counted and compared without
 * reading free text about a person. A short note may add context (no contact details; see NoteSchema).
 */
export const DECISION_REASON_CODES = [
  'skills-match',
  'experience-match',
  'language-match',
  'qualification-match',
  'missing-essential-skill',
  'insufficient-experience',
  'language-level-below-requirement',
  'qualification-missing',
  'work-authorisation',
  'availability',
  'position-filled',
  'candidate-withdrew',
  'no-response',
  'other',
] as const;

// Obvious personal data that oversight never needs in a note: e-mail addresses, phone numbers, links.
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const URL = /\b(?:https?:\/\/|www\.)\S+/i;
/** A run of digits and separators holding 9 or more digits: a phone number (a year range such as 2019-2023 has 8). */
export function hasPhoneNumber(s: string): boolean {
  for (const m of s.matchAll(/\+?\d[\d\s().\-/]*\d/g)) if (m[0].replace(/\D/g, '').length >= 9) return true;
  return false;
}

/** A short, bounded note for oversight: no e-mail addresses, phone numbers or links. */
export const decisionNoteSchema = textSchema(280)
  .refine((s) => !EMAIL.test(s), { message: 'must not contain an e-mail address (keep personal data out of decision notes)' })
  .refine((s) => !hasPhoneNumber(s), { message: 'must not contain a phone number or a long digit sequence (keep personal data out of decision notes)' })
  .refine((s) => !URL.test(s), { message: 'must not contain a link' });

export const CreateDecisionSchema = z
  .object({
    candidateId: idSchema('cand'),
    auditId: idSchema('audit'),
    decision: z.enum(DECISIONS),
    reasonCode: z.enum(DECISION_REASON_CODES).describe('Why, from a closed list oversight can count'),
    note: decisionNoteSchema.optional().describe('At most 280 characters of context; no e-mail addresses, phone numbers or links'),
  })
  .strict()
  .refine((b) => b.reasonCode !== 'other' || b.note !== undefined, { message: 'a note is required when reasonCode is "other"', path: ['note'] });
export type CreateDecision = z.infer<typeof CreateDecisionSchema>;

export const DecisionSchema = z.object({
  id: z.string(),
  auditId: z.string(),
  vacancyId: z.string(),
  candidateId: z.string(),
  decision: z.enum(DECISIONS),
  reasonCode: z.string().nullable().describe('null only on decisions recorded before reason codes existed'),
  note: z.string().describe('Empty when none was given, or once the candidate was erased'),
  createdAt: z.string(),
  erasedAt: z.string().nullable().describe('When the note was erased with the candidate'),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const ContestSchema = z.object({
  id: z.string(),
  auditId: z.string(),
  candidateId: z.string(),
  message: z.string().describe('Empty once the candidate was erased'),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  erasedAt: z.string().nullable().describe('When the message and resolution were erased with the candidate'),
});
export type Contest = z.infer<typeof ContestSchema>;
