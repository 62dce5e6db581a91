// The standard Theta model (Assimakopoulos & Nikolopoulos 2000) in the state-space form of Fiorucci et al. (2016),
// which R's forecTheta::stm implements: theta = 2, SES on the data plus half the linear-regression drift.
// Pure functions, no I/O. Tested against R reference values (test/forecast.theta.test.ts).
import { SEASON } from './models.js';

export interface ThetaFit {
  alpha: number;
  /** Initial level ℓ0. */
  level0: number;
  /** Intercept A_n and slope B_n of the least-squares line of y on t = 1..n. */
  a: number;
  b: number;
  theta: number;
  /** Final level ℓ_n after filtering. */
  level: number;
  /** Residual sd of one-step errors. */
  sigma: number;
  n: number;
}

/** A_n, B_n of y on t = 1..n. */
function trendLine(y: ArrayLike<number>): { a: number; b: number } {
  const n = y.length;
  let sy = 0;
  let sty = 0;
  for (let t = 1; t <= n; t++) {
    sy += y[t - 1]!;
    sty += t * y[t - 1]!;
  }
  const b = n > 1 ? (6 / (n * n - 1)) * ((2 / n) * sty - ((1 + n) / n) * sy) : 0;
  return { a: sy / n - ((n + 1) / 2) * b, b };
}

/**
 * Filter: μ_t = ℓ_{t−1} + (1 − 1/θ)[(1−α)^{t−1} A_n + ((1 − (1−α)^t)/α) B_n], ℓ_t = α y_t + (1 − α) ℓ_{t−1}.
 * Writes one-step fitted values into `fitted` when given; returns the SSE and the final level.
 */
export function thetaFilter(
  y: ArrayLike<number>,
  alpha: number,
  level0: number,
  theta: number,
  line: { a: number; b: number },
  fitted?: Float64Array,
): { sse: number; level: number } {
  const n = y.length;
  const w = 1 - 1 / theta;
  let level = level0;
  let decay = 1; // (1 − α)^{t−1}
  let sse = 0;
  for (let t = 1; t <= n; t++) {
    const mu = level + w * (decay * line.a + ((1 - decay * (1 - alpha)) / alpha) * line.b);
    if (fitted) fitted[t - 1] = mu;
    const e = y[t - 1]! - mu;
    sse += e * e;
    level = alpha * y[t - 1]! + (1 - alpha) * level;
    decay *= 1 - alpha;
  }
  return { sse, level };
}

/** h-step forecasts: ℓ_n + (1 − 1/θ)[(1−α)^n A_n + ((h − 1) + (1 − (1−α)^{n+1})/α) B_n]. */
export function thetaForecast(fit: ThetaFit, h: number): Float64Array {
  const out = new Float64Array(h);
  const w = 1 - 1 / fit.theta;
  const dn = (1 - fit.alpha) ** fit.n;
  for (let i = 1; i <= h; i++) {
    out[i - 1] = fit.level + w * (dn * fit.a + (i - 1 + (1 - dn * (1 - fit.alpha)) / fit.alpha) * fit.b);
  }
  return out;
}

/** The Theta model with given α and ℓ0 (R: stm(y, s = FALSE, estimation = FALSE) with those values). */
export function thetaWith(y: ArrayLike<number>, alpha: number, level0: number, theta = 2): ThetaFit {
  const line = trendLine(y);
  const st = thetaFilter(y, alpha, level0, theta, line);
  return { alpha, level0, ...line, theta, level: st.level, sigma: Math.sqrt(st.sse / Math.max(1, y.length - 2)), n: y.length };
}

/**
 * Fit α and ℓ0 by least squares of one-step errors. For a fixed α the fitted values are affine in ℓ0, so ℓ0 has a
 * closed form; α is found by golden-section search on (0.01, 0.99).
 */
