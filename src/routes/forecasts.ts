import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { negotiateLanguage } from '../matching/i18n.js';
import { AppError } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import { renderForecastSvg } from '../forecast/chart.js';
import { ForecastLookupError, type ForecastQuery, type ShortageForecastItem } from '../forecast/service.js';
import { canRead } from '../forecast/user-series.js';
import { ShortageForecastService } from '../forecast/service.js';
import { validateAgainstSpl, type SplValidation } from '../forecast/shortage-rating.js';
import { readGzJson } from '../gz-json.js';
import { LABOUR_DATA_DIR, readSeriesFile, type SplRating } from '../forecast/reference-data.js';
import { join } from 'node:path';
import { toCsv } from '../csv.js';

// Who reads shortage forecasts: ministries (and admins). Forecasts carry aggregates only, never a record.
const ROLES = ['ministry', 'admin'] as const;

const occupationQuery = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^(\d{1,6}|\d{2}-\d{4}|http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36})$/, {
    message: 'must be an ANZSCO (4 or 6 digits), ISCO-08 (1–4 digits) or NAICS/JOLTS industry code, or an ESCO occupation URI',
  });

const baseQuery = {
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. "AU"' }),
  region: z.string().regex(/^[A-Z*]{1,6}$/, { message: 'must be a region code such as AUST, NSW or US' }).optional(),
  occupation: occupationQuery.optional(),
  horizon: z.coerce.number().int().min(1).max(24).default(12),
  source: z
    .string()
    .regex(/^(official|platform|[a-z][a-z0-9-]{2,39})$/, { message: 'must be official, platform or the name of an uploaded source' })
    .default('official'),
};

