import { z } from 'zod';
import { FLAG_TYPES, SEVERITIES } from '../screening/types.js';
import { countrySchema, idSchema, languageCodeSchema, PaginationQuerySchema, textSchema } from './common.js';

export const FlagEvidenceSchema = z.object({
  field: z.string().describe('title, description, recruitmentFees.note, salary, hoursPerWeek or recruitmentFees.chargedToWorker'),
  text: z.string().describe('The span as the employer wrote it, or the field value'),
  start: z.number().int().optional().describe('Offset of the span in the field (UTF-16 code units)'),
  end: z.number().int().optional(),
});

export const ScreeningFlagSchema = z.object({
  type: z.enum(FLAG_TYPES),
  severity: z.enum(SEVERITIES).describe('high: the vacancy is held for review; medium and low: shown to job seekers'),
  explanation: z.string().describe("One or two sentences in the reader's language (en, fr, es, ar, de)"),
  evidence: z.array(FlagEvidenceSchema),
  source: z.enum(['rules', 'semantic', 'wage-table', 'structured']),
  facts: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('Figures the explanation quotes'),
  dismissed: z.boolean().optional().describe('An admin released the vacancy over this flag (owner and admin views only)'),
});
export type ScreeningFlagView = z.infer<typeof ScreeningFlagSchema>;

export const WageCheckSchema = z.object({
  status: z.enum(['checked', 'no-pay-stated', 'no-statutory-minimum', 'not-in-table', 'currency-differs', 'exempt-contract']),
  jurisdiction: z.string().optional(),
  hourlyPay: z.number().optional(),
  hourlyMinimum: z.number().optional(),
  currency: z.string().optional(),
  hoursPerWeek: z.number().optional(),
  hoursAssumed: z.boolean().optional(),
  source: z.string().optional(),
  effectiveFrom: z.string().optional(),
  note: z.string().optional(),
});

export const ScreeningReviewRefSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'released', 'rejected', 'superseded']),
  decision: z.enum(['release', 'reject']).nullable(),
  reason: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

export const VacancyScreeningSchema = z
  .object({
    status: z.enum(['clear', 'flagged', 'held', 'not-screened']),
    lang: z.string().describe('Language of the explanations'),
    version: z.string().nullable(),
    screenedAt: z.string().nullable(),
    flags: z.array(ScreeningFlagSchema),
    wage: WageCheckSchema.nullable(),
    review: ScreeningReviewRefSchema.nullable().optional().describe('The latest admin review (owner and admin views only)'),
  })
  .describe('Fair-recruitment screening of the vacancy (ILO General Principles and Operational Guidelines for Fair Recruitment, IOM IRIS)');
export type VacancyScreening = z.infer<typeof VacancyScreeningSchema>;

/** The small field the matching reply carries for each vacancy (kept apart from the match explanation). */
export const MatchScreeningSchema = z
  .object({ status: z.enum(['clear', 'flagged', 'not-screened']), flags: z.array(ScreeningFlagSchema.omit({ dismissed: true })) })
  .describe('Fair-recruitment flags on this vacancy, in the requested language');

export const ReviewSchema = z.object({
  id: z.string(),
  vacancyId: z.string(),
  employerId: z.string(),
  status: z.enum(['pending', 'released', 'rejected', 'superseded']),
  vacancy: z.object({ title: z.string(), country: z.string(), status: z.string() }).nullable(),
  flags: z.array(ScreeningFlagSchema),
  screeningVersion: z.string(),
  decision: z.enum(['release', 'reject']).nullable(),
  reason: z.string().nullable(),
  auditId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type Review = z.infer<typeof ReviewSchema>;

export const ListReviewsQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(['pending', 'released', 'rejected', 'superseded']).default('pending'),
  lang: languageCodeSchema.optional(),
}).strict();

export const ReviewParamsSchema = z.object({ id: idSchema('scr') }).strict();

export const ResolveReviewSchema = z
  .object({
    decision: z.enum(['release', 'reject']).describe('release: publish the vacancy (its high flags are dismissed); reject: it stays held until the employer corrects it'),
    reason: textSchema(2000),
  })
  .strict();

export const AggregatesQuerySchema = z
  .object({
    by: z.enum(['destination', 'occupation', 'employer']),
    iscoLevel: z.coerce.number().int().min(1).max(4).default(2).describe('ISCO digits for by=occupation'),
    country: countrySchema.optional(),
    lang: languageCodeSchema.optional(),
  })
  .strict();

export const AggregateCellSchema = z.object({
  key: z.string(),
  label: z.string().nullable(),
  vacancies: z.number().nullable(),
  flagged: z.number().nullable(),
  held: z.number().nullable(),
  byFlag: z.record(z.string(), z.number().nullable()),
  suppressed: z.array(z.string()).describe('Counts withheld: fewer than SUPPRESSION_K, or withheld so that a suppressed count cannot be derived'),
});

export const AggregatesSchema = z.object({
  by: z.string(),
  suppressionK: z.number(),
  screenerVersion: z.string(),
  cells: z.array(AggregateCellSchema),
  total: z
    .object({ vacancies: z.number().nullable(), flagged: z.number().nullable(), held: z.number().nullable() })
    .describe('All screened vacancies (null below k); a cell withheld below k is never alone, so the total cannot reveal it'),
});
