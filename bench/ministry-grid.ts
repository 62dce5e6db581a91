// npm run bench:ministry-grid [-- --vacancies 20000] [-- --rounds 9]
//
// A ministry's screening aggregates (GET /v1/screening/aggregates on the publication grid: by occupation, destination
// and employer, linked to platform signals) over a seeded table of N vacancies, on SQLite and, with TEST_DATABASE_URL,
// on a scratch PostgreSQL database. Side by side in one run, interleaved per round:
//  - per request: aggregateFlags without a cache, the work every request did before (scans, platform signals, link);
//  - cached: the same call with the per-vacancies-version cache, warm (no write since the last request);
//  - after one write: one vacancy updated (the counter moves), then the cached call: the derived rows are brought
//    forward by the changed ids only (vacancy-rows.ts) and counted in memory. Before that design a miss recomputed
//    everything: the per-request cost, which is the "old" side of the after-write ratio (same run);
//  - cold: a fresh cache (a new process), every vacancy's derived row loaded once.
// Each cached and after-write answer is checked equal to the per-request one. Medians per view.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { aggregateFlags, type AggregateQuery } from '../src/screening/aggregates.js';
import { VacancyVersionCache, type AggregatesDb } from '../src/screening/grid-cache.js';
import { FLAG_TYPES } from '../src/screening/types.js';
import { numberArg } from './args.js';

const N = numberArg('vacancies', 20_000);
const ROUNDS = numberArg('rounds', 9);
const K = 5;
const VIEWS: AggregateQuery[] = [
  { by: 'occupation', iscoLevel: 2 },
  { by: 'destination', iscoLevel: 2 },
  { by: 'employer', iscoLevel: 2 },
];
const COUNTRIES = ['DE', 'NL', 'AT', 'FR', 'BE', 'IT', 'ES', 'PL', 'SE', 'DK', 'PT', 'IE'];
const REGIONS = ['North', 'South', 'East', 'West', null];
const ISCO = ['2512', '2221', '3221', '5120', '5321', '7212', '7231', '7126', '7411', '8332', '9112', '9313', '6111', '8322', '4110', '2611', '3112', '7115', '7213', '9621'];
const STATUSES = ['open', 'open', 'closed', 'filled', 'held'];
const EMPLOYERS = 400;

/** A small deterministic generator (mulberry32), so every run seeds the same table. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  id: string;
  employer_id: string;
  title: string;
  description: string;
  occupation_isco: string | null;
  skills: string;
  languages: string;
  country: string;
  region: string | null;
  status: string;
  lang: string;
  suggestions: string | null;
  screening: string | null;
  opened_at: string;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

function rows(): { employers: { id: string; name: string; country: string }[]; vacancies: Row[] } {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const employers = Array.from({ length: EMPLOYERS }, (_, i) => ({ id: `emp_bench${i}`, name: `Employer ${i}`, country: pick(COUNTRIES) }));
  const vacancies: Row[] = [];
  for (let i = 0; i < N; i++) {
    const isco = pick(ISCO);
    const coded = r() > 0.1;
    const status = pick(STATUSES);
    const opened = new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * 690) * 86_400_000).toISOString();
    const closed = status === 'closed' || status === 'filled' ? new Date(Date.parse(opened) + Math.floor(1 + r() * 120) * 86_400_000).toISOString() : null;
    const flags = FLAG_TYPES.filter(() => r() < 0.04).map((type) => ({ type, severity: 'medium', dismissed: r() < 0.1 }));
    vacancies.push({
      id: `vac_bench${i}`,
      employer_id: pick(employers).id,
      title: `Worker ${isco}`,
      description: 'bench',
      occupation_isco: coded ? isco : null,
      skills: '[]',
      languages: '[]',
      country: pick(COUNTRIES),
      region: pick(REGIONS),
      status,
      lang: 'en',
      suggestions: JSON.stringify({ occupation: { isco, score: 0.8 } }),
      screening: r() < 0.97 ? JSON.stringify({ flags }) : null,
      opened_at: opened,
      closed_at: closed,
      created_at: opened,
      updated_at: opened,
    });
  }
  return { employers, vacancies };
}

/** The write between requests: a vacancy's status flips, and every third write moves its occupation and country too. */
const TOUCH_SQL = `UPDATE vacancies SET status = CASE status WHEN 'open' THEN 'closed' ELSE 'open' END,
  occupation_isco = CASE WHEN id LIKE '%3' THEN '9112' ELSE occupation_isco END, country = CASE WHEN id LIKE '%3' THEN 'PT' ELSE country END WHERE id = $1`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Per request vs cached vs after a write, interleaved per round; returns the report lines. */
