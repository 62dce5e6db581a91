// The global model's tree form: gradient-boosted trees (gbdt.ts) pooled across every series of a source, one model for
// all horizons (the horizon and the target month are features), on the same scale-free features as the pooled ridge
// (global-model.ts: lags, seasonal index of the target month, year-on-year and 5-year level, log level and volatility,
// the region's all-occupations market, the national series, related occupations). The target is the log change from
// the series' level at the origin, in units of its one-step volatility: either from the last 12 months' mean
// ("level", as the ridge) or from the last observed month ("last": the log-ratio of the target month to the last
// observed level). Trees can learn what the ridge cannot: interactions (a market turning while the occupation lags),
// thresholds, and dynamics that differ between small noisy series and large smooth ones. Pure functions, no I/O.
import { BASE, GLOBAL_MIN_HISTORY, P as RIDGE_P, baseFeatures, horizonFeatures, type Base, type PanelSeries } from './global-model.js';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { fitGbdt, predictGbdt, type GbdtModel, type GbdtOptions } from './gbdt.js';

export type TreeTarget = 'level' | 'last';

export interface GlobalTreeOptions {
  target: TreeTarget;
  /** Training windows are origins every `stride` months per series (staggered across series). */
  stride: number;
  /** At most this many (window, horizon) rows per fit, drawn by a fixed hash… */
  maxRows: number;
  /** …and at most this many per series of the panel, so a small source's refit stays cheap (the trees' cost is per
   * row, the rest of the engine's per series). */
  rowsPerSeries: number;
  /** Normalised targets are clipped at ± this (as the ridge: a shock month must not dominate the fit). */
  clip: number;
  /** 'ridge': the trees are boosted from a per-horizon ridge on the ridge model's features (fitted on the same rows,
   * penalty `ridgeLambda`), so they learn only what the linear model leaves; 'none': from the mean. */
  init: 'ridge' | 'none';
  ridgeLambda: number;
  gbdt: Partial<GbdtOptions>;
}

export const DEFAULT_TREES: GlobalTreeOptions = {
  target: 'level',
  stride: 3,
  maxRows: 40_000,
  rowsPerSeries: 25,
  clip: 3,
  init: 'none',
  ridgeLambda: 0.3,
  gbdt: { trees: 80, depth: 4, learningRate: 0.1, lambda: 1, minLeaf: 100, bins: 32, subsample: 1, seed: 7, loss: 'l1' },
};

/** Tree features: the ridge's features 1..23 (without the intercept; slot 12 is the seasonal index of the target
 * month), the horizon and the target month. */
export const TREE_FEATURES = 23 + 2;
const TP = TREE_FEATURES;

type LogForecast = { mean: Float64Array; sd: Float64Array };

/** One training window: series s, last observation at absolute month T, its base features (copied). */
interface Window {
  s: number;
  T: number;
  base: Base;
}

function treeRow(base: Base, T: number, h: number, scratch: Float64Array, out: Float64Array, off: number): void {
  horizonFeatures(base, T, h, scratch);
  for (let j = 1; j < BASE; j++) out[off + j - 1] = scratch[j]!;
  out[off + 23] = h;
  out[off + 24] = (((T + h) % 12) + 12) % 12;
}

