// Forecast models on the log1p scale: naive, seasonal naive and damped-trend exponential smoothing (ETS).
// Pure functions, no I/O. Values are counts or levels ≥ 0; the log1p scale keeps forecasts and bounds non-negative.
import { levenbergMarquardt } from 'ml-levenberg-marquardt';

export const SEASON = 12;
export const MODEL_NAMES = ['naive', 'snaive', 'ets-damped', 'ets-damped-seasonal', 'ets-combo'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** The smallest history a series needs before we forecast it at all. */
export const MIN_HISTORY = 3 * SEASON;

export interface FittedModel {
  model: ModelName;
  /** ETS: [alpha, beta, gamma, phi] (beta, gamma 0 where unused); baselines: []; combo: see comboOf. */
  params: number[];
  /** Residual standard deviation of one-step errors on the log1p scale. */
  sigma: number;
}

/** A forecast on the log1p scale: point (median) and standard deviation per horizon 1..h. */
export interface ScaleForecast {
  mean: Float64Array;
  sd: Float64Array;
}

export const toLog = (y: ArrayLike<number>): Float64Array => Float64Array.from(y, (v) => Math.log1p(Math.max(0, v)));
export const fromLog = (z: number): number => Math.max(0, Math.expm1(z));

/** Fill interior gaps by linear interpolation and drop leading/trailing nulls. */
export function cleanSeries(values: readonly (number | null)[]): { values: number[]; offset: number } {
  let a = 0;
  while (a < values.length && values[a] == null) a++;
  let b = values.length - 1;
  while (b >= a && values[b] == null) b--;
  const out: number[] = [];
  for (let i = a; i <= b; i++) {
    const v = values[i];
    if (v != null) {
      out.push(v);
      continue;
    }
    let j = i + 1;
    while (values[j] == null) j++;
    const prev = out[out.length - 1]!;
    const next = values[j]!;
    out.push(prev + (next - prev) / (j - i + 1));
  }
  return { values: out, offset: a };
}

interface EtsState {
  sse: number;
  level: number;
  trend: number;
  season: Float64Array;
}

/** Additive-error ETS(A,Ad,A) or ETS(A,Ad,N) filter; `fitted` receives one-step-ahead predictions if given. */
function etsFilter(
  z: Float64Array,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  seasonal: boolean,
  fitted?: Float64Array,
): EtsState {
  const m = SEASON;
  const n = z.length;
  const season = new Float64Array(m);
  let level: number;
  let trend: number;
  if (seasonal) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < m; i++) {
      a += z[i]!;
      b += z[i + m]!;
    }
    a /= m;
    b /= m;
    level = a;
    trend = (b - a) / m;
    for (let i = 0; i < m; i++) season[i] = (z[i]! - a + (z[i + m]! - b)) / 2;
  } else {
    level = z[0]!;
    const k = Math.min(n - 1, m);
    trend = k > 0 ? (z[k]! - z[0]!) / k / 2 : 0;
  }
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const si = t % m;
    const s = seasonal ? season[si]! : 0;
    const yhat = level + phi * trend + s;
    if (fitted) fitted[t] = yhat;
    const e = z[t]! - yhat;
    sse += e * e;
    const newLevel = level + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
    if (seasonal) season[si] = s + gamma * e;
    level = newLevel;
  }
  return { sse, level, trend, season };
}

/** Map the optimiser's box-constrained vector [alpha, betaShare, gammaShare, phi] to ETS parameters. */
function etsParams(p: readonly number[], seasonal: boolean): [number, number, number, number] {
  const alpha = p[0]!;
  const beta = alpha * p[1]!;
  const gamma = seasonal ? (1 - alpha) * p[2]! : 0;
  const phi = p[seasonal ? 3 : 2]!;
  return [alpha, beta, gamma, phi];
}

/** Fit damped ETS by least squares of one-step errors (= Gaussian likelihood) with Levenberg–Marquardt. */
function fitEts(z: Float64Array, seasonal: boolean): FittedModel {
  const n = z.length;
  const xs = Float64Array.from({ length: n }, (_, i) => i);
  const fitted = new Float64Array(n);
  const init = seasonal ? [0.3, 0.1, 0.1, 0.95] : [0.3, 0.1, 0.95];
  const min = seasonal ? [0.0001, 0, 0, 0.8] : [0.0001, 0, 0.8];
  const max = seasonal ? [0.9999, 0.9999, 0.9999, 0.98] : [0.9999, 0.9999, 0.98];
  let best = init;
  try {
    const res = levenbergMarquardt(
      { x: xs, y: z },
      (p) => {
        const [a, b, g, f] = etsParams(p, seasonal);
        etsFilter(z, a, b, g, f, seasonal, fitted);
        return (x) => fitted[x]!;
      },
      {
        initialValues: init,
        minValues: min,
        maxValues: max,
        damping: 1e-2,
        gradientDifference: 1e-4,
        maxIterations: 40,
        errorTolerance: 1e-7,
      },
    );
    if (res.parameterValues.every(Number.isFinite)) best = res.parameterValues;
  } catch {
    // keep the initial values: a failed fit still gives a usable, conservative model
  }
  const params = etsParams(best, seasonal);
  const st = etsFilter(z, params[0], params[1], params[2], params[3], seasonal);
  const k = seasonal ? 4 : 3;
  return {
    model: seasonal ? 'ets-damped-seasonal' : 'ets-damped',
    params,
    sigma: Math.sqrt(st.sse / Math.max(1, n - k)),
  };
}

function rmsDiff(z: Float64Array, lag: number): number {
  let s = 0;
  let c = 0;
  for (let t = lag; t < z.length; t++) {
    const d = z[t]! - z[t - lag]!;
    s += d * d;
    c++;
  }
  return c > 0 ? Math.sqrt(s / c) : 0;
}

