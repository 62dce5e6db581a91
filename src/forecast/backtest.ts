// Rolling-origin cross-validation: fit every model at each origin, keep the forecasts, score them later.
import {
  MIN_HISTORY,
  MODEL_NAMES,
  NORMAL_QUANTILES,
  SEASON,
  comboOf,
  fitModel,
  forecastFitted,
  fromLog,
  toLog,
  type IntervalQuantiles,
  type ModelName,
} from './models.js';

export interface BacktestOptions {
  /** Number of forecast origins (the latest one leaves maxH months to score). */
  origins: number;
  /** Months between two origins. */
  step: number;
  maxH: number;
  models: readonly ModelName[];
}

export const DEFAULT_BACKTEST: BacktestOptions = { origins: 18, step: 6, maxH: 12, models: MODEL_NAMES };

/** The default a series gets when no past forecast errors exist yet, and the incumbent the others must beat. */
export const DEFAULT_MODEL: ModelName = 'ets-combo';
/** Another model replaces the default only if its CV MASE is at least this much lower: per-series CV on a dozen
 * origins is noisy, and the combination is the safer bet (docs/forecasting.md has the measurement). */
export const SELECTION_MARGIN = 0.15;

export interface SeriesBacktest {
  n: number;
  maxH: number;
  /** Training lengths t_k: origin k forecasts y[t_k .. t_k + maxH - 1]. */
  origins: number[];
  /** Per origin: in-sample seasonal-naive MAE (original scale), the MASE denominator. */
  scale: Float64Array;
  /** Per origin: last observed value y[t_k - 1], and the mean of the last 12 observed values. */
  last: Float64Array;
  last12: Float64Array;
  /** Per origin × h: actual value (original scale). */
  actual: Float64Array;
  /** Per model, per origin × h: point forecast (original scale), log-scale mean and sd. */
  point: Record<string, Float64Array>;
  mean: Record<string, Float64Array>;
  sd: Record<string, Float64Array>;
  /** Per direction model (direction-model.ts), per origin: its score (> 0: a rise; NaN: not scored). */
  dirScore?: Record<string, Float64Array>;
}

/** Training lengths of the rolling origins that fit in a series of length n (oldest first). */
export function originsFor(n: number, opts: BacktestOptions): number[] {
  const out: number[] = [];
  for (let k = opts.origins - 1; k >= 0; k--) {
    const t = n - opts.maxH - opts.step * k;
    if (t >= MIN_HISTORY) out.push(t);
  }
  return out;
}

function seasonalMae(y: readonly number[], t: number): number {
  let s = 0;
  for (let i = SEASON; i < t; i++) s += Math.abs(y[i]! - y[i - SEASON]!);
  return t > SEASON ? s / (t - SEASON) : 0;
}

/** Fit all models at every origin of one series; null when no origin fits. */
export function backtestSeries(y: readonly number[], opts: BacktestOptions = DEFAULT_BACKTEST): SeriesBacktest | null {
  const origins = originsFor(y.length, opts);
  if (origins.length === 0) return null;
  const H = opts.maxH;
  const K = origins.length;
  const z = toLog(y);
  const bt: SeriesBacktest = {
    n: y.length,
    maxH: H,
    origins,
    scale: new Float64Array(K),
    last: new Float64Array(K),
    last12: new Float64Array(K),
    actual: new Float64Array(K * H),
    point: {},
    mean: {},
    sd: {},
  };
  for (const m of opts.models) {
    bt.point[m] = new Float64Array(K * H);
    bt.mean[m] = new Float64Array(K * H);
    bt.sd[m] = new Float64Array(K * H);
  }
  origins.forEach((t, k) => {
    bt.scale[k] = seasonalMae(y, t);
    bt.last[k] = y[t - 1]!;
    let s12 = 0;
    for (let i = t - 12; i < t; i++) s12 += y[i]!;
    bt.last12[k] = s12 / 12;
    for (let h = 0; h < H; h++) bt.actual[k * H + h] = y[t + h]!;
    const train = z.subarray(0, t);
    const fits = new Map<string, ReturnType<typeof fitModel>>();
    for (const m of opts.models) {
      // The combination reuses the two ETS fits of this origin instead of refitting them.
      let fit: ReturnType<typeof fitModel>;
      const s = fits.get('ets-damped-seasonal');
      const d = fits.get('ets-damped');
      const sn = fits.get('snaive');
      if (m === 'ets-combo' && s && d && sn) fit = comboOf(s, d, sn);
      else fit = fitModel(m, train);
      fits.set(m, fit);
      const f = forecastFitted(fit, train, H);
      for (let h = 0; h < H; h++) {
        bt.mean[m]![k * H + h] = f.mean[h]!;
        bt.sd[m]![k * H + h] = f.sd[h]!;
        bt.point[m]![k * H + h] = fromLog(f.mean[h]!);
      }
    }
  });
  return bt;
}

/** Mean absolute scaled error of model m over the (origin, horizon) pairs accepted by `use`. */
/** A model name, or the model used at each origin k (the "auto" choice changes over time). */
export type ModelAt = string | ((k: number) => string);
const modelAt = (m: ModelAt, k: number): string => (typeof m === 'string' ? m : m(k));

export function meanScaledError(bt: SeriesBacktest, m: ModelAt, use: (k: number, h: number) => boolean): number {
  let s = 0;
  let c = 0;
  const H = bt.maxH;
  for (let k = 0; k < bt.origins.length; k++) {
    const sc = bt.scale[k]!;
    if (!(sc > 0)) continue;
    const point = bt.point[modelAt(m, k)]!;
    for (let h = 1; h <= H; h++) {
      if (!use(k, h)) continue;
      s += Math.abs(bt.actual[k * H + h - 1]! - point[k * H + h - 1]!) / sc;
      c++;
    }
  }
  return c > 0 ? s / c : Number.NaN;
}

