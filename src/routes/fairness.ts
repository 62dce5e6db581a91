import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound, validationFailed } from '../errors.js';
import { parseAttributeSpec } from '../fairness/attributes.js';
import { ministryGridPeriod, quarterPeriod } from '../fairness/publication-grid.js';
import { reportToCsv, reportToHtml } from '../fairness/render.js';
import { requirePrincipal } from '../plugins/auth.js';
import { idSchema, pageSchema, PaginationQuerySchema, textSchema } from '../schemas/common.js';
import { AlertSchema, FairnessReportSchema, RerankSettingSchema, ReportQuerySchema } from '../schemas/fairness.js';
import { decodeVector } from '../vector-index/store.js';
import { acknowledgeAlert, evaluateAlerts, getAlert, listAlerts } from '../services/fairness-alerts.js';
import { fairnessReport } from '../services/fairness-report.js';
import { getRerankSetting, putRerankSetting, validateRerankParams } from '../services/fair-rerank.js';
import { eq } from 'drizzle-orm';

const DAY_MS = 86_400_000;

function period(q: { period?: string; from?: string; to?: string }): { from: string; to: string } {
  if (q.period) {
    if (q.from || q.to) throw validationFailed(q.from ? 'query.from' : 'query.to', 'exclusive', 'give either period or from/to');
    return quarterPeriod(q.period);
  }
  const end = (s: string) => (s.length === 10 ? new Date(Date.parse(`${s}T00:00:00Z`) + DAY_MS).toISOString() : new Date(s).toISOString());
  const start = (s: string) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s).toISOString();
  const to = q.to ? end(q.to) : new Date().toISOString();
  const from = q.from ? start(q.from) : new Date(Date.parse(to) - 90 * DAY_MS).toISOString();
  if (from >= to) throw validationFailed('query.from', 'order', 'must be before `to`');
  return { from, to };
}

