import { z } from 'zod';
import {
  countrySchema,
  escoOccupationUriSchema,
  escoSkillUriSchema,
  idSchema,
  iscoCodeSchema,
  languageCodeSchema,
  LanguageRequirementSchema,
  PaginationQuerySchema,
  textSchema,
} from './common.js';
import { AGE_BANDS, DISABILITY_VALUES, NATIONALITY_REGIONS, SEX_VALUES } from '../fairness/attributes.js';

export const PATHWAYS = ['work-permit', 'seasonal-work', 'eu-blue-card', 'talent-partnership', 'apprenticeship', 'study-to-work', 'family'] as const;

export const CandidateSkillSchema = z.object({ label: textSchema(200), esco: escoSkillUriSchema.optional() }).strict();
export const ExperienceSchema = z
  .object({ title: textSchema(200), years: z.number().min(0).max(60), country: countrySchema.optional() })
  .strict();

// Self-declared, optional, used for fairness audits only: never scored, never shown to employers.
// Each may be left out (reported as "undeclared") or answered "prefer-not-to-say" ("undisclosed" is its older spelling).
export const ProtectedAttributesSchema = z
  .object({
    sex: z.enum([...SEX_VALUES, 'undisclosed']).optional(),
    ageBand: z.enum(AGE_BANDS).optional(),
    nationality: countrySchema.optional().describe('Optional; the region is derived from it and is all fairness reports use'),
    nationalityRegion: z.enum(NATIONALITY_REGIONS).optional(),
    disability: z.enum([...DISABILITY_VALUES, 'undisclosed']).optional(),
  })
  .strict();

export const PutCandidateSchema = z
  .object({
    displayName: textSchema(80),
    skills: z.array(CandidateSkillSchema).max(200),
    experience: z.array(ExperienceSchema).max(50),
    educationLevel: z.number().int().min(0).max(8).optional().describe('ISCED 2011 level 0..8'),
    languages: z.array(LanguageRequirementSchema).max(20),
    residenceCountry: countrySchema,
    destinations: z.array(countrySchema).max(30),
    pathways: z.array(z.enum(PATHWAYS)).max(10).optional(),
    occupation: z.object({ esco: escoOccupationUriSchema.optional(), isco: iscoCodeSchema.optional() }).strict().optional(),
    consent: z.object({ matching: z.boolean(), visibleToEmployers: z.boolean() }).strict(),
    contact: z
      .object({
        email: z.email({ message: 'must be an e-mail address' }).max(254).optional(),
        phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, { message: 'must be a phone number such as +33 6 12 34 56 78' }).optional(),
      })
      .strict()
      .optional(),
    protected: ProtectedAttributesSchema.optional(),
    lang: languageCodeSchema.optional().describe('Preferred language of explanations'),
  })
  .strict();
export type PutCandidate = z.infer<typeof PutCandidateSchema>;

export const CandidateSchema = z.object({
  id: idSchema('cand'),
  displayName: z.string(),
  skills: z.array(z.object({ label: z.string(), esco: z.string().optional() })),
  experience: z.array(z.object({ title: z.string(), years: z.number(), country: z.string().optional() })),
  educationLevel: z.number().nullable(),
  languages: z.array(z.object({ code: z.string(), level: z.string() })),
  residenceCountry: z.string().nullable(),
  destinations: z.array(z.string()),
  pathways: z.array(z.string()),
  occupation: z.object({ esco: z.string().nullable(), isco: z.string().nullable() }),
  consent: z.object({
    matching: z.boolean(),
    matchingAt: z.string().nullable(),
    visibleToEmployers: z.boolean(),
    visibleToEmployersAt: z.string().nullable(),
  }),
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }).nullable().optional(),
  protected: z
    .object({
      sex: z.string().nullable(),
      ageBand: z.string().nullable(),
      nationality: z.string().nullable(),
      nationalityRegion: z.string().nullable(),
      disability: z.string().nullable(),
    })
    .nullable()
    .optional(),
  lang: z.string(),
  suggestions: z.unknown().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const ListCandidatesQuerySchema = PaginationQuerySchema.extend({
  residenceCountry: countrySchema.optional(),
  destination: countrySchema.optional(),
}).strict();
export const CandidateParamsSchema = z.object({ id: idSchema('cand') }).strict();

export const JobseekerRegistrationSchema = z.object({ candidateId: idSchema('cand'), key: z.string() });
