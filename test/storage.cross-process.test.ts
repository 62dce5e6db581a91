import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';
import { pgAvailable } from './pg-helper.js';

// Issue 15: two API processes (replicas) on one PostgreSQL database. What one writes, the other serves at once or within
// its replication lag; no in-process cache may serve a stale answer. API keys and web sessions are read from the
// database on every request (no cache); the embedding cache is content-addressed (an entry never goes stale); cached
// vacancy features are checked against the stored version (updatedAt) on every match.
const hasPg = await pgAvailable('storage.cross-process.test.ts');

describe.skipIf(!hasPg)('two replicas on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await buildTestApp({ backend: 'postgres' });
    b = await buildTestApp({ backend: 'postgres', sameDatabaseAs: a });
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a key created on A works on B, and a key revoked on A is refused by B at once', async () => {
    const { employerId } = a.employer();
    const created = await a.request(a.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'employer', employerId } });
    expect(created.statusCode).toBe(201);
    const key = created.json().key as string;
    expect((await b.request(key, { method: 'GET', url: '/v1/vacancies' })).statusCode).toBe(200);
    expect((await a.request(a.admin.key, { method: 'DELETE', url: `/v1/admin/keys/${created.json().id}` })).statusCode).toBe(204);
    expect((await b.request(key, { method: 'GET', url: '/v1/vacancies' })).statusCode).toBe(401);
  });

  it('a vacancy written on A is matched on B, and B serves its new version after an update on A', async () => {
    const emp = a.employer();
    const posted = await a.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Welder (steel structures)' }) });
    expect(posted.statusCode).toBe(201);
    const id = posted.json().id as string;
    const seeker = b.jobseeker();
    expect((await b.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() })).statusCode).toBe(200);
    const titleOnB = async (): Promise<string | undefined> => {
      const res = await b.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=10' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.find((x: { vacancyId: string }) => x.vacancyId === id)?.vacancy.title;
    };
    const eventually = async (want: string): Promise<string | undefined> => {
      let got: string | undefined;
      for (let i = 0; i < 100 && got !== want; i++) {
        got = await titleOnB();
        if (got !== want) await new Promise((r) => setTimeout(r, 50));
      }
      return got;
    };
    // B's replica follows A's write within its lag; B then caches the vacancy's features.
    expect(await eventually('Welder (steel structures)')).toBe('Welder (steel structures)');
    const patched = await a.request(emp.key, { method: 'PATCH', url: `/v1/vacancies/${id}`, payload: { title: 'MIG/TIG welder' } });
    expect(patched.statusCode).toBe(200);
    // B never wrote this vacancy, so only the version check can tell its cached features are stale.
    expect(await eventually('MIG/TIG welder')).toBe('MIG/TIG welder');
    // Deleted on A: B stops returning it.
    expect((await a.request(emp.key, { method: 'DELETE', url: `/v1/vacancies/${id}` })).statusCode).toBe(204);
    let still = true;
    for (let i = 0; i < 100 && still; i++) {
      still = (await titleOnB()) !== undefined;
      if (still) await new Promise((r) => setTimeout(r, 50));
    }
    expect(still).toBe(false);
  });

  it('the audit chain written by both replicas verifies as one chain', async () => {
    const s1 = a.jobseeker();
    const s2 = b.jobseeker();
    for (const [t, s] of [[a, s1], [b, s2]] as const) {
      expect((await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() })).statusCode).toBe(200);
    }
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).request((i % 2 ? s1 : s2).key, { method: 'GET', url: '/v1/candidates/me/matches?limit=3' })),
    );
    const verify = (await b.request(b.admin.key, { method: 'GET', url: '/v1/audit/verify' })).json();
    expect(verify.ok, JSON.stringify(verify)).toBe(true);
    expect(verify.checked).toBeGreaterThanOrEqual(6);
  });
});
