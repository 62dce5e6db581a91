import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { renderForecastSvg } from '../forecast/chart.js';
import { ForecastLookupError, type ForecastQuery, type ShortageForecastItem } from '../forecast/service.js';

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
  source: z.enum(['official', 'platform']).default('official'),
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
  source: z.enum(['ivi', 'jolts', 'platform']),
  unit: z.string(),
  history: z.array(z.object({ period: z.string(), value: z.number().nullable(), suppressed: z.boolean().optional() })),
  forecast: z.array(ForecastPointSchema),
  model: z.string(),
  accuracy: z.record(z.string(), z.unknown()).nullable(),
  rating: z.object({ value: z.string(), indicators: z.record(z.string(), z.unknown()) }),
  signals: z.record(z.string(), z.unknown()).optional(),
});

const ShortagesPageSchema = z.object({
  items: z.array(ShortageForecastSchema),
  nextCursor: z.string().nullable(),
  dataVersion: z.string(),
  suppressionK: z.number().int(),
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

const CSV_COLUMNS = ['source', 'scheme', 'code', 'label', 'region', 'kind', 'period', 'value', 'lower80', 'upper80', 'lower95', 'upper95', 'suppressed', 'model', 'mase6', 'rating'];

const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote, and defuse spreadsheet formulas in text cells.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function itemsToCsv(items: ShortageForecastItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const it of items) {
    const base = [it.source, it.occupation.scheme, it.occupation.code, it.occupation.label, it.region];
    const tail = [it.model, (it.accuracy as { mase6?: number } | null)?.mase6 ?? '', it.rating.value];
    for (const h of it.history) lines.push([...base, 'history', h.period, h.value, '', '', '', '', h.suppressed ? 'true' : '', ...tail].map(csvCell).join(','));
    for (const f of it.forecast) lines.push([...base, 'forecast', f.period, f.value, f.lower80, f.upper80, f.lower95, f.upper95, '', ...tail].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export const forecastRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const lookup = (q: ForecastQuery, platform: boolean): ShortageForecastItem[] => {
    try {
      if (platform) {
        let occupation = q.occupation;
        if (occupation?.startsWith('http')) {
          // An ESCO occupation maps to its ISCO unit through the vacancies that carry both.
          const row = app.sqlite
            .prepare('SELECT occupation_isco AS isco FROM vacancies WHERE occupation_esco = ? AND occupation_isco IS NOT NULL LIMIT 1')
            .get(occupation) as { isco: string } | undefined;
          if (!row) throw new ForecastLookupError('occupation', `no platform data for ESCO occupation ${occupation}`, []);
          occupation = row.isco;
        }
        return app.forecasts.platform(app.sqlite, app.config.SUPPRESSION_K, { ...q, occupation });
      }
      if (q.occupation?.startsWith('http')) {
        throw new ForecastLookupError('occupation', `official ${q.country} series are not coded in ESCO; use the national code (ANZSCO for AU, JOLTS industry for US) or source=platform`, []);
      }
      return app.forecasts.shortages(q);
    } catch (err) {
      if (err instanceof ForecastLookupError) throw new AppError('NOT_FOUND', err.message, { [err.what]: true, suggestions: err.suggestions });
      throw err;
    }
  };

  r.get(
    '/v1/forecasts/shortages',
    {
      config: { roles: ROLES, errors: ['NOT_FOUND'] }, // no series for the query
      schema: {
        tags: ['forecasts'],
        summary: 'Shortage forecasts per occupation × region: history, forecast with 80/95% intervals, model, backtest accuracy, rating',
        querystring: ShortagesQuerySchema,
        response: { 200: ShortagesPageSchema.or(z.string()) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const version = app.forecasts.dataVersion;
      const offset = decodeCursor(q.cursor, version);
      const all = lookup({ country: q.country, region: q.region, occupation: q.occupation, horizon: q.horizon, historyMonths: q.history }, q.source === 'platform');
      const items = all.slice(offset, offset + q.limit);
      const nextCursor = offset + q.limit < all.length ? encodeCursor(version, offset + q.limit) : null;
      if (q.format === 'csv') {
        if (nextCursor) reply.header('x-next-cursor', nextCursor);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="shortages-${q.country}.csv"`)
          .send(itemsToCsv(items));
      }
      return { items, nextCursor, dataVersion: version, suppressionK: app.config.SUPPRESSION_K };
    },
  );

  r.get(
    '/v1/forecasts/shortages/chart.svg',
    {
      config: { roles: ROLES, errors: ['NOT_FOUND'] }, // no series for the query
      schema: {
        tags: ['forecasts'],
        summary: 'SVG line chart of one series: history, forecast and its 80/95% interval band',
        querystring: ChartQuerySchema,
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const items = lookup({ country: q.country, region: q.region, occupation: q.occupation, horizon: q.horizon, historyMonths: q.history }, q.source === 'platform');
      // Without a region, chart the national series.
      const item = items.find((i) => !q.region && (i.region === 'AUST' || i.region === q.country)) ?? items[0];
      if (!item) throw new AppError('NOT_FOUND', 'no series matches this query');
      return reply.type('image/svg+xml; charset=utf-8').send(renderForecastSvg(item, { width: q.width, height: q.height }));
    },
  );

  r.get(
    '/v1/forecasts/accuracy',
    {
      config: { roles: ROLES },
      schema: { tags: ['forecasts'], summary: 'Backtest accuracy of the forecasts (npm run bench:forecast)', response: { 200: z.record(z.string(), z.unknown()) } },
    },
    async () => {
      const doc = app.forecasts.accuracy();
      if (!doc) throw new AppError('NOT_READY', 'no accuracy report yet: run npm run bench:forecast');
      return doc as Record<string, unknown>;
    },
  );
};