/** Fixed pseudo-random number in [0, 1) of a (series, month, horizon) triple. */
function hash01(s: number, T: number, h: number): number {
  let x = Math.imul(s + 1, 0x9e3779b1) ^ Math.imul(T + 7, 0x85ebca77) ^ Math.imul(h + 13, 0xc2b2ae3d);
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

const copyBase = (b: Base): Base => ({ ...b, f: Float64Array.from(b.f) });

/** Every candidate training window of the panel (origins on the stride grid), computed once. */
function windowsOf(panel: readonly PanelSeries[], stride: number): Window[] {
  const out: Window[] = [];
  const scratch = new Float64Array(RIDGE_P);
  panel.forEach((ser, s) => {
    const last = ser.start + ser.z.length - 1;
    for (let T = ser.start + GLOBAL_MIN_HISTORY - 1; T < last; T++) {
      if ((T + s) % stride !== 0) continue;
      const b = baseFeatures(panel, s, T, scratch);
      if (b) out.push({ s, T, base: copyBase(b) });
    }
  });
  return out;
}

const targetOf = (base: Base, h: number, target: TreeTarget): number => (base.z[base.t + h]! - (target === 'level' ? base.b : base.z[base.t]!)) / base.q;

export interface TreeFit {
  model: GbdtModel;
  /** Per-horizon ridge coefficients the trees start from (init 'ridge'), else null. */
  ridge: number[][] | null;
  /** Residual sd (normalised units) per horizon on the training rows. */
  sigma: Float64Array;
  rows: number;
}

/** Fit on the windows whose target months are ≤ `upTo` (absolute month), horizons 1..maxH. */
function fitAt(panel: readonly PanelSeries[], windows: readonly Window[], upTo: number, maxH: number, o: GlobalTreeOptions): TreeFit | null {
  let eligible = 0;
  for (const w of windows) {
    const lastObs = panel[w.s]!.start + panel[w.s]!.z.length - 1;
    eligible += Math.max(0, Math.min(maxH, upTo - w.T, lastObs - w.T));
  }
  if (eligible < 200) return null;
  const keep = Math.min(1, Math.min(o.maxRows, o.rowsPerSeries * panel.length) / eligible);
  const cap = Math.ceil(eligible * keep * 1.05) + 16;
  const x = new Float64Array(cap * TP);
  const y = new Float64Array(cap);
  const hs = new Uint8Array(cap);
  const scratch = new Float64Array(RIDGE_P);
  const withRidge = o.init === 'ridge';
  const xr = withRidge ? new Float64Array(cap * RIDGE_P) : null;
  let n = 0;
  for (const w of windows) {
    const lastObs = panel[w.s]!.start + panel[w.s]!.z.length - 1;
    const H = Math.min(maxH, upTo - w.T, lastObs - w.T);
    for (let h = 1; h <= H && n < cap; h++) {
      if (keep < 1 && hash01(w.s, w.T, h) >= keep) continue;
      treeRow(w.base, w.T, h, scratch, x, n * TP);
      if (xr) xr.set(scratch, n * RIDGE_P);
      y[n] = Math.max(-o.clip, Math.min(o.clip, targetOf(w.base, h, o.target)));
      hs[n] = h;
      n++;
    }
  }
  const ridge = xr ? ridgeByHorizon(xr, y, hs, n, maxH, o.ridgeLambda) : null;
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) resid[i] = y[i]! - (ridge ? dot(ridge[hs[i]! - 1]!, xr!, i * RIDGE_P) : 0);
  const fitted = new Float64Array(n);
  const model = fitGbdt(x.subarray(0, n * TP), resid, n, TP, o.gbdt, undefined, fitted);
  const ss = new Float64Array(maxH + 1);
  const cnt = new Float64Array(maxH + 1);
  for (let i = 0; i < n; i++) {
    const e = resid[i]! - fitted[i]!;
    const k = hs[i]!;
    ss[k] = ss[k]! + e * e;
    cnt[k] = cnt[k]! + 1;
  }
  const sigma = new Float64Array(maxH);
  for (let h = 1; h <= maxH; h++) sigma[h - 1] = cnt[h]! > 10 ? Math.sqrt(ss[h]! / cnt[h]!) : 1;
  return { model, ridge, sigma, rows: n };
}

const dot = (b: readonly number[], x: ArrayLike<number>, off: number): number => {
  let s = 0;
  for (let j = 0; j < b.length; j++) s += b[j]! * x[off + j]!;
  return s;
};

/** Per-horizon ridge on the sampled rows, the penalty a share λ of each feature's own sum of squares (as the ridge
 * model: scale-free; intercept unpenalised). */
