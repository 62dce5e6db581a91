// Prediction intervals that widen with the regime. Calm-period errors understate a shock, so the interval of a
// forecast issued at time T is the empirical quantile of past standardised errors (each divided by the regime factor
// in force when it was made) times the regime factor at T. The regime factor is the cross-series median of the model's
// standardised errors whose target months fall in the last `step` months before T, relative to each horizon's
// long-run median over everything observed by T; it never narrows an interval (floor 1). When a shock moves every series
// of a source at once, its own most recent errors say so, and the next intervals are wider until the errors calm down.
// Pure functions over the rolling-origin backtest (SeriesBacktest); no I/O.
import { CALIBRATION_FLOOR, quantile, type SeriesBacktest } from './backtest.js';
import { NORMAL_QUANTILES, intervalHits, type IntervalQuantiles } from './models.js';
import { medianInPlace } from './median.js';

/** How past errors are weighted and scaled into interval quantiles. */
export interface IntervalPolicy {
  /** Recency half-life in months (0 = unweighted). */
  halfLife: number;
  /** Scale by the regime factor (and standardise past errors by theirs). */
  regime: boolean;
  /** Separate quantiles per volume band of the series at its origin (volumeBand); absent/false: pooled. */
  bands?: boolean;
  /** Adaptive conformal scale (ACI in the multiplicative quantile-tracking form) with this step instead of the regime
   * factor: past errors are not divided by any factor, and the interval is scaled by θ_c (aciScales). */
  aci?: number;
}

/** Volume bands of a series at an origin, by the mean of its last 12 months: < 10, 10–50, > 50 (ads a month). On the
 * log1p scale small counts are the noisy ones, and one pooled quantile covers them too much and large series too little. */
export const VOLUME_BANDS = 3;
export const volumeBand = (level12: number): number => (level12 < 10 ? 0 : level12 <= 50 ? 1 : 2);
const bandAt = (bt: SeriesBacktest, j: number): number => volumeBand(bt.last12[j]!);

/** Interval quantiles per horizon, pooled and (banded policy) per volume band; a band short of errors at a horizon
 * holds the pooled quantiles there. */
export interface BandedQuantiles {
  pooled: IntervalQuantiles[];
  bands: IntervalQuantiles[][] | null;
}

/** The quantiles (per horizon) that apply to a series at an origin whose last-12-month mean is `level12`. */
export const quantilesForLevel = (q: BandedQuantiles, level12: number): IntervalQuantiles[] => (q.bands ? q.bands[volumeBand(level12)]! : q.pooled);

/** Half-lives the engine chooses from on the selection origins (12 = the previous engine's fixed choice). */
export const INTERVAL_HALF_LIVES = [12, 24, 0] as const;

/** The calendar of a source's backtest: K origins `step` months apart, all series ending in the same month. */
export interface Calendar {
  K: number;
  step: number;
  maxH: number;
}

/** Training length of series bt at calendar origin c (c = K: the end of the data, i.e. serving time). */
export const cutoffAt = (bt: SeriesBacktest, c: number, cal: Calendar): number => (c >= cal.K ? bt.n : bt.n - cal.maxH - cal.step * (cal.K - 1 - c));

/** Calendar index of a series' origin j. */
const calOf = (bt: SeriesBacktest, j: number, cal: Calendar): number => cal.K - bt.origins.length + j;

const stdError = (bt: SeriesBacktest, m: string, i: number): number => {
  const sd = bt.sd[m]![i]!;
  return sd > 0 ? (Math.log1p(bt.actual[i]!) - bt.mean[m]![i]!) / sd : Number.NaN;
};

const MIN_RECENT = 30;
/** Index of the low 32-bit word of a float64 in a Uint32Array view (0 on little-endian hosts). */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;


/**
 * Regime factor of model m at every calendar origin 0..K-1 and at the end of the data (index K), from errors observed
 * by then only. 1 where too few errors exist.
 */