export const fairnessRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const employerExists = async (id: string): Promise<boolean> => {
    const { db, t } = app.storage.read;
    return (await db.select({ id: t.employers.id }).from(t.employers).where(eq(t.employers.id, id)).limit(1)).length > 0;
  };

  r.get(
    '/v1/fairness/report',
    {
      config: { roles: ['admin', 'ministry'], cost: 'heavy', errors: ['PUBLICATION_GRID'] }, // reads every ranking of the period, permutation tests
      schema: {
        tags: ['fairness'],
        summary: 'LL144-style bias audit of employer rankings for a period: rates, impact ratios, exposure, proxies (JSON, CSV or HTML)',
        description:
          'Joins the bias-audit log and human decisions with the self-declared attributes at report time. Ministries get aggregates only: categories with fewer than SUPPRESSION_K candidates are withheld, and so is every rate of a metric (shortlisted, hired, …) with fewer than SUPPRESSION_K positive or negative outcomes in scope (`withheldMetrics`); no proxy check. A ministry asks on the publication grid only — period=YYYY-Qn, a calendar quarter that has ended, the whole platform (no from/to, employer, occupation or country; top-k 10) — so no two of its reports overlap or nest and none can be subtracted from another; anything else is 400 PUBLICATION_GRID naming the field. See docs/fairness.md.',
        querystring: ReportQuerySchema,
        response: { 200: FairnessReportSchema.or(z.string()) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const q = request.query;
      const spec = parseAttributeSpec(q.attribute);
      if (!spec) throw validationFailed('query.attribute', 'attribute', 'must be sex, ageBand, nationalityRegion, disability or an intersection such as sex×ageBand');
      const report = await fairnessReport(
        {
          db: app.storage.read,
          engine: app.matchEngine,
          vector: (collection, id) => {
            const c = app.collections[collection];
            const buf = c.store.liveVector(id);
            return buf ? decodeVector(buf, app.embedder.dimensions) : null;
          },
        },
        { ...(principal.role === 'ministry' ? ministryGridPeriod(q, new Date()) : period(q)), employer: q.employer, occupation: q.occupation, country: q.country, spec, k: q.k, alpha: q.alpha ?? app.config.FAIRNESS_ALPHA, permutations: q.permutations, seed: q.seed, proxies: q.proxies },
        { role: principal.role === 'ministry' ? 'ministry' : 'admin', suppressionK: app.config.SUPPRESSION_K },
      );
      request.log.info({ attribute: report.attribute, rankings: report.dataSources.rankings, flags: report.flags.length, audience: report.audience }, 'fairness report');
      const file = `fairness-${report.attribute.replace(/×/g, 'x')}-${report.period.from.slice(0, 10)}_${report.period.to.slice(0, 10)}`;
      if (q.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(reportToCsv(report));
      if (q.format === 'html') return reply.type('text/html; charset=utf-8').send(reportToHtml(report));
      return report;
    },
  );

  r.get(
    '/v1/fairness/alerts',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['fairness'],
        summary: 'Recorded fairness alerts: an impact ratio below 0.8, significant and sustained over the alert window',
        querystring: PaginationQuerySchema.extend({ status: z.enum(['open', 'acknowledged', 'resolved']).optional(), scope: z.string().max(64).optional() }).strict(),
        response: { 200: pageSchema(AlertSchema) },
      },
    },
    async (request) => listAlerts(app.storage.read, request.query),
  );

  r.post(
    '/v1/fairness/alerts/evaluate',
    {
      config: { roles: ['admin'], cost: 'heavy' }, // one report per employer scope
      schema: {
        tags: ['fairness'],
        summary: 'Evaluate the alert window now (the alert job also runs every FAIRNESS_ALERT_INTERVAL_S)',
        body: z.object({ windowDays: z.number().int().min(1).max(365).optional(), segments: z.number().int().min(1).max(12).optional() }).strict().nullish(),
        response: { 200: z.object({ evaluatedScopes: z.number(), opened: z.array(AlertSchema), refreshed: z.number(), resolved: z.number() }) },
      },
    },
    async (request) =>
      evaluateAlerts(app.storage, app.log, {
        ...app.fairnessAlertSettings,
        ...(request.body?.windowDays ? { windowDays: request.body.windowDays } : {}),
        ...(request.body?.segments ? { segments: request.body.segments } : {}),
      }),
  );

  r.post(
    '/v1/fairness/alerts/:id/acknowledge',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['fairness'],
        summary: 'Acknowledge an open alert with a note (it stays on record and resolves when the condition clears)',
        params: z.object({ id: idSchema('alert') }).strict(),
        body: z.object({ note: textSchema(2000) }).strict(),
        response: { 200: AlertSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const row = await app.storage.transaction((tx) => acknowledgeAlert(tx, request.params.id, principal.keyId, request.body.note));
      if (row) return row;
      const existing = await getAlert(app.storage.read, request.params.id);
      if (!existing) throw notFound('alert', request.params.id);
      throw new AppError('CONFLICT', `alert ${request.params.id} is ${existing.status}`);
    },
  );

  r.get(
    '/v1/fairness/reranking/:employerId',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['fairness'],
        summary: "An employer's opt-in fair re-ranking setting",
        params: z.object({ employerId: idSchema('emp') }).strict(),
        response: { 200: RerankSettingSchema.extend({ serviceAllows: z.boolean() }) },
      },
    },
    async (request) => {
      if (!(await employerExists(request.params.employerId))) throw notFound('employer', request.params.employerId);
      const s = await getRerankSetting(app.storage.read, request.params.employerId);
      return { apply: s?.apply ?? null, allowPerRequest: s?.allowPerRequest ?? false, serviceAllows: app.config.FAIR_RERANKING_ALLOWED };
    },
  );

  r.put(
    '/v1/fairness/reranking/:employerId',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['fairness'],
        summary: "Set an employer's opt-in fair re-ranking (FA*IR minimum share of a protected category in every top-k prefix)",
        description: 'Refused unless the operator set FAIR_RERANKING_ALLOWED: preferential treatment by a protected attribute is unlawful in some jurisdictions. See docs/fairness.md.',
        params: z.object({ employerId: idSchema('emp') }).strict(),
        body: RerankSettingSchema,
        response: { 200: RerankSettingSchema.extend({ serviceAllows: z.boolean() }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      if (!app.config.FAIR_RERANKING_ALLOWED && (request.body.apply || request.body.allowPerRequest)) {
        throw new AppError('FORBIDDEN', 'fair re-ranking is switched off on this service (FAIR_RERANKING_ALLOWED)');
      }
      if (!(await employerExists(request.params.employerId))) throw notFound('employer', request.params.employerId);
      const apply = request.body.apply ? validateRerankParams(request.body.apply, 'body.apply') : null;
      const saved = await app.storage.transaction((tx) => putRerankSetting(tx, request.params.employerId, { apply, allowPerRequest: request.body.allowPerRequest }, principal.keyId));
      request.log.info({ employerId: request.params.employerId, rerank: saved }, 'fair re-ranking setting changed');
      return { ...saved, serviceAllows: app.config.FAIR_RERANKING_ALLOWED };
    },
  );
};
