// Shortage rating in the spirit of Jobs and Skills Australia's OSL and the UK MAC shortage tests:
// vacancy trend (growth, level against the occupation's own norm, both relative to the whole market),
// fill difficulty and wage growth where a source has them. Pure functions; method in docs/shortage-rating.md.
import type { ReferenceSeries, SplRating } from './reference-data.js';

export type RatingValue = 'shortage' | 'no shortage' | 'regional shortage';

export type VacancyIndicators = {
  /** log(mean of the last 12 months ÷ mean of the 12 before), +1 smoothing for small counts, minus the market's. */
  vacancyGrowth12: number;
  /** log(mean of the last 12 months ÷ mean of months 25–72 back), minus the market's: level against its own norm. */
  vacancyLevelVsNorm: number;
  /** Slope of log ads over the last 60 months, per year, minus the market's. */
  vacancyTrend5y: number;
  /** log(lowest 3-month mean of the last 24 months ÷ mean of months 25–36 back), minus the market's: demand that held up in a downturn. */
  downturnResilience: number;
  /** Share of the last 24 months in which the occupation's share of its region's ads was above its own median share in
   * months 25–96 back: sustained, not passing, pressure (0..1; without a market series, its ads against their median). */
  persistence: number;
  /** Sector pressure: the occupation's major group in its region (summed unit groups of the same first digit), level
   * vs its norm as vacancyLevelVsNorm, minus the market's (set by rateIviSeries; absent for a lone series). */
  sectorLevelVsNorm?: number;
  /** Mean monthly ads over the last 12 months (volume; small series are noisy). */
  recentVolume: number;
  /** Whether a market (all occupations) series of the same region was available to take out market-wide swings. */
  marketAdjusted: boolean;
};

export type ShortageRating = {
  value: RatingValue;
  indicators: VacancyIndicators & {
    /** Mean of the indicators' z-scores across occupations of the same region (and regional breadth for national series). */
    score: number;
    threshold: number;
    /** Share of the regions whose own score is above the threshold (national series only). */
    regionalBreadth?: number;
    regionsInShortage?: string[];
    forecastGrowth12?: number | null;
    fillDifficulty: { value: number; measure: string } | null;
    wageGrowth: { value: number; measure: string } | null;
  };
};

/** Score (mean z) at or above which an occupation is rated in shortage; fixed a priori, not fitted to the SPL. */
export const SHORTAGE_THRESHOLD = 0.25;
/** A regional rating needs some volume: below this many ads a month, state series are too noisy. */
export const MIN_REGIONAL_VOLUME = 5;
/** Months of history the indicators need. */
export const RATING_MIN_HISTORY = 72;

const mean = (v: readonly number[], a: number, b: number): number => {
  let s = 0;
  let c = 0;
  for (let i = Math.max(0, a); i < b; i++) {
    s += v[i]!;
    c++;
  }
  return c ? s / c : Number.NaN;
};

function logSlopePerYear(v: readonly number[], a: number, b: number): number {
  const k = b - a;
  const mx = (k - 1) / 2;
  let my = 0;
  for (let i = a; i < b; i++) my += Math.log1p(v[i]!);
  my /= k;
  let num = 0;
  let den = 0;
  for (let i = a; i < b; i++) {
    const x = i - a - mx;
    num += x * (Math.log1p(v[i]!) - my);
    den += x * x;
  }
  return (12 * num) / den;
}

function rawIndicators(v: readonly number[]): [number, number, number, number] {
  const n = v.length;
  const last12 = mean(v, n - 12, n);
  let trough = Number.POSITIVE_INFINITY;
  for (let i = n - 24; i + 3 <= n; i++) trough = Math.min(trough, mean(v, i, i + 3));
  return [
    Math.log((last12 + 1) / (mean(v, n - 24, n - 12) + 1)),
    Math.log((last12 + 1) / (mean(v, n - 72, n - 24) + 1)),
    logSlopePerYear(v, n - 60, n),
    Math.log((trough + 1) / (mean(v, n - 36, n - 24) + 1)),
  ];
}

