// Scores a set of rolling-origin backtests: MASE, sMAPE, direction of the 12-month change, interval coverage.
import { calibrate, meanScaledError, recencyWeight, quantile, selectModelAt, smapeAt, type SeriesBacktest } from './backtest.js';
import { intervalHits, type IntervalQuantiles } from './models.js';
import { calibrateBands, quantilesForLevel, scaleFactors, type BandedQuantiles, type IntervalPolicy, type RawErrorCache } from './intervals.js';

export const AUTO = 'auto';

export interface Spread {
  median: number;
  q1: number;
  q3: number;
  n: number;
}

export interface HorizonAccuracy {
  h: number;
  mase: Spread;
  /** Per-series MASE of the model divided by that of seasonal naive (< 1: better than seasonal naive). */
  relMase: Spread;
  smape: Spread;
  coverage80: number;
  coverage95: number;
}

export interface ModelAccuracy {
  model: string;
  horizons: HorizonAccuracy[];
  /** Share of (series, origin) where the sign of the 12-month change (value 12 months ahead vs last value) was right;
   * pairs with no actual change are left out, a forecast of no change counts as wrong. */
  direction12: number;
  directionN: number;
  /** The same for the annual mean: mean of the next 12 months vs mean of the last 12 months. */
  directionAnnual: number;
  directionAnnualN: number;
}

export interface AccuracyReport {
  series: number;
  origins: number;
  step: number;
  models: ModelAccuracy[];
  /** How often "auto" picked each model across series × origins. */
  selection: Record<string, number>;
}

export function spread(values: number[]): Spread {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { median: quantile(v, 0.5), q1: quantile(v, 0.25), q3: quantile(v, 0.75), n: v.length };
}

const sign = (d: number, tol: number): number => (Math.abs(d) <= tol ? 0 : Math.sign(d));

/** Half an ad: a 12-month change smaller than this is "no change" and is left out of the direction share. */
export const DIRECTION_TOLERANCE = 0.5;

/**
 * Direction of the 12-month change at origin k of a series for the point forecasts `pt`: 1 when the sign of the h = 12
 * forecast minus the last value matches the sign of the actual change, 0 when it does not (a forecast of no change is
 * wrong), null when the actual change is within `tol` (left out).
 */
export function directionHit(bt: SeriesBacktest, pt: ArrayLike<number>, k: number, tol = DIRECTION_TOLERANCE): 0 | 1 | null {
  const i = k * bt.maxH + 11;
  const actual = sign(bt.actual[i]! - bt.last[k]!, tol);
  if (actual === 0) return null;
  return sign(pt[i]! - bt.last[k]!, 0) === actual ? 1 : 0;
}

/** Share of right directions of the 12-month change of model m over the (series, origin) pairs accepted by `use`. */
export function directionShare(bts: readonly (SeriesBacktest | null)[], m: string, use: (k: number, bt: SeriesBacktest) => boolean, tol = DIRECTION_TOLERANCE): { share: number; n: number } {
  let right = 0;
  let n = 0;
  for (const bt of bts) {
    if (!bt || bt.maxH < 12 || !bt.point[m]) continue;
    for (let k = 0; k < bt.origins.length; k++) {
      if (!use(k, bt)) continue;
      const hit = directionHit(bt, bt.point[m]!, k, tol);
      if (hit === null) continue;
      right += hit;
      n++;
    }
  }
  return { share: n ? right / n : Number.NaN, n };
}

/**
 * Score backtests honestly: "auto" picks, at each origin, the model with the lowest MASE on forecasts already fully
 * observed at that origin; interval quantiles are calibrated only on errors observed before the origin.
 */
