import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import {
  booleanQuerySchema,
  countrySchema,
  escoOccupationUriSchema,
  idSchema,
  iscoCodeSchema,
  languageCodeSchema,
  LanguageRequirementSchema,
  LIST_CAPS,
  listOf,
  textSchema,
} from '../schemas/common.js';
import { CandidateSkillSchema, ExperienceSchema } from '../schemas/candidate.js';
import { EmployerCandidateViewSchema, RerankQuerySchema } from '../schemas/fairness.js';
import { resolveRerank } from '../services/fair-rerank.js';
import { MatchScreeningSchema } from '../schemas/screening.js';
import { MatchExplanationSchema } from '../schemas/match.js';
import { HeldCredentialSchema } from '../schemas/requirements.js';
import type { MatchExplanation } from '../matching/index.js';
import { getCandidateRow } from '../services/candidates.js';
import { matchesForAdhocProfile, matchesForCandidate, matchesForVacancy, type MatchPageQuery, type MatchTimings } from '../services/matches.js';
import { getVisibleVacancy } from '../services/vacancies.js';
import { LANGS } from '../taxonomy/files.js';

// The engine's explanation type must fit the wire schema (a compile-time check, so the two cannot drift).
const EXPLANATION_FITS_SCHEMA: MatchExplanation extends z.input<typeof MatchExplanationSchema> ? true : never = true;
void EXPLANATION_FITS_SCHEMA;
const ExplanationSchema = MatchExplanationSchema;
const RetrievalSchema = z.object({
  source: z.enum(['hnsw', 'exact']),
  state: z.string().describe('ready, or rebuilding: then results come from the previous index or an exact scan'),
  stale: z.boolean(),
  retrieved: z.number(),
});
const RemovedSchema = z.object({ total: z.number(), byReason: z.record(z.string(), z.number()), belowMinScore: z.number() });
const pageOf = <T extends z.ZodRawShape>(item: T) =>
  z.object({
    items: z.array(z.object({ ...item, rank: z.number(), score: z.number(), explanation: ExplanationSchema })),
    nextCursor: z.string().nullable(),
    auditId: z.string(),
    retrieval: RetrievalSchema,
    removed: RemovedSchema,
    candidateSetSize: z.number(),
    modelId: z.string(),
    weightsVersion: z.string(),
  });
const VacancyItem = {
  vacancyId: z.string(),
  vacancy: z.object({ title: z.string(), country: z.string(), region: z.string().nullable(), employerId: z.string(), shortage: z.boolean() }),
  screening: MatchScreeningSchema,
};
const CandidateItem = {
  candidateId: z.string(),
  candidate: EmployerCandidateViewSchema,
};

const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
  minScore: z.coerce.number().min(0).max(1).optional(),
  lang: languageCodeSchema.optional().describe('Explanation language; overrides Accept-Language'),
};
const destinationList = z
  .string()
  .max(200)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(countrySchema).max(30));

/** Phase timings go to a Server-Timing header, so the body stays the wire contract. */
function withTiming<T extends { timings: MatchTimings }>(reply: FastifyReply, page: T): Omit<T, 'timings'> {
  const { timings, ...rest } = page;
  reply.header('server-timing', Object.entries(timings).map(([k, v]) => `${k};dur=${v.toFixed(2)}`).join(', '));
  return rest;
}

function pageQuery(request: FastifyRequest, q: { limit: number; cursor?: string; minScore?: number; lang?: string }, fallbackLang?: string): MatchPageQuery {
  const accept = q.lang ?? (typeof request.headers['accept-language'] === 'string' ? request.headers['accept-language'] : undefined) ?? fallbackLang;
  return { limit: q.limit, cursor: q.cursor, minScore: q.minScore, acceptLanguage: accept };
}

const sameTitle = (a: string, b: string): boolean => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

const AdhocProfileSchema = z
  .object({
    title: textSchema(200).optional().describe('The job the seeker does or wants'),
    skills: listOf(CandidateSkillSchema, LIST_CAPS.profileSkills),
    experience: listOf(ExperienceSchema, LIST_CAPS.experience).default([]),
    languages: listOf(LanguageRequirementSchema, LIST_CAPS.languages).default([]),
    residenceCountry: countrySchema.optional(),
    destinations: listOf(countrySchema, LIST_CAPS.destinations).default([]),
    educationLevel: z.number().int().min(0).max(8).optional(),
    licences: listOf(HeldCredentialSchema, LIST_CAPS.heldLicences).default([]),
    occupation: z
      .object({ esco: escoOccupationUriSchema.optional(), isco: iscoCodeSchema.optional() })
      .strict()
      .optional()
      .describe('The occupation, if the one read from the texts is wrong (what you set wins)'),
    lang: languageCodeSchema.optional().describe('Language of the explanations'),
    shortageOnly: z.boolean().optional(),
  })
  .strict();

