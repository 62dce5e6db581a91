import { z } from 'zod';
import { booleanQuerySchema, countrySchema, escoOccupationUriSchema, idSchema, isoDateSchema, isoDateTimeSchema, PaginationQuerySchema } from './common.js';
import { DECISIONS, DecisionSchema } from './audit.js';

// Shapes of the fairness audit (issue 13): decisions read back, reports, alerts, the employer's view, contact requests.

export const DecisionViewSchema = DecisionSchema.extend({
  employerId: z.string(),
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

export const REPORT_METRICS = ['scoring', 'topK', 'shortlisted', 'hired'] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

export const RateCellSchema = z.object({
  positive: z.number().nullable().describe('Assessments counted as selected (omitted for ministries)'),
  rate: z.number().nullable(),
  impactRatio: z.number().nullable().describe('rate / the highest rate among the categories in ratios'),
  fourFifths: z.boolean().describe('impact ratio below 0.8 (EEOC four-fifths rule)'),
  pValue: z.number().nullable().describe('candidate-level permutation test of the shortfall against the reference, adjusted over categories (Westfall–Young max-T)'),
  adverseImpact: z.boolean().describe('fourFifths and pValue below alpha'),
});

export const ReportCategorySchema = z.object({
  category: z.string(),
  comparable: z.boolean().describe('false for undeclared and prefer-not-to-say: reported, never in ratios'),
  suppressed: z.boolean().describe('ministry view: fewer than k candidates (or complementary suppression); figures withheld'),
  candidates: z.number().nullable(),
  assessments: z.number().nullable().describe('vacancy × candidate pairs scored in the period'),
  share: z.number().nullable(),
  underMinShare: z.boolean().describe('below 2 % of the comparable data: reported, excluded from ratios (LL144)'),
  inRatios: z.boolean(),
  scoring: RateCellSchema,
  topK: RateCellSchema,
  shortlisted: RateCellSchema,
  hired: RateCellSchema,
  exposure: z
    .object({ exposureShare: z.number(), poolShare: z.number(), ratio: z.number().nullable() })
    .nullable()
    .describe('position-discounted attention (1/log2(1+rank)) over the served top k, against the share of the eligible pool'),
});
export type ReportCategory = z.infer<typeof ReportCategorySchema>;

export const ProxyRowSchema = z.object({
  input: z.string().describe('a non-protected input of the scorer, a score component, or the profile language'),
  kind: z.enum(['profile', 'component', 'employer-view']),
  attribute: z.string(),
  strongestValue: z.string().nullable().describe('for multi-valued inputs (languages, destinations): the value with the strongest association'),
  cramersV: z.number().describe("bias-corrected Cramér's V between the input and the attribute (declared categories only)"),
  mutualInformationBits: z.number(),
  scoreEta: z.number().nullable().describe('correlation ratio of the within-ranking score residual on the input'),
  scoreEtaWithin: z.number().nullable().describe("the same within the attribute's categories (profile inputs): the effect that does not come from the attribute itself"),
  scoreGap: z.number().nullable().describe('highest minus lowest mean score residual over input values (or, for a component, over categories of the attribute)'),
  strength: z.number().describe('cramersV × max(scoreEta, scoreEtaWithin): associated with the attribute and moving scores'),
  candidates: z.number(),
});
export type ProxyRow = z.infer<typeof ProxyRowSchema>;

export const ProxyReportSchema = z.object({
  languageEffect: z
    .object({
      assessments: z.number(),
      eta: z.number(),
      gap: z.number(),
      byLang: z.array(z.object({ lang: z.string(), n: z.number(), meanResidual: z.number() })),
      flagged: z.boolean().describe('η ≥ 0.1: the language a profile is written in moves its scores'),
    })
    .nullable()
    .describe('Among people who speak the same languages, does the language the profile is written in move scores? (It must not.)'),
  method: z.string(),
  candidates: z.number(),
  assessments: z.number(),
  strongest: z.array(ProxyRowSchema).describe('per attribute, up to 5 inputs with strength ≥ 0.1; strongest first'),
  all: z.array(ProxyRowSchema),
});
export type ProxyReport = z.infer<typeof ProxyReportSchema>;

export const FairnessReportSchema = z.object({
  title: z.string(),
  generatedAt: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  scope: z.object({ employer: z.string().nullable(), occupation: z.string().nullable(), country: z.string().nullable() }),
  attribute: z.string(),
  k: z.number(),
  minShare: z.number(),
  alpha: z.number(),
  audience: z.enum(['admin', 'ministry']),
  suppressionK: z.number().nullable(),
  dataSources: z.object({
    auditRecords: z.number(),
    rankings: z.number(),
    rankingsWithoutPool: z.number().describe('recorded before pools were logged: only their served page counts'),
    rerankedRankings: z.number(),
    vacancies: z.number(),
    candidates: z.number().nullable(),
    assessments: z.number().nullable(),
    decisions: z.number().nullable(),
  }),
  medianScore: z.number().nullable(),
  categories: z.array(ReportCategorySchema),
  references: z.record(z.string(), z.string().nullable()),
  flags: z.array(z.object({ metric: z.enum(REPORT_METRICS), category: z.string(), impactRatio: z.number(), pValue: z.number().nullable() })),
  test: z.object({ method: z.string(), permutations: z.number(), seed: z.number(), alpha: z.number() }),
  reranking: z.object({ rankings: z.number(), meanNdcgAtK: z.number().nullable(), meanScoreChangeTopK: z.number().nullable() }),
  proxies: ProxyReportSchema.nullable(),
  notMeasured: z.array(z.string()),
  withheldMetrics: z
    .array(z.enum(REPORT_METRICS))
    .optional()
    .describe('ministry view: metrics whose positive (or negative) outcomes number fewer than SUPPRESSION_K in scope, withheld in every category'),
});
export type FairnessReport = z.infer<typeof FairnessReportSchema>;

export const EmployerCandidateViewSchema = z
  .object({
    displayName: z.string().describe("A stable pseudonym (\"Candidate 7F3A2K\"), or the seeker's own name once they accepted this employer's contact request"),
    pseudonym: z.string(),
    contactRequest: z.enum(['none', 'pending', 'accepted', 'declined', 'withdrawn']).describe("State of this employer's contact request for the vacancy"),
    relocation: z
      .enum(['resides-in-country', 'wants-this-country', 'no-destination-stated', 'other-destinations'])
      .describe("Where the candidate stands for the vacancy's country; no country is named"),
    pathways: z.array(z.string()).describe('Migration pathways the seeker considers'),
  })
  .describe('Pseudonymous: no name, residence, destination list, contact details or protected attribute until contact is accepted');

export const RerankQuerySchema = {
  rerank: z.enum(['on', 'off']).optional().describe('Per-request switch, where the tenant allows per-request fair re-ranking'),
  rerankAttribute: z.string().max(60).optional().describe('sex, ageBand, nationalityRegion, disability or an intersection (sex×ageBand)'),
  rerankCategory: z.string().max(80).optional().describe('The protected category whose minimum share is kept in every prefix of the top 100'),
  rerankMinShare: z.coerce.number().gt(0).lt(1).optional(),
  rerankAlpha: z.coerce.number().gt(0).lt(0.5).optional().describe('Tolerance (FA*IR significance, adjusted for all prefixes); default 0.1'),
};

export const CONTACT_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;

export const CreateContactRequestSchema = z
  .object({
    candidateId: idSchema('cand'),
    auditId: idSchema('audit').describe('The ranking in which the employer saw the candidate'),
    message: z.string().trim().min(1).max(1000).optional().describe('A short note to the seeker (no personal data needed)'),
  })
  .strict();

export const EmployerContactRequestSchema = z.object({
  id: z.string(),
  vacancyId: z.string(),
  candidateId: z.string(),
  pseudonym: z.string(),
  auditId: z.string(),
  message: z.string().nullable(),
  status: z.enum(CONTACT_STATUSES),
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
  candidate: z
    .object({ displayName: z.string(), email: z.string().nullable(), phone: z.string().nullable() })
    .nullable()
    .describe('Only once the seeker accepted; null again if they withdraw'),
});

export const SeekerContactRequestSchema = z.object({
  id: z.string(),
  vacancyId: z.string(),
  vacancy: z.object({ title: z.string(), country: z.string(), region: z.string().nullable() }),
  employer: z.object({ id: z.string(), name: z.string() }),
  message: z.string().nullable(),
  status: z.enum(CONTACT_STATUSES),
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
});

export const ListContactRequestsQuerySchema = PaginationQuerySchema.extend({ status: z.enum(CONTACT_STATUSES).optional() }).strict();

// Report query, alerts and the per-tenant re-ranking setting.

/** A date (the whole day, UTC) or a date-time. */
const instant = z.union([isoDateTimeSchema, isoDateSchema]);

export const ReportQuerySchema = z
  .object({
    period: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, { message: 'must be a calendar quarter such as 2026-Q3' })
      .optional()
      .describe('A calendar quarter (2026-Q3), instead of from/to; required for a ministry, and the quarter must have ended (the publication grid)'),
    from: instant.optional().describe('Start of the period (inclusive); default: 90 days before `to`'),
    to: instant.optional().describe('End of the period (exclusive; a date means the end of that day); default: now'),
    employer: idSchema('emp').optional(),
    occupation: z.union([escoOccupationUriSchema, z.string().regex(/^\d{1,4}$/, { message: 'must be an ESCO occupation URI or an ISCO-08 code of 1 to 4 digits' })]).optional(),
    country: countrySchema.optional(),
    attribute: z.string().max(80).default('sex').describe('sex | ageBand | nationalityRegion | disability, or an intersection such as sex×ageBand (also sex*ageBand)'),
    k: z.coerce.number().int().min(1).max(100).default(10).describe('Top-k for the selection rate and exposure'),
    alpha: z.coerce.number().gt(0).lt(0.5).optional(),
    permutations: z.coerce.number().int().min(0).max(10_000).default(1000),
    seed: z.coerce.number().int().min(0).max(2 ** 31).default(1),
    proxies: booleanQuerySchema.default(true).describe('Run the proxy check (admins only)'),
    format: z.enum(['json', 'csv', 'html']).default('json'),
  })
  .strict();

export const AlertSchema = z.object({
  id: z.string(),
  scope: z.string().describe("'all' or the employer whose rankings were evaluated"),
  attribute: z.string(),
  category: z.string(),
  referenceCategory: z.string(),
  metric: z.string(),
  impactRatio: z.number(),
  pValue: z.number(),
  n: z.number(),
  referenceN: z.number(),
  segments: z.array(z.object({ from: z.string(), to: z.string(), impactRatio: z.number().nullable() })),
  windowFrom: z.string(),
  windowTo: z.string(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  note: z.string().nullable(),
});

export const RerankParamsSchema = z
  .object({
    attribute: z.string().max(60),
    category: z.string().max(80),
    minShare: z.number().gt(0).lt(1),
    alpha: z.number().gt(0).lt(0.5).default(0.1),
  })
  .strict();
export const RerankSettingSchema = z
  .object({
    apply: RerankParamsSchema.nullable().describe('Applied to every ranking of this employer; null = off'),
    allowPerRequest: z.boolean().default(false).describe("Whether the employer's requests may set or switch it (they then see who was promoted)"),
  })
  .strict();

export const ContactRequestSchema = z.object({
  id: z.string(),
  vacancyId: z.string(),
  candidateId: z.string(),
  status: z.enum(CONTACT_STATUSES),
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
});
