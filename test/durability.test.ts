// "Nothing acknowledged is ever lost": every class of state change that returned 2xx survives kill -9 and restart, on
// the SQLite file and on PostgreSQL, checked by CONTENT through the API after the restart. One kill/restart cycle per
// back end covers them all (a server start takes many seconds on a loaded machine):
//   create (employer, keys, vacancies, job seekers, profiles), update (PATCH employer, PATCH vacancy), publish toggles
//   (vacancy status, PATCH /v1/series/:source), delete (vacancy), a human decision, a key revocation, a consent
//   withdrawal, an erasure acknowledged just before the kill (absent from the employer's ranking, 404, 401, and from
//   every file: database, WAL, vector-index snapshots), and a ministry upload whose reply was lost to the kill (the
//   refit job queued in the upload's own transaction runs to completion after the restart; the retry names both).
import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { killHard, startServer, type ServerProcess, QUIET_SERVER_ENV } from './server-process.js';
import { BACKENDS, sampleProfile, sampleVacancy } from './helper.js';
import { scratchPgDatabase } from './pg-helper.js';
import { adminKeyFrom, call, sleep } from './replica-cluster.js';

describe.each(BACKENDS)('%s', (backend) => {
const dir = mkdtempSync(join(tmpdir(), 'passerelle-durability-'));
let server: ServerProcess | null = null;
const dbs: Awaited<ReturnType<typeof scratchPgDatabase>>[] = [];
afterAll(async () => {
  if (server) await killHard(server);
  rmSync(dir, { recursive: true, force: true });
  for (const db of dbs) await db.drop();
});
/** The server's environment: PostgreSQL gets a fresh database of its own. */
const envFor = async (name: string): Promise<Record<string, string>> => {
  const base = { DATABASE_PATH: join(dir, `${name}.db`), INDEX_DIR: join(dir, `${name}-index`), REPLICA_DIR: join(dir, `${name}-replica`), PASSERELLE_DEMO: '0' };
  if (backend !== 'postgres') return base;
  const db = await scratchPgDatabase({ migrate: false, max: 1 });
  dbs.push(db);
  return { ...base, DATABASE_URL: db.url };
};

/** Every file under `root`, recursively. */
function rawFiles(root: string, top = root): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(root)) {
    const p = join(root, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...rawFiles(p, top));
    else out.push({ path: p.slice(top.length + 1), bytes: readFileSync(p) });
  }
  return out;
}

