// The service scores its own past forecasts: each forecast served is stored once (series × origin × model × data
// version); when actuals for those months arrive (a new upload, a new reference data version) the scorecard compares
// them with the forecast and with the two naive baselines it could have served instead.
import type Database from 'better-sqlite3';
import type { ForecastPoint } from './models.js';

export interface ServedRecordInput {
  source: string;
  code: string;
  region: string;
  origin: string;
  model: string;
  dataVersion: string;
  forecast: ({ period: string } & ForecastPoint)[];
  lastValue: number;
  lastYear: number[];
  scale: number;
}

/** Store forecasts not stored yet (INSERT OR IGNORE on the natural key), in one transaction. Returns how many were new. */
export function recordServed(sqlite: Database.Database, rows: readonly ServedRecordInput[]): number {
  if (rows.length === 0) return 0;
  const ins = sqlite.prepare(
    `INSERT OR IGNORE INTO served_forecasts (source, code, region, origin, model, data_version, points, last_value, last_year, scale, served_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  let n = 0;
  sqlite.transaction(() => {
    for (const r of rows) {
      n += ins.run(r.source, r.code, r.region, r.origin, r.model, r.dataVersion, JSON.stringify(r.forecast), r.lastValue, JSON.stringify(r.lastYear), r.scale, now).changes;
    }
  })();
  return n;
}

export interface ScorecardHorizon {
  h: number;
  /** Forecast × month pairs with an actual. */
  n: number;
  /** Mean absolute scaled error of the served forecasts, and of the two baselines on the same pairs. */
  mase: number;
  naiveMase: number;
  snaiveMase: number;
  /** MASE ÷ baseline MASE (< 1: the served forecasts beat it). */
  relNaive: number;
  relSnaive: number;
  coverage80: number;
  coverage95: number;
  /** Share of pairs where the sign of the change from the last observed value was forecast right (no-change actuals left out). */
  direction: number | null;
  directionN: number;
}

export interface Scorecard {
  source: string;
  storedForecasts: number;
  scoredForecasts: number;
  origins: string[];
  horizons: ScorecardHorizon[];
  /** The same, pooled over horizons 1–12. */
  overall: Omit<ScorecardHorizon, 'h'> | null;
}

interface StoredRow {
  code: string;
  region: string;
  origin: string;
  points: string;
  last_value: number;
  last_year: string;
  scale: number;
}

/** Score the stored forecasts of a source against `actual(code, region)` (period → value). */
export function computeScorecard(
  from: Database.Database | readonly StoredRow[],
  source: string,
  actual: (code: string, region: string) => Map<string, number>,
  maxH = 24,
): Scorecard {
  // `from`: the SQLite database, or the rows already read from PostgreSQL (forecast/series-repo.ts).
  const rows = Array.isArray(from)
    ? (from as readonly StoredRow[])
    : ((from as Database.Database).prepare('SELECT code, region, origin, points, last_value, last_year, scale FROM served_forecasts WHERE source = ? ORDER BY origin, code, region').all(source) as StoredRow[]);
  type Acc = { n: number; e: number; en: number; es: number; c80: number; c95: number; dr: number; dn: number };
  const acc = Array.from({ length: maxH }, (): Acc => ({ n: 0, e: 0, en: 0, es: 0, c80: 0, c95: 0, dr: 0, dn: 0 }));
  const cache = new Map<string, Map<string, number>>();
  let scored = 0;
  const origins = new Set<string>();
  for (const r of rows) {
    const k = `${r.code}|${r.region}`;
    let a = cache.get(k);
    if (!a) cache.set(k, (a = actual(r.code, r.region)));
    const pts = JSON.parse(r.points) as ({ period: string } & ForecastPoint)[];
    const lastYear = JSON.parse(r.last_year) as number[];
    const scale = r.scale > 0 ? r.scale : 1;
    let any = false;
    pts.forEach((p, i) => {
      if (i >= maxH) return;
      const y = a!.get(p.period);
      if (y === undefined) return;
      any = true;
      const s = acc[i]!;
      s.n++;
      s.e += Math.abs(y - p.value) / scale;
      s.en += Math.abs(y - r.last_value) / scale;
      s.es += Math.abs(y - (lastYear[i % 12] ?? r.last_value)) / scale;
      if (y >= p.lower80 && y <= p.upper80) s.c80++;
      if (y >= p.lower95 && y <= p.upper95) s.c95++;
      const da = Math.sign(y - r.last_value);
      if (da !== 0) {
        s.dn++;
        if (Math.sign(p.value - r.last_value) === da) s.dr++;
      }
    });
    if (any) {
      scored++;
      origins.add(r.origin);
    }
  }
  const fin = (s: Acc) => ({
    n: s.n,
    mase: s.e / s.n,
    naiveMase: s.en / s.n,
    snaiveMase: s.es / s.n,
    relNaive: s.en > 0 ? s.e / s.en : Number.NaN,
    relSnaive: s.es > 0 ? s.e / s.es : Number.NaN,
    coverage80: s.c80 / s.n,
    coverage95: s.c95 / s.n,
    direction: s.dn ? s.dr / s.dn : null,
    directionN: s.dn,
  });
  const horizons = acc.map((s, i) => ({ h: i + 1, ...fin(s) })).filter((x) => x.n > 0);
  const pooled = acc.slice(0, 12).reduce((t, s) => ({ n: t.n + s.n, e: t.e + s.e, en: t.en + s.en, es: t.es + s.es, c80: t.c80 + s.c80, c95: t.c95 + s.c95, dr: t.dr + s.dr, dn: t.dn + s.dn }), { n: 0, e: 0, en: 0, es: 0, c80: 0, c95: 0, dr: 0, dn: 0 });
  return { source, storedForecasts: rows.length, scoredForecasts: scored, origins: [...origins].sort(), horizons, overall: pooled.n ? fin(pooled) : null };
}

/** Actuals of a reference series from SQLite (loaded from data/labour), period → value. */
export function referenceActuals(sqlite: Database.Database, source: string, code: string, region: string): Map<string, number> {
  const dbCode = source === 'jolts' ? `JOL.${code}` : code;
  const rows = sqlite.prepare('SELECT period, value FROM series_observations WHERE source = ? AND code = ? AND region = ? AND value IS NOT NULL').all(source, dbCode, region) as { period: string; value: number }[];
  return new Map(rows.map((r) => [r.period, r.value]));
}

export function userActuals(sqlite: Database.Database, source: string, code: string, region: string): Map<string, number> {
  const rows = sqlite.prepare('SELECT period, value FROM user_series_observations WHERE source = ? AND code = ? AND region = ?').all(source, code, region) as { period: string; value: number }[];
  return new Map(rows.map((r) => [r.period, r.value]));
}


/** The scorecard of a reference source (ivi, jolts) or a ministry's own source, with the right actuals. */
export function scorecardFor(sqlite: Database.Database, source: string): Scorecard {
  const reference = source === 'ivi' || source === 'jolts';
  return computeScorecard(sqlite, source, (code, region) => (reference ? referenceActuals(sqlite, source, code, region) : userActuals(sqlite, source, code, region)));
}
