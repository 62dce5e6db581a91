// The M4 benchmarks (Naïve 2, SES, Holt, damped), recency-weighted interval calibration and the per-horizon-band choice.
import { describe, expect, it } from 'vitest';
import { holtFilter, smoothLogForecasts } from '../src/forecast/exp-smoothing.js';
import { backtestSeries, calibrate, recencyWeight, CALIBRATION_HALF_LIFE, type SeriesBacktest } from '../src/forecast/backtest.js';
import { addByHorizon } from '../src/forecast/panel-backtest.js';
import { HORIZON_BANDS, runSource } from '../src/forecast/engine.js';
import { NORMAL_QUANTILES } from '../src/forecast/models.js';
import type { PanelItem } from '../src/forecast/panel-backtest.js';

describe('exponential smoothing (error-correction form, Hyndman et al. 2008, ETS(A,Ad,N))', () => {
  it('filters a worked example by hand: ℓ_t = ℓ_{t−1} + φb_{t−1} + αe_t, b_t = φb_{t−1} + αβe_t', () => {
    // y = 10, 12, 13; ℓ0 = 10, b0 = 1, α = 0.5, β = 0.2, φ = 1:
    // e1 = 10 − 11 = −1 → ℓ1 = 10.5, b1 = 0.9; e2 = 12 − 11.4 = 0.6 → ℓ2 = 11.7, b2 = 0.96;
    // e3 = 13 − 12.66 = 0.34 → ℓ3 = 12.83, b3 = 0.994; SSE = 1 + 0.36 + 0.1156.
    const r = holtFilter([10, 12, 13], 0.5, 0.2, 1, 10, 1);
    expect(r.sse).toBeCloseTo(1.4756, 10);
    expect(r.level).toBeCloseTo(12.83, 10);
    expect(r.trend).toBeCloseTo(0.994, 10);
    // Damped: the trend carried into each step is φ times the last.
    const d = holtFilter([10], 0.5, 0.2, 0.9, 10, 1);
    // f = 10 + 0.9 = 10.9, e = −0.9 → ℓ = 10.45, b = 0.9 − 0.09 = 0.81.
    expect(d.level).toBeCloseTo(10.45, 10);
    expect(d.trend).toBeCloseTo(0.81, 10);
  });

  it('continues a straight line with Holt, bends it with damped Holt, and keeps a flat series flat', () => {
    const line = Float64Array.from({ length: 60 }, (_, t) => 2 + 0.01 * t);
    const f = smoothLogForecasts(line, 12);
    for (let h = 1; h <= 12; h++) expect(f.holt.mean[h - 1]).toBeCloseTo(2 + 0.01 * (59 + h), 3);
    // Damped increments shrink geometrically and stay below the line.
    const inc = Array.from({ length: 11 }, (_, i) => f.damped.mean[i + 1]! - f.damped.mean[i]!);
    for (let i = 1; i < inc.length; i++) expect(inc[i]!).toBeLessThan(inc[i - 1]! + 1e-12);
    expect(f.damped.mean[11]!).toBeLessThanOrEqual(f.holt.mean[11]! + 1e-9);
    // Naïve 2 on a non-seasonal series is the last value; SES on a constant is that constant.
    expect(Array.from(f.naive2.mean)).toEqual(new Array(12).fill(line[59]));
    const flat = smoothLogForecasts(new Float64Array(48).fill(3), 6);
    for (const m of ['naive2', 'ses', 'holt', 'damped'] as const) for (const v of flat[m].mean) expect(v).toBeCloseTo(3, 9);
    // Standard deviations grow with the horizon.
    for (const m of ['naive2', 'ses', 'holt', 'damped'] as const) expect(f[m].sd[11]!).toBeGreaterThanOrEqual(f[m].sd[0]!);
  });

  it('seasonally adjusts first: Naïve 2 carries the last adjusted level with the seasonal pattern', () => {
    const z = Float64Array.from({ length: 96 }, (_, t) => 4 + 0.5 * Math.sin((2 * Math.PI * t) / 12));
    const f = smoothLogForecasts(z, 12);
    // A pure seasonal pattern repeats: next year's forecast is this year's values.
    for (let h = 1; h <= 12; h++) expect(f.naive2.mean[h - 1]).toBeCloseTo(z[96 - 12 + h - 1]!, 6);
  });
});

