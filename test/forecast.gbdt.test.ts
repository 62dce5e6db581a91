import { describe, expect, it } from 'vitest';
import { fitGbdt, predictGbdt } from '../src/forecast/gbdt.js';
import { backtestGlobalTrees, fitGlobalTrees, DEFAULT_TREES } from '../src/forecast/global-trees.js';
import type { PanelSeries } from '../src/forecast/global-model.js';

const rows = (xs: number[][]): Float64Array => Float64Array.from(xs.flat());

describe('gradient-boosted trees (histogram GBDT, squared error)', () => {
  // Hand-worked from the XGBoost objective (Chen & Guestrin 2016, eq. 5–7): base score = mean(y) = 3; every gradient
  // is prediction − y (±2), hessian 1; the best cut separates {1,2,3} from {4,5,6}.
  const x = rows([[1], [2], [3], [4], [5], [6]]);
  const y = Float64Array.from([1, 1, 1, 5, 5, 5]);
  const opts = { trees: 1, depth: 1, learningRate: 1, minLeaf: 1, bins: 16, subsample: 1 };

  it('one stump without penalty reproduces the two means exactly, cut between 3 and 4', () => {
    const pred = new Float64Array(6);
    const m = fitGbdt(x, y, 6, 1, { ...opts, lambda: 0 }, undefined, pred);
    expect(m.base).toBe(3);
    expect(m.trees[0]!.feature[0]).toBe(0);
    expect(m.trees[0]!.threshold[0]).toBe(3.5);
    expect([...pred]).toEqual([1, 1, 1, 5, 5, 5]);
  });

  it('leaf values are −G/(H + λ): with λ = 1 each leaf moves 6/4 = 1.5, and k trees leave 2·(1/4)^k of the gap', () => {
    const one = fitGbdt(x, y, 6, 1, { ...opts, lambda: 1 });
    expect(predictGbdt(one, [2])).toBeCloseTo(1.5, 12);
    expect(predictGbdt(one, [5])).toBeCloseTo(4.5, 12);
    const three = fitGbdt(x, y, 6, 1, { ...opts, trees: 3, lambda: 1 });
    expect(predictGbdt(three, [1])).toBeCloseTo(1 + 2 / 64, 12);
    expect(predictGbdt(three, [6])).toBeCloseTo(5 - 2 / 64, 12);
  });

  it('absolute loss (LAD-TreeBoost): base and leaves are medians, so one outlier does not move them', () => {
    // y = [1, 1, 10, 5, 5, 5]: base = median 5; residual signs (prediction − y) are [+, +, −, 0, 0, 0], best cut
    // between 2 and 3 (gain 2²/2 + 1²/4 − 1²/6); left leaf = median(−4, −4) = −4, right = median(5, 0, 0, 0) = 0.
    // Squared error makes the same cut but its right leaf is the mean, 6.25: the outlier pulls three good points.
    const yo = Float64Array.from([1, 1, 10, 5, 5, 5]);
    const pred = new Float64Array(6);
    const m = fitGbdt(x, yo, 6, 1, { ...opts, lambda: 0, loss: 'l1' }, undefined, pred);
    expect(m.base).toBe(5);
    expect(m.trees[0]!.threshold[0]).toBe(2.5);
    expect([...pred]).toEqual([1, 1, 5, 5, 5, 5]);
    const l2 = fitGbdt(x, yo, 6, 1, { ...opts, lambda: 0 });
    expect(predictGbdt(l2, [1])).toBeCloseTo(1, 12);
    expect(predictGbdt(l2, [6])).toBeCloseTo(6.25, 12);
  });

  it('learns an interaction (AND) that an additive model cannot: depth 2 fits it, stumps stop at the best additive fit', () => {
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        const a = i - 9.5;
        const b = j - 9.5;
        xs.push([a, b]);
        ys.push(a > 0 && b > 0 ? 1 : 0);
      }
    }
    const n = xs.length;
    const rmse = (depth: number): number => {
      const pred = new Float64Array(n);
      fitGbdt(rows(xs), Float64Array.from(ys), n, 2, { trees: 60, depth, learningRate: 0.3, lambda: 0, minLeaf: 5, bins: 32 }, undefined, pred);
      return Math.sqrt(pred.reduce((s, p, i) => s + (p - ys[i]!) ** 2, 0) / n);
    };
    expect(rmse(2)).toBeLessThan(0.02);
    // ab = (a + b)/2 − 1/4 + (a − ½)(b − ½) for a, b ∈ {0, 1}: the best additive fit leaves ±1/4 (RMSE 0.25).
    expect(rmse(1)).toBeGreaterThan(0.249);
    expect(rmse(1)).toBeLessThan(0.26);
  });

  it('predicting from raw values gives the training predictions (binned and raw paths agree), and a seed fixes the fit', () => {
    const n = 500;
    const xs = new Float64Array(n * 3);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i * 3] = Math.sin(i * 0.37);
      xs[i * 3 + 1] = (i * 7919) % 101;
      xs[i * 3 + 2] = i % 3;
      ys[i] = xs[i * 3]! * 2 + (xs[i * 3 + 1]! > 50 ? 1 : 0) + 0.1 * xs[i * 3 + 2]!;
    }
    const pred = new Float64Array(n);
    const m = fitGbdt(xs, ys, n, 3, { trees: 30, depth: 3, subsample: 1 }, undefined, pred);
    for (let i = 0; i < n; i += 37) expect(predictGbdt(m, xs, i * 3)).toBeCloseTo(pred[i]!, 10);
    const a = fitGbdt(xs, ys, n, 3, { trees: 10, depth: 3, subsample: 0.6, seed: 3 });
    const b = fitGbdt(xs, ys, n, 3, { trees: 10, depth: 3, subsample: 0.6, seed: 3 });
    expect(predictGbdt(a, [0.3, 60, 1])).toBe(predictGbdt(b, [0.3, 60, 1]));
  });
});

