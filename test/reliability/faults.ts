import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../src/seeded-random.js';
import type { PooledEmbedder } from '../../src/embedding/pool.js';
import { buildTestApp, sampleProfile, sampleVacancy } from '../helper.js';
import { killHard, startServer, type ServerProcess } from '../server-process.js';

// Fault injection against the real service: a full disk, a corrupt index snapshot, a killed embedding worker and
// SIGKILL at random points of a bulk import. In each case nothing acknowledged is lost and the service recovers alone.

export interface CheckResult {
  name: string;
  status: 'pass' | 'fail' | 'skipped';
  detail: string;
}

interface Api {
  base: string;
  call(key: string | null, method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: any }>;
}

const api = (base: string): Api => ({
  base,
  async call(key, method, path, body, contentType = 'application/json') {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  },
});

// These checks are about durability and recovery: one client key writes a lot, so its time budget is off.
const FAULT_ENV = { PASSERELLE_DEMO: '0', REFERENCE_SERIES_LOAD: '0', COST_BUDGET_MS: '0', COST_PER_KEY_IN_FLIGHT: '100' };

/** A fresh server on `dir` with an employer key (admin key from the first start's output). */
async function serverWithEmployer(dir: string, env: Record<string, string> = {}): Promise<{ server: ServerProcess; a: Api; admin: string; employer: string }> {
  const server = await startServer({ ...FAULT_ENV, DATABASE_PATH: join(dir, 'p.db'), INDEX_DIR: join(dir, 'index'), ...env }, 240_000);
  const admin = /admin\s+(psk_\S+)/.exec(server.stdout())?.[1];
  if (!admin) throw new Error(`no admin key printed:\n${server.stdout()}`);
  const a = api(server.baseUrl);
  const emp = await a.call(admin, 'POST', '/v1/employers', { name: 'Fault GmbH', country: 'DE' });
  const key = await a.call(admin, 'POST', '/v1/admin/keys', { role: 'employer', employerId: emp.body.id });
  return { server, a, admin, employer: key.body.key as string };
}

const restart = async (dir: string, env: Record<string, string> = {}) =>
  startServer({ ...FAULT_ENV, DATABASE_PATH: join(dir, 'p.db'), INDEX_DIR: join(dir, 'index'), ...env }, 240_000);

/** Every id is readable with `key`. */
async function allReadable(a: Api, key: string, ids: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const id of ids) if ((await a.call(key, 'GET', `/v1/vacancies/${id}`)).status !== 200) missing.push(id);
  return missing;
}

