// Part of `npm run bench:scale` (issue 15), also alone: node --import tsx bench/scale-backends.ts [--reps 3] [--rounds 7]
// One API process on SQLite and one on PostgreSQL (a scratch database on TEST_DATABASE_URL), the same data through the
// same API: the realistic ads of bench/fixtures/realistic (× reps, one POST each) and 20 of its seekers. Reports
//  1. ingest: vacancy writes per second through the API on each back end (the two run at the same time, so the box's
//     load is shared; embedding is most of a write's cost);
//  2. explained match-page latency (GET /v1/candidates/me/matches?limit=10, audited): the two back ends in turn, the
//     order swapped each round, the ratio PostgreSQL / SQLite per round, and its median.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchPgDatabase } from '../test/pg-helper.js';
import { killHard, startServer, type ServerProcess } from '../test/server-process.js';
import { adminKeyFrom, call, setUpActors } from '../test/replica-cluster.js';
import { numberArg } from './args.js';

type Fixture = Record<string, Record<string, unknown>>;
const FIXTURES = join(import.meta.dirname, 'fixtures', 'realistic');
const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Fixture[];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function load(server: ServerProcess, ads: Record<string, unknown>[], profiles: Record<string, unknown>[]): Promise<{ writesPerS: number; seekers: string[] }> {
  const admin = adminKeyFrom(server.stdout());
  if (!admin) throw new Error(`no admin key in:\n${server.stdout()}`);
  const act = await setUpActors(server.baseUrl, admin);
  const t0 = performance.now();
  for (const ad of ads) {
    const res = await call(server.baseUrl, act.employer, 'POST', '/v1/vacancies', ad);
    if (res.status !== 201) throw new Error(`vacancy: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const writesPerS = ads.length / ((performance.now() - t0) / 1000);
  const seekers: string[] = [];
  for (const p of profiles) {
    const reg = await call(server.baseUrl, null, 'POST', '/v1/jobseekers', { lang: 'en' });
    const put = await call(server.baseUrl, reg.body.key, 'PUT', '/v1/candidates/me', p);
    if (put.status !== 200) throw new Error(`profile: ${put.status} ${JSON.stringify(put.body)}`);
    seekers.push(reg.body.key as string);
  }
  return { writesPerS, seekers };
}

async function pages(base: string, seekers: string[]): Promise<number> {
  const t0 = performance.now();
  for (const k of [...seekers, ...seekers]) {
    const res = await call(base, k, 'GET', '/v1/candidates/me/matches?limit=10');
    if (res.status !== 200) throw new Error(`matches: ${res.status}`);
  }
  return (performance.now() - t0) / (2 * seekers.length);
}

export async function runBackendBench(o: { reps: number; rounds: number }): Promise<void> {
  const ads = Array.from({ length: o.reps }, (_, r) => read('vacancies.json').map((v) => ({ status: 'open', ...(v.ad as object), title: `${String(v.ad!.title)}${r ? ` (${r})` : ''}` }))).flat();
  const profiles = read('seekers.json').slice(0, 20).map((s) => ({ ...s.profile, consent: { matching: true, visibleToEmployers: true } }));
  const pgDb = await scratchPgDatabase({ max: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-backends-'));
  const limits = { RATE_LIMIT_MAX: '10000000', ANON_RATE_LIMIT_MAX: '10000000' };
  let lite: ServerProcess | undefined;
  let pg: ServerProcess | undefined;
  try {
    [lite, pg] = await Promise.all([
      startServer({ ...limits, DATABASE_PATH: join(dir, 'lite.db'), INDEX_DIR: join(dir, 'lite-index') }, 300_000),
      startServer({ ...limits, DATABASE_URL: pgDb.url, DATABASE_PATH: join(dir, 'pg-local.db'), INDEX_DIR: join(dir, 'pg-index'), REPLICA_DIR: join(dir, 'pg-replica') }, 300_000),
    ]);
    const [l, p] = await Promise.all([load(lite, ads, profiles), load(pg, ads, profiles)]);
    console.log(`\n## One process on PostgreSQL vs one on SQLite, same data (${ads.length} realistic ads, ${profiles.length} seekers, through the API)`);
    console.log(`1. ingest, vacancy writes through the API (both at once): SQLite ${l.writesPerS.toFixed(1)}/s, PostgreSQL ${p.writesPerS.toFixed(1)}/s → PostgreSQL / SQLite ×${(p.writesPerS / l.writesPerS).toFixed(2)}`);
    await pages(lite.baseUrl, l.seekers);
    await pages(pg.baseUrl, p.seekers);
    const ratios: number[] = [];
    const perPage = { lite: [] as number[], pg: [] as number[] };
    for (let r = 0; r < o.rounds; r++) {
      const order = r % 2 ? (['pg', 'lite'] as const) : (['lite', 'pg'] as const);
      const ms: Record<string, number> = {};
      for (const b of order) ms[b] = await pages(b === 'pg' ? pg.baseUrl : lite.baseUrl, b === 'pg' ? p.seekers : l.seekers);
      perPage.lite.push(ms.lite!);
      perPage.pg.push(ms.pg!);
      ratios.push(ms.pg! / ms.lite!);
    }
    console.log(
      `2. explained match page (limit 10, audited), ${o.rounds} rounds of ${2 * profiles.length} pages each, order swapped every round: ` +
        `SQLite ${median(perPage.lite).toFixed(1)} ms, PostgreSQL ${median(perPage.pg).toFixed(1)} ms per page → PostgreSQL / SQLite ×${median(ratios).toFixed(2)} ` +
        `(rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
    );
  } finally {
    await Promise.all([lite, pg].filter((s): s is ServerProcess => !!s).map(killHard));
    rmSync(dir, { recursive: true, force: true });
    await pgDb.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runBackendBench({ reps: numberArg('reps', 3), rounds: numberArg('rounds', 7) });
}
