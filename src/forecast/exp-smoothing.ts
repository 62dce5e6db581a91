// The M4 competition's simple benchmarks on a log-scale monthly series, seasonally adjusted by classical decomposition
// when the Assimakopoulos–Nikolopoulos test says so (as Theta is): Naïve 2 (last adjusted value), SES, Holt and damped
// Holt, and their "Comb" (SES + Holt + damped, equal weights), which M4 found hard to beat out of sample
// (Makridakis, Spiliotis & Assimakopoulos 2020). Parameters by least squares of one-step errors on a coarse grid
// (fast enough to refit at every rolling origin of thousands of series). Pure functions, no I/O.
import { SEASON } from './models.js';
import { isSeasonal, seasonalIndices } from './theta.js';

export interface SmoothForecast {
  mean: Float64Array;
  sd: Float64Array;
}

export interface SmoothFits {
  naive2: SmoothForecast;
  ses: SmoothForecast;
  holt: SmoothForecast;
  damped: SmoothForecast;
}

const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99];
// A coarse grid: refitting thousands of series at 18 origins must stay a small part of an upload's refit.
const BETAS = [0.01, 0.05, 0.15];
const PHIS = [0.85, 0.95, 0.98];

/** One-step SSE of Holt's damped trend (φ = 1: Holt; β = 0 and b0 = 0: SES); final level and trend. */
export function holtFilter(y: ArrayLike<number>, alpha: number, beta: number, phi: number, l0: number, b0: number): { sse: number; level: number; trend: number } {
  let level = l0;
  let trend = b0;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const f = level + phi * trend;
    const e = y[t]! - f;
    sse += e * e;
    const nl = f + alpha * e;
    trend = phi * trend + alpha * beta * e;
    level = nl;
  }
  return { sse, level, trend };
}

interface HoltFit {
  alpha: number;
  beta: number;
  phi: number;
  level: number;
  trend: number;
  sigma: number;
}

function fitHolt(y: ArrayLike<number>, kind: 'ses' | 'holt' | 'damped'): HoltFit {
  const n = y.length;
  // Initial trend: the mean monthly change over the first year (robust to one odd month); the initial level is set
  // so that the first one-step forecast is the first value.
  const b0 = kind === 'ses' ? 0 : n > SEASON ? (y[SEASON]! - y[0]!) / SEASON : 0;
  const betas = kind === 'ses' ? [0] : BETAS;
  const phis = kind === 'damped' ? PHIS : [1];
  let best: HoltFit & { sse: number } = { alpha: 0.5, beta: 0, phi: 1, level: y[n - 1]!, trend: 0, sigma: 0, sse: Number.POSITIVE_INFINITY };
  for (const alpha of ALPHAS) {
    for (const beta of betas) {
      for (const phi of phis) {
        const r = holtFilter(y, alpha, beta, phi, y[0]! - phi * b0, b0);
        if (r.sse < best.sse) best = { alpha, beta, phi, level: r.level, trend: r.trend, sigma: 0, sse: r.sse };
      }
    }
  }
  best.sigma = Math.sqrt(best.sse / Math.max(1, n - 2));
  return best;
}

/** h-step forecasts and sd (ETS(A,Ad,N) variance, Hyndman et al. 2008, class 1). */
function holtForecast(fit: HoltFit, H: number, season: Float64Array, n: number): SmoothForecast {
  const mean = new Float64Array(H);
  const sd = new Float64Array(H);
  let phiSum = 0; // φ + … + φ^h
  let varSum = 0;
  let phiPow = 1;
  for (let h = 1; h <= H; h++) {
    phiPow *= fit.phi;
    phiSum += phiPow;
    mean[h - 1] = fit.level + phiSum * fit.trend + season[(n + h - 1) % SEASON]!;
    sd[h - 1] = fit.sigma * Math.sqrt(1 + varSum);
    // Next step adds (α + αβ·(φ + … + φ^h))².
    varSum += (fit.alpha + fit.alpha * fit.beta * phiSum) ** 2;
  }
  return { mean, sd };
}

/** Naïve 2, SES, Holt and damped Holt on the (seasonally adjusted) log series z, h = 1..H. */
export function smoothLogForecasts(z: Float64Array, H: number): SmoothFits {
  const n = z.length;
  const idx = isSeasonal(z) ? seasonalIndices(z) : new Float64Array(SEASON);
  const adj = Float64Array.from(z, (v, t) => v - idx[t % SEASON]!);
  // Naïve 2: the last adjusted value; sd from the adjusted one-step changes (random walk).
  let s = 0;
  for (let t = 1; t < n; t++) s += (adj[t]! - adj[t - 1]!) ** 2;
  const rw = Math.sqrt(s / Math.max(1, n - 1));
  const naive2: SmoothForecast = { mean: new Float64Array(H), sd: new Float64Array(H) };
  for (let h = 1; h <= H; h++) {
    naive2.mean[h - 1] = adj[n - 1]! + idx[(n + h - 1) % SEASON]!;
    naive2.sd[h - 1] = rw * Math.sqrt(h);
  }
  return {
    naive2,
    ses: holtForecast(fitHolt(adj, 'ses'), H, idx, n),
    holt: holtForecast(fitHolt(adj, 'holt'), H, idx, n),
    damped: holtForecast(fitHolt(adj, 'damped'), H, idx, n),
  };
}