/** Fit a model on the log1p-scale history `z` (length ≥ MIN_HISTORY for the seasonal ones). */
export function fitModel(model: ModelName, z: Float64Array): FittedModel {
  switch (model) {
    case 'naive':
      return { model, params: [], sigma: rmsDiff(z, 1) };
    case 'snaive':
      return { model, params: [], sigma: rmsDiff(z, SEASON) };
    case 'ets-damped':
      return fitEts(z, false);
    case 'ets-damped-seasonal':
      return fitEts(z, true);
    case 'ets-combo': {
      // Equal-weight combination (log scale) of the two damped ETS fits and seasonal naive: a cheap, robust hedge
      // against choosing the wrong form on short, noisy series (measured in docs/forecasting.md).
      const a = fitEts(z, true);
      const b = fitEts(z, false);
      const c = fitModel('snaive', z);
      return comboOf(a, b, c);
    }
  }
}

/** The combination's parameters: seasonal ETS [4], non-seasonal ETS [4], then the three sigmas. */
export function comboOf(seasonal: FittedModel, damped: FittedModel, snaive: FittedModel): FittedModel {
  return {
    model: 'ets-combo',
    params: [...seasonal.params, ...damped.params, seasonal.sigma, damped.sigma, snaive.sigma],
    sigma: (seasonal.sigma + damped.sigma + snaive.sigma) / 3,
  };
}

/** Run a fitted model over `z` and forecast h steps ahead (log1p scale), with analytic standard deviations. */
export function forecastFitted(fit: FittedModel, z: Float64Array, h: number): ScaleForecast {
  const n = z.length;
  const mean = new Float64Array(h);
  const sd = new Float64Array(h);
  const m = SEASON;
  if (fit.model === 'naive') {
    for (let i = 0; i < h; i++) {
      mean[i] = z[n - 1]!;
      sd[i] = fit.sigma * Math.sqrt(i + 1);
    }
    return { mean, sd };
  }
  if (fit.model === 'snaive') {
    for (let i = 0; i < h; i++) {
      mean[i] = z[n - m + (i % m)]!;
      sd[i] = fit.sigma * Math.sqrt(Math.floor(i / m) + 1);
    }
    return { mean, sd };
  }
  if (fit.model === 'ets-combo') {
    const p = fit.params;
    const parts = [
      forecastFitted({ model: 'ets-damped-seasonal', params: p.slice(0, 4), sigma: p[8]! }, z, h),
      forecastFitted({ model: 'ets-damped', params: p.slice(4, 8), sigma: p[9]! }, z, h),
      forecastFitted({ model: 'snaive', params: [], sigma: p[10]! }, z, h),
    ];
    for (let i = 0; i < h; i++) {
      // The mean of the parts' sds is conservative (it ignores that their errors are not perfectly correlated).
      mean[i] = parts.reduce((acc, f) => acc + f.mean[i]!, 0) / parts.length;
      sd[i] = parts.reduce((acc, f) => acc + f.sd[i]!, 0) / parts.length;
    }
    return { mean, sd };
  }
  const seasonal = fit.model === 'ets-damped-seasonal';
  const [alpha, beta, gamma, phi] = fit.params as [number, number, number, number];
  const st = etsFilter(z, alpha, beta, gamma, phi, seasonal);
  let phiSum = 0;
  let varSum = 1;
  for (let i = 0; i < h; i++) {
    // c_j for the j = i-th step (Hyndman et al. 2008, class 1 variance)
    if (i > 0) {
      const j = i;
      let pj = 0;
      for (let q = 1; q <= j; q++) pj += phi ** q;
      const c = alpha + beta * pj + (seasonal && j % m === 0 ? gamma : 0);
      varSum += c * c;
    }
    phiSum += phi ** (i + 1);
    mean[i] = st.level + phiSum * st.trend + (seasonal ? st.season[(n + i) % m]! : 0);
    sd[i] = fit.sigma * Math.sqrt(varSum);
  }
  return { mean, sd };
}

/** Standard normal quantiles used before any empirical calibration exists. */
export const NORMAL_QUANTILES = { q025: -1.959964, q10: -1.281552, q90: 1.281552, q975: 1.959964 };
export type IntervalQuantiles = typeof NORMAL_QUANTILES;

/**
 * Whether the actual `a` (log scale) lies inside the 80 % and the 95 % interval of a forecast with mean `mu`, spread
 * `sd` and quantiles `q`. A zero-width interval (flat history) covers only exact hits.
 */
export function intervalHits(a: number, mu: number, sd: number, q: IntervalQuantiles): { in80: boolean; in95: boolean } {
  return {
    in80: a >= mu + q.q10 * sd - 1e-12 && a <= mu + q.q90 * sd + 1e-12,
    in95: a >= mu + q.q025 * sd - 1e-12 && a <= mu + q.q975 * sd + 1e-12,
  };
}

export interface ForecastPoint {
  value: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

/** Back-transform a log-scale forecast to the original scale with (calibrated) 80% and 95% bounds. */
export function toIntervals(f: ScaleForecast, quantiles: (h: number) => IntervalQuantiles = () => NORMAL_QUANTILES): ForecastPoint[] {
  const out: ForecastPoint[] = [];
  for (let i = 0; i < f.mean.length; i++) {
    const q = quantiles(i + 1);
    const mu = f.mean[i]!;
    const s = f.sd[i]!;
    out.push({
      value: fromLog(mu),
      lower80: fromLog(mu + q.q10 * s),
      upper80: fromLog(mu + q.q90 * s),
      lower95: fromLog(mu + q.q025 * s),
      upper95: fromLog(mu + q.q975 * s),
    });
  }
  return out;
}
