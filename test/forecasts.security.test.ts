import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ SUPPRESSION_K: 5 });
});
afterAll(async () => {
  await t?.close();
});

const URLS = [
  '/v1/forecasts/shortages?country=AU&occupation=2613&region=NSW',
  '/v1/forecasts/shortages/chart.svg?country=AU&occupation=2613',
  '/v1/forecasts/accuracy',
];

describe('forecast routes: roles', () => {
  it.each(URLS)('%s: 401 without a key, 403 for employer and job seeker, 200 for ministry and admin', async (url) => {
    expect((await t.request(null, { method: 'GET', url })).statusCode).toBe(401);
    for (const role of ['employer', 'jobseeker'] as const) {
      const res = await t.request(t.keyFor(role), { method: 'GET', url });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    for (const role of ['ministry', 'admin'] as const) expect((await t.request(t.keyFor(role), { method: 'GET', url })).statusCode, role).toBe(200);
  });

  it('authorises before it validates: a 403 caller learns nothing about the query', async () => {
    const res = await t.request(t.keyFor('employer'), { method: 'GET', url: '/v1/forecasts/shortages?country=AU&horizon=99' });
    expect(res.statusCode).toBe(403);
  });

  it('escapes labels in the SVG and defuses formulas in CSV', async () => {
    const { itemsToCsv } = await import('../src/routes/forecasts.js');
    const csv = itemsToCsv([
      {
        occupation: { scheme: 'isco', code: '1', label: '=HYPERLINK("x")' },
        region: 'X',
        country: 'X',
        source: 'platform',
        unit: 'u',
        history: [{ period: '2026-01', value: 1 }],
        forecast: [],
        model: 'insufficient-data',
        lastObservation: '2026-01',
        origin: '2026-01',
        stale: false,
        accuracy: null,
        rating: { value: 'insufficient-data', indicators: {} },
      },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const { renderForecastSvg } = await import('../src/forecast/chart.js');
    const svg = renderForecastSvg({
      occupation: { scheme: 'isco', code: '1', label: '<script>alert(1)</script>' },
      region: 'X',
      country: 'X',
      source: 'platform',
      unit: 'u',
      history: [{ period: '2026-01', value: 1 }, { period: '2026-02', value: 2 }],
      forecast: [],
      model: 'insufficient-data',
      lastObservation: '2026-02',
      origin: '2026-02',
      stale: false,
      accuracy: null,
      rating: { value: 'insufficient-data', indicators: {} },
    });
    expect(svg).not.toContain('<script>');
  });

  it('enforces the suppression floor of 5 in the configuration', async () => {
    const { loadConfig } = await import('../src/config.js');
    expect(() => loadConfig({ SUPPRESSION_K: '4' })).toThrow(/SUPPRESSION_K/);
  });
});