export const ShortagesQuerySchema = z
  .object({
    ...baseQuery,
    history: z.coerce.number().int().min(0).max(240).default(24),
    format: z.enum(['json', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(10_000).default(5000),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const ChartQuerySchema = z
  .object({
    ...baseQuery,
    occupation: occupationQuery,
    history: z.coerce.number().int().min(12).max(240).default(60),
    width: z.coerce.number().int().min(320).max(2000).default(800),
    height: z.coerce.number().int().min(200).max(1200).default(400),
  })
  .strict();

const ForecastPointSchema = z.object({
  period: z.string(),
  value: z.number(),
  lower80: z.number(),
  upper80: z.number(),
  lower95: z.number(),
  upper95: z.number(),
});

export const ShortageForecastSchema = z.object({
  occupation: z.object({ scheme: z.enum(['anzsco', 'isco', 'esco', 'soc', 'naics']), code: z.string(), label: z.string() }),
  region: z.string(),
  country: z.string(),
  source: z.string(),
  unit: z.string(),
  history: z.array(z.object({ period: z.string(), value: z.number().nullable(), suppressed: z.boolean().optional() })),
  forecast: z.array(ForecastPointSchema),
  model: z.string(),
  lastObservation: z.string().nullable(),
  origin: z.string().nullable(),
  stale: z.boolean(),
  accuracy: z.record(z.string(), z.unknown()).nullable(),
  rating: z.object({ value: z.string(), indicators: z.record(z.string(), z.unknown()) }),
  signals: z.record(z.string(), z.unknown()).optional(),
});

const ShortagesPageSchema = z.object({
  items: z.array(ShortageForecastSchema),
  nextCursor: z.string().nullable(),
  dataVersion: z.string(),
  suppressionK: z.number().int(),
  staleAfterMonths: z.number().int(),
});

function encodeCursor(version: string, offset: number): string {
  return Buffer.from(JSON.stringify({ v: version, o: offset })).toString('base64url');
}

function decodeCursor(cursor: string | undefined, version: string): number {
  if (!cursor) return 0;
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; o?: unknown };
    if (c.v === version && typeof c.o === 'number' && Number.isInteger(c.o) && c.o >= 0) return c.o;
  } catch {
    // fall through
  }
  throw new AppError('INVALID_CURSOR', 'cursor is invalid or belongs to another data version', [{ path: 'querystring.cursor', rule: 'cursor' }]);
}

const CSV_COLUMNS = ['source', 'scheme', 'code', 'label', 'region', 'kind', 'period', 'value', 'lower80', 'upper80', 'lower95', 'upper95', 'suppressed', 'model', 'mase6', 'rating', 'lastObservation', 'origin', 'stale'];

export function itemsToCsv(items: ShortageForecastItem[]): string {
  const rows: unknown[][] = [];
  for (const it of items) {
    const base = [it.source, it.occupation.scheme, it.occupation.code, it.occupation.label, it.region];
    const tail = [it.model, (it.accuracy as { mase6?: number | null } | null)?.mase6 ?? '', it.rating.value, it.lastObservation ?? '', it.origin ?? '', it.stale ? 'true' : 'false'];
    for (const h of it.history) rows.push([...base, 'history', h.period, h.value, '', '', '', '', h.suppressed ? 'true' : '', ...tail]);
    for (const f of it.forecast) rows.push([...base, 'forecast', f.period, f.value, f.lower80, f.upper80, f.lower95, f.upper95, '', ...tail]);
  }
  return toCsv(CSV_COLUMNS, rows);
}

const ScorecardQuerySchema = z.object({ source: z.string().regex(/^(ivi|jolts|[a-z][a-z0-9-]{2,39})$/, { message: 'must be ivi, jolts or an uploaded source' }) }).strict();

const AccuracyQuerySchema = z.object({ source: z.string().regex(/^(ivi|jolts|[a-z][a-z0-9-]{2,39})$/).optional() }).strict();

export const OccupationQuerySchema = z
  .object({
    esco: z.string().regex(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/, { message: 'must be an ESCO occupation URI' }).optional(),
    isco: z.string().regex(/^\d{4}$/, { message: 'must be an ISCO-08 unit group (4 digits)' }).optional(),
    country: z.enum(['AU', 'US']),
    region: z.string().regex(/^[A-Z]{2,4}$/, { message: 'must be a region code such as NSW or AUST' }).optional(),
    horizon: z.coerce.number().int().min(1).max(24).default(12),
  })
  .strict()
  .refine((q) => !!q.esco !== !!q.isco, { message: 'give exactly one of esco or isco', path: ['esco'] });

const ProjectionsQuerySchema = z
  .object({
    soc: z.string().regex(/^\d\d-\d{4}$/, { message: 'must be a 2018 SOC code such as 29-1141' }).optional(),
    isco: z.string().regex(/^\d{4}$/).optional(),
    limit: z.coerce.number().int().min(1).max(2000).default(100),
  })
  .strict();

export const forecastRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const outlook = app.occupationOutlook;
  let spl: SplValidation | null = null;

  /** A ministry's own source is readable by its owner, admins, and everyone once published; otherwise 404. */
  const checkSource = async (request: Parameters<typeof requirePrincipal>[0], source: string): Promise<void> => {
    if (source === 'official' || source === 'platform' || source === 'ivi' || source === 'jolts') return;
    if (!canRead(await app.seriesRepo.getUserSource(source), requirePrincipal(request))) throw new AppError('NOT_FOUND', `source ${source} was not found`, { source: true });
    // PostgreSQL: another replica may have taken the latest upload or finished its refit.
    await app.syncUserSource(source);
  };

  const lookup = async (q: ForecastQuery, platform: boolean): Promise<ShortageForecastItem[]> => {
    try {
      if (platform) {
        let occupation = q.occupation;
        if (occupation?.startsWith('http')) {
          // An ESCO occupation maps to its ISCO unit through the vacancies that carry both.
          const isco = await app.seriesRepo.iscoOfEsco(occupation);
          if (!isco) throw new ForecastLookupError('occupation', `no platform data for ESCO occupation ${occupation}`, []);
          occupation = isco;
        }
        const scoped = { ...q, occupation };
        const from = await app.seriesRepo.platformCells(app.config.SUPPRESSION_K, ShortageForecastService.platformScope(scoped));
        return app.forecasts.platform(from, app.config.SUPPRESSION_K, scoped);
      }
      if (q.occupation?.startsWith('http')) {
        throw new ForecastLookupError('occupation', `official ${q.country} series are not coded in ESCO; use the national code (ANZSCO for AU, JOLTS industry for US), GET /v1/forecasts/occupation, or source=platform`, []);
      }
      return app.forecasts.shortages(q);
    } catch (err) {
      if (err instanceof ForecastLookupError) throw new AppError('NOT_FOUND', err.message, { [err.what]: true, suggestions: err.suggestions });
      throw err;
    }
  };

  /** Every forecast served is kept once (series × origin × model × data version) for the scorecard. */
  const remember = async (items: ShortageForecastItem[]): Promise<void> => {
    const rows = [];
    for (const it of items) {
      if (it.source === 'platform' || it.forecast.length === 0 || !it.origin) continue;
      const base = app.forecasts.baselineOf(it.source, it.occupation.code, it.region);
      if (!base) continue;
      rows.push({
        source: it.source,
        code: it.occupation.code,
        region: it.region,
        origin: it.origin,
        model: it.model,
        dataVersion: app.forecasts.versionOf(it.source),
        forecast: it.forecast,
        ...base,
      });
    }
    await app.seriesRepo.recordServed(rows);
  };

  r.get(
    '/v1/forecasts/shortages',
    {
      config: { roles: ROLES, errors: ['NOT_FOUND'] }, // no series for the query
      schema: {
        tags: ['forecasts'],
        summary: 'Shortage forecasts per occupation × region: history, forecast with 80/95% intervals, model, backtest accuracy, rating, freshness',
        description: 'source: official (IVI for AU, JOLTS for US), platform (Passerelle’s own vacancies, suppressed below SUPPRESSION_K), or a ministry’s uploaded source (owner, admin, or published).',
        querystring: ShortagesQuerySchema,
        response: { 200: ShortagesPageSchema.or(z.string()) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      await checkSource(request, q.source);
      const user = q.source !== 'official' && q.source !== 'platform';
      const version = user ? app.forecasts.versionOf(q.source) : app.forecasts.dataVersion;
      const offset = decodeCursor(q.cursor, version);
      const all = await lookup({ country: q.country, region: q.region, occupation: q.occupation, horizon: q.horizon, historyMonths: q.history, source: q.source === 'platform' ? undefined : q.source }, q.source === 'platform');
      const items = all.slice(offset, offset + q.limit);
      await remember(items);
      const nextCursor = offset + q.limit < all.length ? encodeCursor(version, offset + q.limit) : null;
      if (q.format === 'csv') {
        if (nextCursor) reply.header('x-next-cursor', nextCursor);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="shortages-${q.country}.csv"`)
          .send(itemsToCsv(items));
      }
      return { items, nextCursor, dataVersion: version, suppressionK: app.config.SUPPRESSION_K, staleAfterMonths: app.forecasts.staleLimitMonths };
    },
  );

  r.get(
    '/v1/forecasts/shortages/chart.svg',
    {
      config: { roles: ROLES, errors: ['NOT_FOUND'] }, // no series for the query
      schema: {
        tags: ['forecasts'],
        summary: 'SVG line chart of one series: history, forecast and its 80/95% interval band, with its freshness',
        querystring: ChartQuerySchema,
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const q = request.query;
      await checkSource(request, q.source);
      const items = await lookup({ country: q.country, region: q.region, occupation: q.occupation, horizon: q.horizon, historyMonths: q.history, source: q.source === 'platform' ? undefined : q.source }, q.source === 'platform');
      // Without a region, chart the national series.
      const item = items.find((i) => !q.region && (i.region === 'AUST' || i.region === q.country)) ?? items[0];
      if (!item) throw new AppError('NOT_FOUND', 'no series matches this query');
      await remember([item]);
      return reply.type('image/svg+xml; charset=utf-8').send(renderForecastSvg(item, { width: q.width, height: q.height, staleAfterMonths: app.forecasts.staleLimitMonths }));
    },
  );

  r.get(
    '/v1/forecasts/accuracy',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['forecasts'],
        summary: 'Accuracy of the served models, computed by the service: rolling-origin backtest on origins the model selection never saw',
        querystring: AccuracyQuerySchema,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const q = request.query;
      const sources = q.source ? [q.source] : ['ivi', 'jolts'];
      for (const s of sources) await checkSource(request, s);
      const out: Record<string, unknown> = {};
      for (const s of sources) {
        const acc = app.forecasts.accuracy(s);
        const job = await app.seriesRepo.latestJob(s, s === 'ivi' || s === 'jolts');
        out[s] = acc ? { status: 'ready', ...acc } : { status: job ? job.status : 'not-computed', job: job ?? null };
      }
      // External validation of the rating, computed from the shipped IVI and SPL data on first use.
      if (!q.source) spl ??= validateAgainstSpl(readSeriesFile('ivi').series, readGzJson<SplRating[]>(join(LABOUR_DATA_DIR, 'spl2022.json.gz')));
      return { computedBy: 'service', dataVersion: app.forecasts.dataVersion, sources: out, ...(q.source ? {} : { spl2022: spl }) };
    },
  );

  r.get(
    '/v1/forecasts/scorecard',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['forecasts'],
        summary: 'How the forecasts served earlier did once their months were observed: MASE against both naive baselines, interval coverage, direction',
        querystring: ScorecardQuerySchema,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const { source } = request.query;
      await checkSource(request, source);
      const reference = source === 'ivi' || source === 'jolts';
      if (!reference && !(await app.seriesRepo.getUserSource(source))) throw new AppError('NOT_FOUND', `source ${source} was not found`, { source: true });
      return (await app.seriesRepo.scorecard(source)) as unknown as Record<string, unknown>;
    },
  );

  r.get(
    '/v1/forecasts/occupation',
    {
      config: { roles: ['ministry', 'admin', 'employer', 'jobseeker'] },
      schema: {
        tags: ['forecasts'],
        summary: 'Shortage rating and forecast (AU) or BLS 2024–34 projections (US) for an ESCO or ISCO-08 occupation, through the crosswalks',
        description: 'Official reference aggregates only (no platform data), so every role may read them: a vacancy or profile can show its destination’s outlook.',
        querystring: OccupationQuerySchema,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const q = request.query;
      let isco = q.isco;
      if (q.esco) {
        const occ = app.taxonomy.occupation(q.esco);
        if (!occ) throw new AppError('NOT_FOUND', `ESCO occupation ${q.esco} was not found`, { esco: true });
        isco = occ.iscoGroup.slice(0, 4);
      }
      const o = outlook.outlook(isco!, q.country, q.region, q.horizon);
      if (q.country === 'AU' && o.matches.some((m) => m.forecast === null) && q.region) {
        // A region that the IVI does not have answers 404 rather than an empty outlook.
        const known = ['AUST', 'NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'NT', 'ACT'];
        if (!known.includes(q.region)) throw new AppError('NOT_FOUND', `unknown region ${q.region} for AU`, { region: true, suggestions: known.map((c) => ({ code: c })) });
      }
      return { esco: q.esco ?? null, ...o, note: outlook.shortageNote(isco!, q.country, q.region, negotiateLanguage(request.headers['accept-language'])) } as unknown as Record<string, unknown>;
    },
  );

  r.get(
    '/v1/forecasts/projections',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['forecasts'],
        summary: 'BLS Employment Projections 2024–34 (published): employment 2024/2034, change, annual openings, median wage, by 2018 SOC',
        querystring: ProjectionsQuerySchema,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const q = request.query;
      let items = outlook.projections();
      if (q.soc) items = items.filter((p) => p.soc === q.soc);
      if (q.isco) {
        const links = new Map(outlook.socOf(q.isco).map((l) => [l.code, l.weight]));
        items = items.filter((p) => links.has(p.soc)).map((p) => ({ ...p, weight: links.get(p.soc) }));
      }
      if ((q.soc || q.isco) && items.length === 0) throw new AppError('NOT_FOUND', `no projection for ${q.soc ?? `ISCO ${q.isco}`}`);
      return { source: 'BLS Employment Projections 2024–34, tables 1.2 and 1.10 (public domain)', items: items.slice(0, q.limit), total: items.length };
    },
  );
};
