// Platform signals (GET /v1/forecasts/shortages?source=platform, ministries) publish each occupation's vacancy counts
// per region and for the whole country side by side. A lone withheld region was the national count minus the other
// regions: one employer's 2 welder vacancies in Berlin = 15 − 7 − 6 (sec13). Now the regions and the national cell
// of each month get complementary suppression (cell-suppression.ts). Both back ends, through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

const K = 5;

interface Month {
  period: string;
  posted: number | null;
  open: number | null;
  suppressed: string[];
}
interface Item {
  region: string;
  history: { period: string; value: number | null; suppressed?: boolean }[];
  signals: { months: Month[]; candidatesPerVacancy: number | null; suppressed: string[] };
}

describe.each(BACKENDS)('platform signals: no region derivable from the national count (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ backend, SUPPRESSION_K: K, REFERENCE_SERIES_LOAD: false });
    const a = t.employer('DE');
    const b = t.employer('DE');
    const post = async (key: string, region: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: `Welder ${region} ${i}`, country: 'DE', region, occupation: { isco: '7212' } }) });
        expect(res.statusCode, res.body).toBe(201);
      }
    };
    await post(a.key, 'Bavaria', 7);
    await post(a.key, 'Hesse', 6);
    await post(b.key, 'Berlin', 2);
    // K consenting welders who would go to Germany: candidates per vacancy is published where a cell has k open ones.
    for (let i = 0; i < K; i++) {
      const s = t.jobseeker();
      const put = await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ occupation: { isco: '7212' }, destinations: ['DE'] }) });
      expect(put.statusCode, put.body).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('Berlin (2) is withheld and so is the smallest other region (Hesse, 6); Bavaria and the national count stay published', async () => {
    const res = await t.request(t.keyFor('ministry'), { method: 'GET', url: '/v1/forecasts/shortages?country=DE&source=platform&occupation=7212' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Item[];
    const last = (region: string): Month => {
      const it = items.find((i) => i.region === region);
      expect(it, `${region} in ${items.map((i) => i.region)}`).toBeDefined();
      return it!.signals.months.at(-1)!;
    };
    expect(last('DE')).toMatchObject({ posted: 15, open: 15 });
    expect(last('Bavaria')).toMatchObject({ posted: 7, open: 7 });
    expect(last('Berlin')).toMatchObject({ posted: null, open: null });
    expect(last('Hesse')).toMatchObject({ posted: null, open: null });
    expect(last('Hesse').suppressed).toEqual(expect.arrayContaining(['posted', 'open']));
    // The history shown is the same count, withheld the same way.
    const hesse = items.find((i) => i.region === 'Hesse')!.history.at(-1)!;
    expect(hesse).toMatchObject({ value: null, suppressed: true });
    // No month of any count leaves exactly one region withheld under a published national figure.
    const national = items.find((i) => i.region === 'DE')!;
    for (const m of national.signals.months) {
      for (const col of ['posted', 'open'] as const) {
        if (m[col] === null) continue;
        const regions = items.filter((i) => i !== national).map((i) => i.signals.months.find((x) => x.period === m.period));
        const withheld = regions.filter((x) => x && x[col] === null).length;
        expect(withheld, `${m.period} ${col}`).not.toBe(1);
      }
    }
  });

  it('candidates per vacancy (one number of candidates over each cell\'s open vacancies) is withheld wherever the open count is, so it cannot give Hesse\'s 6 back', async () => {
    const res = await t.request(t.keyFor('ministry'), { method: 'GET', url: '/v1/forecasts/shortages?country=DE&source=platform&occupation=7212' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Item[];
    const by = (region: string) => items.find((i) => i.region === region)!.signals;
    // Published where the open count is: national K/15, Bavaria K/7 (so the number of candidates, K, is known).
    expect(by('DE').candidatesPerVacancy).toBeCloseTo(K / 15, 6);
    expect(by('Bavaria').candidatesPerVacancy).toBeCloseTo(K / 7, 6);
    // Before, Hesse showed K/6: 6 open vacancies, and Berlin = 15 − 7 − 6.
    for (const region of ['Hesse', 'Berlin']) {
      expect(by(region).candidatesPerVacancy, region).toBeNull();
      expect(by(region).suppressed, region).toContain('candidatesPerVacancy');
    }
  });
});