async function measure(name: string, db: AggregatesDb, touch: (i: number) => Promise<void>): Promise<string[]> {
  const label = () => null;
  const perRequest = VIEWS.map(() => [] as number[]);
  const cached = VIEWS.map(() => [] as number[]);
  const afterWrite = VIEWS.map(() => [] as number[]);
  const cold: number[] = [];
  // Cold: a fresh cache (a new process) loads every vacancy's derived row once.
  for (let i = 0; i < 3; i++) cold.push((await time(() => aggregateFlags(db, VIEWS[0]!, K, label, new VacancyVersionCache()))).ms);
  const cache = new VacancyVersionCache();
  for (const q of VIEWS) await aggregateFlags(db, q, K, label, cache);
  let writes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, q] of VIEWS.entries()) {
      const before = await time(() => aggregateFlags(db, q, K, label));
      await aggregateFlags(db, q, K, label, cache);
      const after = await time(() => aggregateFlags(db, q, K, label, cache));
      if (JSON.stringify(after.value) !== JSON.stringify(before.value)) throw new Error(`${name} ${q.by}: the cached table differs from the per-request one`);
      perRequest[i]!.push(before.ms);
      cached[i]!.push(after.ms);
      // One vacancy written, then this view: the first request after the write.
      await touch(writes++);
      const missed = await time(() => aggregateFlags(db, q, K, label, cache));
      afterWrite[i]!.push(missed.ms);
      const truth = await aggregateFlags(db, q, K, label);
      if (JSON.stringify(missed.value) !== JSON.stringify(truth)) throw new Error(`${name} ${q.by}: the table after a write differs from the per-request one`);
    }
  }
  const lines = VIEWS.map((q, i) => {
    const b = median(perRequest[i]!);
    const a = median(cached[i]!);
    const w = median(afterWrite[i]!);
    return `${name.padEnd(10)} by=${q.by.padEnd(11)} per request ${b.toFixed(1).padStart(7)} ms   cached ${a.toFixed(3).padStart(7)} ms   after one write ${w.toFixed(1).padStart(6)} ms   after-write new/old ${(w / b).toFixed(3)} (${(b / w).toFixed(0)}× faster)`;
  });
  lines.push(`${name.padEnd(10)} cold (fresh cache: every derived row loaded, by=occupation) ${median(cold).toFixed(1)} ms`);
  return lines;
}

async function sqlite(data: ReturnType<typeof rows>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-ministry-grid-'));
  const opened = openDatabase(join(dir, 'bench.db'));
  try {
    const s = opened.sqlite;
    const now = new Date().toISOString();
    const emp = s.prepare('INSERT INTO employers (id, name, country, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const cols = Object.keys(data.vacancies[0]!);
    const vac = s.prepare(`INSERT INTO vacancies (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    s.transaction(() => {
      for (const e of data.employers) emp.run(e.id, e.name, e.country, now, now);
      for (const v of data.vacancies) vac.run(v);
    })();
    const touch = s.prepare(TOUCH_SQL.replaceAll('$1', '?'));
    return await measure('sqlite', { sqlite: s }, async (i) => void touch.run(`vac_bench${(i * 7919) % N}`));
  } finally {
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(data: ReturnType<typeof rows>): Promise<string[]> {
  const { scratchPgDatabase } = await import('../test/pg-helper.js');
  const pg = await scratchPgDatabase({ max: 4 });
  try {
    const now = new Date().toISOString();
    await pg.pool.query(
      "INSERT INTO employers (id, name, country, created_at, updated_at) SELECT e->>'id', e->>'name', e->>'country', $2, $2 FROM jsonb_array_elements($1::jsonb) e",
      [JSON.stringify(data.employers), now],
    );
    for (let i = 0; i < data.vacancies.length; i += 2000) {
      const batch = data.vacancies.slice(i, i + 2000).map((v) => ({ ...v, skills: [], languages: [], suggestions: v.suggestions && JSON.parse(v.suggestions), screening: v.screening && JSON.parse(v.screening) }));
      await pg.pool.query(
        `INSERT INTO vacancies (${Object.keys(data.vacancies[0]!).join(', ')})
         SELECT ${Object.keys(data.vacancies[0]!).join(', ')} FROM jsonb_populate_recordset(NULL::vacancies, $1::jsonb)`,
        [JSON.stringify(batch)],
      );
    }
    await pg.pool.query('ANALYZE vacancies');
    return await measure('postgres', { pool: pg.pool }, async (i) => {
      await pg.pool.query(TOUCH_SQL, [`vac_bench${(i * 7919) % N}`]);
    });
  } finally {
    await pg.drop();
  }
}

const data = rows();
console.log(`ministry grid: ${N} vacancies, ${EMPLOYERS} employers, k = ${K}, ${ROUNDS} rounds (medians)`);
const report = await sqlite(data);
if (process.env.TEST_DATABASE_URL) report.push(...(await postgres(data)));
else report.push('postgres   skipped (set TEST_DATABASE_URL to a server the bench may create a database on)');
for (const line of report) console.log(line);
