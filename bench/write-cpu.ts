/**
 * npm run bench:write-cpu -- --old <checkout of the code to compare with>
 * CPU per write request through the HTTP API on the SQLite back end (POST /v1/vacancies and PUT /v1/candidates/me:
 * taxonomy suggestions, screening, embedding, the row, its vector and the index, in one transaction), for this tree and
 * another checkout, side by side: the two run in turn as child processes (3 rounds), each posting the same ads and
 * profiles (bench/fixtures/realistic) after a warm-up. Prepare the other checkout with e.g.
 *   git worktree add ../old <commit> && ln -s "$PWD/node_modules" ../old/node_modules && cp bench/write-cpu.ts ../old/bench/
 */
import { compareWithOld } from './side-by-side.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

async function child(fixtures: string): Promise<void> {
  const { buildApp } = await import('../src/app.js');
  const { bootstrap } = await import('../src/services/bootstrap.js');
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-write-cpu-'));
  const app = await buildApp({
    logger: false,
    config: { DATABASE_PATH: join(dir, 'b.db'), INDEX_DIR: join(dir, 'index'), PASSERELLE_DEMO: false, RATE_LIMIT_MAX: 10_000_000, ANON_RATE_LIMIT_MAX: 10_000_000, MAX_EVENT_LOOP_DELAY_MS: 0, REFERENCE_SERIES_LOAD: false },
  });
  await app.ready();
  const [admin] = await bootstrap(app, false);
  const call = async (key: string | null, method: 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, payload: payload as object, headers: key ? { authorization: `Bearer ${key}` } : {} });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    return res.json() as { id: string; key: string };
  };
  const emp = await call(admin!.key, 'POST', '/v1/employers', { name: 'Bench GmbH', country: 'DE' });
  const empKey = (await call(admin!.key, 'POST', '/v1/admin/keys', { role: 'employer', employerId: emp.id })).key;
  const read = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as Record<string, Record<string, unknown>>[];
  const ads = read('vacancies.json').slice(0, 40).map((v) => ({ status: 'open', ...v.ad }));
  const profiles = read('seekers.json').slice(0, 40).map((s) => ({ ...s.profile, consent: { matching: true, visibleToEmployers: true } }));
  const seekers: string[] = [];
  for (let i = 0; i < profiles.length; i++) seekers.push((await call(null, 'POST', '/v1/jobseekers', { lang: 'en' })).key);
  const once = async (round: number) => {
    for (const ad of ads) await call(empKey, 'POST', '/v1/vacancies', { ...ad, title: `${String((ad as { title?: unknown }).title)} ${round}` });
    for (let i = 0; i < profiles.length; i++) await call(seekers[i]!, 'PUT', '/v1/candidates/me', { ...profiles[i], displayName: `Seeker ${round}` });
  };
  await once(0);
  const rounds = 3;
  const c0 = process.cpuUsage();
  for (let r = 1; r <= rounds; r++) await once(r);
  const c = process.cpuUsage(c0);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ cpuMsPerWrite: (c.user + c.system) / 1000 / (rounds * (ads.length + profiles.length)) }));
}

const ci = process.argv.indexOf('--child');
if (ci >= 0) await child(process.argv[ci + 1]!);
else {
  const here = resolve(fileURLToPath(import.meta.url), '..', '..');
  compareWithOld({
    script: 'bench/write-cpu.ts',
    here,
    childArgs: [resolve(here, 'bench/fixtures/realistic')],
    field: 'cpuMsPerWrite',
    name: 'bench:write-cpu',
    roundLabel: 'CPU per write request',
    summary: 'CPU per write request (vacancy POST and profile PUT, SQLite)',
    childStderr: 'inherit',
  });
}
