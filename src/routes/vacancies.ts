import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { AppError } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import { pageSchema } from '../schemas/common.js';
import {
  BulkResultSchema,
  CreateVacancySchema,
  ListVacanciesQuerySchema,
  UpdateVacancySchema,
  VacancyParamsSchema,
  VacancyReadQuerySchema,
  VacancySchema,
  type CreateVacancy,
} from '../schemas/vacancy.js';
import { langPreference } from './screening.js';
import { getVisibleVacancy, listVacancies, toVacancy } from '../services/vacancies.js';
import { toAppError } from '../plugins/error-handler.js';

const MAX_BULK_LINES = 10_000;

export const vacancyRoutes: FastifyPluginAsync<{ bulkBodyLimit: number }> = async (app, opts) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // NDJSON is parsed per line by the bulk route, so one bad line cannot reject the others.
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: opts.bulkBodyLimit }, (_req, body, done) => done(null, body));

  const employerOf = async (employerId: string | null): Promise<string> => {
    if (!employerId) throw new AppError('FORBIDDEN', 'this key is not bound to an employer');
    const { db, t } = app.storage.read;
    const [exists] = await db.select({ id: t.employers.id }).from(t.employers).where(eq(t.employers.id, employerId)).limit(1);
    if (!exists) throw new AppError('FORBIDDEN', 'the employer bound to this key no longer exists');
    return employerId;
  };

  r.post(
    '/v1/vacancies',
    {
      config: { roles: ['employer'], cost: 'heavy' },
      schema: {
        tags: ['vacancies'],
        summary: 'Post a vacancy for the calling employer',
        description: 'Without an occupation code the vacancy gets a suggested one; free-text skills are linked to ESCO as suggestions. User input always wins.',
        body: CreateVacancySchema,
        response: { 201: VacancySchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const employerId = await employerOf(principal.employerId);
      const [row] = await app.vacancyWriter.create(employerId, [request.body]);
      return reply.code(201).send(toVacancy(row!, app.screening.viewFor(row!, principal, langPreference(request))));
    },
  );

  r.post(
    '/v1/vacancies::bulk',
    {
      config: { roles: ['employer'], cost: 'bulk', ndjsonLine: CreateVacancySchema },
      bodyLimit: opts.bulkBodyLimit,
      schema: {
        tags: ['vacancies'],
        summary: 'Bulk import vacancies from NDJSON, one vacancy per line',
        description: 'Every line gets its own result, in order. Good lines are created together in one transaction; bad lines never reject them.',
        consumes: ['application/x-ndjson'],
        response: { 200: BulkResultSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const employerId = await employerOf(principal.employerId);
      if (typeof request.body !== 'string') {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the vacancies as application/x-ndjson, one JSON object per line');
      }
      // Blank lines are not input lines; the others keep their original line numbers.
      const lines = request.body
        .split('\n')
        .map((text, i) => ({ line: i + 1, text }))
        .filter((l) => l.text.trim() !== '');
      if (lines.length === 0) {
        throw new AppError('VALIDATION_FAILED', 'body: must contain at least one NDJSON line', [{ path: 'body', rule: 'min_lines' }]);
      }
      if (lines.length > MAX_BULK_LINES) {
        throw new AppError('VALIDATION_FAILED', `body: at most ${MAX_BULK_LINES} lines per import`, [{ path: 'body', rule: 'max_lines' }]);
      }
      type Result = z.infer<typeof BulkResultSchema>['results'][number];
      const results: Result[] = [];
      const good: { line: number; input: CreateVacancy }[] = [];
      lines.forEach(({ line, text }) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          results.push({ line, status: 400, error: { code: 'VALIDATION_FAILED', message: `line ${line}: is not valid JSON` } });
          return;
        }
        const parsed = CreateVacancySchema.safeParse(json);
        if (!parsed.success) {
          const details = parsed.error.issues.map((issue) => ({ path: ['body', ...issue.path].join('.'), rule: issue.code, message: issue.message }));
          const first = details[0]!;
          results.push({ line, status: 400, error: { code: 'VALIDATION_FAILED', message: `line ${line}: ${first.path}: ${first.message}`, details } });
          return;
        }
        results.push({ line, status: 201 });
        good.push({ line, input: parsed.data });
      });
      if (good.length > 0) {
        try {
          const rows = await app.vacancyWriter.create(employerId, good.map((g) => g.input));
          const byLine = new Map(results.map((r) => [r.line, r]));
          rows.forEach((row, i) => {
            byLine.get(good[i]!.line)!.id = row.id;
          });
        } catch (err) {
          // All-or-nothing for the good lines: nothing is half-written, each gets the failure.
          const appErr = toAppError(err as Error, request);
          if (appErr.statusCode >= 500) throw appErr;
          const failedLines = new Set(good.map((g) => g.line));
          for (const r of results) {
            if (!failedLines.has(r.line)) continue;
            r.status = 400;
            r.error = { code: appErr.code, message: appErr.message };
          }
        }
      }
      const created = results.filter((x) => x.status === 201).length;
      return { results, created, failed: results.length - created };
    },
  );

  r.get(
    '/v1/vacancies',
    {
      config: { roles: ['admin', 'employer', 'jobseeker', 'ministry'] },
      schema: {
        tags: ['vacancies'],
        summary: 'List vacancies: open ones for everyone, plus the calling employer’s own',
        querystring: ListVacanciesQuerySchema,
        response: { 200: pageSchema(VacancySchema) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const lang = langPreference(request, request.query.lang);
      return listVacancies(app.storage.read, principal, request.query, (row) => app.screening.viewFor(row, principal, lang));
    },
  );

  r.get(
    '/v1/vacancies/:id',
    {
      config: { roles: ['admin', 'employer', 'jobseeker', 'ministry'] },
      schema: {
        tags: ['vacancies'],
        summary: 'Read a vacancy, with its fair-recruitment screening in the reader’s language',
        params: VacancyParamsSchema,
        querystring: VacancyReadQuerySchema,
        response: { 200: VacancySchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const row = await getVisibleVacancy(app.storage.read, principal, request.params.id);
      return toVacancy(row, app.screening.viewFor(row, principal, langPreference(request, request.query.lang)));
    },
  );

  r.patch(
    '/v1/vacancies/:id',
    {
      config: { roles: ['admin', 'employer'], cost: 'heavy' },
      schema: {
        tags: ['vacancies'],
        summary: 'Update a vacancy (its employer or an admin)',
        params: VacancyParamsSchema,
        body: UpdateVacancySchema,
        response: { 200: VacancySchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const current = await getVisibleVacancy(app.storage.read, principal, request.params.id, true);
      const row = await app.vacancyWriter.update(current, request.body);
      return toVacancy(row, app.screening.viewFor(row, principal, langPreference(request)));
    },
  );

  r.delete(
    '/v1/vacancies/:id',
    {
      config: { roles: ['admin', 'employer'] },
      schema: { tags: ['vacancies'], summary: 'Delete a vacancy (its employer or an admin)', params: VacancyParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const current = await getVisibleVacancy(app.storage.read, requirePrincipal(request), request.params.id, true);
      await app.vacancyWriter.remove(current);
      return reply.code(204).send(null);
    },
  );
};