function ridgeByHorizon(xr: Float64Array, y: Float64Array, hs: Uint8Array, n: number, maxH: number, lambda: number): number[][] {
  const P = RIDGE_P;
  const A = Array.from({ length: maxH }, () => new Float64Array(P * P));
  const v = Array.from({ length: maxH }, () => new Float64Array(P));
  for (let i = 0; i < n; i++) {
    const a = A[hs[i]! - 1]!;
    const b = v[hs[i]! - 1]!;
    const off = i * P;
    for (let j = 0; j < P; j++) {
      const xj = xr[off + j]!;
      if (xj === 0) continue;
      b[j] = b[j]! + xj * y[i]!;
      for (let k = j; k < P; k++) a[j * P + k] = a[j * P + k]! + xj * xr[off + k]!;
    }
  }
  return A.map((a, h) => {
    const M = new Matrix(P, P);
    for (let j = 0; j < P; j++) {
      for (let k = j; k < P; k++) {
        M.set(j, k, a[j * P + k]!);
        M.set(k, j, a[j * P + k]!);
      }
      M.set(j, j, j === 0 ? a[0]! + 1e-9 : a[j * P + j]! * (1 + lambda) + 1e-6);
    }
    return new CholeskyDecomposition(M).solve(Matrix.columnVector(Array.from(v[h]!))).getColumn(0);
  });
}

function predictAt(panel: readonly PanelSeries[], s: number, T: number, fit: TreeFit, maxH: number, target: TreeTarget): LogForecast | null {
  const scratch = new Float64Array(RIDGE_P);
  const base = baseFeatures(panel, s, T, scratch);
  if (!base) return null;
  const row = new Float64Array(TP);
  const hScratch = new Float64Array(RIDGE_P);
  const mean = new Float64Array(maxH);
  const sd = new Float64Array(maxH);
  const level = target === 'level' ? base.b : base.z[base.t]!;
  for (let h = 1; h <= maxH; h++) {
    treeRow(base, T, h, hScratch, row, 0);
    const lin = fit.ridge ? dot(fit.ridge[Math.min(h, fit.ridge.length) - 1]!, hScratch, 0) : 0;
    mean[h - 1] = level + base.q * (lin + predictGbdt(fit.model, row));
    sd[h - 1] = base.q * fit.sigma[Math.min(h, fit.sigma.length) - 1]!;
  }
  return { mean, sd };
}

/**
 * Rolling-origin backtest: at each origin (absolute month of the last observation, ascending) the trees are refitted on
 * the windows whose targets were observed by then, then every series is forecast from that month. Returns per series,
 * per origin, the log-scale mean and sd (null where a series has no history there).
 */
export function backtestGlobalTrees(panel: readonly PanelSeries[], originsAbs: readonly number[], maxH: number, o: GlobalTreeOptions = DEFAULT_TREES): (LogForecast | null)[][] {
  const windows = windowsOf(panel, o.stride);
  const out: (LogForecast | null)[][] = panel.map(() => []);
  for (const T of originsAbs) {
    const fit = fitAt(panel, windows, T, maxH, o);
    for (let s = 0; s < panel.length; s++) out[s]!.push(fit ? predictAt(panel, s, T, fit, maxH, o.target) : null);
  }
  return out;
}

/** Fit on every window of the panel and forecast each series `maxH` months from its own last observation. */
export function fitGlobalTrees(panel: readonly PanelSeries[], maxH: number, o: GlobalTreeOptions = DEFAULT_TREES): (LogForecast | null)[] {
  const windows = windowsOf(panel, o.stride);
  const end = Math.max(...panel.map((s) => s.start + s.z.length - 1));
  const fit = fitAt(panel, windows, end, maxH, o);
  return panel.map((ser, s) => (fit ? predictAt(panel, s, ser.start + ser.z.length - 1, fit, maxH, o.target) : null));
}
