// CSV exports defuse every text cell a spreadsheet would run as a formula (sec13). A ministry's uploaded series code
// may hold letters, digits and . - : / _, so "-1-A1:A9" is a valid code; it comes back in the code and label columns
// of GET /v1/forecasts/shortages?format=csv. Before, a cell starting with "-" and a digit was left as it was (to keep
// negative numbers), so Excel read "-1-A1:A9" as a formula. Now only a cell that is a whole number is left unquoted.
// Both back ends, through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemsToCsv } from '../src/routes/forecasts.js';
import { BACKENDS, buildTestApp, type TestApp } from './helper.js';

const CODE = '-1-A1:A9';
const csvOf = (code: string) =>
  ['source,scheme,code,region,period,value', ...Array.from({ length: 48 }, (_, m) => `csv-probe,anzsco,${code},NSW,${2019 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')},${800 + 3 * m + 5 * (m % 12)}`)].join('\n');

/** A CSV line's cells (no quoted commas occur in these exports' code and label columns). */
const cells = (line: string): string[] => line.split(',');

describe.each(BACKENDS)('CSV exports defuse formulas (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ backend });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an uploaded code "-1-A1:A9" is exported as \'-1-A1:A9 in the code and label cells; numbers stay numbers', async () => {
    const ministry = t.keyFor('ministry');
    const up = await t.request(ministry, { method: 'POST', url: '/v1/series', headers: { 'content-type': 'text/csv' }, payload: csvOf(CODE) });
    expect(up.statusCode, up.body).toBe(202);
    const jobId = up.json().uploads[0].jobId as string;
    for (let i = 0; i < 600; i++) {
      const job = (await t.request(ministry, { method: 'GET', url: `/v1/series/jobs/${jobId}` })).json();
      if (job.status === 'done') break;
      if (job.status === 'failed') throw new Error(job.error);
      await new Promise((r) => setTimeout(r, 200));
    }
    const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&source=csv-probe&format=csv&history=12' });
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...lines] = res.body.trim().split('\n');
    const cols = cells(header!);
    expect(lines.length).toBeGreaterThan(12);
    for (const line of lines) {
      const row = cells(line);
      expect(row[cols.indexOf('code')]).toBe(`'${CODE}`);
      expect(row[cols.indexOf('label')]).toBe(`'${CODE}`);
      // No cell at all starts with = + - @ unless it is a plain number.
      for (const c of row) if (/^[=+\-@]/.test(c)) expect(c).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number(row[cols.indexOf('value')])).toBeGreaterThan(0);
    }
  });

  it('negative numbers and number-like text: only whole numbers are left as they are', () => {
    const item = {
      source: 'x',
      occupation: { scheme: 'anzsco', code: '-2-3', label: '-1e5+A1' },
      region: '-9',
      history: [],
      forecast: [{ period: '2030-01', value: -3.5, lower80: -1e-7, upper80: 1, lower95: 0, upper95: 2 }],
      model: '@SUM',
      accuracy: null,
      rating: { value: null },
      lastObservation: null,
      origin: null,
      stale: false,
    };
    const [, line] = itemsToCsv([item as never]).trim().split('\n');
    const row = cells(line!);
    expect(row.slice(0, 5)).toEqual(['x', 'anzsco', "'-2-3", "'-1e5+A1", '-9']);
    expect(row).toContain('-3.5');
    expect(row).toContain('-1e-7');
    expect(row).toContain("'@SUM");
  });
});