describe('pooled trees on a panel (global-trees)', () => {
  // 24 synthetic monthly series of 10 years: seasonal, each a multiple of a shared market cycle, plus noise.
  const panel = (): PanelSeries[] => {
    const out: PanelSeries[] = [];
    let seed = 1;
    const noise = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    for (let s = 0; s < 24; s++) {
      const z = new Float64Array(120);
      for (let t = 0; t < 120; t++) z[t] = Math.log1p(50 + 10 * (s % 5) + 15 * Math.sin((2 * Math.PI * t) / 12) + 20 * Math.sin(t / 15) + 6 * noise());
      out.push({ z, start: 2010 * 12, market: null, parent: null });
    }
    return out;
  };
  const small = { ...DEFAULT_TREES, maxRows: 5000, gbdt: { ...DEFAULT_TREES.gbdt, trees: 30 } };

  it('never uses a month after the origin: changing later months leaves the forecast from the origin unchanged', () => {
    const p = panel();
    const origin = 2010 * 12 + 80;
    const before = backtestGlobalTrees(p, [origin], 12, small);
    for (const s of p) for (let t = 81; t < s.z.length; t++) s.z[t] = s.z[t]! + 1.5;
    const after = backtestGlobalTrees(p, [origin], 12, small);
    expect(before[0]![0]).not.toBeNull();
    for (let s = 0; s < p.length; s++) expect([...after[s]![0]!.mean]).toEqual([...before[s]![0]!.mean]);
  });

  it('serves 24 finite steps per series and learns the shared season (beats the last value on the seasonal swing)', () => {
    const p = panel();
    const train = p.map((s) => ({ ...s, z: s.z.subarray(0, 108) }));
    const f = fitGlobalTrees(train, 24, small);
    let errTrees = 0;
    let errNaive = 0;
    f.forEach((fc, s) => {
      expect(fc!.mean).toHaveLength(24);
      expect([...fc!.mean, ...fc!.sd].every(Number.isFinite)).toBe(true);
      for (let h = 1; h <= 12; h++) {
        errTrees += Math.abs(fc!.mean[h - 1]! - p[s]!.z[107 + h]!);
        errNaive += Math.abs(train[s]!.z[107]! - p[s]!.z[107 + h]!);
      }
    });
    expect(errTrees).toBeLessThan(0.7 * errNaive);
  });
});
