import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanSeries, fitModel, forecastFitted, MODEL_NAMES, toIntervals, toLog, NORMAL_QUANTILES } from '../src/forecast/models.js';
import { backtestSeries, calibrate, originsFor, selectModelAt, DEFAULT_BACKTEST, CALIBRATION_FLOOR } from '../src/forecast/backtest.js';
import { scoreBacktests } from '../src/forecast/accuracy.js';

/** Deterministic pseudo-random numbers so the tests never flake. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function seasonalSeries(n: number, seed = 1, noise = 0.05): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, t) => Math.round(200 * Math.exp(0.004 * t + 0.25 * Math.sin((2 * Math.PI * t) / 12) + noise * (r() - 0.5))));
}

describe('cleanSeries', () => {
  it('trims leading/trailing gaps and interpolates interior ones', () => {
    expect(cleanSeries([null, 1, null, 3, null])).toEqual({ values: [1, 2, 3], offset: 1 });
    expect(cleanSeries([4, null, null, 10])).toEqual({ values: [4, 6, 8, 10], offset: 0 });
  });
});

describe('baselines', () => {
  const y = Array.from({ length: 48 }, (_, t) => 10 + (t % 12));
  const z = toLog(y);
  it('naive repeats the last value', () => {
    const f = forecastFitted(fitModel('naive', z), z, 3);
    expect(toIntervals(f).map((p) => Math.round(p.value))).toEqual([21, 21, 21]);
  });
  it('seasonal naive repeats last year', () => {
    const f = forecastFitted(fitModel('snaive', z), z, 14);
    expect(toIntervals(f).map((p) => Math.round(p.value))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 10, 11]);
  });
});

describe('damped ETS', () => {
  it('recovers a seasonal pattern with trend (log scale) better than the naive forecast', () => {
    const y = seasonalSeries(132, 7);
    const train = toLog(y.slice(0, 120));
    const truth = y.slice(120);
    const mae = (m: (typeof MODEL_NAMES)[number]): number => {
      const f = toIntervals(forecastFitted(fitModel(m, train), train, 12));
      return f.reduce((s, p, i) => s + Math.abs(p.value - truth[i]!), 0) / 12;
    };
    expect(mae('ets-damped-seasonal')).toBeLessThan(mae('naive') * 0.5);
    expect(mae('ets-combo')).toBeLessThan(mae('naive'));
  });

  it('keeps parameters inside the admissible region', () => {
    const fit = fitModel('ets-damped-seasonal', toLog(seasonalSeries(96, 3, 0.4)));
    const [alpha, beta, gamma, phi] = fit.params as [number, number, number, number];
    expect(alpha).toBeGreaterThan(0);
    expect(alpha).toBeLessThan(1);
    expect(beta).toBeGreaterThanOrEqual(0);
    expect(beta).toBeLessThanOrEqual(alpha);
    expect(gamma).toBeGreaterThanOrEqual(0);
    expect(gamma).toBeLessThanOrEqual(1 - alpha);
    expect(phi).toBeGreaterThanOrEqual(0.8);
    expect(phi).toBeLessThanOrEqual(0.98);
  });

  it('forecasts a flat series as flat', () => {
    const z = toLog(Array.from({ length: 60 }, () => 50));
    for (const m of MODEL_NAMES) {
      const f = toIntervals(forecastFitted(fitModel(m, z), z, 6));
      for (const p of f) expect(p.value).toBeCloseTo(50, 0);
    }
  });

  it('gives ordered, non-negative, widening intervals for any non-negative series (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 36, maxLength: 90 }), fc.constantFrom(...MODEL_NAMES), (y, m) => {
        const z = toLog(y);
        const f = forecastFitted(fitModel(m, z), z, 12);
        const pts = toIntervals(f);
        for (const p of pts) {
          for (const v of [p.value, p.lower80, p.upper80, p.lower95, p.upper95]) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
          expect(p.lower95).toBeLessThanOrEqual(p.lower80 + 1e-9);
          expect(p.lower80).toBeLessThanOrEqual(p.value + 1e-9);
          expect(p.value).toBeLessThanOrEqual(p.upper80 + 1e-9);
          expect(p.upper80).toBeLessThanOrEqual(p.upper95 + 1e-9);
        }
        for (let i = 1; i < f.sd.length; i++) expect(f.sd[i]!).toBeGreaterThanOrEqual(f.sd[i - 1]! - 1e-12);
      }),
      { numRuns: 60 },
    );
  });
});

describe('rolling-origin backtest', () => {
  it('places origins so the latest leaves maxH months to score', () => {
    const o = originsFor(190, DEFAULT_BACKTEST);
    expect(o).toHaveLength(18);
    expect(o[o.length - 1]).toBe(190 - 12);
    expect(o[1]! - o[0]!).toBe(6);
    expect(originsFor(40, DEFAULT_BACKTEST)).toEqual([]);
  });

  it('selects a model only from forecasts already observed at the origin', () => {
    const bt = backtestSeries(seasonalSeries(150, 11), { origins: 12, step: 6, maxH: 12, models: ['naive', 'snaive'] })!;
    // At the first origin nothing is observed yet: the documented default, or the first candidate without it.
    expect(selectModelAt(bt, 0, ['naive', 'snaive'])).toBe('naive');
    expect(selectModelAt(bt, 0, ['snaive', 'naive'], 0.15, 'naive')).toBe('naive');
    // With everything observed, seasonal naive beats naive on a strongly seasonal series.
    expect(selectModelAt(bt, bt.origins.length, ['naive', 'snaive'])).toBe('snaive');
  });

  it('calibrates interval quantiles no narrower than the floor share of Gaussian ones', () => {
    const bts = [1, 2, 3, 4, 5, 6].map((s) => backtestSeries(seasonalSeries(150, s, 0.6), { origins: 12, step: 6, maxH: 12, models: ['snaive'] })!);
    const q = calibrate(bts, 'snaive', () => true, 12, 10);
    for (const x of q) {
      expect(x.q10).toBeLessThanOrEqual(CALIBRATION_FLOOR * NORMAL_QUANTILES.q10 + 1e-12);
      expect(x.q975).toBeGreaterThanOrEqual(CALIBRATION_FLOOR * NORMAL_QUANTILES.q975 - 1e-12);
      expect(x.q025).toBeLessThan(x.q10);
      expect(x.q90).toBeLessThan(x.q975);
    }
    // Too few samples: the Gaussian quantiles as they are.
    expect(calibrate(bts.slice(0, 1), 'snaive', () => true, 3, 10_000)).toEqual([NORMAL_QUANTILES, NORMAL_QUANTILES, NORMAL_QUANTILES]);
  });

  it('scores models with MASE, sMAPE, direction and coverage', () => {
    const bts = [1, 2, 3].map((s) => backtestSeries(seasonalSeries(160, s), { origins: 12, step: 6, maxH: 12, models: MODEL_NAMES })!);
    const r = scoreBacktests(bts, MODEL_NAMES, [3, 6, 12], { step: 6 });
    const snaive = r.models.find((m) => m.model === 'snaive')!;
    expect(snaive.horizons[1]!.relMase.median).toBe(1);
    const ets = r.models.find((m) => m.model === 'ets-damped-seasonal')!;
    expect(ets.horizons[1]!.mase.median).toBeLessThan(snaive.horizons[1]!.mase.median);
    expect(ets.directionAnnual).toBeGreaterThan(0.5);
    expect(r.models.map((m) => m.model)).toContain('auto');
  });
});