export const matchRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/candidates/me/matches',
    {
      config: { roles: ['jobseeker'], cost: 'heavy', errors: ['CONSENT_REQUIRED', 'PROFILE_INCOMPLETE'] },
      schema: {
        tags: ['matching'],
        summary: 'Open vacancies that fit my profile, ranked and explained in my language',
        description:
          'HNSW retrieval of MATCH_RETRIEVAL_N vacancies, then a transparent re-ranking. Hard constraints (open, not expired, consent) remove results and are counted. Every ranking leaves a bias-audit record (auditId).',
        querystring: z.object({ ...PageQuery, destination: destinationList.optional(), shortageOnly: booleanQuerySchema.optional() }).strict(),
        response: { 200: pageOf(VacancyItem) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!principal.candidateId) throw new AppError('FORBIDDEN', 'this key is not bound to a candidate profile');
      const row = await getCandidateRow(app.storage.read, principal.candidateId);
      const q = request.query;
      return withTiming(reply, await matchesForCandidate(app, principal, row, { destination: q.destination, shortageOnly: q.shortageOnly }, pageQuery(request, q, row.lang)));
    },
  );

  r.get(
    '/v1/vacancies/:id/matches',
    {
      config: { roles: ['employer'], cost: 'heavy', errors: ['VACANCY_NOT_OPEN'] },
      schema: {
        tags: ['matching'],
        summary: 'Candidates who consented to matching and to being visible, ranked for my vacancy (pseudonymous)',
        params: z.object({ id: idSchema('vac') }).strict(),
        querystring: z.object({ ...PageQuery, ...RerankQuerySchema }).strict(),
        response: { 200: pageOf(CandidateItem) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const vacancy = await getVisibleVacancy(app.storage.read, principal, request.params.id, true);
      const rerank = await resolveRerank(app.storage.read, app.config.FAIR_RERANKING_ALLOWED, vacancy.employerId, request.query);
      return withTiming(reply, await matchesForVacancy(app, principal, vacancy, pageQuery(request, request.query, vacancy.lang), rerank));
    },
  );

  r.post(
    '/v1/matches/query',
    {
      config: { roles: ['admin', 'employer', 'jobseeker', 'ministry'], cost: 'heavy', errors: ['PROFILE_INCOMPLETE'] },
      schema: {
        tags: ['matching'],
        summary: 'Try the matcher with an ad-hoc profile that is never stored',
        body: AdhocProfileSchema,
        querystring: z.object(PageQuery).strict(),
        response: {
          200: pageOf(VacancyItem).extend({
            interpreted: z.unknown().describe('How the free text was read: ESCO skill links and the suggested occupation'),
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const b = request.body;
      // The text's language: as stated, else the caller's preferred language where ESCO has labels for it.
      const preferred = /^([a-z]{2})/i.exec(String(request.headers['accept-language'] ?? ''))?.[1]?.toLowerCase();
      const lang = b.lang ?? (preferred && (LANGS as readonly string[]).includes(preferred) ? preferred : undefined);
      const content = {
        skills: b.skills,
        // `title` is the job held or wanted: an experience entry of 0 years, unless the experience already lists it (the
        // same content as a stored profile then reads and ranks the same: test/matches.paths.test.ts)
        experience: b.title && !b.experience.some((e) => sameTitle(e.title, b.title!)) ? [{ title: b.title, years: 0 }, ...b.experience] : b.experience,
        languages: b.languages,
        residenceCountry: b.residenceCountry,
        destinations: b.destinations,
        educationLevel: b.educationLevel,
        licences: b.licences,
        ...(b.occupation ? { occupation: b.occupation } : {}),
        lang,
      };
      return withTiming(reply, await matchesForAdhocProfile(app, principal, content, { shortageOnly: b.shortageOnly }, pageQuery(request, request.query, lang)));
    },
  );
};
