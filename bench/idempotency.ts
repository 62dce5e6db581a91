/**
 * npm run bench:idempotency -- [--old <checkout>] [--pg]
 * The cost of an Idempotency-Key: POST /v1/vacancies with the header and without it, side by side in one process
 * (batches of 20 alternate, after a warm-up; every request a new key), CPU and wall time per request, on SQLite and,
 * with --pg (TEST_DATABASE_URL names a server; a fresh database is created and dropped), on PostgreSQL.
 * With --old, the same child runs in another checkout too, in turn (3 rounds), so the with/without ratio of this tree
 * and of that one are measured side by side. Prepare the other checkout with e.g.
 *   git worktree add ../old <commit> && ln -s "$PWD/node_modules" ../old/node_modules && cp bench/idempotency.ts ../old/bench/
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Figures {
  cpuMsWith: number;
  cpuMsWithout: number;
  wallMsWith: number;
  wallMsWithout: number;
}

async function child(pg: boolean): Promise<void> {
  const { buildApp } = await import('../src/app.js');
  const { bootstrap } = await import('../src/services/bootstrap.js');
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-idem-'));
  let drop: (() => Promise<void>) | null = null;
  let url: string | undefined;
  if (pg) {
    const { scratchPgDatabase } = await import('../test/pg-helper.js');
    const db = await scratchPgDatabase({ migrate: false, max: 1 });
    url = db.url;
    drop = () => db.drop();
  }
  const app = await buildApp({
    logger: false,
    config: {
      ...(url ? { DATABASE_URL: url } : {}),
      DATABASE_PATH: join(dir, 'b.db'),
      INDEX_DIR: join(dir, 'index'),
      REPLICA_DIR: join(dir, 'replica'),
      PASSERELLE_DEMO: false,
      RATE_LIMIT_MAX: 10_000_000,
      ANON_RATE_LIMIT_MAX: 10_000_000,
      MAX_EVENT_LOOP_DELAY_MS: 0,
      REFERENCE_SERIES_LOAD: false,
      FORECAST_REFERENCE_REFIT: [],
      TAXONOMY_WARMUP: false,
      COST_BUDGET_MS: 0,
    },
  });
  await app.ready();
  const [admin] = await bootstrap(app, false);
  const call = async (key: string, url: string, payload: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${key}`, ...headers } });
    if (res.statusCode >= 300) throw new Error(`POST ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    return res.json() as { id: string; key: string };
  };
  const emp = await call(admin!.key, '/v1/employers', { name: 'Bench GmbH', country: 'DE' });
  const empKey = (await call(admin!.key, '/v1/admin/keys', { role: 'employer', employerId: emp.id })).key;
  // One text for all (its embedding and taxonomy reading are cached after the first): the write path is measured.
  const ad = {
    title: 'Welder (MIG/MAG)',
    description: 'Welding of steel frames for agricultural machinery; reading drawings; two years of experience.',
    country: 'DE',
    skills: [],
    languages: [],
  };
  let n = 0;
  const batch = async (withKey: boolean, size: number): Promise<{ cpu: number; wall: number }> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < size; i++) await call(empKey, '/v1/vacancies', ad, withKey ? { 'idempotency-key': `bench-key-${process.pid}-${++n}` } : {});
    const c = process.cpuUsage(c0);
    return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
  };
  await batch(false, 20);
  await batch(true, 20);
  const sum = { with: { cpu: 0, wall: 0, n: 0 }, without: { cpu: 0, wall: 0, n: 0 } };
  for (let r = 0; r < 8; r++) {
    for (const withKey of r % 2 ? [true, false] : [false, true]) {
      const b = await batch(withKey, 20);
      const s = withKey ? sum.with : sum.without;
      s.cpu += b.cpu;
      s.wall += b.wall;
      s.n += 20;
    }
  }
  await app.close();
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
  const out: Figures = { cpuMsWith: sum.with.cpu / sum.with.n, cpuMsWithout: sum.without.cpu / sum.without.n, wallMsWith: sum.with.wall / sum.with.n, wallMsWithout: sum.without.wall / sum.without.n };
  console.log(JSON.stringify(out));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = (x: number, d = 2): string => x.toFixed(d);

if (process.argv.includes('--child')) await child(process.argv.includes('--pg'));
else {
  const here = resolve(fileURLToPath(import.meta.url), '..', '..');
  const oi = process.argv.indexOf('--old');
  const old = oi >= 0 ? resolve(process.argv[oi + 1]!) : null;
  const pg = process.argv.includes('--pg');
  const runIn = (dir: string): Figures => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(dir, 'bench/idempotency.ts'), '--child', ...(pg ? ['--pg'] : [])], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(out.trim().split('\n').pop()!) as Figures;
  };
  const rows: { tree: string; fig: Figures }[] = [];
  for (let round = 1; round <= 3; round++) {
    for (const [tree, dir] of old ? ([['old', old], ['this', here]] as const) : ([['this', here]] as const)) {
      const fig = runIn(dir);
      rows.push({ tree, fig });
      console.log(
        `round ${round} ${tree.padEnd(4)}: CPU/request with key ${f(fig.cpuMsWith)} ms, without ${f(fig.cpuMsWithout)} ms (×${f(fig.cpuMsWith / fig.cpuMsWithout)}); wall ${f(fig.wallMsWith)} / ${f(fig.wallMsWithout)} ms (×${f(fig.wallMsWith / fig.wallMsWithout)})`,
      );
    }
  }
  for (const tree of old ? ['old', 'this'] : ['this']) {
    const mine = rows.filter((r) => r.tree === tree).map((r) => r.fig);
    console.log(
      `${tree}: POST /v1/vacancies with Idempotency-Key / without (${pg ? 'PostgreSQL' : 'SQLite'}), median of 3 rounds: CPU ×${f(median(mine.map((x) => x.cpuMsWith / x.cpuMsWithout)))}, wall ×${f(median(mine.map((x) => x.wallMsWith / x.wallMsWithout)))}`,
    );
  }
}
