import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp;
let ministry: string;
beforeAll(async () => {
  t = await buildTestApp();
  ministry = t.keyFor('ministry');
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string) => t.request(ministry, { method: 'GET', url });

describe('forecast routes: bad input', () => {
  it.each(['0', '25', '1.5', 'abc'])('rejects horizon=%s with 400', async (h) => {
    const res = await get(`/v1/forecasts/shortages?country=AU&horizon=${h}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.details)).toContain('horizon');
  });

  it('requires a country and rejects unknown parameters', async () => {
    expect((await get('/v1/forecasts/shortages?horizon=3')).statusCode).toBe(400);
    expect((await get('/v1/forecasts/shortages?country=AU&foo=1')).statusCode).toBe(400);
    expect((await get('/v1/forecasts/shortages?country=AU&format=xml')).statusCode).toBe(400);
  });

  it('answers 404 with suggestions for an unknown occupation', async () => {
    const res = await get('/v1/forecasts/shortages?country=AU&occupation=2619');
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.details.suggestions.length).toBeGreaterThan(0);
    expect(body.error.details.suggestions[0].code).toMatch(/^261/);
  });

  it('answers 404 with the valid regions for an unknown region, and for a country without series', async () => {
    const res = await get('/v1/forecasts/shortages?country=AU&region=XYZ');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details.suggestions.map((s: { code: string }) => s.code)).toContain('NSW');
    const fr = await get('/v1/forecasts/shortages?country=FR');
    expect(fr.statusCode).toBe(404);
    expect(fr.json().error.details.suggestions.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['AU', 'US']));
  });

  it('answers 404 for an ESCO occupation on official series that are not coded in ESCO', async () => {
    const res = await get('/v1/forecasts/shortages?country=AU&occupation=http://data.europa.eu/esco/occupation/c5d2c7f4-2a9b-4b7d-9e0b-1d2f3e4a5b6c');
    expect(res.statusCode).toBe(404);
  });

  it('rejects a forged or stale cursor', async () => {
    const res = await get('/v1/forecasts/shortages?country=AU&cursor=bm9wZQ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_CURSOR');
  });

  it('needs an occupation for the chart and 404s an unknown one', async () => {
    expect((await get('/v1/forecasts/shortages/chart.svg?country=AU')).statusCode).toBe(400);
    expect((await get('/v1/forecasts/shortages/chart.svg?country=AU&occupation=9998')).statusCode).toBe(404);
    expect((await get('/v1/forecasts/shortages/chart.svg?country=AU&occupation=2613&horizon=30')).statusCode).toBe(400);
  });
});
