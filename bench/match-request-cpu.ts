/**
 * npm run bench:match-cpu -- --old <checkout of the code to compare with>
 * CPU per match request (seeker: GET /v1/candidates/me/matches?limit=10; employer: GET /v1/vacancies/:id/matches
 * ?limit=10, each with explanations and the audit write), for this tree and another checkout, side by side: the two run
 * in turn as child processes (3 rounds each). Both load the same items (this tree's bench/fixtures/realistic, posted
 * through the API of the tree being measured), warm up once, then time every seeker's and every ad's request.
 * Prepare the other checkout with e.g.
 *   git worktree add ../old <commit> && ln -s "$PWD/node_modules" ../old/node_modules && cp bench/match-request-cpu.ts ../old/bench/
 */
import { compareWithOld } from './side-by-side.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

async function child(fixtures: string): Promise<void> {
  const { buildApp } = await import('../src/app.js');
  const { createApiKeySync } = await import('./sqlite-fixtures.js');
  const { employers } = await import('../src/db/schema/index.js');
  const { nowIso } = await import('../src/db/client.js');
  const { newId } = await import('../src/ids.js');
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-match-cpu-'));
  const app = await buildApp({
    logger: false,
    config: { DATABASE_PATH: join(dir, 'b.db'), INDEX_DIR: join(dir, 'index'), PASSERELLE_DEMO: false, RATE_LIMIT_MAX: 10_000_000, ANON_RATE_LIMIT_MAX: 10_000_000, MAX_EVENT_LOOP_DELAY_MS: 0, REFERENCE_SERIES_LOAD: false, FORECAST_REFERENCE_REFIT: [], COST_BUDGET_MS: 1_000_000_000_000 },
  });
  await app.ready();
  const call = async (key: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, payload: payload as object, headers: key ? { authorization: `Bearer ${key}` } : {} });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode}`);
    return res.json();
  };
  const ads = JSON.parse(readFileSync(join(fixtures, 'vacancies.json'), 'utf8')) as { ad: Record<string, unknown> & { country: string } }[];
  const seekers = JSON.parse(readFileSync(join(fixtures, 'seekers.json'), 'utf8')) as { profile: Record<string, unknown> }[];
  const keys = new Map<string, string>();
  const employerKey = (country: string) => {
    let k = keys.get(country);
    if (!k) {
      const id = newId('emp');
      app.db.insert(employers).values({ id, name: `E ${country}`, country, createdAt: nowIso(), updatedAt: nowIso() }).run();
      k = createApiKeySync(app.db, { role: 'employer', employerId: id }).key;
      keys.set(country, k);
    }
    return k;
  };
  const vacancyCalls: { key: string; url: string }[] = [];
  for (const v of ads) {
    const created = await call(employerKey(v.ad.country), 'POST', '/v1/vacancies', { status: 'open', ...v.ad });
    vacancyCalls.push({ key: employerKey(v.ad.country), url: `/v1/vacancies/${created.id}/matches?limit=10` });
  }
  const seekerKeys: string[] = [];
  for (const s of seekers) {
    const reg = await call(null, 'POST', '/v1/jobseekers', { lang: 'en' });
    await call(reg.key, 'PUT', '/v1/candidates/me', { ...s.profile, consent: { matching: true, visibleToEmployers: true } });
    seekerKeys.push(reg.key);
  }
  const once = async () => {
    for (const k of seekerKeys) await call(k, 'GET', '/v1/candidates/me/matches?limit=10');
    for (const v of vacancyCalls) await call(v.key, 'GET', v.url);
  };
  await once();
  const rounds = 3;
  const c0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) await once();
  const c = process.cpuUsage(c0);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ cpuMsPerRequest: (c.user + c.system) / 1000 / (rounds * (seekerKeys.length + vacancyCalls.length)) }));
}

const ci = process.argv.indexOf('--child');
if (ci >= 0) await child(process.argv[ci + 1]!);
else {
  const here = resolve(fileURLToPath(import.meta.url), '..', '..');
  compareWithOld({
    script: 'bench/match-request-cpu.ts',
    here,
    childArgs: [resolve(here, 'bench/fixtures/realistic')],
    field: 'cpuMsPerRequest',
    name: 'bench:match-cpu',
    roundLabel: 'CPU per match request',
    summary: 'CPU per match request (seeker and employer pages of 10, explained and audited)',
    goal: '; goal < ×2',
  });
}
