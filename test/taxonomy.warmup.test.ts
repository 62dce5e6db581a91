import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleProfile, type TestApp } from './helper.js';

// The service builds the lazily built taxonomy indexes (skill indexes, language vocabulary, O*NET titles) after
// start-up, off the request path, and /readyz says so until they are built.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ TAXONOMY_WARMUP: true });
});
afterAll(async () => {
  await t.close();
});

describe('taxonomy warm-up at start-up', () => {
  it('reports the warm-up on /readyz until every index is built; writes link skills', async () => {
    const first = await t.request(null, { method: 'GET', url: '/readyz' });
    expect(first.statusCode).toBe(200);
    const checks = first.json().checks;
    expect(checks.taxonomy.ok).toBe(true);
    let detail = checks.taxonomy.detail;
    expect(typeof detail.warm).toBe('boolean');
    for (let i = 0; i < 1200 && !detail.warm; i++) {
      await new Promise((r) => setTimeout(r, 100));
      detail = (await t.request(null, { method: 'GET', url: '/readyz' })).json().checks.taxonomy.detail;
    }
    expect(detail.warm).toBe(true);
    expect(detail.built).toBe(detail.of);
    expect(detail.of).toBeGreaterThanOrEqual(10);
    expect(t.app.taxonomy.warmUpStatus()?.done).toEqual(expect.arrayContaining(['language-vocabulary', 'skill-index-en', 'skill-index-fr', 'skill-index-es', 'onet-titles']));

    const key = t.jobseeker().key;
    const res = await t.request(key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
    expect(res.statusCode).toBe(200);
    const suggestions = res.json().suggestions;
    expect(suggestions.skills.map((s: { input?: string; label?: string }) => JSON.stringify(s)).join(' ')).toMatch(/welding/i);
    expect(suggestions.occupation?.label ?? suggestions.occupations?.[0]?.label).toMatch(/welder/i);
  });
});