export function regimeFactors(bts: readonly SeriesBacktest[], m: string, cal: Calendar): Float64Array {
  const out = new Float64Array(Math.max(0, cal.K) + 1).fill(1);
  if (!(cal.K > 0)) return out;
  const H = cal.maxH;
  // |standardised error| bucketed by (calendar origin, horizon), each computed once. A pair's target is observed at
  // calendar origin c when o·step + h ≤ c·step (c = K: the end of the data, (K-1)·step + maxH).
  const buckets: number[][][] = Array.from({ length: cal.K }, () => Array.from({ length: H }, () => []));
  for (const bt of bts) {
    if (!bt.mean[m]) continue;
    for (let j = 0; j < bt.origins.length; j++) {
      const o = calOf(bt, j, cal);
      for (let h = 1; h <= Math.min(H, bt.maxH); h++) {
        const v = Math.abs(stdError(bt, m, j * bt.maxH + h - 1));
        if (Number.isFinite(v)) buckets[o]![h - 1]!.push(v);
      }
    }
  }
  const scratch = new Float64Array(bts.length * cal.K * H + 1);
  for (let c = 1; c <= cal.K; c++) {
    const T = c < cal.K ? c * cal.step : (cal.K - 1) * cal.step + H;
    const med: number[] = [];
    for (let h = 1; h <= H; h++) {
      let n = 0;
      for (let o = 0; o < cal.K && o * cal.step + h <= T; o++) for (const v of buckets[o]![h - 1]!) scratch[n++] = v;
      med.push(medianInPlace(scratch, n));
    }
    let n = 0;
    for (let o = 0; o < cal.K; o++) {
      for (let h = 1; h <= H; h++) {
        const target = o * cal.step + h;
        if (target > T || target <= T - cal.step || !(med[h - 1]! > 0)) continue;
        for (const v of buckets[o]![h - 1]!) scratch[n++] = v / med[h - 1]!;
      }
    }
    if (n < MIN_RECENT) continue;
    const r = medianInPlace(scratch, n);
    out[c] = Number.isFinite(r) ? Math.max(1, r) : 1;
  }
  return out;
}

/**
 * The standardised errors of model m observed by calendar origin c, per horizon (index h-1), sorted ascending, each
 * carrying its age (months between its target and the cutoff, ≤ 255) in the lowest byte of its mantissa (a relative
 * change below 1e-13), so a native typed-array sort keeps value and age together.
 */
export function sortedErrors(bts: readonly SeriesBacktest[], m: string, c: number, cal: Calendar, factors: Float64Array | null, band?: number): Float64Array[] {
  const out: Float64Array[] = [];
  let buf = new Float64Array(1024);
  let words = new Uint32Array(buf.buffer);
  for (let h = 1; h <= cal.maxH; h++) {
    let n = 0;
    for (const bt of bts) {
      if (!bt.mean[m] || h > bt.maxH) continue;
      const cutoff = cutoffAt(bt, c, cal);
      for (let j = 0; j < bt.origins.length; j++) {
        const target = bt.origins[j]! + h;
        if (target > cutoff) break;
        if (band !== undefined && bandAt(bt, j) !== band) continue;
        let v = stdError(bt, m, j * bt.maxH + h - 1);
        if (!Number.isFinite(v)) continue;
        if (factors) v /= factors[calOf(bt, j, cal)]!;
        if (n === buf.length) {
          const bigger = new Float64Array(2 * n);
          bigger.set(buf);
          buf = bigger;
          words = new Uint32Array(buf.buffer);
        }
        buf[n] = v;
        // The low word of element n holds its age in its lowest byte.
        words[2 * n + LOW] = (words[2 * n + LOW]! & ~0xff) | Math.min(255, cutoff - target);
        n++;
      }
    }
    out.push(buf.slice(0, n).sort());
  }
  return out;
}