describe('recency-weighted calibration', () => {
  /** A backtest of one model whose errors (log scale, sd 1) are small at old origins and large at recent ones. */
  function drifting(): SeriesBacktest[] {
    return Array.from({ length: 40 }, (_, s) => {
      const bt = backtestSeries(Array.from({ length: 200 }, (_, t) => 100 + ((t * 7 + s) % 13)), { origins: 18, step: 6, maxH: 3, models: ['naive'] })!;
      bt.sd.naive!.fill(1);
      for (let k = 0; k < bt.origins.length; k++) {
        for (let h = 0; h < 3; h++) {
          const big = k >= bt.origins.length - 3;
          const e = (big ? 3 : 0.5) * (((s + k + h) % 5) - 2) / 2;
          bt.mean.naive![k * 3 + h] = Math.log1p(bt.actual[k * 3 + h]!) - e;
        }
      }
      return bt;
    });
  }

  it('widens the intervals when recent errors are larger than old ones; unweighted it does not see them as much', () => {
    const bts = drifting();
    const plain = calibrate(bts, 'naive', () => true, 3, 10, 0);
    const recent = calibrate(bts, 'naive', () => true, 3, 10, 0, (bt, k, h) => recencyWeight(bt, k, h, bt.n));
    for (let h = 0; h < 3; h++) {
      expect(recent[h]!.q90).toBeGreaterThan(plain[h]!.q90);
      expect(recent[h]!.q10).toBeLessThan(plain[h]!.q10);
    }
    expect(CALIBRATION_HALF_LIFE).toBe(12);
    // An error observed one half-life before the cutoff weighs a half.
    const bt = bts[0]!;
    const k = 5;
    expect(recencyWeight(bt, k, 1, bt.origins[k]! + 1 + CALIBRATION_HALF_LIFE)).toBeCloseTo(0.5, 12);
    // Equal weights give the unweighted quantiles' coverage (Gaussian quantiles when too few samples either way).
    expect(calibrate(bts.slice(0, 1), 'naive', () => true, 1, 10_000, 0, () => 1)).toEqual([NORMAL_QUANTILES]);
  });
});

describe('choice per horizon band', () => {
  it('builds the composite from each band’s model', () => {
    const bt = backtestSeries(Array.from({ length: 120 }, (_, t) => 50 + (t % 12)), { origins: 4, step: 6, maxH: 12, models: ['naive', 'snaive'] })!;
    const choice = Array.from({ length: 12 }, (_, h) => (h < 3 ? 'naive' : 'snaive'));
    addByHorizon([bt], 'mix', choice);
    for (let k = 0; k < 4; k++) {
      for (let h = 0; h < 12; h++) expect(bt.mean.mix![k * 12 + h]).toBe(bt.mean[choice[h]!]![k * 12 + h]);
    }
  });

  it('reports one choice per band, and serves what it reports', () => {
    const r = (seed: number) => () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const rnd = r(5);
    const items: PanelItem[] = Array.from({ length: 10 }, (_, i) => ({
      key: `x|${1000 + i}|R`,
      code: String(1000 + i),
      region: 'R',
      start: '2008-01',
      y: Array.from({ length: 130 }, (_, t) => Math.round((30 + 10 * i) * Math.exp(0.2 * Math.sin((2 * Math.PI * t) / 12) + 0.003 * t + 0.1 * (rnd() - 0.5)))),
    }));
    const run = runSource(items);
    expect(run.accuracy.bands.map((b) => b.band)).toEqual(HORIZON_BANDS.map(([a, b]) => `h${a}-${b}`));
    const models = new Set(run.accuracy.bands.map((b) => b.model));
    if (models.size === 1) expect(run.accuracy.chosen.replace(/\+mint$/, '')).toBe([...models][0]!.replace(/global@[0-9.e~-]+/, 'global'));
    else expect(run.accuracy.chosen).toMatch(/^by-horizon\(h1-3:.+;h4-6:.+;h7-end:.+\)/);
    for (const b of run.accuracy.bands) expect(b.relMase).toBeLessThanOrEqual(run.accuracy.selection.snaive! + 1e-9);
    for (const s of run.served) expect(s.model).toBe(run.accuracy.chosen);
  });
});
