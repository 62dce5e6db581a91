import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, type TestApp } from './helper.js';
import { DEMO_PATH } from '../src/services/bootstrap.js';

const demo = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as { vacancies: (Record<string, unknown> & { employer: number })[]; candidates: Record<string, unknown>[] };

// Issue 15: the same suite on each storage back end (test/helper.ts BACKENDS).
describe.each(BACKENDS)('%s', (backend) => {
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ backend });
  const emp = t.employer();
  for (const { employer: _e, ...v } of demo.vacancies) await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: v });
});
afterAll(async () => {
  await t.close();
});

const VARIANTS = [
  undefined,
  { sex: 'female', ageBand: '25-34', nationality: 'MA', disability: 'no' },
  { sex: 'male', ageBand: '55-64', nationality: 'DE', disability: 'yes' },
  { sex: 'other', ageBand: '<25', nationality: 'SY', disability: 'undisclosed' },
];

describe('counterfactual fairness through the whole service', () => {
  it('changing any protected attribute changes no score and no rank, over every demo profile', async () => {
    for (const profile of demo.candidates) {
      const s = t.jobseeker();
      let reference: string | null = null;
      for (const prot of VARIANTS) {
        const put = await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...profile, ...(prot ? { protected: prot } : {}) } });
        expect(put.statusCode).toBe(200);
        const res = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=100' });
        expect(res.statusCode).toBe(200);
        const ranking = JSON.stringify(res.json().items.map((i: { vacancyId: string; rank: number; score: number; explanation: unknown }) => [i.vacancyId, i.rank, i.score, i.explanation]));
        if (reference === null) reference = ranking;
        else expect(ranking).toBe(reference);
      }
    }
  });
});
});
