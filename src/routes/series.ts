import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import { canRead, MAX_UPLOAD_LINES, parseUpload, RESERVED_SOURCES, SOURCE_NAME, SourceOwnershipError } from '../forecast/user-series.js';

// Ministries (and admins) load their own series; each upload is a new version of its source and triggers a refit.
const ROLES = ['ministry', 'admin'] as const;

const LineResultSchema = z.object({
  line: z.number().int(),
  status: z.number().int(),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), rule: z.string(), message: z.string() })).optional() }).optional(),
});

export const SeriesUploadResultSchema = z.object({
  results: z.array(LineResultSchema),
  accepted: z.number().int(),
  rejected: z.number().int(),
  uploads: z.array(z.object({ source: z.string(), version: z.number().int(), uploadId: z.string(), jobId: z.string(), accepted: z.number().int() })),
});

export const ForecastJobSchema = z.object({
  id: z.string(),
  source: z.string(),
  uploadId: z.string().nullable(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  stage: z.string(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  attempts: z.number().int().describe('times the job was started: above 1 when the process running it stopped (crash, deploy) and another resumed it'),
  accuracy: z.record(z.string(), z.unknown()).nullable(),
});

const SourceSchema = z.object({ source: z.string(), published: z.boolean(), latestVersion: z.number().int(), series: z.number().int(), owner: z.boolean() });

const SourceParamsSchema = z.object({ source: z.string().regex(SOURCE_NAME, { message: 'must be a source name' }) }).strict();

export const seriesRoutes: FastifyPluginAsync<{ bulkBodyLimit: number }> = async (app, opts) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Both formats are parsed per line by the route, so one bad line cannot reject the others.
  for (const type of ['application/x-ndjson', 'text/csv']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: opts.bulkBodyLimit }, (_req, body, done) => done(null, body));
  }

  r.post(
    '/v1/series',
    {
      config: { roles: ROLES, cost: 'bulk' }, // up to 200,000 lines parsed and stored in one request
      bodyLimit: opts.bulkBodyLimit,
      schema: {
        tags: ['forecasts'],
        summary: 'Upload a ministry’s own monthly series (CSV or NDJSON, long format); models, intervals, ratings and accuracy are recomputed in the background',
        description:
          'Columns/fields: source, scheme (anzsco|isco|esco|soc|naics), code, region, period (YYYY-MM), value (≥ 0), country (ISO-2; optional for anzsco → AU and soc/naics → US). Every line gets its own result; good lines are stored together as a new version of each source they name; bad lines never reject them. A month uploaded again replaces the earlier value (the upload that wrote it is kept). Sources are private to the uploading key until published.',
        consumes: ['text/csv', 'application/x-ndjson'],
        response: { 202: SeriesUploadResultSchema, 200: SeriesUploadResultSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const ct = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (typeof request.body !== 'string' || (ct !== 'text/csv' && ct !== 'application/x-ndjson')) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the series as text/csv or application/x-ndjson');
      }
      const format = ct === 'text/csv' ? 'csv' : 'ndjson';
      const lineCount = request.body.split('\n').filter((l) => l.trim() !== '').length;
      if (lineCount === 0) throw new AppError('VALIDATION_FAILED', 'body: must contain at least one line', [{ path: 'body', rule: 'min_lines' }]);
      if (lineCount > MAX_UPLOAD_LINES) throw new AppError('VALIDATION_FAILED', `body: at most ${MAX_UPLOAD_LINES} lines per upload`, [{ path: 'body', rule: 'max_lines' }]);
      const { results, good } = parseUpload(request.body, format);
      // Reserved names are the reference data's and the platform's: a line naming one is rejected, not stored.
      const reserved = new Set<string>(RESERVED_SOURCES);
      const keep = good.filter((g) => {
        if (!reserved.has(g.source)) return true;
        const res = results.find((x) => x.line === g.line)!;
        res.status = 400;
        res.error = { code: 'VALIDATION_FAILED', message: `line ${g.line}: line.source: ${g.source} is reserved for the reference data`, details: [{ path: 'line.source', rule: 'reserved', message: 'reserved name' }] };
        return false;
      });
      // Each source's version and its refit job commit together (an acknowledged upload always has its job).
      let uploads: { source: string; uploadId: string; version: number; accepted: number; jobId: string }[] = [];
      try {
        uploads = keep.length ? await app.seriesRepo.storeUpload(principal.keyId, format, lineCount, keep, results.length - keep.length) : [];
      } catch (err) {
        // Another key's source: its name exists, its data does not leak.
        if (err instanceof SourceOwnershipError) throw new AppError('CONFLICT', `source ${err.message} belongs to another key; choose another name`, { source: err.message });
        throw err;
      }
      const withJobs = [];
      for (const u of uploads) withJobs.push({ ...u, jobId: await app.refitUserSource(u.source, u.uploadId, principal.keyId, u.jobId) });
      const accepted = results.filter((x) => x.status === 201).length;
      request.log.info({ uploads: withJobs.map((u) => ({ source: u.source, version: u.version, jobId: u.jobId })), accepted, rejected: results.length - accepted }, 'series uploaded');
      return reply.code(withJobs.length ? 202 : 200).send({ results, accepted, rejected: results.length - accepted, uploads: withJobs });
    },
  );

  r.get(
    '/v1/series/jobs/:id',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['forecasts'],
        summary: 'Progress of a background refit (queued, running with progress 0..1, done, failed); when done, the source’s accuracy',
        params: z.object({ id: z.string().regex(/^job_[0-9a-hjkmnp-tv-z]{26}$/, { message: 'must be a job id' }) }).strict(),
        response: { 200: ForecastJobSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const job = await app.forecastJob(request.params.id);
      // Another key's job answers 404, like every other tenant object.
      if (!job || (principal.role !== 'admin' && job.owner_key_id !== principal.keyId)) throw new AppError('NOT_FOUND', `job ${request.params.id} was not found`);
      return {
        id: job.id,
        source: job.source,
        uploadId: job.upload_id,
        status: job.status,
        progress: job.progress,
        stage: job.stage,
        error: job.error,
        createdAt: job.created_at,
        startedAt: job.started_at,
        finishedAt: job.finished_at,
        attempts: Number(job.attempts ?? 0),
        accuracy: job.status === 'done' ? await (async () => {
          // The job may have run on another replica: load its run before reading the accuracy.
          await app.syncUserSource(job.source);
          return (app.forecasts.accuracy(job.source) as unknown as Record<string, unknown>) ?? null;
        })() : null,
      };
    },
  );

  r.get(
    '/v1/series',
    {
      config: { roles: ROLES },
      schema: { tags: ['forecasts'], summary: 'The uploaded sources this key may read (its own, and published ones)', response: { 200: z.object({ items: z.array(SourceSchema) }) } },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const rows = await app.seriesRepo.listSources();
      return {
        items: rows
          .filter((x) => canRead(x, principal))
          .map((x) => ({ source: x.source, published: x.published === 1, latestVersion: x.latest_version, series: x.n, owner: x.owner_key_id === principal.keyId })),
      };
    },
  );

  r.patch(
    '/v1/series/:source',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['forecasts'],
        summary: 'Publish (or unpublish) an uploaded source: published sources are readable by every ministry and admin',
        params: SourceParamsSchema,
        body: z.object({ published: z.boolean() }).strict(),
        response: { 200: SourceSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const row = await app.seriesRepo.getUserSource(request.params.source);
      if (!row || (principal.role !== 'admin' && row.owner_key_id !== principal.keyId)) throw new AppError('NOT_FOUND', `source ${request.params.source} was not found`);
      const n = await app.seriesRepo.setPublished(row.source, request.body.published);
      return { source: row.source, published: request.body.published, latestVersion: row.latest_version, series: n, owner: row.owner_key_id === principal.keyId };
    },
  );
};