/** Symmetric MAPE (percent) at horizon h over a series' origins; a pair of zeros counts as no error. */
export function smapeAt(bt: SeriesBacktest, m: ModelAt, h: number, use: (k: number) => boolean = () => true): number {
  let sum = 0;
  let n = 0;
  for (let k = 0; k < bt.origins.length; k++) {
    if (!use(k)) continue;
    n++;
    const i = k * bt.maxH + h - 1;
    const a = bt.actual[i]!;
    const f = bt.point[modelAt(m, k)]![i]!;
    const d = Math.abs(a) + Math.abs(f);
    sum += d > 0 ? (200 * Math.abs(a - f)) / d : 0;
  }
  return n ? sum / n : Number.NaN;
}

/** Choose the model with the lowest MASE over horizons 1..maxH among pairs fully observed before origin k
 * (k = origins.length: everything observed, i.e. the choice the service makes). */
export function selectModelAt(bt: SeriesBacktest, k: number, models: readonly string[], margin = SELECTION_MARGIN, incumbent = DEFAULT_MODEL as string): string {
  const cutoff = k < bt.origins.length ? bt.origins[k]! : Number.POSITIVE_INFINITY;
  const score = (m: string): number => meanScaledError(bt, m, (j, h) => bt.origins[j]! + h <= cutoff);
  const inc = models.includes(incumbent) ? incumbent : models[0]!;
  const incErr = score(inc);
  let best = inc;
  let bestErr = Number.isFinite(incErr) ? incErr * (1 - margin) : Number.POSITIVE_INFINITY;
  for (const m of models) {
    if (m === inc) continue;
    const e = score(m);
    if (e < bestErr) {
      bestErr = e;
      best = m;
    }
  }
  return best;
}

/** Calibrated quantiles are at least this share of the Gaussian ones (0.85: chosen on a 1-in-12 sample of the IVI
 * series, where floors of 1 / 0.85 / 0.7 / 0 gave 85–88% / 80–84% / 76–78% / 75–78% coverage of the 80% interval). */
export const CALIBRATION_FLOOR = 0.85;

export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Calibration weights halve for every CALIBRATION_HALF_LIFE months since an error's target month was observed:
 * errors are not exchangeable over time (a shock and its rebound are followed by more of the same), so recent ones,
 * shocks included, count more (weighted conformal quantiles, Barber et al. 2023). 12 months: on the IVI selection
 * origins the rolling 80 % coverage of the global model missed 80 % by 1.9 points on average with a 12-month
 * half-life, 2.1 with 24, 2.3 with 48 and unweighted (1-in-4 sample; docs/forecasting.md).
 */
export const CALIBRATION_HALF_LIFE = 12;

/** Weight of the error of (origin k, horizon h) for intervals issued at training length `cutoff` of the series. */
export const recencyWeight = (bt: SeriesBacktest, k: number, h: number, cutoff: number, halfLife = CALIBRATION_HALF_LIFE): number =>
  halfLife > 0 ? 0.5 ** (Math.max(0, cutoff - (bt.origins[k]! + h)) / halfLife) : 1;

/** Weighted quantile of values sorted ascending (step function of the cumulative weight). */
function weightedQuantile(sorted: readonly [number, number][], p: number, total: number): number {
  let acc = 0;
  for (const [v, w] of sorted) {
    acc += w;
    if (acc >= p * total) return v;
  }
  return sorted[sorted.length - 1]![0];
}

/** Pooled empirical quantiles of standardised log-scale errors, per horizon (index h-1), optionally weighted. */
export function calibrate(
  backtests: readonly SeriesBacktest[],
  m: string,
  use: (bt: SeriesBacktest, k: number, h: number) => boolean,
  maxH: number,
  minSamples = 200,
  floor = CALIBRATION_FLOOR,
  weight?: (bt: SeriesBacktest, k: number, h: number) => number,
): IntervalQuantiles[] {
  const out: IntervalQuantiles[] = [];
  for (let h = 1; h <= maxH; h++) {
    const u: [number, number][] = [];
    for (const bt of backtests) {
      const H = bt.maxH;
      if (!bt.mean[m]) continue;
      for (let k = 0; k < bt.origins.length; k++) {
        if (!use(bt, k, h)) continue;
        const i = k * H + h - 1;
        const sd = bt.sd[m]![i]!;
        if (!(sd > 0)) continue;
        u.push([(Math.log1p(bt.actual[i]!) - bt.mean[m]![i]!) / sd, weight ? weight(bt, k, h) : 1]);
      }
    }
    if (u.length < minSamples) {
      out.push(NORMAL_QUANTILES);
      continue;
    }
    u.sort((a, b) => a[0] - b[0]);
    let total = 0;
    for (const x of u) total += x[1];
    const values = weight ? null : u.map((x) => x[0]);
    const q = (p: number): number => (values ? quantile(values, p) : weightedQuantile(u, p, total));
    // Never much narrower than the model's own Gaussian interval: calm past periods understate shocks to come.
    const N = NORMAL_QUANTILES;
    out.push({
      q025: Math.min(q(0.025), floor * N.q025),
      q10: Math.min(q(0.1), floor * N.q10),
      q90: Math.max(q(0.9), floor * N.q90),
      q975: Math.max(q(0.975), floor * N.q975),
    });
  }
  return out;
}
