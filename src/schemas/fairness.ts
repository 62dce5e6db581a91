import { z } from 'zod';
import { idSchema, isoDateTimeSchema, PaginationQuerySchema } from './common.js';

// Shapes of the fairness audit (issue 13): decisions read back, the ranking fields of an audit record, reports, alerts.

export const DECISIONS = ['shortlisted', 'rejected', 'hired'] as const;

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
    pool: z.array(z.tuple([z.string(), z.number()])).optional().describe('Everyone scored after the hard constraints: [candidateId, score]'),
  })
  .describe('How the ranking was ordered beyond the score (tie seed, opt-in re-ranking) and the scored pool');

export const DecisionViewSchema = z.object({
  id: z.string(),
  auditId: z.string(),
  vacancyId: z.string(),
  candidateId: z.string(),
  employerId: z.string(),
  decision: z.enum(DECISIONS),
  reason: z.string(),
  createdAt: z.string(),
  candidate: z.object({ pseudonym: z.string() }).describe('The label the employer saw for this candidate'),
  ranking: z
    .object({ rankedAt: z.string(), rank: z.number(), score: z.number() })
    .nullable()
    .describe("The candidate's rank and score in the audited ranking the decision was taken on (null if that record was purged)"),
  links: z.object({ audit: z.string(), candidate: z.string(), vacancy: z.string() }).optional(),
});
export type DecisionView = z.infer<typeof DecisionViewSchema>;

export const ListVacancyDecisionsQuerySchema = PaginationQuerySchema.extend({
  decision: z.enum(DECISIONS).optional(),
}).strict();

export const ListDecisionsQuerySchema = PaginationQuerySchema.extend({
  decision: z.enum(DECISIONS).optional(),
  employerId: idSchema('emp').optional(),
  vacancyId: idSchema('vac').optional(),
  candidateId: idSchema('cand').optional(),
  auditId: idSchema('audit').optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
}).strict();
