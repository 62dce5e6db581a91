// One rule for every CSV export (src/csv.ts): the forecast export and the fairness report used two copies that
// disagreed on "-" (fairness defused "-5" text, forecasts kept it) and on non-text cells. Pure.
import { describe, expect, it } from 'vitest';
import { csvText, toCsv } from '../src/csv.js';
import { reportToCsv } from '../src/fairness/render.js';
import { itemsToCsv } from '../src/routes/forecasts.js';
import type { FairnessReport } from '../src/schemas/fairness.js';

describe('csvText: spreadsheet formulas defused', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+1', "'+1+1"],
    ['-1-A1:A9', "'-1-A1:A9"],
    ['-1e5+A1', "'-1e5+A1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['+5', "'+5"],
    ['-', "'-"],
    ['--5', "'--5"],
  ])('%j is defused', (input, out) => {
    expect(csvText(input)).toBe(out);
  });

  it.each([
    [-3.5, '-3.5'],
    [-1e-7, '-1e-7'],
    ['-42', '-42'],
    ['-0.25', '-0.25'],
    [0, '0'],
    ['plain text', 'plain text'],
    ['a=b', 'a=b'],
    [true, 'true'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
  ])('%j is left as it is (a number as a whole, or text not starting a formula)', (input, out) => {
    expect(csvText(input)).toBe(out);
  });

  it('quotes per RFC 4180 after defusing: a formula with a comma, quote or line break stays one defused cell', () => {
    const out = toCsv(['a', 'b', 'c'], [['=1,2', 'say "hi"', 'x\ny']]);
    expect(out).toBe(`a,b,c\n"'=1,2","say ""hi""","x\ny"\n`);
  });
});

describe('both exports use the rule', () => {
  it('the fairness report CSV defuses a formula-like category and attribute, and keeps its numbers', () => {
    const cell = { positive: 3, rate: 0.5, impactRatio: 0.8, fourFifths: false, pValue: 0.2, adverseImpact: false };
    const report = {
      attribute: '+cmd',
      period: { from: '2026-01-01', to: '2026-02-01' },
      categories: [{ category: '=HYPERLINK("http://x")', comparable: true, suppressed: false, candidates: 12, assessments: 12, share: 0.5, underMinShare: false, scoring: cell, topK: cell, shortlisted: cell, hired: cell }],
    } as unknown as FairnessReport;
    const [header, ...lines] = reportToCsv(report).trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line.startsWith(`'+cmd,"'=HYPERLINK(""http://x"")",true,false,12,12,0.5,false,`)).toBe(true);
    }
    expect(header!.split(',')).toContain('impact_ratio');
  });

  it('the forecast CSV and the fairness CSV write the same cell the same way', () => {
    const item = {
      source: 'x',
      occupation: { scheme: 'anzsco', code: '-5', label: '-5+A1' },
      region: '@r',
      history: [{ period: '2030-01', value: -2 }],
      forecast: [],
      model: 'm',
      accuracy: null,
      rating: { value: 'not-rated' },
      lastObservation: null,
      origin: null,
      stale: false,
    };
    const row = itemsToCsv([item as never]).trim().split('\n')[1]!.split(',');
    expect(row.slice(0, 5)).toEqual(['x', 'anzsco', '-5', "'-5+A1", "'@r"].map((v) => csvText(v)));
    expect(row[7]).toBe('-2');
  });
});
