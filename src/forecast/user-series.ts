// A ministry's own series: line-by-line validation of an upload (CSV or NDJSON, long format), versioned storage,
// visibility (owner, or published), and the panel the engine refits. Repository code: SQLite only, no HTTP.
import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { newId } from '../ids.js';
import { cleanSeries } from './models.js';
import type { PanelItem } from './panel-backtest.js';
import { addMonths, type OccupationScheme } from './reference-data.js';
import { seriesKey } from './model-store.js';
import type { UserSourceData } from './service.js';

/** Names the reference data and the platform use: a ministry cannot upload into them. */
export const RESERVED_SOURCES = ['official', 'platform', 'ivi', 'jolts'] as const;
export const SOURCE_NAME = /^[a-z][a-z0-9-]{2,39}$/;
export const MAX_UPLOAD_LINES = 200_000;

export const COUNTRY_OF_SCHEME: Partial<Record<OccupationScheme, string>> = { anzsco: 'AU', soc: 'US', naics: 'US' };

export const SeriesLineSchema = z
  .object({
    source: z.string().regex(SOURCE_NAME, { message: 'must be 3–40 characters: lower-case letters, digits and hyphens, starting with a letter' }),
    scheme: z.enum(['anzsco', 'isco', 'esco', 'soc', 'naics']),
    code: z.string().trim().min(1).max(80).regex(/^[A-Za-z0-9.\-:/_]+$/, { message: 'must be an occupation or industry code (letters, digits, . - : / _)' }),
    region: z.string().trim().regex(/^[A-Z0-9*]{1,8}$/, { message: 'must be a region code such as AUST, NSW or US (upper case)' }),
    country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' }).optional(),
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month YYYY-MM' }),
    value: z.coerce.number().finite().min(0, { message: 'must be ≥ 0' }).max(1e12),
  })
  .strict();
export type SeriesLine = z.infer<typeof SeriesLineSchema>;

export interface LineResult {
  line: number;
  status: 201 | 400;
  error?: { code: 'VALIDATION_FAILED'; message: string; details?: { path: string; rule: string; message: string }[] };
}

/** Parse CSV (header: source,scheme,code,region,period,value[,country]) or NDJSON into per-line results. */
export function parseUpload(body: string, format: 'csv' | 'ndjson'): { results: LineResult[]; good: (SeriesLine & { line: number })[] } {
  const results: LineResult[] = [];
  const good: (SeriesLine & { line: number })[] = [];
  const check = (line: number, raw: unknown): void => {
    const parsed = SeriesLineSchema.safeParse(raw);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: ['line', ...i.path].join('.'), rule: i.code, message: i.message }));
      results.push({ line, status: 400, error: { code: 'VALIDATION_FAILED', message: `line ${line}: ${details[0]!.path}: ${details[0]!.message}`, details } });
      return;
    }
    const v = parsed.data;
    if (!v.country && !COUNTRY_OF_SCHEME[v.scheme]) {
      results.push({ line, status: 400, error: { code: 'VALIDATION_FAILED', message: `line ${line}: line.country: required for scheme ${v.scheme}`, details: [{ path: 'line.country', rule: 'required', message: `required for scheme ${v.scheme}` }] } });
      return;
    }
    results.push({ line, status: 201 });
    good.push({ ...v, line });
  };
  if (format === 'ndjson') {
    body.split('\n').forEach((text, i) => {
      if (text.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        results.push({ line: i + 1, status: 400, error: { code: 'VALIDATION_FAILED', message: `line ${i + 1}: is not valid JSON` } });
        return;
      }
      check(i + 1, json);
    });
    return { results, good };
  }
  const rows = parse(body, { relaxColumnCount: true, skipEmptyLines: true, bom: true, info: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  if (rows.length === 0) return { results, good };
  const header = rows[0]!.record.map((h) => h.toLowerCase());
  const required = ['source', 'scheme', 'code', 'region', 'period', 'value'];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    results.push({ line: 1, status: 400, error: { code: 'VALIDATION_FAILED', message: `line 1: header: missing column(s) ${missing.join(', ')}`, details: missing.map((m) => ({ path: `header.${m}`, rule: 'required', message: 'missing column' })) } });
    return { results, good };
  }
  for (const { record, info } of rows.slice(1)) {
    const obj: Record<string, string> = {};
    header.forEach((h, i) => {
      if (record[i] !== undefined && record[i] !== '') obj[h] = record[i]!;
    });
    check(info.lines, obj);
  }
  return { results, good };
}

export class SourceOwnershipError extends Error {}

