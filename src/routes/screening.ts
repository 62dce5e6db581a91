import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { requirePrincipal } from '../plugins/auth.js';
import { pageSchema } from '../schemas/common.js';
import {
  AggregatesQuerySchema,
  AggregatesSchema,
  ListReviewsQuerySchema,
  ResolveReviewSchema,
  ReviewParamsSchema,
  ReviewSchema,
} from '../schemas/screening.js';
import { aggregateFlags, checkMinistryGrid } from '../screening/aggregates.js';
import { VacancyVersionCache } from '../screening/grid-cache.js';
import { MinimumWageTableSchema, loadMinimumWages } from '../screening/minimum-wage.js';

/** The reader's language: ?lang= first, then Accept-Language. */
export const langPreference = (request: FastifyRequest, lang?: string): string | undefined =>
  lang ?? (typeof request.headers['accept-language'] === 'string' ? request.headers['accept-language'] : undefined);

export const screeningRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const table = loadMinimumWages();
  // The aggregates per vacancies version: repeated reads with no write in between scan nothing.
  const aggregatesCache = new VacancyVersionCache();

  r.get(
    '/v1/admin/screening',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['screening'],
        summary: 'The review queue: vacancies held by fair-recruitment screening (pending by default), oldest first',
        querystring: ListReviewsQuerySchema,
        response: { 200: pageSchema(ReviewSchema) },
      },
    },
    async (request) => app.screening.listReviews(request.query, langPreference(request, request.query.lang)),
  );

  r.get(
    '/v1/admin/screening/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['screening'],
        summary: 'One review of the queue',
        params: ReviewParamsSchema,
        querystring: z.object({ lang: z.string().max(40).optional() }).strict(),
        response: { 200: ReviewSchema },
      },
    },
    async (request) => app.screening.getReview(request.params.id, langPreference(request, request.query.lang)),
  );

  r.post(
    '/v1/admin/screening/:id/resolve',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['screening'],
        summary: 'Release or reject a held vacancy, with a reason (recorded in the audit log)',
        description:
          'release: the vacancy takes the status its employer asked for and its high-severity flags are dismissed (kept for the record, no longer shown to job seekers). reject: it stays held; the employer sees the reason and can correct the vacancy, which screens it again.',
        params: ReviewParamsSchema,
        body: ResolveReviewSchema,
        response: { 200: ReviewSchema },
      },
    },
    async (request) =>
      app.screening.resolve(app.vacancyWriter, requirePrincipal(request), request.params.id, request.body, langPreference(request)),
  );

  r.get(
    '/v1/screening/aggregates',
    {
      config: { roles: ['ministry', 'admin'], errors: ['PUBLICATION_GRID'] },
      schema: {
        tags: ['screening'],
        summary: 'Fair-recruitment flag counts by destination, occupation (ISCO) or employer; counts below SUPPRESSION_K withheld',
        description:
          'Counts from 1 to SUPPRESSION_K − 1 are withheld, with complementary suppression down each column so none can be derived from a total. A ministry reads the publication grid only: occupations at ISCO level 2, the whole platform (no country); otherwise 400 PUBLICATION_GRID naming the field. Admins may ask any level and country.',
        querystring: AggregatesQuerySchema,
        response: { 200: AggregatesSchema },
      },
    },
    async (request) => {
      const q = request.query;
      if (requirePrincipal(request).role === 'ministry') checkMinistryGrid(q);
      const lang = (langPreference(request, q.lang) ?? 'en').slice(0, 2) as 'en' | 'fr' | 'es';
      const labelOf = (key: string): string | null | Promise<string | null> => {
        if (q.by === 'employer') {
          const { db, t } = app.storage.read;
          return db.select({ name: t.employers.name }).from(t.employers).where(eq(t.employers.id, key)).limit(1).then((r) => r[0]?.name ?? null);
        }
        if (q.by === 'occupation') {
          const g = app.taxonomy.iscoGroup(key);
          return g ? (g.labels[lang] ?? g.labels.en ?? null) : null;
        }
        return null;
      };
      const { cells, total } = await aggregateFlags(app.storage.dialect === 'postgres' ? { pool: app.pgDb.pool } : { sqlite: app.sqlite }, q, app.config.SUPPRESSION_K, labelOf, aggregatesCache);
      return { by: q.by, suppressionK: app.config.SUPPRESSION_K, screenerVersion: app.screening.screener.version, cells, total };
    },
  );

  r.get(
    '/v1/screening/minimum-wages',
    {
      config: { roles: ['admin', 'employer', 'jobseeker', 'ministry'] },
      schema: {
        tags: ['screening'],
        summary: 'The statutory minimum-wage table the screener uses, with each rate’s source and effective date',
        response: { 200: MinimumWageTableSchema },
      },
    },
    async () => table,
  );
};
