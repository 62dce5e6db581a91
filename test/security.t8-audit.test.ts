// t8-audit: findings of the attacker's pass that are not covered by a feature's own test file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleProfile, type TestApp } from './helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('authenticated API replies are not kept by caches', () => {
  it('answers personal data with cache-control: no-store, unless the route chose its own policy', async () => {
    const seeker = t.jobseeker();
    const put = await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ contact: { email: 'cache@example.org' } }) });
    expect(put.statusCode, put.body).toBe(200);
    for (const [key, url] of [
      [seeker.key, '/v1/candidates/me'],
      [seeker.key, '/v1/candidates/me/contact-requests'],
      [t.admin.key, `/v1/candidates/${seeker.candidateId}`],
      [t.admin.key, '/v1/candidates'],
      [t.admin.key, '/v1/admin/keys'],
    ] as const) {
      const res = await t.request(key, { method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      // Before: no cache-control at all on these (only the export said no-store).
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const exported = await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/export' });
    expect(exported.headers['cache-control']).toBe('no-store');
    // Errors for authenticated callers too (they may name ids).
    const other = await t.request(seeker.key, { method: 'GET', url: '/v1/candidates' });
    expect(other.statusCode).toBe(403);
    expect(other.headers['cache-control']).toBe('no-store');
    // Public probes are not touched.
    expect((await t.request(null, { method: 'GET', url: '/healthz' })).headers['cache-control']).toBeUndefined();
  });
});