/** Interval quantiles from sorted errors under a recency half-life, times the regime factor `now`. */
export function quantilesFrom(sorted: readonly Float64Array[], halfLife: number, now: number, minSamples = 200, floor = CALIBRATION_FLOOR): IntervalQuantiles[] {
  const N = NORMAL_QUANTILES;
  const weightOfAge = Float64Array.from({ length: 256 }, (_, a) => (halfLife > 0 ? 0.5 ** (a / halfLife) : 1));
  return sorted.map((u) => {
    if (u.length < minSamples) return NORMAL_QUANTILES;
    const words = new Uint32Array(u.buffer, u.byteOffset, 2 * u.length);
    const w = (i: number): number => weightOfAge[words[2 * i + LOW]! & 0xff]!;
    let total = 0;
    for (let i = 0; i < u.length; i++) total += w(i);
    const ps = [0.025, 0.1, 0.9, 0.975];
    const qs: number[] = [];
    let acc = 0;
    let i = 0;
    for (const p of ps) {
      while (i < u.length - 1 && acc + w(i) < p * total) acc += w(i++);
      qs.push(u[i]!);
    }
    // Never much narrower than the model's own Gaussian interval: calm past periods understate shocks to come.
    return {
      q025: now * Math.min(qs[0]!, floor * N.q025),
      q10: now * Math.min(qs[1]!, floor * N.q10),
      q90: now * Math.max(qs[2]!, floor * N.q90),
      q975: now * Math.max(qs[3]!, floor * N.q975),
    };
  });
}

/** Pooled and per-band quantiles from pooled and per-band sorted errors (a band short of errors takes the pooled). */
function bandedFrom(pooledSorted: readonly Float64Array[], bandSorted: readonly (readonly Float64Array[])[] | null, halfLife: number, now: number, minSamples = 200, floor = CALIBRATION_FLOOR): BandedQuantiles {
  const pooled = quantilesFrom(pooledSorted, halfLife, now, minSamples, floor);
  if (!bandSorted) return { pooled, bands: null };
  return {
    pooled,
    bands: bandSorted.map((sorted) => {
      const q = quantilesFrom(sorted, halfLife, now, minSamples, floor);
      return q.map((x, h) => (sorted[h]!.length < minSamples ? pooled[h]! : x));
    }),
  };
}

/** calibrateAt under a policy that may be banded: pooled quantiles and, for a banded policy, one set per volume band. */
export function calibrateBands(bts: readonly SeriesBacktest[], m: string, c: number, cal: Calendar, policy: IntervalPolicy, factors: Float64Array | null, cache?: RawErrorCache): BandedQuantiles {
  if (policy.aci) {
    // ACI: raw past errors (sorted once per origin in `cache` when the ACI recursion of model m already sorted them),
    // times the tracked scale θ_c (passed as `factors`).
    const hit = cache?.get(c);
    const pooled = hit ? hit.pooled : sortedErrors(bts, m, c, cal, null);
    const bands = policy.bands ? (hit ? hit.bands : Array.from({ length: VOLUME_BANDS }, (_, b) => sortedErrors(bts, m, c, cal, null, b))) : null;
    return bandedFrom(pooled, bands, policy.halfLife, factors ? factors[c]! : 1);
  }
  const f = policy.regime ? factors : null;
  const pooled = sortedErrors(bts, m, c, cal, f);
  const bands = policy.bands ? Array.from({ length: VOLUME_BANDS }, (_, b) => sortedErrors(bts, m, c, cal, f, b)) : null;
  return bandedFrom(pooled, bands, policy.halfLife, f ? f[c]! : 1);
}

/**
 * Interval quantiles (per horizon, index h-1) for forecasts of model m issued at calendar origin c (c = K: serving),
 * from the errors observed by then, under the policy. `factors` from regimeFactors (ignored when !policy.regime).
 */
export function calibrateAt(
  bts: readonly SeriesBacktest[],
  m: string,
  c: number,
  cal: Calendar,
  policy: IntervalPolicy,
  factors: Float64Array | null,
  minSamples = 200,
  floor = CALIBRATION_FLOOR,
): IntervalQuantiles[] {
  const f = policy.regime ? factors : null;
  return quantilesFrom(sortedErrors(bts, m, c, cal, f), policy.halfLife, f ? f[c]! : 1, minSamples, floor);
}

