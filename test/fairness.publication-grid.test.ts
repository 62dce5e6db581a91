import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { lastClosedQuarter, ministryGridPeriod, quarterPeriod } from '../src/fairness/publication-grid.js';
import { ministryView, suppressionLines } from '../src/fairness/suppress.js';
import type { FairnessReport } from '../src/schemas/fairness.js';

// The grid's arithmetic; the HTTP behaviour (400 PUBLICATION_GRID, on-grid counts) is in fairness.happy.test.ts.

const offGrid = (f: () => unknown): { code: string; message: string } => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected PUBLICATION_GRID');
};

describe('publication grid: closed calendar quarters of the whole platform', () => {
  const now = new Date('2026-12-01T21:00:00Z');

  it('maps a quarter to its UTC months and names the last closed one', () => {
    expect(quarterPeriod('2026-Q3')).toEqual({ from: '2026-07-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' });
    expect(quarterPeriod('2026-Q4')).toEqual({ from: '2026-10-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(lastClosedQuarter(now)).toBe('2026-Q3');
    expect(lastClosedQuarter(new Date('2027-02-10T00:00:00Z'))).toBe('2026-Q4');
    expect(lastClosedQuarter(new Date('2027-01-01T00:00:00Z'))).toBe('2026-Q4');
  });

  it('accepts a closed quarter and refuses everything else with PUBLICATION_GRID naming the field', () => {
    expect(ministryGridPeriod({ period: '2026-Q3', k: 10 }, now)).toEqual(quarterPeriod('2026-Q3'));
    // The quarter ends at the first instant of the next one: on 2027-01-01T00:00Z 2026-Q4 has ended.
    expect(ministryGridPeriod({ period: '2026-Q4', k: 10 }, new Date('2027-01-01T00:00:00Z'))).toEqual(quarterPeriod('2026-Q4'));
    const cases: [Parameters<typeof ministryGridPeriod>[0], RegExp][] = [
      [{ k: 10 }, /^query\.period: required .*period=2026-Q3/],
      [{ period: '2026-Q4', k: 10 }, /^query\.period: 2026-Q4 has not ended yet; the last closed quarter is 2026-Q3/],
      [{ period: '2027-Q1', k: 10 }, /^query\.period: 2027-Q1 has not ended/],
      [{ period: '2026-Q3', from: '2026-07-01', k: 10 }, /^query\.from: /],
      [{ period: '2026-Q3', to: '2026-08-01', k: 10 }, /^query\.to: /],
      [{ period: '2026-Q3', employer: 'emp_x', k: 10 }, /^query\.employer: .*whole platform/],
      [{ period: '2026-Q3', occupation: '22', k: 10 }, /^query\.occupation: /],
      [{ period: '2026-Q3', country: 'DE', k: 10 }, /^query\.country: /],
      [{ period: '2026-Q3', k: 11 }, /^query\.k: /],
    ];
    for (const [q, message] of cases) {
      const e = offGrid(() => ministryGridPeriod(q, now));
      expect(e.code, JSON.stringify(q)).toBe('PUBLICATION_GRID');
      expect(e.message, JSON.stringify(q)).toMatch(message);
    }
  });
});

describe('ministry view of an intersection: no cell derivable from the single-attribute reports', () => {
  // disability × sex, hand-worked. The single reports publish female = 24 and male = 24 (and yes/no).
  //                female  male | total
  //   yes             6      6  |  12
  //   no             18     18  |  36
  // Before: the two 6s were withheld, the 18s shown, so female − no×female = 24 − 18 = 6 gave yes×female back.
  const counts = { 'yes×female': 6, 'yes×male': 6, 'no×female': 18, 'no×male': 18, 'undeclared×undeclared': 12 } as const;
  const cell = { positive: 5, rate: 0.5, impactRatio: 1, fourFifths: false, pValue: 0.5, adverseImpact: false };
  const report = {
    categories: Object.entries(counts).map(([category, n]) => ({ category, candidates: n, assessments: n, share: 0.1, suppressed: false, comparable: true, underMinShare: false, inRatios: true, scoring: cell, topK: cell, shortlisted: cell, hired: cell, exposure: null })),
    flags: [],
    references: {},
    dataSources: { auditRecords: 1, rankings: 1, rankingsWithoutPool: 0, rerankedRankings: 0, vacancies: 1, candidates: 60, assessments: 60, decisions: 0 },
    proxies: null,
  } as unknown as FairnessReport;

  it('lines are the whole table and each attribute value', () => {
    expect(suppressionLines(Object.keys(counts)).map((l) => [...l.parts].sort())).toEqual([
      Object.keys(counts),
      ['yes×female', 'yes×male'],
      ['no×female', 'no×male'],
      ['undeclared×undeclared'],
      ['no×female', 'yes×female'],
      ['no×male', 'yes×male'],
      ['undeclared×undeclared'],
    ].map((p) => [...p].sort()));
    expect(suppressionLines(['female', 'male'])).toEqual([{ parts: ['female', 'male'] }]);
  });

  it('withholds the 18s with the 6s, so every margin line has 0 or ≥ 2 withheld cells', () => {
    const m = ministryView(report, 10);
    const withheld = new Set(m.categories.filter((c) => c.suppressed).map((c) => c.category));
    expect([...withheld].sort()).toEqual(['no×female', 'no×male', 'yes×female', 'yes×male']);
    for (const line of suppressionLines(Object.keys(counts))) expect(line.parts.filter((p) => withheld.has(p)).length, line.parts.join('+')).not.toBe(1);
    expect(m.categories.find((c) => c.category === 'undeclared×undeclared')).toMatchObject({ suppressed: false, candidates: 12 });
  });
});
