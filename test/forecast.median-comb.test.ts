import { describe, expect, it } from 'vitest';
import { addCombination, combineLog } from '../src/forecast/panel-backtest.js';
import { COMBINATIONS, ENGINE_DEFAULTS, MEDIAN_COMBINATIONS, combinationOf, combineAt, runSource } from '../src/forecast/engine.js';
import { DEFAULT_TREES } from '../src/forecast/global-trees.js';
import type { SeriesBacktest } from '../src/forecast/backtest.js';
import type { PanelItem } from '../src/forecast/panel-backtest.js';

// Median combinations (docs/forecasting.md, ninth shift, pre-registered): the pointwise median of the members'
// log-scale forecasts, checked against hand-computed values.

function fakeBacktest(members: Record<string, number[][]>, H: number): SeriesBacktest {
  const origins = members[Object.keys(members)[0]!]!.length;
  const bt: SeriesBacktest = {
    n: 60,
    maxH: H,
    origins: Array.from({ length: origins }, (_, k) => 40 + k),
    scale: new Float64Array(origins).fill(1),
    last: new Float64Array(origins),
    last12: new Float64Array(origins),
    actual: new Float64Array(origins * H),
    point: {},
    mean: {},
    sd: {},
  };
  for (const [m, rows] of Object.entries(members)) {
    bt.mean[m] = Float64Array.from(rows.flat());
    bt.sd[m] = Float64Array.from(rows.flat().map((_, i) => 0.1 * (i + 1)));
    bt.point[m] = Float64Array.from(rows.flat().map((x) => Math.expm1(x)));
  }
  return bt;
}

describe('median combination', () => {
  it('combineLog: median of odd and even counts, mean, by hand', () => {
    expect(combineLog([3, 1, 2], 'median')).toBe(2);
    expect(combineLog([4, 1, 3, 2], 'median')).toBe(2.5);
    expect(combineLog([5, 1, 9, 2, 7], 'median')).toBe(5);
    expect(combineLog([1, 2, 6], 'mean')).toBe(3);
    // One member far off moves the mean, not the median.
    expect(combineLog([2, 2.1, 40], 'median')).toBe(2.1);
  });

  it('addCombination(..., median) stores the pointwise median per origin and horizon, sd the members\' mean', () => {
    // Two origins, H = 2; log-scale means of three members.
    const bt = fakeBacktest(
      {
        a: [
          [1.0, 2.0],
          [3.0, 0.5],
        ],
        b: [
          [1.5, 1.0],
          [2.0, 4.0],
        ],
        c: [
          [9.0, 1.2],
          [2.5, 0.0],
        ],
      },
      2,
    );
    addCombination([bt], 'm', ['a', 'b', 'c'], 'median');
    // By hand: origin 0 → h1 median{1, 1.5, 9} = 1.5, h2 median{2, 1, 1.2} = 1.2; origin 1 → median{3, 2, 2.5} = 2.5,
    // median{0.5, 4, 0} = 0.5.
    expect([...bt.mean.m!]).toEqual([1.5, 1.2, 2.5, 0.5]);
    expect(bt.point.m![0]).toBeCloseTo(Math.expm1(1.5), 12);
    // sd of each member at index i is 0.1·(i + 1), so their mean is the same.
    [0.1, 0.2, 0.3, 0.4].forEach((v, i) => expect(bt.sd.m![i]).toBeCloseTo(v, 12));
    // The mean combination of the same members, for contrast: origin 0, h1 (1 + 1.5 + 9)/3.
    addCombination([bt], 'avg', ['a', 'b', 'c']);
    expect(bt.mean.avg![0]).toBeCloseTo(11.5 / 3, 12);
  });

  it('the served path uses the same arithmetic (combineAt) and knows which candidates are medians', () => {
    const parts = [
      { mean: [1, 5], sd: [0.2, 0.4] },
      { mean: [2, 0], sd: [0.4, 0.4] },
      { mean: [7, 1], sd: [0.6, 0.4] },
    ];
    expect(combineAt(parts, 0, 'median')).toEqual([2, expect.closeTo(0.4, 12)]);
    expect(combineAt(parts, 1, 'median')[0]).toBe(1);
    expect(combineAt(parts, 0, 'mean')[0]).toBeCloseTo(10 / 3, 12);
    expect(combinationOf('med5')).toEqual({ parts: MEDIAN_COMBINATIONS.med5, op: 'median' });
    expect(combinationOf('comb')).toEqual({ parts: COMBINATIONS.comb, op: 'mean' });
    expect(combinationOf('theta')).toEqual({ parts: ['theta'], op: 'mean' });
    expect(Object.keys(MEDIAN_COMBINATIONS)).toEqual(['med-comb', 'med-pooled', 'med5']);
  });

  it('the engine backtests the median candidates and reports their selection evidence', () => {
    let s = 7;
    const r = (): number => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const len = 150;
    const items: PanelItem[] = [];
    const cycle = Array.from({ length: len }, (_, t) => 0.3 * Math.sin((2 * Math.PI * t) / 40) + 0.2 * Math.sin((2 * Math.PI * t) / 12));
    items.push({ key: 'x|0000|R', code: '0000', region: 'R', start: '2008-01', y: cycle.map((c) => Math.round(1000 * Math.exp(c))) });
    for (let i = 0; i < 8; i++) {
      const level = 20 + 200 * r();
      items.push({ key: `x|${1000 + i}|R`, code: String(1000 + i), region: 'R', start: '2008-01', y: cycle.map((c) => Math.round(level * Math.exp(c + 0.15 * (r() - 0.5)))), marketKey: 'x|0000|R' });
    }
    // A small engine (8 origins, 10 trees of at least 100 rows a leaf) keeps the test fast.
    const run = runSource(items, { ...ENGINE_DEFAULTS, origins: 8, evalOrigins: 3, lambdas: [0.3], trees: { ...DEFAULT_TREES, gbdt: { ...DEFAULT_TREES.gbdt, trees: 10 } } });
    for (const m of ['med-comb', 'med-pooled', 'med5']) expect(Number.isFinite(run.accuracy.selection[m])).toBe(true);
    // Every backtested series carries the median candidate, equal to the median of its members at each point.
    const bt = run.backtest.bts.find((b) => b !== null)!;
    for (let j = 0; j < bt.mean['med-comb']!.length; j++) {
      expect(bt.mean['med-comb']![j]).toBe(combineLog([bt.mean.ses![j]!, bt.mean.holt![j]!, bt.mean.damped![j]!], 'median'));
    }
  });
});
