import { z } from 'zod';
import {
  countrySchema,
  escoOccupationUriSchema,
  escoSkillUriSchema,
  idSchema,
  iscoCodeSchema,
  isoDateSchema,
  languageCodeSchema,
  LanguageRequirementSchema,
  LIST_CAPS,
  listOf,
  textSchema,
  booleanQuerySchema,
  PaginationQuerySchema,
} from './common.js';
import { VacancyScreeningSchema } from './screening.js';
import { VacancyRequirementsSchema } from './requirements.js';

export const VACANCY_STATUS = ['draft', 'open', 'closed', 'filled'] as const;
/** What a stored vacancy can be: also `held` by fair-recruitment screening (never set by a client). */
export const VACANCY_STATUS_STORED = [...VACANCY_STATUS, 'held'] as const;
export const SALARY_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export const CONTRACT_TYPES = ['permanent', 'fixed-term', 'seasonal', 'temporary', 'apprenticeship', 'internship'] as const;

export const VacancySkillSchema = z
  .object({
    label: textSchema(200),
    esco: escoSkillUriSchema.optional(),
    essential: z
      .boolean()
      .default(false)
      .describe('A requirement the employer will not hire without; left out, the skill is optional (an asset, not a filter)'),
  })
  .strict();

const SalarySchema = z
  .object({
    min: z.number().nonnegative().max(1e9),
    max: z.number().nonnegative().max(1e9),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code, e.g. "EUR"' }),
    period: z.enum(SALARY_PERIODS),
  })
  .strict()
  .refine((s) => s.min <= s.max, { message: 'min must not be above max', path: ['min'] });

const OccupationRefSchema = z
  .object({ esco: escoOccupationUriSchema.optional(), isco: iscoCodeSchema.optional() })
  .strict();

const vacancyFields = {
  title: textSchema(200),
  description: textSchema(20_000),
  country: countrySchema,
  region: textSchema(100).optional(),
  remote: z.boolean().optional(),
  occupation: OccupationRefSchema.optional(),
  skills: listOf(VacancySkillSchema, LIST_CAPS.vacancySkills),
  languages: listOf(LanguageRequirementSchema, LIST_CAPS.languages),
  requirements: VacancyRequirementsSchema.optional().describe('Experience, education, licences: only what is stated is scored'),
  salary: SalarySchema.optional(),
  contractType: z.enum(CONTRACT_TYPES).optional(),
  hoursPerWeek: z.number().min(1, { message: 'must be at least 1 hour a week' }).max(80).optional(),
  positions: z.number().int().min(1).max(10_000).optional(),
  startDate: isoDateSchema.optional(),
  expiresAt: isoDateSchema.optional(),
  shortage: z.boolean().optional(),
  status: z.enum(VACANCY_STATUS).optional(),
  recruitmentFees: z
    .object({ chargedToWorker: z.boolean(), note: textSchema(1000).optional() })
    .strict()
    .optional(),
  lang: languageCodeSchema.optional(),
};

const datesInOrder = (v: { startDate?: string; expiresAt?: string }) =>
  !v.startDate || !v.expiresAt || v.expiresAt >= v.startDate;
const datesRule = { message: 'expiresAt must not be before startDate', path: ['expiresAt'] };

export const CreateVacancySchema = z.object(vacancyFields).strict().refine(datesInOrder, datesRule);
export type CreateVacancy = z.infer<typeof CreateVacancySchema>;

export const UpdateVacancySchema = z.object(vacancyFields).partial().strict().refine(datesInOrder, datesRule);
export type UpdateVacancy = z.infer<typeof UpdateVacancySchema>;

const SuggestionSchema = z
  .object({
    occupation: z
      .object({ esco: z.string().optional(), isco: z.string().optional(), label: z.string().optional(), score: z.number() })
      .optional(),
    occupations: z
      .array(z.object({ esco: z.string().optional(), isco: z.string().optional(), label: z.string().optional(), score: z.number() }))
      .optional()
      .describe('Occupations read from the title and skills, best first; scores are calibrated probabilities (sum ≤ 1)'),
    occupationStatus: z.enum(['inferred', 'abstained']).optional().describe("'abstained': the occupation could not be told confidently; set it"),
    skills: z.array(z.object({ label: z.string(), esco: z.string(), escoLabel: z.string().optional(), score: z.number() })).optional(),
    unlinkedSkills: z.array(z.object({ label: z.string(), reason: z.string() })).optional().describe('Free-text skills not linked to ESCO, with the reason'),
  })
  .nullable();

export const VacancySchema = z.object({
  id: idSchema('vac'),
  employerId: idSchema('emp'),
  title: z.string(),
  description: z.string(),
  country: z.string(),
  region: z.string().nullable(),
  remote: z.boolean(),
  occupation: z.object({ esco: z.string().nullable(), isco: z.string().nullable() }),
  skills: z.array(z.object({ label: z.string(), esco: z.string().optional(), essential: z.boolean() })),
  languages: z.array(z.object({ code: z.string(), level: z.string() })),
  requirements: VacancyRequirementsSchema.nullable(),
  salary: z.object({ min: z.number(), max: z.number(), currency: z.string(), period: z.string() }).nullable(),
  contractType: z.string().nullable(),
  hoursPerWeek: z.number().nullable(),
  positions: z.number(),
  startDate: z.string().nullable(),
  expiresAt: z.string().nullable(),
  shortage: z.boolean(),
  status: z.enum(VACANCY_STATUS_STORED),
  recruitmentFees: z.object({ chargedToWorker: z.boolean(), note: z.string().nullable() }).nullable(),
  lang: z.string(),
  suggestions: SuggestionSchema.describe('Machine suggestions, kept apart from what the employer set'),
  screening: VacancyScreeningSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Vacancy = z.infer<typeof VacancySchema>;

export const ListVacanciesQuerySchema = PaginationQuerySchema.extend({
  country: countrySchema.optional(),
  status: z.enum(VACANCY_STATUS_STORED).optional(),
  shortage: booleanQuerySchema.optional(),
  occupation: z.union([escoOccupationUriSchema, iscoCodeSchema]).optional(),
  employerId: idSchema('emp').optional(),
  lang: languageCodeSchema.optional().describe('Language of the screening explanations; overrides Accept-Language'),
}).strict();
export type ListVacanciesQuery = z.infer<typeof ListVacanciesQuerySchema>;

export const VacancyParamsSchema = z.object({ id: idSchema('vac') }).strict();
export const VacancyReadQuerySchema = z
  .object({ lang: languageCodeSchema.optional().describe('Language of the screening explanations; overrides Accept-Language') })
  .strict();

export const BulkResultSchema = z.object({
  results: z.array(
    z.object({
      line: z.number(),
      status: z.union([z.literal(201), z.literal(400)]),
      id: z.string().optional(),
      error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
    }),
  ),
  created: z.number(),
  failed: z.number(),
});

