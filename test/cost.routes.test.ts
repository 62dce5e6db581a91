import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { WebClient } from './web-client.js';
import { en } from '../src/web/i18n/en.js';

// Expensive routes outside the matching API (web pages, series uploads, the audit walk) are held to the same pools:
// with every slot taken and no queue, they answer 503 + Retry-After at once (an HTML page for people), while cheap
// pages keep answering. Slots are taken directly from the pool, so nothing here depends on timing.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ COST_HEAVY_CONCURRENCY: 1, COST_HEAVY_QUEUE: 0, COST_BULK_CONCURRENCY: 1 });
});
afterAll(async () => {
  await t.close();
});

const hold = async (pool: 'heavy' | 'bulk') => t.app.costLimit.pools[pool].acquire().slot;

describe('web pages that link, embed or match are held to the heavy pool', () => {
  it('answers 503 with a page that says the service is busy, and Retry-After; cheap pages still answer; free again after', async () => {
    const c = new WebClient(t.app);
    expect((await c.register('busy.check')).statusCode).toBe(303);
    const release = await hold('heavy');
    try {
      for (const url of ['/app/matches', '/app/profile/reading']) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(503);
        expect(String(res.headers['content-type']), url).toMatch(/^text\/html/);
        expect(res.headers['retry-after'], url).toMatch(/^\d+$/);
        expect(res.body, url).toContain(en.errorBusy.replace(/'/g, '&#39;'));
      }
      const page = await c.get('/app/profile?step=1');
      expect(page.statusCode).toBe(200);
      const save = await c.post('/app/profile', { step: '1', displayName: 'Amal', residenceCountry: 'MA', title: ['welder', '', ''], years: ['4', '', ''], jobCountry: ['MA', '', ''], educationLevel: '3' });
      expect(save.statusCode).toBe(503);
      const suggest = await c.get('/app/suggest/skills?q=welding', { accept: 'application/json' });
      expect(suggest.statusCode).toBe(503);
      expect(suggest.json().error.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      release();
    }
    const suggest = await c.get('/app/suggest/skills?q=welding', { accept: 'application/json' });
    expect(suggest.statusCode).toBe(200);
    expect(suggest.json().items.length).toBeGreaterThan(0);
  });
});

describe('API routes added since the pools were built declare their cost', () => {
  it('GET /v1/audit/verify (hashes the whole log) is heavy', async () => {
    const release = await hold('heavy');
    try {
      const res = await t.request(t.admin.key, { method: 'GET', url: '/v1/audit/verify' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      release();
    }
    expect((await t.request(t.admin.key, { method: 'GET', url: '/v1/audit/verify' })).statusCode).toBe(200);
  });

  it('POST /v1/series (up to 200,000 lines) is bulk', async () => {
    const ministry = t.keyFor('ministry');
    const upload = () =>
      t.request(ministry, {
        method: 'POST',
        url: '/v1/series',
        headers: { 'content-type': 'text/csv' },
        payload: 'source,scheme,code,region,period,value,country\ncost-check,isco,2221,FR,2024-01,12,FR\n',
      });
    const release = await hold('bulk');
    try {
      const res = await upload();
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      release();
    }
    expect((await upload()).statusCode).toBeLessThan(300);
  });
});