/** Share of the 80 % intervals of model m issued at calendar origin c that held the actual, over the accepted pairs. */
export function coverageAt(
  bts: readonly SeriesBacktest[],
  m: string,
  c: number,
  cal: Calendar,
  q: readonly IntervalQuantiles[] | BandedQuantiles,
  use: (h: number) => boolean = () => true,
  band?: number,
): { in80: number; in95: number; n: number } {
  let in80 = 0;
  let in95 = 0;
  let n = 0;
  for (const bt of bts) {
    const j = c - (cal.K - bt.origins.length);
    if (j < 0 || !bt.mean[m]) continue;
    if (band !== undefined && bandAt(bt, j) !== band) continue;
    const qs = 'pooled' in q ? quantilesForLevel(q, bt.last12[j]!) : q;
    for (let h = 1; h <= bt.maxH; h++) {
      if (!use(h)) continue;
      const i = j * bt.maxH + h - 1;
      const qq = qs[h - 1] ?? NORMAL_QUANTILES;
      const mu = bt.mean[m]![i]!;
      const sd = bt.sd[m]![i]!;
      const hit = intervalHits(Math.log1p(bt.actual[i]!), mu, sd, qq);
      if (hit.in80) in80++;
      if (hit.in95) in95++;
      n++;
    }
  }
  return { in80, in95, n };
}

/** ACI steps tried (pre-registered, docs/forecasting.md sixth shift; 0.25 and 0.5, eighth shift, measured and not kept). */
export const ACI_STEPS = [1, 3] as const;
/** Bounds of the ACI scale θ. */
const ACI_MIN = 0.5;
const ACI_MAX = 4;

/** Policies the engine chooses from on the selection origins: pooled or per volume band × recency half-life, with the
 * regime factor; and the same with the adaptive conformal scale (ACI) at each step instead. */
export const INTERVAL_POLICIES: readonly IntervalPolicy[] = [
  ...[false, true].flatMap((bands) => INTERVAL_HALF_LIVES.map((halfLife) => ({ halfLife, regime: true, bands }))),
  ...ACI_STEPS.flatMap((aci) => [false, true].flatMap((bands) => INTERVAL_HALF_LIVES.map((halfLife) => ({ halfLife, regime: false, bands, aci })))),
];

/** Key of a policy in the reported losses: the half-life ("0" = unweighted), "b" appended when banded, "aci<γ>" for ACI. */
export const policyKey = (p: IntervalPolicy): string => `${p.halfLife}${p.bands ? 'b' : ''}${p.aci ? `aci${p.aci}` : ''}`;

/** Sorted raw (pooled, per band) errors per calendar origin, computed once and shared by the ACI policies. */
export type RawErrorCache = Map<number, { pooled: Float64Array[]; bands: Float64Array[][] }>;

/**
 * The ACI scale θ_c of model m under an ACI policy, for calendar origins 0..K-1 and the end of the data (index K), from
 * coverage observed by then only: θ_0 = 1, log θ_c = log θ_(c−1) + γ (m_c − 0.2), where m_c is the miss rate of the
 * 80 % intervals (as issued, each with its own θ) whose targets fell after the previous origin and by origin c. Within
 * [0.5, 4]; unchanged when fewer than 30 pairs are new.
 */
export function aciScales(bts: readonly SeriesBacktest[], m: string, cal: Calendar, policy: IntervalPolicy, cache: RawErrorCache = new Map()): Float64Array {
  const gamma = policy.aci ?? 0;
  const theta = new Float64Array(Math.max(0, cal.K) + 1).fill(1);
  const raw = (c: number): { pooled: Float64Array[]; bands: Float64Array[][] } => {
    let e = cache.get(c);
    if (!e) cache.set(c, (e = { pooled: sortedErrors(bts, m, c, cal, null), bands: Array.from({ length: VOLUME_BANDS }, (_, b) => sortedErrors(bts, m, c, cal, null, b)) }));
    return e;
  };
  const issued: BandedQuantiles[] = [];
  const H = cal.maxH;
  for (let c = 0; c <= cal.K; c++) {
    if (c > 0) {
      const T = c < cal.K ? c * cal.step : (cal.K - 1) * cal.step + H;
      const Tprev = (c - 1) * cal.step;
      let miss = 0;
      let n = 0;
      for (let o = 0; o < Math.min(c, cal.K); o++) {
        if (o * cal.step + H <= Tprev) continue;
        const cov = coverageAt(bts, m, o, cal, issued[o]!, (h) => o * cal.step + h > Tprev && o * cal.step + h <= T);
        miss += cov.n - cov.in80;
        n += cov.n;
      }
      theta[c] = n >= MIN_RECENT ? Math.min(ACI_MAX, Math.max(ACI_MIN, theta[c - 1]! * Math.exp(gamma * (miss / n - 0.2)))) : theta[c - 1]!;
    }
    if (c < cal.K) {
      const r = raw(c);
      issued.push(bandedFrom(r.pooled, policy.bands ? r.bands : null, policy.halfLife, theta[c]!));
    }
  }
  return theta;
}

