import { z } from 'zod';
import { OccupationOutlookNoteSchema } from './outlook.js';
import { HeldCredentialSchema, RequiredCredentialSchema } from './requirements.js';

// The wire shape of a match explanation (the engine's MatchExplanation must fit it; routes/matches.ts checks that).

const DisplayLabelSchema = z
  .object({ text: z.string(), lang: z.string().nullable().describe('Language of the text; null when unknown') })
  .describe("The label in the reader's language when ESCO has it, else as written, with its language");

const ComponentSchema = z.object({
  name: z.string(),
  value: z.number(),
  weight: z.number().describe('Effective weight for this pair'),
  contribution: z.number(),
  stated: z.boolean().describe('false: the vacancy states nothing for this requirement, so it earns nothing and its weight went to the stated ones'),
});

const OccupationReadingSchema = z.object({
  status: z.enum(['set', 'inferred', 'unknown']),
  candidates: z.array(
    z.object({
      escoUri: z.string().optional(),
      iscoCode: z.string().optional(),
      label: DisplayLabelSchema,
      probability: z.number(),
      source: z.enum(['set', 'suggested']),
    }),
  ),
});

const EvidenceSchema = z.object({ label: z.string(), esco: z.string().optional(), how: z.enum(['exact', 'related', 'lexical']), similarity: z.number() });

export const MatchExplanationSchema = z.object({
  components: z.array(ComponentSchema).describe('Each component in [0,1] with its weight; contributions sum exactly to the score'),
  matchedSkills: z.array(
    z.object({
      label: z.string(),
      esco: z.string().optional(),
      essential: z.boolean(),
      lang: z.string().optional(),
      credit: z.number(),
      status: z.enum(['met', 'partial']),
      display: DisplayLabelSchema,
      evidence: EvidenceSchema,
    }),
  ),
  missingSkills: z.array(z.object({ label: z.string(), esco: z.string().optional(), lang: z.string().optional(), essential: z.literal(true), display: DisplayLabelSchema })),
  languageGaps: z.array(z.object({ code: z.string(), required: z.string(), have: z.string().nullable() })),
  licences: z
    .array(z.object({ required: RequiredCredentialSchema, credit: z.number(), held: HeldCredentialSchema.optional(), display: DisplayLabelSchema }))
    .describe('Each stated licence, certificate or recognition and how it was met'),
  experience: z
    .array(
      z.object({
        kind: z.enum(['experienceYears', 'occupationYears', 'education']),
        essential: z.boolean(),
        required: z.number(),
        have: z.number().nullable(),
        credit: z.number(),
      }),
    )
    .describe('Each stated experience or education requirement and how it was met'),
  occupation: z
    .object({ fit: z.number(), profile: OccupationReadingSchema, vacancy: OccupationReadingSchema })
    .describe('How we read the occupation of each side; a wrong reading is corrected by setting the occupation (user-set wins)'),
  lang: z.string(),
  summary: z.string().describe('Three or four plain sentences in the requested language'),
  improve: z
    .array(
      z.union([
        z.object({ kind: z.literal('skill'), label: z.string(), esco: z.string().optional(), essential: z.boolean(), display: DisplayLabelSchema, scoreAfter: z.number(), gain: z.number() }),
        z.object({ kind: z.literal('language'), code: z.string(), level: z.string(), from: z.string().nullable(), scoreAfter: z.number(), gain: z.number() }),
        z.object({ kind: z.literal('licence'), licence: RequiredCredentialSchema, display: DisplayLabelSchema, scoreAfter: z.number(), gain: z.number() }),
      ]),
    )
    .describe('Counterfactual: the missing skills, licences or language levels that would raise the score most, with the score then reached; never a skill already listed'),
  weightsVersion: z.string(),
  outlook: OccupationOutlookNoteSchema
    .optional()
    .describe("Information only, not part of the score: the vacancy occupation's shortage rating (AU, computed from the vacancy index) or BLS projection (US) in its destination, in the explanation's language"),
});