/** Store the good lines as a new version of each source they name (one transaction); returns the upload ids. */
export function storeUpload(sqlite: Database.Database, ownerKeyId: string, format: string, lineCount: number, good: (SeriesLine & { line: number })[], rejected: number): { source: string; uploadId: string; version: number; accepted: number }[] {
  const bySource = new Map<string, (SeriesLine & { line: number })[]>();
  for (const g of good) bySource.set(g.source, [...(bySource.get(g.source) ?? []), g]);
  const now = new Date().toISOString();
  const out: { source: string; uploadId: string; version: number; accepted: number }[] = [];
  sqlite.transaction(() => {
    for (const [source, lines] of bySource) {
      const existing = sqlite.prepare('SELECT owner_key_id AS owner, latest_version AS v FROM user_sources WHERE source = ?').get(source) as { owner: string; v: number } | undefined;
      if (existing && existing.owner !== ownerKeyId) throw new SourceOwnershipError(source);
      const version = (existing?.v ?? 0) + 1;
      const uploadId = newId('upl');
      if (existing) sqlite.prepare('UPDATE user_sources SET latest_version = ?, updated_at = ? WHERE source = ?').run(version, now, source);
      else sqlite.prepare('INSERT INTO user_sources (source, owner_key_id, published, latest_version, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?)').run(source, ownerKeyId, version, now, now);
      sqlite
        .prepare('INSERT INTO series_uploads (id, source, version, owner_key_id, format, lines, accepted, rejected, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(uploadId, source, version, ownerKeyId, format, lineCount, lines.length, rejected, now);
      const insSeries = sqlite.prepare('INSERT INTO user_series (source, code, region, scheme, country) VALUES (?, ?, ?, ?, ?) ON CONFLICT(source, code, region) DO UPDATE SET scheme = excluded.scheme, country = excluded.country');
      const insObs = sqlite.prepare('INSERT INTO user_series_observations (source, code, region, period, value, upload_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(source, code, region, period) DO UPDATE SET value = excluded.value, upload_id = excluded.upload_id');
      for (const l of lines) {
        insSeries.run(source, l.code, l.region, l.scheme, l.country ?? COUNTRY_OF_SCHEME[l.scheme]!);
        insObs.run(source, l.code, l.region, l.period, l.value, uploadId);
      }
      out.push({ source, uploadId, version, accepted: lines.length });
    }
  })();
  return out;
}

export interface UserSourceRow {
  source: string;
  owner_key_id: string;
  published: number;
  latest_version: number;
}

export function getUserSource(sqlite: Database.Database, source: string): UserSourceRow | undefined {
  return sqlite.prepare('SELECT source, owner_key_id, published, latest_version FROM user_sources WHERE source = ?').get(source) as UserSourceRow | undefined;
}

/** Owner and admin see a source; other ministries only once it is published. */
export function canRead(row: UserSourceRow | undefined, principal: { keyId: string; role: string }): boolean {
  return !!row && (principal.role === 'admin' || row.owner_key_id === principal.keyId || row.published === 1);
}

export const dataVersionOf = (source: string, version: number): string => `${source}@v${version}`;

/** The source's series (interior gaps interpolated) as the service and the engine need them. */
export function readUserSource(sqlite: Database.Database, source: string): Omit<UserSourceData, 'models'> {
  const row = getUserSource(sqlite, source);
  const meta = sqlite.prepare('SELECT code, region, scheme, country FROM user_series WHERE source = ? ORDER BY code, region').all(source) as { code: string; region: string; scheme: OccupationScheme; country: string }[];
  const obs = sqlite.prepare('SELECT code, region, period, value FROM user_series_observations WHERE source = ? ORDER BY code, region, period').all(source) as { code: string; region: string; period: string; value: number }[];
  return buildUserSource(source, row, meta, obs);
}

/** Series and observations (ordered by code, region, period) → the source as the service needs it. */
export function buildUserSource(
  source: string,
  row: UserSourceRow | undefined,
  meta: readonly { code: string; region: string; scheme: OccupationScheme; country: string }[],
  obs: readonly { code: string; region: string; period: string; value: number }[],
): Omit<UserSourceData, 'models'> {
  const grouped = new Map<string, { period: string; value: number }[]>();
  for (const o of obs) {
    const k = `${o.code}|${o.region}`;
    const l = grouped.get(k) ?? [];
    l.push(o);
    grouped.set(k, l);
  }
  const series = meta.map((m) => {
    const points = grouped.get(`${m.code}|${m.region}`) ?? [];
    const first = points[0]?.period ?? '2000-01';
    const byPeriod = new Map(points.map((p) => [p.period, p.value]));
    const raw: (number | null)[] = [];
    const last = points[points.length - 1]?.period ?? first;
    for (let p = first; p <= last; p = addMonths(p, 1)) raw.push(byPeriod.get(p) ?? null);
    const { values, offset } = cleanSeries(raw);
    return { code: m.code, region: m.region, scheme: m.scheme, country: m.country, start: addMonths(first, offset), y: values };
  });
  return { source, series, dataVersion: dataVersionOf(source, row?.latest_version ?? 0) };
}

/** Engine panel of a user source: a region's code "0000"/"TOTAL" is its market; the country's own region (or
 * AUST/US/"*") is the national parent of the other regions of the same code. */
export function userPanel(data: Omit<UserSourceData, 'models'>): PanelItem[] {
  const keys = new Set(data.series.map((s) => `${s.code}|${s.region}`));
  const national = (country: string, code: string): string | undefined =>
    [country, 'AUST', 'US', '*'].map((r) => `${code}|${r}`).find((k) => keys.has(k));
  return data.series.map((s) => {
    const market = ['0000', 'TOTAL', '000000'].map((c) => `${c}|${s.region}`).find((k) => keys.has(k) && k !== `${s.code}|${s.region}`);
    const parent = national(s.country, s.code);
    return {
      key: seriesKey(data.source, s.code, s.region),
      code: s.code,
      region: s.region,
      start: s.start,
      y: s.y,
      marketKey: market ? seriesKey(data.source, ...(market.split('|') as [string, string])) : undefined,
      parentKey: parent && parent !== `${s.code}|${s.region}` ? seriesKey(data.source, ...(parent.split('|') as [string, string])) : undefined,
    };
  });
}

/** Every user source name (for loading at start-up). */
export function listUserSources(sqlite: Database.Database): string[] {
  return (sqlite.prepare('SELECT source FROM user_sources ORDER BY source').all() as { source: string }[]).map((r) => r.source);
}
