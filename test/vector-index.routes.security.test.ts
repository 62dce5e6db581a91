import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/db/schema/index.js';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.vectorIndex.open('synthetic', { modelId: 'test-model', dims: 8 });
});
afterAll(async () => {
  await t.close();
});

const routes = [
  { method: 'GET' as const, url: '/v1/admin/index' },
  { method: 'POST' as const, url: '/v1/admin/index/synthetic/rebuild' },
];

describe('vector index admin routes (security)', () => {
  for (const r of routes) {
    it(`${r.method} ${r.url}: 401 without or with a forged key, 403 for every non-admin role`, async () => {
      expect((await t.request(null, r)).statusCode).toBe(401);
      expect((await t.request('psk_forged', r)).statusCode).toBe(401);
      for (const role of ROLES.filter((x) => x !== 'admin')) {
        const res = await t.request(t.keyFor(role), r);
        expect(res.statusCode, role).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      const ok = await t.request(t.admin.key, r);
      expect([200, 202]).toContain(ok.statusCode);
    });
  }

  it('never returns vectors or attributes in the status', async () => {
    const c = t.app.vectorIndex.getOpen('synthetic')!;
    c.upsert('vac_secret', [0, 0, 1, 0, 0, 0, 0, 0], { employerId: 'emp_x' });
    const body = (await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/index' })).body;
    expect(body).not.toContain('vac_secret');
    expect(body).not.toContain('emp_x');
  });
});