/** Disk full: the database and index on a small tmpfs that a filler file fills up. */
export async function diskFull(): Promise<CheckResult> {
  const name = 'disk full (tmpfs)';
  const mnt = mkdtempSync(join(tmpdir(), 'passerelle-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mnt], { stdio: 'ignore' });
  } catch {
    rmSync(mnt, { recursive: true, force: true });
    return { name, status: 'skipped', detail: 'mounting a tmpfs needs root; not run' };
  }
  let server: ServerProcess | null = null;
  try {
    const dir = join(mnt, 'data');
    mkdirSync(dir);
    const s = await serverWithEmployer(dir);
    server = s.server;
    const acked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await s.a.call(s.employer, 'POST', '/v1/vacancies', sampleVacancy({ title: `Before full ${i}` }));
      if (r.status === 201) acked.push(r.body.id);
    }
    // Fill what is left, then keep writing: every answer must be a 201 (and durable) or a clean 507.
    const filler = join(mnt, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(1 << 20, 7);
    try {
      for (;;) writeSync(fd, chunk);
    } catch {
      // ENOSPC: the disk is full
    }
    closeSync(fd);
    const statuses: Record<number, number> = {};
    let refusedWithEnvelope = true;
    for (let i = 0; i < 40; i++) {
      const r = await s.a.call(s.employer, 'POST', '/v1/vacancies', sampleVacancy({ title: `While full ${i} ${'x'.repeat(2000)}`.slice(0, 200), description: 'd'.repeat(20_000) }));
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 201) acked.push(r.body.id);
      else if (!(r.status === 507 && r.body?.error?.code === 'INSUFFICIENT_STORAGE')) refusedWithEnvelope = false;
    }
    const readsWhileFull = (await s.a.call(s.employer, 'GET', '/v1/vacancies?limit=5')).status;
    const healthWhileFull = (await s.a.call(null, 'GET', '/healthz')).status;
    rmSync(filler);
    // Recovers by itself: the next write works without a restart.
    const after = await s.a.call(s.employer, 'POST', '/v1/vacancies', sampleVacancy({ title: 'After space freed' }));
    if (after.status === 201) acked.push(after.body.id);
    await killHard(s.server);
    server = await restart(dir);
    const missing = await allReadable(api(server.baseUrl), s.employer, acked);
    const refused = Object.entries(statuses).filter(([st]) => st !== '201').reduce((n, [, c]) => n + c, 0);
    const pass = refused > 0 && refusedWithEnvelope && readsWhileFull === 200 && healthWhileFull === 200 && after.status === 201 && missing.length === 0;
    return {
      name,
      status: pass ? 'pass' : 'fail',
      detail: `writes while full: ${JSON.stringify(statuses)}; reads ${readsWhileFull}, /healthz ${healthWhileFull} while full; after freeing space ${after.status}; ${acked.length} acknowledged, ${missing.length} lost after kill -9`,
    };
  } catch (err) {
    return { name, status: 'fail', detail: (err as Error).message.slice(0, 300) };
  } finally {
    if (server) await killHard(server);
    try {
      execFileSync('umount', ['-l', mnt], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    rmSync(mnt, { recursive: true, force: true });
  }
}

/** A corrupt index snapshot: bytes flipped in every graph file while the server is down. */
export async function corruptSnapshot(): Promise<CheckResult> {
  const name = 'corrupt index snapshot';
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-snap-'));
  let server: ServerProcess | null = null;
  try {
    const s = await serverWithEmployer(dir, { INDEX_SNAPSHOT_INTERVAL_S: '0' });
    server = s.server;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await s.a.call(s.employer, 'POST', '/v1/vacancies', sampleVacancy({ title: `Snapshot welder ${i}` }))).body.id);
    // A graceful stop writes the snapshot; then corrupt it.
    await new Promise<void>((res) => {
      s.server.child.once('exit', () => res());
      s.server.child.kill('SIGTERM');
    });
    server = null;
    const files = readdirSync(join(dir, 'index'), { recursive: true }).map(String).filter((f) => statSync(join(dir, 'index', f)).isFile() && statSync(join(dir, 'index', f)).size > 64);
    const rnd = mulberry32(42);
    for (const f of files) {
      const p = join(dir, 'index', f);
      const size = statSync(p).size;
      const fd = openSync(p, 'r+');
      for (let k = 0; k < 16; k++) {
        const at = Math.floor(rnd() * size);
        const b = Buffer.alloc(1);
        readSync(fd, b, 0, 1, at);
        b[0] = b[0]! ^ 0xff;
        writeSync(fd, b, 0, 1, at);
      }
      closeSync(fd);
    }
    server = await restart(dir);
    const a = api(server.baseUrl);
    const missing = await allReadable(a, s.employer, ids);
    const seeker = (await a.call(null, 'POST', '/v1/jobseekers', {})).body.key as string;
    await a.call(seeker, 'PUT', '/v1/candidates/me', sampleProfile());
    const m = await a.call(seeker, 'GET', '/v1/candidates/me/matches?limit=50');
    const found = new Set<string>((m.body?.items ?? []).map((x: { vacancyId: string }) => x.vacancyId));
    const matched = ids.filter((id) => found.has(id)).length;
    let state = '';
    for (let i = 0; i < 120; i++) {
      const st = await a.call(s.admin, 'GET', '/v1/admin/index');
      const v = (st.body?.items ?? []).find((x: { collection: string }) => x.collection === 'vacancies');
      state = `${v?.state} size ${v?.size}`;
      if (v?.state === 'ready') break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const pass = files.length > 0 && missing.length === 0 && m.status === 200 && matched === ids.length && state.startsWith('ready') && state.endsWith(`size ${ids.length}`);
    return { name, status: pass ? 'pass' : 'fail', detail: `${files.length} files damaged; after restart matches ${m.status}, ${matched}/${ids.length} vacancies found; index ${state}; ${missing.length} lost` };
  } catch (err) {
    return { name, status: 'fail', detail: (err as Error).message.slice(0, 300) };
  } finally {
    if (server) await killHard(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A killed embedding worker during concurrent writes (in process: worker threads cannot be signalled from outside). */
export async function killedWorker(): Promise<CheckResult> {
  const name = 'killed embedding worker';
  const t = await buildTestApp();
  try {
    const emp = t.employer();
    const seekerKeys = [0, 1, 2].map(() => t.jobseeker().key);
    const pooled = (t.app.embedder as unknown as { inner: PooledEmbedder }).inner;
    const writes = [
      ...Array.from({ length: 6 }, (_, i) => t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: `Worker crash ${i} ${Math.random()}` }) })),
      ...seekerKeys.map((k, i) => t.request(k, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ displayName: `Crash ${i}` }) })),
    ];
    await new Promise((r) => setTimeout(r, 5));
    await Promise.all(pooled.workerThreads().map((w) => w.terminate()));
    const results = await Promise.all(writes);
    const statuses = results.map((r) => r.statusCode);
    const cleanFailures = results.every((r) => r.statusCode < 300 || (r.statusCode === 503 && r.json().error.code === 'EMBEDDER_UNAVAILABLE'));
    // What was acknowledged is there; what failed left nothing behind.
    const created = results.slice(0, 6).filter((r) => r.statusCode === 201).map((r) => r.json().id as string);
    const stored = (t.app.sqlite.prepare("SELECT count(*) AS n FROM vacancies WHERE title LIKE 'Worker crash %'").get() as { n: number }).n;
    const next = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'After the crash' }) });
    const pass = cleanFailures && stored === created.length && next.statusCode === 201;
    return { name, status: pass ? 'pass' : 'fail', detail: `answers ${JSON.stringify(statuses)}; ${created.length} acknowledged = ${stored} stored; next write ${next.statusCode}` };
  } catch (err) {
    return { name, status: 'fail', detail: (err as Error).message.slice(0, 300) };
  } finally {
    await t.close();
  }
}