/** Share of the last 24 months above the median of months 25–96 back, of the series' share of the market (+1 smoothed). */
function persistenceOf(v: readonly number[], market: readonly number[] | null): number {
  const n = v.length;
  const share = (i: number): number => (v[i]! + 1) / (market ? market[i]! + 1 : 1);
  const norm: number[] = [];
  for (let i = Math.max(0, n - 96); i < n - 24; i++) norm.push(share(i));
  norm.sort((a, b) => a - b);
  const med = norm.length % 2 ? norm[(norm.length - 1) / 2]! : (norm[norm.length / 2 - 1]! + norm[norm.length / 2]!) / 2;
  let above = 0;
  for (let i = n - 24; i < n; i++) if (share(i) > med) above++;
  return above / 24;
}

/** Growth, level, trend and resilience indicators from a monthly series (≥ 72 months), net of a market series. */
export function vacancyIndicators(values: readonly number[], market: readonly number[] | null): VacancyIndicators | null {
  const n = values.length;
  if (n < RATING_MIN_HISTORY) return null;
  const r = rawIndicators(values);
  const adjusted = !!market && market.length === n;
  const m = adjusted ? rawIndicators(market) : [0, 0, 0, 0];
  return {
    vacancyGrowth12: r[0] - m[0]!,
    vacancyLevelVsNorm: r[1] - m[1]!,
    vacancyTrend5y: r[2] - m[2]!,
    downturnResilience: r[3] - m[3]!,
    persistence: persistenceOf(values, adjusted ? market : null),
    recentVolume: mean(values, n - 12, n),
    marketAdjusted: adjusted,
  };
}

const INDICATOR_KEYS = ['vacancyGrowth12', 'vacancyLevelVsNorm', 'vacancyTrend5y', 'downturnResilience', 'persistence', 'sectorLevelVsNorm'] as const;
export type ScoredIndicator = (typeof INDICATOR_KEYS)[number];

/** How indicators become a score: which are scored, and whether each is turned into normal scores of its ranks. */
export interface RatingMethod {
  scored: readonly ScoredIndicator[];
  /** Normal scores of ranks (van der Waerden) instead of z-scores: a few extreme small series cannot dominate. */
  ranks: boolean;
}

/**
 * The method the service rates with. 12-month growth is shown but not scored: after a shock it measures rebound, not
 * pressure (on SPL 2022 it ranks the wrong way, AUC 0.43; see docs/shortage-rating.md).
 */
export const RATING_METHOD: RatingMethod = { scored: ['vacancyLevelVsNorm', 'vacancyTrend5y', 'downturnResilience', 'persistence'], ranks: true };
/** The method before sector pressure (issue 16, third shift). */
export const RATING_METHOD_PREVIOUS: RatingMethod = { scored: ['vacancyLevelVsNorm', 'vacancyTrend5y', 'downturnResilience', 'persistence'], ranks: true };
/** The method with sector pressure as a fifth scored indicator (pre-registered, docs/shortage-rating.md). */
export const RATING_METHOD_SECTOR: RatingMethod = { scored: ['vacancyLevelVsNorm', 'vacancyTrend5y', 'downturnResilience', 'persistence', 'sectorLevelVsNorm'], ranks: true };
/** The previous method (before persistence and rank scores), kept to report it side by side. */
export const RATING_METHOD_V1: RatingMethod = { scored: ['vacancyLevelVsNorm', 'vacancyTrend5y', 'downturnResilience'], ranks: false };
/** Indicators in the score (the service's method). */
export const SCORED_INDICATORS = RATING_METHOD.scored;

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Normal scores of the ranks of xs (ties share their mean rank). */
function rankScores(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[idx[k]![1]] = normalQuantile(rank / (xs.length + 1));
    i = j + 1;
  }
  return out;
}

