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

function prepare(sqlite: Database.Database) {
  return {
    insSeries: sqlite.prepare(
      'INSERT INTO reference_series (source, code, region, country, scheme, label, unit, start_period, end_period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insObs: sqlite.prepare('INSERT INTO series_observations (source, code, region, period, value) VALUES (?, ?, ?, ?, ?)'),
    clear: () => {
      sqlite.prepare('DELETE FROM reference_data_versions WHERE name = ?').run(NAME);
      sqlite.prepare('DELETE FROM series_observations').run();
      sqlite.prepare('DELETE FROM reference_series').run();
    },
    mark: (version: string, rows: number) =>
      sqlite
        .prepare('INSERT INTO reference_data_versions (name, version, rows, loaded_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, rows = excluded.rows, loaded_at = excluded.loaded_at')
        .run(NAME, version, rows, new Date().toISOString()),
  };
}

function loadedVersion(sqlite: Database.Database): string | undefined {
  return (sqlite.prepare('SELECT version FROM reference_data_versions WHERE name = ?').get(NAME) as { version: string } | undefined)?.version;
}

function allSeries(dir: string): ReferenceSeries[] {
  return [...readSeriesFile('ivi', dir).series, ...readSeriesFile('jolts', dir).series];
}

function insertSeries(st: ReturnType<typeof prepare>, s: ReferenceSeries): number {
  st.insSeries.run(s.source, s.code, s.region, s.country, s.scheme, s.label, s.unit, s.start, addMonths(s.start, s.values.length - 1));
  let p = s.start;
  for (const v of s.values) {
    st.insObs.run(s.source, s.code, s.region, p, v);
    p = addMonths(p, 1);
  }
  return s.values.length;
}

/** Fill (or refresh) the reference series tables from data/labour in one transaction; a no-op when this data
 * version is already loaded. */
export function loadReferenceSeries(sqlite: Database.Database, dir = LABOUR_DATA_DIR): LoadResult {
  const t0 = performance.now();
  const { version } = readManifest(dir);
  if (loadedVersion(sqlite) === version) return { version, loaded: false, series: 0, observations: 0, ms: performance.now() - t0 };
  const series = allSeries(dir);
  const st = prepare(sqlite);
  let observations = 0;
  sqlite.transaction(() => {
    st.clear();
    for (const s of series) observations += insertSeries(st, s);
    st.mark(version, observations);
  })();
  return { version, loaded: true, series: series.length, observations, ms: performance.now() - t0 };
}

/**
 * The same load in chunks of `chunk` series per transaction, yielding to the event loop in between, so a server
 * starting on an empty database keeps answering (one 720k-row transaction blocks it for seconds). The version is
 * marked in the last transaction only, so an interrupted load is simply redone at the next start.
 */
export async function loadReferenceSeriesInBackground(
  sqlite: Database.Database,
  opts: { dir?: string; chunk?: number; cancelled?: () => boolean } = {},
): Promise<LoadResult | null> {
  const t0 = performance.now();
  const dir = opts.dir ?? LABOUR_DATA_DIR;
  const { version } = readManifest(dir);
  if (loadedVersion(sqlite) === version) return { version, loaded: false, series: 0, observations: 0, ms: performance.now() - t0 };
  const series = allSeries(dir);
  const st = prepare(sqlite);
  const chunk = opts.chunk ?? 100;
  let observations = 0;
  sqlite.transaction(() => st.clear())();
  for (let i = 0; i < series.length; i += chunk) {
    if (opts.cancelled?.()) return null;
    const part = series.slice(i, i + chunk);
    const last = i + chunk >= series.length;
    sqlite.transaction(() => {
      for (const s of part) observations += insertSeries(st, s);
      if (last) st.mark(version, observations);
    })();
    await new Promise((r) => setImmediate(r));
  }
  return { version, loaded: true, series: series.length, observations, ms: performance.now() - t0 };
}

