import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, type TestApp } from './helper.js';
import { readSeriesFile, addMonths } from '../src/forecast/reference-data.js';

// A ministry loads its own series through the API: the shipped IVI of three occupations in three regions, with the
// last 12 months (2021) withheld. It reads the forecasts (which the service stores), then uploads 2021, and the
// scorecard shows how the earlier forecasts did.
const CODES = ['0000', '2544', '2613'];
const REGIONS = ['AUST', 'NSW', 'VIC'];
const CUT = '2020-12';
const ivi = readSeriesFile('ivi').series.filter((s) => CODES.includes(s.code) && REGIONS.includes(s.region));
const rows = ivi.flatMap((s) => s.values.map((v, i) => ({ source: 'nsw-test', scheme: 'anzsco', code: s.code, region: s.region, period: addMonths(s.start, i), value: v! })));
const head = rows.filter((r) => r.period <= CUT);
const tail = rows.filter((r) => r.period > CUT);

// The same scenario on each back end (PostgreSQL when TEST_DATABASE_URL is set).
describe.each(BACKENDS)('%s', (backend) => {
let t: TestApp;
let ministry: string;
let other: string;
beforeAll(async () => {
  t = await buildTestApp({ backend });
  ministry = t.keyFor('ministry');
  other = t.keyFor('ministry');
});
afterAll(async () => {
  await t?.close();
});

async function waitForJob(key: string, jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const res = await t.request(key, { method: 'GET', url: `/v1/series/jobs/${jobId}` });
    expect(res.statusCode).toBe(200);
    const job = res.json() as { status: string; error: string | null };
    if (job.status === 'done') return job as unknown as Record<string, unknown>;
    if (job.status === 'failed') throw new Error(`job failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('job did not finish');
}

interface Item {
  occupation: { code: string };
  region: string;
  source: string;
  model: string;
  lastObservation: string;
  origin: string;
  stale: boolean;
  forecast: { period: string; value: number; lower80: number; upper80: number }[];
}

describe('POST /v1/series → refit → forecasts → new months → scorecard', () => {
  let firstForecasts: Item[] = [];

  it('validates line by line, stores the good lines as version 1 and refits in the background', async () => {
    const lines = [...head.map((r) => JSON.stringify(r)), JSON.stringify({ ...head[0], period: '2020-13' }), JSON.stringify({ ...head[0], source: 'ivi' }), JSON.stringify({ ...head[0], value: -3 })];
    const res = await t.request(ministry, { method: 'POST', url: '/v1/series', headers: { 'content-type': 'application/x-ndjson' }, payload: lines.join('\n') });
    expect(res.statusCode).toBe(202);
    const body = res.json() as { accepted: number; rejected: number; results: { line: number; status: number; error?: { message: string } }[]; uploads: { source: string; version: number; jobId: string }[] };
    expect(body.accepted).toBe(head.length);
    expect(body.rejected).toBe(3);
    const bad = body.results.filter((r) => r.status === 400);
    expect(bad.map((b) => b.line)).toEqual([head.length + 1, head.length + 2, head.length + 3]);
    expect(bad[0]!.error!.message).toMatch(/line\.period/);
    expect(bad[1]!.error!.message).toMatch(/reserved/);
    expect(bad[2]!.error!.message).toMatch(/line\.value/);
    expect(body.uploads).toEqual([expect.objectContaining({ source: 'nsw-test', version: 1 })]);
    const job = await waitForJob(ministry, body.uploads[0]!.jobId);
    expect(job.progress).toBe(1);
    const acc = job.accuracy as { chosen: string; origins: { selection: string[]; evaluation: string[] } };
    // Selection and evaluation never share an origin.
    expect(acc.origins.selection.filter((o) => acc.origins.evaluation.includes(o))).toEqual([]);
    expect(acc.chosen).toBeTypeOf('string');
  }, 120_000);

  it('serves the forecasts from the last uploaded month, stale against today, and keeps another ministry out', async () => {
    const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&source=nsw-test&horizon=12&history=0' });
    expect(res.statusCode).toBe(200);
    firstForecasts = (res.json() as { items: Item[] }).items;
    expect(firstForecasts).toHaveLength(9);
    for (const it of firstForecasts) {
      expect(it.source).toBe('nsw-test');
      expect(it.lastObservation).toBe(CUT);
      expect(it.origin).toBe(CUT);
      expect(it.stale).toBe(true);
      expect(it.forecast).toHaveLength(12);
      expect(it.forecast[0]!.period).toBe('2021-01');
      expect(it.model).not.toBe('insufficient-data');
    }
    const csv = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&source=nsw-test&occupation=2544&region=NSW&horizon=2&history=1&format=csv' });
    expect(csv.body.split('\n')[1]).toMatch(/,2020-12,2020-12,true$/);
    for (const url of ['/v1/forecasts/shortages?country=AU&source=nsw-test', '/v1/forecasts/scorecard?source=nsw-test', '/v1/forecasts/accuracy?source=nsw-test']) {
      expect((await t.request(other, { method: 'GET', url })).statusCode).toBe(404);
    }
    const list = await t.request(other, { method: 'GET', url: '/v1/series' });
    expect((list.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('after the 2021 months arrive, the scorecard scores the earlier forecasts against them and both naive baselines', async () => {
    // The new months arrive as a CSV, as a ministry would send them.
    const csv = ['period,value,source,scheme,code,region', ...tail.map((r) => `${r.period},${r.value},${r.source},${r.scheme},${r.code},${r.region}`)].join('\r\n');
    const res = await t.request(ministry, { method: 'POST', url: '/v1/series', headers: { 'content-type': 'text/csv; charset=utf-8' }, payload: csv });
    expect(res.statusCode).toBe(202);
    const up = (res.json() as { uploads: { version: number; jobId: string }[] }).uploads[0]!;
    expect(up.version).toBe(2);
    const card = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/scorecard?source=nsw-test' });
    expect(card.statusCode).toBe(200);
    const sc = card.json() as { storedForecasts: number; scoredForecasts: number; origins: string[]; horizons: { h: number; n: number; mase: number; naiveMase: number; snaiveMase: number; relNaive: number; coverage80: number; direction: number | null }[] };
    expect(sc.storedForecasts).toBe(9);
    expect(sc.scoredForecasts).toBe(9);
    expect(sc.origins).toEqual([CUT]);
    expect(sc.horizons.map((h) => h.h)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Recompute h = 1 by hand from the forecasts served and the uploaded actuals.
    const actual = new Map(tail.map((r) => [`${r.code}|${r.region}|${r.period}`, r.value]));
    const h1 = sc.horizons[0]!;
    let e = 0;
    let en = 0;
    let in80 = 0;
    for (const it of firstForecasts) {
      const y = head.filter((r) => r.code === it.occupation.code && r.region === it.region).map((r) => r.value);
      let mae = 0;
      for (let i = 12; i < y.length; i++) mae += Math.abs(y[i]! - y[i - 12]!);
      const scale = mae / (y.length - 12);
      const a = actual.get(`${it.occupation.code}|${it.region}|2021-01`)!;
      e += Math.abs(a - it.forecast[0]!.value) / scale;
      en += Math.abs(a - y[y.length - 1]!) / scale;
      if (a >= it.forecast[0]!.lower80 && a <= it.forecast[0]!.upper80) in80++;
    }
    expect(h1.n).toBe(9);
    expect(h1.mase).toBeCloseTo(e / 9, 6);
    expect(h1.naiveMase).toBeCloseTo(en / 9, 6);
    expect(h1.relNaive).toBeCloseTo(e / en, 6);
    expect(h1.coverage80).toBeCloseTo(in80 / 9, 6);
    await waitForJob(ministry, up.jobId);
    // The refit serves forecasts from the new last month.
    const after = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&source=nsw-test&occupation=2544&region=NSW&horizon=3' });
    const [it] = (after.json() as { items: Item[] }).items;
    expect(it!.origin).toBe('2021-12');
    expect(it!.forecast[0]!.period).toBe('2022-01');
  }, 120_000);

  it('a published source becomes readable by other ministries; someone else’s source name cannot be written', async () => {
    const pub = await t.request(ministry, { method: 'PATCH', url: '/v1/series/nsw-test', payload: { published: true } });
    expect(pub.statusCode).toBe(200);
    expect((await t.request(other, { method: 'GET', url: '/v1/forecasts/scorecard?source=nsw-test' })).statusCode).toBe(200);
    expect((await t.request(other, { method: 'PATCH', url: '/v1/series/nsw-test', payload: { published: false } })).statusCode).toBe(404);
    const steal = await t.request(other, { method: 'POST', url: '/v1/series', headers: { 'content-type': 'application/x-ndjson' }, payload: JSON.stringify({ ...tail[0], value: 1 }) });
    expect(steal.statusCode).toBe(409);
    expect((await t.request(t.keyFor('employer'), { method: 'POST', url: '/v1/series', headers: { 'content-type': 'text/csv' }, payload: 'x' })).statusCode).toBe(403);
    expect((await t.request(ministry, { method: 'POST', url: '/v1/series', headers: { 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(415);
  });
});
});
