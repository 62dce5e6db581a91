import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, concreteUrl, sampleProfile, sampleVacancy, type TestApp } from './helper.js';
import { ROLES, type Role } from '../src/db/schema/index.js';

/** Routes that answer 501 on PostgreSQL until their data is on the storage port (src/plugins/db.ts requireSqlite). */
const PG_NOT_YET = ['/v1/series', '/v1/screening/aggregates', '/v1/forecasts'];

// Issue 15: the same suite on each storage back end (test/helper.ts BACKENDS).
describe.each(BACKENDS)('%s', (backend) => {
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ backend });
});
afterAll(async () => {
  await t.close();
});

describe('route × role matrix, generated from the route table', () => {
  it('every route declares roles', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(15);
    for (const r of t.app.routeTable) expect(r.roles === 'public' || r.roles.length > 0).toBe(true);
  });

  it('answers 401 without a key, 401 with a bad key, 403 for a wrong role, and lets allowed roles through', async () => {
    const checked: string[] = [];
    for (const route of t.app.routeTable) {
      if (route.roles === 'public') continue;
      const url = concreteUrl(route.url);
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const payload = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
      const anon = await t.request(null, { method, url, payload });
      expect(anon.statusCode, `${method} ${route.url} anonymous`).toBe(401);
      expect(anon.json().error.code).toBe('UNAUTHENTICATED');
      const bad = await t.request('psk_forged-key-that-does-not-exist', { method, url, payload });
      expect(bad.statusCode, `${method} ${route.url} bad key`).toBe(401);
      for (const role of ROLES as readonly Role[]) {
        const res = await t.request(t.keyFor(role), { method, url, payload });
        if (route.roles.includes(role)) {
          expect([401, 403], `${method} ${route.url} as ${role} should be allowed`).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, `${method} ${route.url} as ${role}`).toBe(403);
          expect(res.json().error.code).toBe('FORBIDDEN');
        }
        // On PostgreSQL the routes not on the storage port yet answer 501 NOT_IMPLEMENTED (and only those).
        if (res.statusCode === 501) {
          expect(backend === 'postgres' && PG_NOT_YET.some((p) => route.url.startsWith(p)), `${method} ${route.url} as ${role}: 501`).toBe(true);
          expect(res.json().error.code).toBe('NOT_IMPLEMENTED');
          continue;
        }
        expect(res.statusCode, `${method} ${route.url} as ${role}`).toBeLessThan(500);
      }
      checked.push(`${method} ${route.url}`);
    }
    expect(checked.length).toBe(t.app.routeTable.filter((r) => r.roles !== 'public').length);
  });

  it('refuses to register a route without roles', async () => {
    const { buildApp } = await import('../src/app.js');
    const app = await buildApp({ logger: false, config: { DATABASE_PATH: `${t.dir}/other.db`, MAX_EVENT_LOOP_DELAY_MS: 0 } });
    expect(() => app.get('/v1/unguarded', async () => 'x')).toThrow(/declares no roles/);
    await app.close();
  });
});

describe('tenant isolation', () => {
  it("an employer cannot see, change or delete another employer's non-public vacancy (404, no leak)", async () => {
    const a = t.employer();
    const b = t.employer();
    const draft = (await t.request(a.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ status: 'draft' }) })).json();
    const open = (await t.request(a.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy() })).json();
    expect((await t.request(b.key, { method: 'GET', url: `/v1/vacancies/${draft.id}` })).statusCode).toBe(404);
    expect((await t.request(b.key, { method: 'PATCH', url: `/v1/vacancies/${open.id}`, payload: { title: 'Hijacked' } })).statusCode).toBe(404);
    expect((await t.request(b.key, { method: 'DELETE', url: `/v1/vacancies/${open.id}` })).statusCode).toBe(404);
    // The open one is readable, unchanged.
    const read = await t.request(b.key, { method: 'GET', url: `/v1/vacancies/${open.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().title).toBe('Welder');
    // Lists show b only open vacancies of a, never a's drafts.
    const list = (await t.request(b.key, { method: 'GET', url: `/v1/vacancies?employerId=${a.employerId}` })).json();
    expect(list.items.map((v: { id: string }) => v.id)).toEqual([open.id]);
    // Job seekers and ministries never see drafts either.
    expect((await t.request(t.keyFor('jobseeker'), { method: 'GET', url: `/v1/vacancies/${draft.id}` })).statusCode).toBe(404);
  });

  it('an employer reads only its own employer record', async () => {
    const a = t.employer();
    const b = t.employer();
    expect((await t.request(a.key, { method: 'GET', url: `/v1/employers/${a.employerId}` })).statusCode).toBe(200);
    expect((await t.request(a.key, { method: 'GET', url: `/v1/employers/${b.employerId}` })).statusCode).toBe(404);
  });

  it("a job seeker only ever reaches its own profile; employers never see contact or protected data", async () => {
    const s1 = t.jobseeker();
    const s2 = t.jobseeker();
    await t.request(s1.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
    await t.request(s2.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ displayName: 'Seeker B', contact: { email: 'b@example.org' } }) });
    const me2 = (await t.request(s2.key, { method: 'GET', url: '/v1/candidates/me' })).json();
    expect(me2.id).toBe(s2.candidateId);
    expect(me2.contact.email).toBe('b@example.org');
    expect((await t.request(s2.key, { method: 'GET', url: `/v1/candidates/${s1.candidateId}` })).statusCode).toBe(403);
    const emp = t.employer();
    expect((await t.request(emp.key, { method: 'GET', url: `/v1/candidates/${s1.candidateId}` })).statusCode).toBe(403);
    expect((await t.request(emp.key, { method: 'GET', url: '/v1/candidates' })).statusCode).toBe(403);
  });

  it('a ministry cannot write anything', async () => {
    const m = t.keyFor('ministry');
    expect((await t.request(m, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy() })).statusCode).toBe(403);
    expect((await t.request(m, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() })).statusCode).toBe(403);
  });

  it('rate-limits anonymous self-registration per IP', async () => {
    const limited = await buildTestApp({ backend, ANON_RATE_LIMIT_MAX: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.request(null, { method: 'POST', url: '/v1/jobseekers', payload: {} })).statusCode);
      expect(codes.slice(0, 3)).toEqual([201, 201, 201]);
      expect(codes[4]).toBe(429);
      const res = await limited.request(null, { method: 'POST', url: '/v1/jobseekers', payload: {} });
      expect(res.json().error.code).toBe('RATE_LIMITED');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });

  it('logs redact the authorization header and personal fields', async () => {
    const { REDACT_PATHS } = await import('../src/logger.js');
    expect(REDACT_PATHS).toEqual(expect.arrayContaining(['req.headers.authorization', '*.email', '*.phone', '*.protected']));
  });
});
});