/** Mean standardised score of the scored indicators within one cross-section (occupations of one region). */
export function crossSectionScores(rows: readonly VacancyIndicators[], method: RatingMethod = RATING_METHOD): number[] {
  const cols = method.scored.map((k) => {
    const xs = rows.map((r) => r[k] ?? 0);
    if (method.ranks) return rankScores(xs);
    const mu = mean(xs, 0, xs.length);
    const sd = Math.sqrt(mean(xs.map((x) => (x - mu) ** 2), 0, xs.length)) || 1;
    return xs.map((x) => (x - mu) / sd);
  });
  return rows.map((_, i) => cols.reduce((s, col) => s + col[i]!, 0) / cols.length);
}

const key = (code: string, region: string): string => `${code}|${region}`;


/**
 * Rate every IVI series. Regional series are rated on their own score; a national (AUST) series adds regional breadth
 * to its score and is "regional shortage" when it is below the threshold but some region with volume is above it.
 */
export function rateIviSeries(series: readonly ReferenceSeries[], cutoffLength?: number, method: RatingMethod = RATING_METHOD): Map<string, ShortageRating> {
  const vals = (s: ReferenceSeries): number[] => {
    const v = s.values.map((x) => x ?? 0);
    return cutoffLength ? v.slice(0, cutoffLength) : v;
  };
  const market = new Map<string, number[]>();
  for (const s of series) if (s.code === '0000') market.set(s.region, vals(s));
  // Major-group totals per region (first digit of a 4-digit unit group): the sector an occupation recruits across from.
  const sectors = new Map<string, number[]>();
  for (const s of series) {
    if (s.code === '0000' || !/^\d{4}$/.test(s.code)) continue;
    const v = vals(s);
    const k = `${s.region}|${s.code[0]}`;
    const t = sectors.get(k) ?? new Array<number>(v.length).fill(0);
    if (t.length !== v.length) continue;
    v.forEach((x, i) => (t[i] = t[i]! + x));
    sectors.set(k, t);
  }
  const sectorLevel = new Map<string, number | undefined>();
  for (const [k, t] of sectors) sectorLevel.set(k, vacancyIndicators(t, market.get(k.split('|')[0]!) ?? null)?.vacancyLevelVsNorm);
  const byRegion = new Map<string, { code: string; ind: VacancyIndicators }[]>();
  for (const s of series) {
    if (s.code === '0000') continue;
    const ind = vacancyIndicators(vals(s), market.get(s.region) ?? null);
    if (!ind) continue;
    const sector = /^\d{4}$/.test(s.code) ? sectorLevel.get(`${s.region}|${s.code[0]}`) : undefined;
    if (sector !== undefined && Number.isFinite(sector)) ind.sectorLevelVsNorm = sector;
    byRegion.set(s.region, [...(byRegion.get(s.region) ?? []), { code: s.code, ind }]);
  }
  const scores = new Map<string, number>();
  for (const [region, rows] of byRegion) {
    const sc = crossSectionScores(rows.map((r) => r.ind), method);
    rows.forEach((r, i) => scores.set(key(r.code, region), sc[i]!));
  }
  const out = new Map<string, ShortageRating>();
  const nationalRegion = 'AUST';
  for (const [region, rows] of byRegion) {
    for (const { code, ind } of rows) {
      let score = scores.get(key(code, region))!;
      const base = { ...ind, threshold: SHORTAGE_THRESHOLD, forecastGrowth12: null, fillDifficulty: null, wageGrowth: null };
      if (region !== nationalRegion) {
        out.set(key(code, region), { value: score >= SHORTAGE_THRESHOLD ? 'shortage' : 'no shortage', indicators: { ...base, score } });
        continue;
      }
      const regional = [...byRegion.keys()].filter((r) => r !== nationalRegion);
      const above = regional.filter((r) => (scores.get(key(code, r)) ?? Number.NEGATIVE_INFINITY) >= SHORTAGE_THRESHOLD);
      const breadth = regional.length ? above.length / regional.length : 0;
      // Breadth enters the national score as one more z-like term (centred on a quarter of regions, spread ~0.25).
      score = (4 * score + (breadth - 0.25) / 0.25) / 5;
      const withVolume = above.filter((r) => (byRegion.get(r)?.find((x) => x.code === code)?.ind.recentVolume ?? 0) >= MIN_REGIONAL_VOLUME);
      const value: RatingValue = score >= SHORTAGE_THRESHOLD ? 'shortage' : withVolume.length > 0 ? 'regional shortage' : 'no shortage';
      out.set(key(code, region), { value, indicators: { ...base, score, regionalBreadth: breadth, regionsInShortage: withVolume } });
    }
  }
  return out;
}

