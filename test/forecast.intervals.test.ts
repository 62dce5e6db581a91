// Regime-scaled prediction intervals (src/forecast/intervals.ts): the factor that widens intervals when a model's
// latest errors are larger than usual, the calibration it scales, and the choice of the recency half-life on the
// selection origins only.
import { describe, expect, it } from 'vitest';
import { backtestSeries, calibrate, recencyWeight, type SeriesBacktest } from '../src/forecast/backtest.js';
import { calibrateAt, chooseIntervalPolicy, coverageAt, INTERVAL_HALF_LIVES, regimeFactors, type Calendar } from '../src/forecast/intervals.js';

const H = 12;
const STEP = 6;
const K = 18;
const cal: Calendar = { K, step: STEP, maxH: H };

/**
 * 60 series on one calendar, one model ('naive') with sd 1 on the log scale and errors of size `size(o, h)` at calendar
 * origin o (a repeating pattern of −1 … 1 times the size), so the true error spread is known at every origin.
 */
function panel(size: (o: number, h: number) => number): SeriesBacktest[] {
  return Array.from({ length: 60 }, (_, s) => {
    const bt = backtestSeries(
      Array.from({ length: 220 }, (_, t) => 100 + ((t * 7 + s) % 13)),
      { origins: K, step: STEP, maxH: H, models: ['naive'] },
    )!;
    bt.sd.naive!.fill(1);
    for (let k = 0; k < bt.origins.length; k++) {
      const o = K - bt.origins.length + k;
      for (let h = 1; h <= H; h++) {
        const e = size(o, h) * ((((s * 3 + k + h) % 5) - 2) / 2);
        bt.mean.naive![k * H + h - 1] = Math.log1p(bt.actual[k * H + h - 1]!) - e;
      }
    }
    return bt;
  });
}

describe('regime factor', () => {
  it('is 1 in a calm history and rises to the ratio of the latest errors to the usual ones after a shock', () => {
    const calm = regimeFactors(panel(() => 0.5), 'naive', cal);
    expect(Array.from(calm)).toEqual(new Array(K + 1).fill(1));
    // Errors four times the usual size at the two newest origins: the end of the data sees the newest origin's errors.
    const shocked = panel((o) => (o >= K - 2 ? 2 : 0.5));
    const f = regimeFactors(shocked, 'naive', cal);
    for (let c = 0; c < K - 1; c++) expect(f[c]).toBe(1);
    expect(f[K]).toBeGreaterThan(2.5);
    expect(f[K]).toBeLessThanOrEqual(4 + 1e-9);
  });

  it('never narrows: errors smaller than usual give 1, not less', () => {
    const f = regimeFactors(panel((o) => (o >= K - 3 ? 0.1 : 1)), 'naive', cal);
    for (const x of f) expect(x).toBe(1);
  });
});

describe('regime-scaled calibration', () => {
  it('without the regime factor is the recency-weighted calibration the engine served before', () => {
    const bts = panel((o, h) => 0.3 + 0.05 * h + (o % 4) * 0.1);
    const now = calibrateAt(bts, 'naive', K, cal, { halfLife: 12, regime: false }, null, 10, 0);
    const before = calibrate(bts, 'naive', () => true, H, 10, 0, (bt, k, h) => recencyWeight(bt, k, h, bt.n));
    for (let h = 0; h < H; h++) {
      for (const q of ['q025', 'q10', 'q90', 'q975'] as const) expect(now[h]![q]).toBeCloseTo(before[h]![q], 9);
    }
  });

  it('widens the served interval after a shock and restores the 80 % coverage that calm-period quantiles lose', () => {
    const bts = panel((o) => (o >= K - 3 ? 2 : 0.5));
    const f = regimeFactors(bts, 'naive', cal);
    const plain = calibrateAt(bts, 'naive', K - 1, cal, { halfLife: 12, regime: false }, null);
    const scaled = calibrateAt(bts, 'naive', K - 1, cal, { halfLife: 12, regime: true }, f);
    expect(f[K - 1]).toBeGreaterThan(1);
    for (let h = 0; h < H; h++) expect(scaled[h]!.q90 - scaled[h]!.q10).toBeGreaterThan(plain[h]!.q90 - plain[h]!.q10);
    // The newest origin's errors are as large as the one before: the scaled intervals cover them better.
    const covPlain = coverageAt(bts, 'naive', K - 1, cal, plain);
    const covScaled = coverageAt(bts, 'naive', K - 1, cal, scaled);
    expect(covScaled.in80 / covScaled.n).toBeGreaterThan(covPlain.in80 / covPlain.n + 0.1);
    expect(covScaled.in80 / covScaled.n).toBeGreaterThanOrEqual(0.7);
  });
});

describe('choice of the half-life', () => {
  it('is made on the selection origins only: changing the errors at the evaluation origins changes nothing', () => {
    const firstEval = K - 6;
    const originsAbs = Array.from({ length: K }, (_, c) => 1000 + c * STEP);
    const base = (o: number, h: number) => 0.4 + 0.02 * h + (o % 3) * 0.15;
    const a = panel(base);
    const b = panel((o, h) => (o >= firstEval ? 5 * base(o, h) : base(o, h)));
    // The factors themselves use only errors observed by each origin: identical before the evaluation origins.
    const fa = regimeFactors(a, 'naive', cal);
    const fb = regimeFactors(b, 'naive', cal);
    for (let c = 0; c <= firstEval; c++) expect(fb[c]).toBe(fa[c]);
    const pa = chooseIntervalPolicy(a, 'naive', cal, firstEval, originsAbs, fa);
    const pb = chooseIntervalPolicy(b, 'naive', cal, firstEval, originsAbs, fb);
    expect(pb).toEqual(pa);
    expect(INTERVAL_HALF_LIVES as readonly number[]).toContain(pa.policy.halfLife);
    expect(Object.keys(pa.loss).sort()).toEqual(INTERVAL_HALF_LIVES.map(String).sort());
    expect(pa.policy.regime).toBe(true);
  });
});
