import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killHard, startServer, type ServerProcess } from './server-process.js';
import { BACKENDS, sampleVacancy } from './helper.js';
import { scratchPgDatabase } from './pg-helper.js';

// Issue 15: on each back end (the SQLite file; DATABASE_URL=postgres://… on a fresh database).
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

const call = async (base: string, key: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe('an acknowledged write survives kill -9', () => {
  it('reads back every write that returned 2xx after SIGKILL and restart', async () => {
    const env = await envFor('p');
    server = await startServer(env);
    const adminKey = /admin\s+(psk_\S+)/.exec(server.stdout())?.[1];
    expect(adminKey, server.stdout()).toBeTruthy();
    const base = server.baseUrl;
    const emp = await call(base, adminKey!, 'POST', '/v1/employers', { name: 'Durable GmbH', country: 'DE' });
    expect(emp.status).toBe(201);
    const key = await call(base, adminKey!, 'POST', '/v1/admin/keys', { role: 'employer', employerId: emp.body.id });
    expect(key.status).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const v = await call(base, key.body.key, 'POST', '/v1/vacancies', sampleVacancy({ title: `Durable ${i}` }));
      expect(v.status).toBe(201);
      ids.push(v.body.id);
    }
    await killHard(server);
    expect(server.child.signalCode).toBe('SIGKILL');

    server = await startServer(env);
    // No new keys on a non-empty database.
    expect(server.stdout()).not.toContain('psk_');
    for (const id of ids) {
      const read = await call(server.baseUrl, key.body.key, 'GET', `/v1/vacancies/${id}`);
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(id);
    }
    // Two server starts: minutes on a loaded 2-core machine.
  }, 240_000);
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