const CODES = ['2544', '3513'];
const seriesBody = (source: string): string =>
  CODES.flatMap((code) =>
    Array.from({ length: 36 }, (_, i) => {
      const period = `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      return JSON.stringify({ source, scheme: 'anzsco', code, region: 'NSW', period, value: 100 + 10 * Math.sin(i / 2) + (code === '2544' ? i : 0) });
    }),
  ).join('\n');
const ndjson = { 'content-type': 'application/x-ndjson' };
async function upload(base: string, key: string, source: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/v1/series`, { method: 'POST', headers: { authorization: `Bearer ${key}`, ...ndjson, ...headers }, body: seriesBody(source) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('an acknowledged write survives kill -9', () => {
  it('every class of state change that returned 2xx reads back by content after SIGKILL and restart', async () => {
    const env: Record<string, string> = {
      ...(await envFor('p')),
      NODE_ENV: 'test',
      IDEMPOTENCY_LEASE_MS: '3000',
      FORECAST_JOB_LEASE_MS: '2000',
      ...QUIET_SERVER_ENV,
      RATE_LIMIT_MAX: '1000000',
      COST_BUDGET_MS: '0',
    };
    // Before the kill: snapshots every second (so one holds the candidate erased below); the test-only pause is on.
    server = await startServer({ ...env, INDEX_SNAPSHOT_INTERVAL_S: '1', PASSERELLE_TEST_IDEMPOTENCY_PAUSE: '1' });
    const A = server.baseUrl;
    const admin = adminKeyFrom(server.stdout())!;
    expect(admin, server.stdout()).toBeTruthy();
    const ok = <T extends { status: number; body: unknown }>(r: T, status: number): T => {
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      return r;
    };

    // Create and update.
    const emp = ok(await call(A, admin, 'POST', '/v1/employers', { name: 'Durable GmbH', country: 'DE' }, { 'idempotency-key': 'durable-employer-01' }), 201).body as any;
    ok(await call(A, admin, 'PATCH', `/v1/employers/${emp.id}`, { verification: 'verified' }), 200);
    const key = (ok(await call(A, admin, 'POST', '/v1/admin/keys', { role: 'employer', employerId: emp.id }), 201).body as any).key as string;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((ok(await call(A, key, 'POST', '/v1/vacancies', sampleVacancy({ title: `Durable welder ${i}` })), 201).body as any).id);
    ok(await call(A, key, 'PATCH', `/v1/vacancies/${ids[0]}`, { title: 'Durable welder 0, updated' }), 200);
    ok(await call(A, key, 'PATCH', `/v1/vacancies/${ids[1]}`, { status: 'closed' }), 200);
    ok(await call(A, key, 'DELETE', `/v1/vacancies/${ids[4]}`), 204);

    // A revocation: the key worked, then was revoked.
    const doomedKey = ok(await call(A, admin, 'POST', '/v1/admin/keys', { role: 'employer', employerId: emp.id }), 201).body as any;
    ok(await call(A, doomedKey.key, 'GET', '/v1/vacancies?limit=1'), 200);
    ok(await call(A, admin, 'DELETE', `/v1/admin/keys/${doomedKey.id}`), 204);
    expect((await call(A, doomedKey.key, 'GET', '/v1/vacancies?limit=1')).status).toBe(401);

    // Three job seekers: A stays, B withdraws her consent, C is erased just before the kill.
    const email = { a: 'durable.seeker.a@example.org', b: 'durable.seeker.b@example.org', c: 'qorvandel.trimbleshaw.8812@example.org' };
    const seekers: Record<'a' | 'b' | 'c', { candidateId: string; key: string }> = {} as never;
    for (const s of ['a', 'b', 'c'] as const) {
      seekers[s] = ok(await call(A, null, 'POST', '/v1/jobseekers', {}), 201).body as any;
      // Each her own skills: their vectors (searched for in the files below) differ.
      const skills = [{ label: 'MIG welding' }, { label: 'blueprint reading' }, { label: { a: 'pipe fitting', b: 'TIG welding', c: 'quorvane cryobrazing of titanium bellows' }[s] }];
      ok(await call(A, seekers[s].key, 'PUT', '/v1/candidates/me', sampleProfile({ displayName: `Seeker ${s}`, skills, contact: { email: email[s] } })), 200);
    }
    const ranking = ok(await call(A, key, 'GET', `/v1/vacancies/${ids[0]}/matches?limit=20`), 200).body as any;
    const ranked = (r: any): string[] => r.items.map((i: { candidateId: string }) => i.candidateId);
    expect(ranked(ranking)).toEqual(expect.arrayContaining([seekers.a.candidateId, seekers.b.candidateId, seekers.c.candidateId]));
    const decision = ok(
      await call(A, key, 'POST', `/v1/vacancies/${ids[0]}/decisions`, { candidateId: seekers.a.candidateId, auditId: ranking.auditId, decision: 'shortlisted', reasonCode: 'skills-match' }),
      201,
    ).body as any;
    ok(await call(A, seekers.b.key, 'PUT', '/v1/candidates/me', sampleProfile({ displayName: 'Seeker b', skills: [{ label: 'MIG welding' }, { label: 'blueprint reading' }, { label: 'TIG welding' }], contact: { email: email.b }, consent: { matching: false, visibleToEmployers: false } })), 200);

    // A ministry's upload (its job may still run at the kill), a publish toggle, and an upload whose reply is lost.
    const ministry = (ok(await call(A, admin, 'POST', '/v1/admin/keys', { role: 'ministry' }), 201).body as any).key as string;
    const up = ok(await upload(A, ministry, 'durable-pub'), 202).body;
    const pubJob = up.uploads[0].jobId as string;
    ok(await call(A, ministry, 'PATCH', '/v1/series/durable-pub', { published: true }), 200);
    const lostKey = 'pause-after-commit-series-01';
    const lost = upload(A, ministry, 'durable-lost', { 'idempotency-key': lostKey }).then(
      (r) => `answered ${r.status}`,
      () => 'no answer',
    );
    for (const deadline = Date.now() + 30_000; !server.stdout().includes(`PASSERELLE_TEST_PAUSED after-commit ${lostKey}`); await sleep(50)) {
      if (Date.now() > deadline) throw new Error(`the upload did not pause:\n${server.stdout()}`);
    }

    // C's vector, and a snapshot on disk that holds it (the positive control of the file scan below).
    const vectorOf = async (id: string): Promise<Buffer> => {
      if (backend === 'postgres') {
        const client = new pg.Client({ connectionString: env.DATABASE_URL });
        await client.connect();
        try {
          return (await client.query("SELECT vector FROM vector_items WHERE collection = 'candidates' AND item_id = $1", [id])).rows[0].vector as Buffer;
        } finally {
          await client.end();
        }
      }
      const db = new Database(env.DATABASE_PATH, { readonly: true });
      try {
        return (db.prepare("SELECT vector FROM vector_items WHERE collection = 'candidates' AND item_id = ?").get(id) as { vector: Buffer }).vector;
      } finally {
        db.close();
      }
    };
    const needle = (await vectorOf(seekers.c.candidateId)).subarray(256, 288);
    const holders = () =>
      rawFiles(dir).flatMap((f) => [...(f.bytes.includes(needle) ? [`${f.path} (vector)`] : []), ...(f.bytes.includes(Buffer.from(email.c)) ? [`${f.path} (email)`] : [])]);
    // SQLite: a vector-index snapshot; PostgreSQL: this replica's local rows file (its snapshots follow less often).
    const control = backend === 'postgres' ? /-replica\/candidates\.sqlite(-wal)? \(vector\)$/ : /candidates\.[^/]*\.hnsw \(vector\)$/;
    for (const deadline = Date.now() + 30_000; !holders().some((p) => control.test(p)); await sleep(250)) {
      if (Date.now() > deadline) throw new Error(`no candidates snapshot holds C: ${holders().join(', ')}; files: ${rawFiles(dir).map((f) => f.path).join(', ')}`);
    }

    // C erases herself; the kill follows the 204 at once (before the scrub snapshot a second later).
    ok(await call(A, seekers.c.key, 'DELETE', '/v1/candidates/me'), 204);
    await killHard(server);
    expect(server.child.signalCode).toBe('SIGKILL');
    expect(await lost).toBe('no answer');

    // Restart on the same files/database, with snapshots no more often than hourly: scrubbing C is not left to them.
    server = await startServer({ ...env, INDEX_SNAPSHOT_INTERVAL_S: '3600' });
    const B = server.baseUrl;
    expect(server.stdout()).not.toContain('psk_'); // no new keys on a non-empty database

    // Creates and updates.
    expect((ok(await call(B, admin, 'GET', `/v1/employers/${emp.id}`), 200).body as any).verification).toBe('verified');
    const v0 = ok(await call(B, key, 'GET', `/v1/vacancies/${ids[0]}`), 200).body as any;
    expect(v0.title).toBe('Durable welder 0, updated');
    expect((ok(await call(B, key, 'GET', `/v1/vacancies/${ids[1]}`), 200).body as any).status).toBe('closed');
    expect((await call(B, key, 'GET', `/v1/vacancies/${ids[4]}`)).status).toBe(404);
    const mine = ok(await call(B, key, 'GET', '/v1/vacancies?limit=100'), 200).body as any;
    expect(mine.items.map((v: { id: string }) => v.id).sort()).toEqual(ids.slice(0, 4).sort());

    // The revoked key stays revoked.
    expect((await call(B, doomedKey.key, 'GET', '/v1/vacancies?limit=1')).status).toBe(401);

    // The decision, the withdrawal and the erasure.
    const decisions = ok(await call(B, key, 'GET', `/v1/vacancies/${ids[0]}/decisions?limit=100`), 200).body as any;
    expect(decisions.items.map((d: { id: string }) => d.id)).toEqual([decision.id]);
    const b = ok(await call(B, seekers.b.key, 'GET', '/v1/candidates/me'), 200).body as any;
    expect(b.consent.matching).toBe(false);
    expect((await call(B, seekers.c.key, 'GET', '/v1/candidates/me')).status).toBe(401);
    expect((await call(B, admin, 'GET', `/v1/candidates/${seekers.c.candidateId}`)).status).toBe(404);
    const after = ok(await call(B, key, 'GET', `/v1/vacancies/${ids[0]}/matches?limit=20`), 200).body as any;
    expect(ranked(after)).toContain(seekers.a.candidateId);
    expect(ranked(after)).not.toContain(seekers.b.candidateId);
    expect(ranked(after)).not.toContain(seekers.c.candidateId);
    const listed = ok(await call(B, admin, 'GET', '/v1/candidates?limit=100'), 200).body as any;
    expect(listed.items.map((c: { id: string }) => c.id).sort()).toEqual([seekers.a.candidateId, seekers.b.candidateId].sort());
    // No file holds C any more: her vector left the snapshot on disk (written at start-up), her email the WAL.
    let left = holders();
    for (const deadline = Date.now() + 20_000; left.length && Date.now() < deadline; left = holders()) await sleep(250);
    expect(left, 'files still holding the erased candidate').toEqual([]);

    // The lost upload: stored once, its retry names the upload and its job, and the job runs to completion.
    let retry = await upload(B, ministry, 'durable-lost', { 'idempotency-key': lostKey });
    for (const deadline = Date.now() + 15_000; retry.status === 409 && retry.body.error.code === 'IDEMPOTENCY_IN_PROGRESS' && Date.now() < deadline; ) {
      await sleep(500); // PostgreSQL: the dead holder's lease (3 s) first
      retry = await upload(B, ministry, 'durable-lost', { 'idempotency-key': lostKey });
    }
    expect(retry.status, JSON.stringify(retry.body)).toBe(409);
    expect(retry.body.error.code).toBe('IDEMPOTENCY_REPLY_LOST');
    const named = retry.body.error.details.ids as string[];
    expect(named.filter((id) => id.startsWith('upl_'))).toHaveLength(1);
    const lostJob = named.find((id) => id.startsWith('job_'));
    expect(lostJob, JSON.stringify(named)).toBeDefined();
    const done = async (id: string) => {
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(250)) {
        const job = ok(await call(B, ministry, 'GET', `/v1/series/jobs/${id}`), 200).body as any;
        if (job.status === 'done' || job.status === 'failed') return job;
      }
      throw new Error(`job ${id} never finished`);
    };
    for (const id of [lostJob!, pubJob]) {
      const job = await done(id);
      expect(job.status, job.error ?? '').toBe('done');
      expect(job.accuracy).not.toBeNull();
    }
    const sources = ok(await call(B, ministry, 'GET', '/v1/series'), 200).body as any;
    expect(sources.items.map((s: any) => [s.source, s.published, s.latestVersion, s.series])).toEqual([
      ['durable-lost', false, 1, CODES.length],
      ['durable-pub', true, 1, CODES.length],
    ]);
    // The publish toggle: another ministry reads the published source only.
    const other = (ok(await call(B, admin, 'POST', '/v1/admin/keys', { role: 'ministry' }), 201).body as any).key as string;
    expect((ok(await call(B, other, 'GET', '/v1/series'), 200).body as any).items.map((s: any) => s.source)).toEqual(['durable-pub']);
    // Two server starts: minutes on a loaded 2-core machine.
  }, 300_000);
});

describe('graceful shutdown', () => {
  it('exits 0 on SIGTERM after closing the database', async () => {
    const env = await envFor('g');
    const s = await startServer(env);
    const exited = new Promise<number | null>((res) => s.child.once('exit', (code) => res(code)));
    s.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});
});
