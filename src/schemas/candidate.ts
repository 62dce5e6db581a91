import { z } from 'zod';
import { OccupationOutlookNoteSchema } from './outlook.js';
import {
  countrySchema,
  escoOccupationUriSchema,
  escoSkillUriSchema,
  idSchema,
  iscoCodeSchema,
  languageCodeSchema,
  LanguageRequirementSchema,
  LIST_CAPS,
  listOf,
  PaginationQuerySchema,
  textSchema,
} from './common.js';
import { AGE_BANDS, DISABILITY_VALUES, NATIONALITY_REGIONS, SEX_VALUES } from '../fairness/attributes.js';
import { HeldCredentialSchema } from './requirements.js';
import { ContestSchema, DecisionSchema } from './audit.js';

/**
 * Characters a display name may not hold: controls (Cc), format characters (Cf: zero-width spaces and joiners, bidi
 * marks, overrides and isolates, soft hyphens), lone surrogates (Cs), private use (Co) and line/paragraph separators.
 * They render invisibly or reorder what an employer reads (U+202E turns "Ali" + "txt.exe" around).
 */
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;
export const DISPLAY_NAME_MAX = 80;

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A display name shown to employers: NFC, single spaces, 1..80 characters, nothing invisible or reordering. */
export const displayNameSchema = z
  .string()
  .superRefine((s, ctx) => {
    const bad = NAME_FORBIDDEN.exec(s);
    if (bad) {
      ctx.addIssue({
        code: 'custom',
        message: `must not contain control, invisible or bidirectional formatting characters (found ${codePoint(bad[0])} at position ${bad.index})`,
        params: { rule: 'characters' },
      });
    }
  })
  .overwrite((s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim())
  .refine((s) => s.length > 0, { message: 'must not be empty' })
  .refine((s) => [...s].length <= DISPLAY_NAME_MAX, { message: `must be at most ${DISPLAY_NAME_MAX} characters` })
  .meta({ example: 'Fatou D.' });

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
    displayName: displayNameSchema,
    skills: listOf(CandidateSkillSchema, LIST_CAPS.profileSkills),
    experience: listOf(ExperienceSchema, LIST_CAPS.experience),
    educationLevel: z.number().int().min(0).max(8).optional().describe('ISCED 2011 level 0..8'),
    languages: listOf(LanguageRequirementSchema, LIST_CAPS.languages),
    residenceCountry: countrySchema,
    destinations: listOf(countrySchema, LIST_CAPS.destinations),
    pathways: listOf(z.enum(PATHWAYS), LIST_CAPS.pathways).optional(),
    occupation: z
      .object({ esco: escoOccupationUriSchema.optional(), isco: iscoCodeSchema.optional() })
      .strict()
      .optional()
      .describe('Your occupation, if the one we read from your profile is wrong: what you set always wins'),
    licences: listOf(HeldCredentialSchema, LIST_CAPS.heldLicences).optional().describe('Driving licences, certificates, recognised qualifications you hold'),
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
  licences: z.array(HeldCredentialSchema),
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
  outlook: z
    .array(OccupationOutlookNoteSchema)
    .optional()
    .describe(
      "Information only, never part of any score: your occupation's shortage rating (AU, Australia-wide, computed from the vacancy index) or BLS 2024–34 projection (US) in each of your destinations, in the reader's language (Accept-Language, else your profile's language)",
    ),
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
export const RegisterJobseekerSchema = z.object({ displayName: displayNameSchema.optional(), lang: languageCodeSchema.optional() }).strict();

/** GDPR Art. 15/20: everything held about a job seeker, machine-readable (GET /v1/candidates/me/export). */
export const CandidateExportSchema = z.object({
  format: z.literal('passerelle-candidate-export/1'),
  exportedAt: z.string(),
  candidate: CandidateSchema.describe('The profile with contact details, self-declared attributes and consents (with their timestamps)'),
  apiKeys: z.array(z.object({ id: z.string(), name: z.string().nullable(), createdAt: z.string(), revokedAt: z.string().nullable() })),
  contests: z.array(ContestSchema),
  decisions: z.array(DecisionSchema.extend({ employerId: z.string() })).describe('Human decisions employers recorded about me'),
  contactRequests: z
    .array(
      z.object({
        id: z.string(),
        vacancyId: z.string(),
        employerId: z.string(),
        auditId: z.string(),
        message: z.string().nullable(),
        status: z.enum(['pending', 'accepted', 'declined', 'withdrawn']),
        createdAt: z.string(),
        respondedAt: z.string().nullable(),
      }),
    )
    .describe('Employers who asked to contact me, with their message and my answer'),
  auditRecords: z
    .array(
      z.object({
        id: z.string(),
        createdAt: z.string(),
        kind: z.string(),
        role: z.enum(['subject', 'ranked', 'requester']).describe('subject: my matches; ranked: I appeared in a vacancy ranking; requester: my ad-hoc query'),
        actorRole: z.string(),
        modelId: z.string(),
        weightsVersion: z.string(),
        vacancyId: z.string().nullable().describe('For role ranked: the vacancy I was ranked for'),
        rank: z.number().nullable().describe('For role ranked: my rank'),
        score: z.number().nullable().describe('For role ranked: my score'),
        results: z.array(z.object({ id: z.string(), rank: z.number(), score: z.number() })).nullable().describe('For subject and requester: the vacancies I was shown'),
      }),
    )
    .describe('Bias-audit records that concern me; other candidates in the same rankings are left out'),
  notes: z.array(z.string()),
});
export type CandidateExport = z.infer<typeof CandidateExportSchema>;