/** The scale of every calendar origin (and the end of the data) under a policy: the ACI scale, or the regime factor. */
export function scaleFactors(bts: readonly SeriesBacktest[], m: string, cal: Calendar, policy: IntervalPolicy, regime?: Float64Array, cache?: RawErrorCache): Float64Array | null {
  if (policy.aci) return aciScales(bts, m, cal, policy, cache);
  return policy.regime ? (regime ?? regimeFactors(bts, m, cal)) : null;
}

/**
 * Choose the interval policy of model m on the selection origins only (calendar origins 2 .. firstEval-1, pairs whose
 * targets precede the first evaluation origin): the lowest mean loss of the rolling 80 % coverage over origin × volume
 * band cells (so a policy cannot pass by averaging an over-covered band with an under-covered one), where a shortfall
 * below 80 % costs twice an excess (too narrow an interval is the more harmful failure). The regime factor is always on.
 */
export function chooseIntervalPolicy(
  bts: readonly SeriesBacktest[],
  m: string,
  cal: Calendar,
  firstEval: number,
  originsAbs: readonly number[],
  factors: Float64Array,
  policies: readonly IntervalPolicy[] = INTERVAL_POLICIES,
  rawCache: RawErrorCache = new Map(),
): { policy: IntervalPolicy; loss: Record<string, number>; factors: Float64Array } {
  const loss: Record<string, number> = {};
  let best: IntervalPolicy = { halfLife: INTERVAL_HALF_LIVES[0], regime: true, bands: false };
  let bestLoss = Number.POSITIVE_INFINITY;
  const sorted: Float64Array[][] = [];
  const bandSorted: Float64Array[][][] = [];
  let bestFactors: Float64Array = factors;
  for (const policy of policies) {
    let s = 0;
    let n = 0;
    // ACI: its own scales, from the coverage observed before each origin (the same recursion as served).
    const theta = policy.aci ? aciScales(bts, m, cal, policy, rawCache) : null;
    for (let c = 2; c < firstEval; c++) {
      let q: BandedQuantiles;
      if (theta) {
        const r = rawCache.get(c)!;
        q = bandedFrom(r.pooled, policy.bands ? r.bands : null, policy.halfLife, theta[c]!);
      } else {
        const pooled = (sorted[c] ??= sortedErrors(bts, m, c, cal, factors));
        const banded = policy.bands ? (bandSorted[c] ??= Array.from({ length: VOLUME_BANDS }, (_, b) => sortedErrors(bts, m, c, cal, factors, b))) : null;
        q = bandedFrom(pooled, banded, policy.halfLife, factors[c]!);
      }
      for (let b = 0; b < VOLUME_BANDS; b++) {
        const cov = coverageAt(bts, m, c, cal, q, (h) => originsAbs[c]! + h <= originsAbs[firstEval]!, b);
        // A cell of a few pairs says little; the pooled loss is what the cells add up to where bands are thin.
        if (cov.n < MIN_RECENT) continue;
        const x = cov.in80 / cov.n;
        s += 2 * Math.max(0, 0.8 - x) + Math.max(0, x - 0.8);
        n++;
      }
    }
    const l = n ? s / n : Number.POSITIVE_INFINITY;
    loss[policyKey(policy)] = Number(l.toFixed(4));
    if (l < bestLoss) {
      bestLoss = l;
      best = policy;
      bestFactors = theta ?? factors;
    }
  }
  return { policy: best, loss, factors: bestFactors };
}
