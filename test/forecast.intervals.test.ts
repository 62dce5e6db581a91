// Regime-scaled prediction intervals (src/forecast/intervals.ts): the factor that widens intervals when a model's
// latest errors are larger than usual, the calibration it scales, and the choice of the recency half-life on the
// selection origins only.
import { describe, expect, it } from 'vitest';
import { backtestSeries, calibrate, recencyWeight, type SeriesBacktest } from '../src/forecast/backtest.js';
import { aciScales, calibrateAt, calibrateBands, chooseIntervalPolicy, coverageAt, INTERVAL_HALF_LIVES, INTERVAL_POLICIES, policyKey, regimeFactors, volumeBand, type Calendar } from '../src/forecast/intervals.js';

const H = 12;
const STEP = 6;
const K = 18;
const cal: Calendar = { K, step: STEP, maxH: H };

/**
 * 60 series on one calendar, one model ('naive') with sd 1 on the log scale and errors of size `size(o, h)` at calendar
 * origin o (a repeating pattern of −1 … 1 times the size), so the true error spread is known at every origin.
 */
function panel(size: (o: number, h: number, s: number) => number, level: (s: number) => number = () => 100): SeriesBacktest[] {
  return Array.from({ length: 60 }, (_, s) => {
    const bt = backtestSeries(
      Array.from({ length: 220 }, (_, t) => level(s) + ((t * 7 + s) % 13)),
      { origins: K, step: STEP, maxH: H, models: ['naive'] },
    )!;
    bt.sd.naive!.fill(1);
    for (let k = 0; k < bt.origins.length; k++) {
      const o = K - bt.origins.length + k;
      for (let h = 1; h <= H; h++) {
        const e = size(o, h, s) * ((((s * 3 + k + h) % 5) - 2) / 2);
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

describe('adaptive conformal scale (ACI)', () => {
  it('narrows while the intervals over-cover, widens after misses, within [0.5, 4]', () => {
    const policy = { halfLife: 12, regime: false, aci: 1 };
    const calm = aciScales(panel(() => 0.5), 'naive', cal, policy);
    // These calm errors (at most half the model sd) all fall inside the floored intervals: over-coverage, so θ never rises.
    for (let c = 1; c <= K; c++) expect(calm[c]!).toBeLessThanOrEqual(calm[c - 1]!);
    expect(calm[K]!).toBeLessThan(1);
    // Errors four times the usual size from origin K − 4 on: intervals calibrated on calm errors miss, θ rises.
    const shocked = aciScales(panel((o) => (o >= K - 4 ? 2 : 0.5)), 'naive', cal, policy);
    expect(shocked[K]!).toBeGreaterThan(calm[K]! * 1.2);
    for (let c = 0; c <= K - 4; c++) expect(shocked[c]).toBe(calm[c]);
    const fast = aciScales(panel((o) => (o >= K - 8 ? 50 : 0.01)), 'naive', cal, { ...policy, aci: 50 });
    for (const x of fast) {
      expect(x).toBeGreaterThanOrEqual(0.5);
      expect(x).toBeLessThanOrEqual(4);
    }
  });

  it('follows log θ_c = log θ_(c−1) + γ (m_c − 0.2) exactly: every calm interval covers (m = 0), so θ_c = e^(−0.2 γ c) until the 0.5 floor', () => {
    // Hand-worked: the calm errors are at most 0.5 model sd, inside even the narrowest scaled interval (0.5 × the
    // floored 1.089 sd), so every miss rate is 0. γ = 0.5: θ_1 = e^−0.1 = 0.904837, θ_6 = e^−0.6 = 0.548812,
    // θ_7 = e^−0.7 = 0.496585 → 0.5 (floor). γ = 0.25: θ_c = e^(−0.05 c), θ_13 = e^−0.65 = 0.522046, θ_14 = 0.496585 → 0.5.
    const bts = panel(() => 0.5);
    const half = aciScales(bts, 'naive', cal, { halfLife: 12, regime: false, bands: true, aci: 0.5 });
    expect(half[0]).toBe(1);
    expect(half[1]).toBeCloseTo(0.904837, 6);
    expect(half[6]).toBeCloseTo(0.548812, 6);
    for (let c = 7; c <= K; c++) expect(half[c]).toBe(0.5);
    const quarter = aciScales(bts, 'naive', cal, { halfLife: 12, regime: false, bands: true, aci: 0.25 });
    for (let c = 0; c <= 13; c++) expect(quarter[c]).toBeCloseTo(Math.exp(-0.05 * c), 12);
    expect(quarter[13]).toBeCloseTo(0.522046, 6);
    for (let c = 14; c <= K; c++) expect(quarter[c]).toBe(0.5);
    // A smaller step moves θ less after the same shock (errors 4× the usual size from origin K − 4 on).
    const shock = panel((o) => (o >= K - 4 ? 2 : 0.5));
    const slow = aciScales(shock, 'naive', cal, { halfLife: 12, regime: false, aci: 0.5 });
    const quick = aciScales(shock, 'naive', cal, { halfLife: 12, regime: false, aci: 1 });
    expect(slow[K]! / slow[K - 4]!).toBeGreaterThan(1);
    expect(slow[K]! / slow[K - 4]!).toBeLessThan(quick[K]! / quick[K - 4]!);
  });

  it('uses only coverage observed by each origin: changing later errors leaves earlier scales unchanged', () => {
    const policy = { halfLife: 24, regime: false, bands: true, aci: 3 };
    const a = aciScales(panel((o, h) => 0.4 + 0.03 * h), 'naive', cal, policy);
    const b = aciScales(panel((o, h) => (o >= 10 ? 3 : 0.4 + 0.03 * h)), 'naive', cal, policy);
    for (let c = 0; c <= 10; c++) expect(b[c]).toBe(a[c]);
    expect(b[12]).not.toBe(a[12]);
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
    expect(pb.policy).toEqual(pa.policy);
    expect(pb.loss).toEqual(pa.loss);
    // The chosen policy's scale (regime factor or ACI scale) is the same up to the first evaluation origin; after it,
    // it follows what was observed there (that is its purpose).
    for (let c = 0; c <= firstEval; c++) expect(pb.factors[c]).toBe(pa.factors[c]);
    expect(INTERVAL_HALF_LIVES as readonly number[]).toContain(pa.policy.halfLife);
    expect(Object.keys(pa.loss).sort()).toEqual(INTERVAL_POLICIES.map(policyKey).sort());
    expect(pa.policy.regime || pa.policy.aci! > 0).toBe(true);
  });
});

describe('quantiles per volume band', () => {
  // Half the series small (about 6 ads a month) with errors 3 times those of the large ones (about 206): one pooled
  // quantile covers the small series too little and the large ones too much.
  const level = (s: number): number => (s % 2 ? 0 : 200);
  /** Errors spread evenly over [−size, size] (101 levels), size 6 for the small series and 2 for the large ones. */
  const spread = (bts: SeriesBacktest[]): SeriesBacktest[] => {
    bts.forEach((bt, s) => {
      for (let i = 0; i < bt.actual.length; i++) bt.mean.naive![i] = Math.log1p(bt.actual[i]!) - (s % 2 ? 6 : 2) * ((((s * 37 + i * 11) % 101) - 50) / 50);
    });
    return bts;
  };
  const firstEval = K - 6;
  const originsAbs = Array.from({ length: K }, (_, c) => 1000 + c * STEP);

  it('bands series by the mean of their last 12 months: < 10, 10–50, > 50', () => {
    expect([0, 9.9, 10, 50, 50.1, 3000].map(volumeBand)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('covers each band near 80 % where the pooled quantiles over-cover one and under-cover the other, and is chosen on the selection origins', () => {
    const bts = spread(panel(() => 1, level));
    const f = regimeFactors(bts, 'naive', cal);
    const c = firstEval;
    const pooled = calibrateBands(bts, 'naive', c, cal, { halfLife: 0, regime: true, bands: false }, f);
    const banded = calibrateBands(bts, 'naive', c, cal, { halfLife: 0, regime: true, bands: true }, f);
    expect(pooled.bands).toBeNull();
    expect(banded.bands).toHaveLength(3);
    // Wider for the small series (band 0) than for the large ones (band 2).
    expect(banded.bands![0]![5]!.q90).toBeGreaterThan(banded.bands![2]![5]!.q90 * 2);
    const share = (q: typeof pooled, band: number): number => {
      const cov = coverageAt(bts, 'naive', c, cal, q, () => true, band);
      return cov.in80 / cov.n;
    };
    expect(share(pooled, 0)).toBeLessThan(0.7);
    expect(share(pooled, 2)).toBeGreaterThan(0.95);
    for (const b of [0, 2]) expect(Math.abs(share(banded, b) - 0.8)).toBeLessThan(Math.abs(share(pooled, b) - 0.8));
    const chosen = chooseIntervalPolicy(bts, 'naive', cal, firstEval, originsAbs, f);
    expect(chosen.policy.bands).toBe(true);
    expect(chosen.loss[policyKey(chosen.policy)]).toBeLessThan(chosen.loss[policyKey({ halfLife: chosen.policy.halfLife, regime: true, bands: false })]!);
  });

  it('falls back to the pooled quantiles for a band with too few errors', () => {
    // Every series large: bands 0 and 1 have no errors at all.
    const bts = panel(() => 0.5);
    const q = calibrateBands(bts, 'naive', K, cal, { halfLife: 12, regime: true, bands: true }, regimeFactors(bts, 'naive', cal));
    expect(q.bands![0]).toEqual(q.pooled);
    expect(q.bands![2]).toEqual(q.pooled);
  });
});