/** ROC AUC by the Mann–Whitney statistic (ties count half). */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  const idx = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let pos = 0;
  let sumPos = 0;
  labels.forEach((l, i) => {
    if (l) {
      pos++;
      sumPos += ranks[i]!;
    }
  });
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (sumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface SplValidation {
  n: number;
  positives: number;
  auc: number;
  baselineAuc: number;
  indicatorAuc: Record<string, number>;
  confusion: { tp: number; fp: number; fn: number; tn: number };
  n6: number;
  auc6: number;
}

/** SPL national ratings per ANZSCO-4 unit group: share of its ANZSCO-6 occupations rated S. */
export function splByUnit(spl: readonly SplRating[]): Map<string, { s: number; all: number }> {
  const byUnit = new Map<string, { s: number; all: number }>();
  for (const r of spl) {
    const u = r.code.slice(0, 4);
    const e = byUnit.get(u) ?? { s: 0, all: 0 };
    e.all++;
    if (r.national === 'S') e.s++;
    byUnit.set(u, e);
  }
  return byUnit;
}

/** Predict the SPL 2022 national rating (ANZSCO-6 → ANZSCO-4 by majority) from IVI indicators up to Dec 2021. */
export function validateAgainstSpl(ivi: readonly ReferenceSeries[], spl: readonly SplRating[], cutoffLength?: number, method: RatingMethod = RATING_METHOD): SplValidation {
  const ratings = rateIviSeries(ivi, cutoffLength, method);
  const byUnit = splByUnit(spl);
  const scores: number[] = [];
  const labels: boolean[] = [];
  const perIndicator: Record<string, number[]> = {};
  const confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const [unit, e] of byUnit) {
    const r = ratings.get(key(unit, 'AUST'));
    if (!r) continue;
    const label = e.s / e.all >= 0.5;
    const i = r.indicators;
    scores.push(i.score);
    labels.push(label);
    for (const k of [...INDICATOR_KEYS, 'regionalBreadth'] as const) (perIndicator[k] ??= []).push(i[k] ?? 0);
    const pred = r.value === 'shortage';
    if (pred && label) confusion.tp++;
    else if (pred) confusion.fp++;
    else if (label) confusion.fn++;
    else confusion.tn++;
  }
  const s6: number[] = [];
  const l6: boolean[] = [];
  for (const r of spl) {
    const rating = ratings.get(key(r.code.slice(0, 4), 'AUST'));
    if (!rating) continue;
    s6.push(rating.indicators.score);
    l6.push(r.national === 'S');
  }
  return {
    n: scores.length,
    positives: labels.filter(Boolean).length,
    auc: rocAuc(scores, labels),
    baselineAuc: rocAuc(perIndicator.vacancyGrowth12 ?? [], labels),
    indicatorAuc: Object.fromEntries(Object.entries(perIndicator).map(([k, v]) => [k, rocAuc(v, labels)])),
    confusion,
    n6: s6.length,
    auc6: rocAuc(s6, l6),
  };
}
