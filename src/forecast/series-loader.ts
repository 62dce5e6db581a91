// Loads the committed reference series (data/labour) into SQLite at start-up: once per data version, one transaction.
import type Database from 'better-sqlite3';
import { LABOUR_DATA_DIR, addMonths, readManifest, readSeriesFile, type ReferenceSeries } from './reference-data.js';

export interface LoadResult {
  version: string;
  loaded: boolean;
  series: number;
  observations: number;
  ms: number;
}

const NAME = 'labour';

/** Fill (or refresh) the reference series tables from data/labour; a no-op when this data version is already loaded. */
export function loadReferenceSeries(sqlite: Database.Database, dir = LABOUR_DATA_DIR): LoadResult {
  const t0 = performance.now();
  const { version } = readManifest(dir);
  const current = sqlite.prepare('SELECT version FROM reference_data_versions WHERE name = ?').get(NAME) as { version: string } | undefined;
  if (current?.version === version) {
    const n = sqlite.prepare('SELECT count(*) AS n FROM reference_series').get() as { n: number };
    return { version, loaded: false, series: n.n, observations: -1, ms: performance.now() - t0 };
  }
  const files = [readSeriesFile('ivi', dir), readSeriesFile('jolts', dir)];
  const insSeries = sqlite.prepare(
    'INSERT INTO reference_series (source, code, region, country, scheme, label, unit, start_period, end_period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insObs = sqlite.prepare('INSERT INTO series_observations (source, code, region, period, value) VALUES (?, ?, ?, ?, ?)');
  let series = 0;
  let observations = 0;
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM series_observations').run();
    sqlite.prepare('DELETE FROM reference_series').run();
    for (const f of files) {
      for (const s of f.series as ReferenceSeries[]) {
        insSeries.run(s.source, s.code, s.region, s.country, s.scheme, s.label, s.unit, s.start, addMonths(s.start, s.values.length - 1));
        series++;
        let p = s.start;
        for (const v of s.values) {
          insObs.run(s.source, s.code, s.region, p, v);
          p = addMonths(p, 1);
          observations++;
        }
      }
    }
    sqlite
      .prepare('INSERT INTO reference_data_versions (name, version, rows, loaded_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, rows = excluded.rows, loaded_at = excluded.loaded_at')
      .run(NAME, version, observations, new Date().toISOString());
  })();
  return { version, loaded: true, series, observations, ms: performance.now() - t0 };
}

export interface StoredSeries {
  source: string;
  code: string;
  region: string;
  country: string;
  scheme: string;
  label: string;
  unit: string;
  start: string;
  values: (number | null)[];
}

/** Read every reference series back from SQLite (ordered), for the in-memory forecast cache. */
export function readReferenceSeries(sqlite: Database.Database): StoredSeries[] {
  const meta = sqlite
    .prepare('SELECT source, code, region, country, scheme, label, unit, start_period AS start FROM reference_series ORDER BY source, code, region')
    .all() as Omit<StoredSeries, 'values'>[];
  const byKey = new Map<string, StoredSeries>();
  for (const m of meta) byKey.set(`${m.source}|${m.code}|${m.region}`, { ...m, values: [] });
  const it = sqlite
    .prepare('SELECT source, code, region, period, value FROM series_observations ORDER BY source, code, region, period')
    .raw()
    .iterate() as IterableIterator<[string, string, string, string, number | null]>;
  for (const [source, code, region, _p, value] of it) byKey.get(`${source}|${code}|${region}`)?.values.push(value);
  return [...byKey.values()];
}