export function fitTheta(y: ArrayLike<number>, theta = 2): ThetaFit {
  const n = y.length;
  const line = trendLine(y);
  const fitted = new Float64Array(n);
  const best = (alpha: number): { sse: number; level0: number } => {
    // Fitted values with ℓ0 = 0, plus ℓ0·(1−α)^{t−1}: minimise Σ (r_t − ℓ0 c_t)^2.
    thetaFilter(y, alpha, 0, theta, line, fitted);
    let num = 0;
    let den = 0;
    let c = 1;
    for (let t = 0; t < n; t++) {
      num += c * (y[t]! - fitted[t]!);
      den += c * c;
      c *= 1 - alpha;
    }
    const level0 = den > 0 ? num / den : y[0]!;
    return { sse: thetaFilter(y, alpha, level0, theta, line).sse, level0 };
  };
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = 0.01;
  let hi = 0.99;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = best(x1).sse;
  let f2 = best(x2).sse;
  for (let i = 0; i < 30; i++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = best(x1).sse;
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = best(x2).sse;
    }
  }
  const alpha = (lo + hi) / 2;
  return thetaWith(y, alpha, best(alpha).level0, theta);
}

/** Additive seasonal indices on the log scale by classical decomposition (centred 2×12 moving average), mean 0. */
export function seasonalIndices(z: ArrayLike<number>): Float64Array {
  const n = z.length;
  const m = SEASON;
  const sum = new Float64Array(m);
  const cnt = new Float64Array(m);
  for (let t = m / 2; t < n - m / 2; t++) {
    let s = 0.5 * (z[t - m / 2]! + z[t + m / 2]!);
    for (let j = t - m / 2 + 1; j < t + m / 2; j++) s += z[j]!;
    const detrended = z[t]! - s / m;
    sum[t % m] = sum[t % m]! + detrended;
    cnt[t % m] = cnt[t % m]! + 1;
  }
  const idx = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < m; i++) {
    idx[i] = cnt[i]! > 0 ? sum[i]! / cnt[i]! : 0;
    mean += idx[i]! / m;
  }
  for (let i = 0; i < m; i++) idx[i] = idx[i]! - mean;
  return idx;
}

/** The A&N seasonality test: |r_m| > 1.645·sqrt((1 + 2 Σ_{k<m} r_k²)/n). */
export function isSeasonal(z: ArrayLike<number>): boolean {
  const n = z.length;
  const m = SEASON;
  if (n < 3 * m) return false;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += z[i]!;
  mu /= n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (z[i]! - mu) ** 2;
  if (!(c0 > 0)) return false;
  const r = (k: number): number => {
    let s = 0;
    for (let i = k; i < n; i++) s += (z[i]! - mu) * (z[i - k]! - mu);
    return s / c0;
  };
  let acc = 0;
  for (let k = 1; k < m; k++) acc += r(k) ** 2;
  return Math.abs(r(m)) > 1.645 * Math.sqrt((1 + 2 * acc) / n);
}

/** Theta on a log-scale monthly series: seasonally adjusted when the A&N test says so. Mean and sd per step. */
export function thetaLogForecast(z: Float64Array, h: number): { mean: Float64Array; sd: Float64Array; fit: ThetaFit; seasonal: boolean } {
  const n = z.length;
  const seasonal = isSeasonal(z);
  const idx = seasonal ? seasonalIndices(z) : new Float64Array(SEASON);
  const adj = seasonal ? Float64Array.from(z, (v, t) => v - idx[t % SEASON]!) : z;
  const fit = fitTheta(adj);
  const f = thetaForecast(fit, h);
  const sd = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    f[i] = f[i]! + idx[(n + i) % SEASON]!;
    // SES variance: σ²(1 + (h − 1)α²) (Hyndman et al. 2008, ETS(A,N,N)).
    sd[i] = fit.sigma * Math.sqrt(1 + i * fit.alpha * fit.alpha);
  }
  return { mean: f, sd, fit, seasonal };
}
