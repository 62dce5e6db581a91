import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/db/schema/index.js';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const calls = [
  { method: 'POST' as const, url: '/v1/taxonomy/occupations/normalize', payload: { title: 'cook' } },
  { method: 'POST' as const, url: '/v1/taxonomy/skills/extract', payload: { text: 'customer service' } },
  { method: 'GET' as const, url: '/v1/taxonomy/occupations/2221' },
  { method: 'GET' as const, url: `/v1/taxonomy/skills/${encodeURIComponent('http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab')}` },
];

describe('taxonomy routes: authentication', () => {
  it('refuses anonymous and forged keys', async () => {
    for (const c of calls) {
      expect((await t.request(null, c)).statusCode).toBe(401);
      expect((await t.request('psk_forged_key_value', c)).statusCode).toBe(401);
    }
  });

  it('lets every authenticated role call every taxonomy route', async () => {
    for (const role of ROLES) {
      const key = t.keyFor(role);
      for (const c of calls) expect((await t.request(key, c)).statusCode, `${role} ${c.url}`).toBe(200);
    }
  });

  it('does not reflect a script in the reply as HTML and treats path traversal as an unknown id', async () => {
    const key = t.keyFor('jobseeker');
    const res = await t.request(key, { method: 'POST', url: '/v1/taxonomy/occupations/normalize', payload: { title: '<script>alert(1)</script>' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const trav = await t.request(key, { method: 'GET', url: `/v1/taxonomy/occupations/${encodeURIComponent('../../etc/passwd')}` });
    expect(trav.statusCode).toBe(404);
  });
});