export function scoreBacktests(
  bts: readonly SeriesBacktest[],
  models: readonly string[],
  horizons: readonly number[],
  opts: {
    step: number;
    directionTolerance?: number;
    evaluate?: (calendarK: number) => boolean;
    autoCandidates?: readonly string[];
    /** The engine's interval policy (regime-scaled quantiles); without it, the recency-weighted quantiles. */
    intervals?: IntervalPolicy;
    /** Sorted raw errors per model and calendar origin already computed (the engine's policy choice): reused, and
     * filled for the other models so the ACI recursion and the calibration sort each origin's errors once. */
    rawErrors?: Map<string, RawErrorCache>;
  },
): AccuracyReport {
  const tol = opts.directionTolerance ?? DIRECTION_TOLERANCE;
  // Which of a series' origins are scored (calendar index: origins are aligned at the latest one).
  const scored = (bt: SeriesBacktest, k: number): boolean => !opts.evaluate || opts.evaluate(K - bt.origins.length + k);
  const maxH = Math.max(...bts.map((b) => b.maxH));
  const K = Math.max(...bts.map((b) => b.origins.length));
  // Calibration per model and origin index, from pairs observed before that origin (origins share the calendar).
  const calib = new Map<string, BandedQuantiles[]>();
  const none: BandedQuantiles = { pooled: [], bands: null };
  for (const m of new Set([...models, ...(opts.autoCandidates ?? [])])) {
    const perOrigin: BandedQuantiles[] = [];
    const policy = opts.intervals;
    if (policy && K > 0) {
      const cal = { K, step: opts.step, maxH };
      let cache = opts.rawErrors?.get(m);
      if (!cache) opts.rawErrors?.set(m, (cache = new Map()));
      const factors = scaleFactors(bts, m, cal, policy, undefined, cache);
      // Only the scored origins need their intervals.
      for (let k = 0; k < K; k++) perOrigin.push(!opts.evaluate || opts.evaluate(k) ? calibrateBands(bts, m, k, cal, policy, factors, cache) : none);
      calib.set(m, perOrigin);
      continue;
    }
    for (let k = 0; k < K; k++) {
      perOrigin.push({
        bands: null,
        pooled: calibrate(
          bts,
          m,
          (bt, j, h) => {
            const kk = bt.origins.length - K + k;
            const cutoff = kk >= 0 ? bt.origins[kk]! : -1;
            return bt.origins[j]! + h <= cutoff;
          },
          maxH,
          undefined,
          undefined,
          (bt, j, h) => recencyWeight(bt, j, h, bt.origins[bt.origins.length - K + k] ?? 0),
        ),
      });
    }
    calib.set(m, perOrigin);
  }
  const choices = bts.map((bt) => bt.origins.map((_, k) => selectModelAt(bt, k, opts.autoCandidates ?? models)));
  const selection: Record<string, number> = {};
  for (const c of choices.flat()) selection[c] = (selection[c] ?? 0) + 1;

  const all = [...models, AUTO];
  const modelOf = (s: number, k: number, m: string): string => (m === AUTO ? choices[s]![k]! : m);

  const perSeriesMase = (s: number, m: string, h: number): number => meanScaledError(bts[s]!, (k) => modelOf(s, k, m), (k, hh) => hh === h && scored(bts[s]!, k));
  const perSeriesSmape = (s: number, m: string, h: number): number => smapeAt(bts[s]!, (k) => modelOf(s, k, m), h, (k) => scored(bts[s]!, k));
  // The seasonal-naive baseline of each series and horizon, once (not once per model compared with it).
  const baseMase = new Map<string, number>();
  const baseline = (s: number, h: number): number => {
    const key = `${s}|${h}`;
    let v = baseMase.get(key);
    if (v === undefined) baseMase.set(key, (v = perSeriesMase(s, 'snaive', h)));
    return v;
  };

  const out: ModelAccuracy[] = all.map((m) => {
    const horizonsOut = horizons.map((h) => {
      const mase: number[] = [];
      const rel: number[] = [];
      const smape: number[] = [];
      let in80 = 0;
      let in95 = 0;
      let cov = 0;
      bts.forEach((bt, s) => {
        const v = perSeriesMase(s, m, h);
        const base = baseline(s, h);
        mase.push(v);
        if (base > 0) rel.push(v / base);
        smape.push(perSeriesSmape(s, m, h));
        for (let k = 0; k < bt.origins.length; k++) {
          if (!scored(bt, k)) continue;
          const mm = modelOf(s, k, m);
          const q = quantilesForLevel(calib.get(mm)![K - bt.origins.length + k]!, bt.last12[k]!)[h - 1]!;
          const i = k * bt.maxH + h - 1;
          const sd = bt.sd[mm]![i]!;
          const mu = bt.mean[mm]![i]!;
          // A zero-width interval (flat history) covers only exact hits; keep it in the denominator.
          const hit = intervalHits(Math.log1p(bt.actual[i]!), mu, sd, q);
          if (hit.in80) in80++;
          if (hit.in95) in95++;
          cov++;
        }
      });
      return { h, mase: spread(mase), relMase: spread(rel), smape: spread(smape), coverage80: in80 / cov, coverage95: in95 / cov };
    });
    let right = 0;
    let dn = 0;
    let rightA = 0;
    let dnA = 0;
    bts.forEach((bt, s) => {
      if (bt.maxH < 12) return;
      for (let k = 0; k < bt.origins.length; k++) {
        if (!scored(bt, k)) continue;
        const pt = bt.point[modelOf(s, k, m)]!;
        const hit = directionHit(bt, pt, k, tol);
        if (hit !== null) {
          right += hit;
          dn++;
        }
        let fa = 0;
        let aa = 0;
        for (let h = 0; h < 12; h++) {
          fa += pt[k * bt.maxH + h]!;
          aa += bt.actual[k * bt.maxH + h]!;
        }
        const actualA = sign(aa / 12 - bt.last12[k]!, tol / 12);
        if (actualA !== 0) {
          if (sign(fa / 12 - bt.last12[k]!, 0) === actualA) rightA++;
          dnA++;
        }
      }
    });
    return {
      model: m,
      horizons: horizonsOut,
      direction12: dn ? right / dn : Number.NaN,
      directionN: dn,
      directionAnnual: dnA ? rightA / dnA : Number.NaN,
      directionAnnualN: dnA,
    };
  });
  return { series: bts.length, origins: K, step: opts.step, models: out, selection };
}