/** SIGKILL at random points of bulk imports: each import is all there (if acknowledged: must be) or not at all. */
export async function bulkSigkill(rounds = 5): Promise<CheckResult> {
  const name = `SIGKILL during bulk import (${rounds} kills)`;
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bulk-'));
  let server: ServerProcess | null = null;
  const rnd = mulberry32(12);
  try {
    const s = await serverWithEmployer(dir);
    server = s.server;
    let a = s.a;
    const LINES = 150;
    const body = (tag: string) => Array.from({ length: LINES }, (_, i) => JSON.stringify(sampleVacancy({ title: `${tag} ${i}` }))).join('\n');
    // One import to time it, so the kills land inside the work.
    let t0 = performance.now();
    const first = await a.call(s.employer, 'POST', '/v1/vacancies:bulk', body('bulk-timing'), 'application/x-ndjson');
    const spanMs = performance.now() - t0;
    const outcomes: string[] = [];
    let torn = 0;
    let lostAcked = 0;
    const batches: { tag: string; acked: boolean }[] = [{ tag: 'bulk-timing', acked: first.status === 200 }];
    for (let round = 0; round < rounds; round++) {
      const tag = `bulk-${round}`;
      const entry = { tag, acked: false };
      batches.push(entry);
      t0 = performance.now();
      const pending = a.call(s.employer, 'POST', '/v1/vacancies:bulk', body(tag), 'application/x-ndjson').then(
        (r) => (entry.acked = r.status === 200),
        () => false,
      );
      await new Promise((r) => setTimeout(r, rnd() * spanMs * 1.2));
      await killHard(server);
      await pending;
      outcomes.push(`${Math.round(performance.now() - t0)} ms${entry.acked ? ' (acknowledged)' : ''}`);
      server = await restart(dir);
      a = api(server.baseUrl);
      // Each batch: all lines or none; an acknowledged one: all.
      for (const b of batches) {
        const n = await countTitles(a, s.employer, b.tag);
        if (n !== 0 && n !== LINES) torn++;
        if (b.acked && n !== LINES) lostAcked++;
      }
    }
    const pass = torn === 0 && lostAcked === 0;
    return { name, status: pass ? 'pass' : 'fail', detail: `import of ${LINES} lines ≈ ${Math.round(spanMs)} ms; kills at ${outcomes.join(', ')}; torn imports ${torn}, acknowledged lines lost ${lostAcked}` };
  } catch (err) {
    return { name, status: 'fail', detail: (err as Error).message.slice(0, 300) };
  } finally {
    if (server) await killHard(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many of the employer's vacancies carry a title starting with `tag ` (paged through the list API). */
async function countTitles(a: Api, key: string, tag: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const r: { status: number; body: { items: { title: string }[]; nextCursor: string | null } } = await a.call(key, 'GET', `/v1/vacancies?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const v of r.body.items) if (v.title.startsWith(`${tag} `)) n++;
    cursor = r.body.nextCursor;
  } while (cursor);
  return n;
}
