/** Pure fairness helpers: a counterfactual-fairness check and NYC Local Law 144 bias-audit metrics. */

export interface RankedItem {
  id: string;
  score: number;
}

export interface CounterfactualViolation {
  profileIndex: number;
  variantIndex: number;
  kind: 'score' | 'rank' | 'membership';
  id: string;
  base: number | null;
  variant: number | null;
}

export interface CounterfactualReport {
  profilesChecked: number;
  variantsChecked: number;
  violations: CounterfactualViolation[];
}

/**
 * Counterfactual fairness: for every raw profile, each variant (the same profile with protected attributes changed,
 * added or removed) must produce the same ranking — same ids, same ranks, same scores (to `tolerance`).
 * `rank` is the whole pipeline under test, from the raw profile object to a ranked list.
 */
export function counterfactualFairnessCheck<R>(input: {
  rawProfiles: readonly R[];
  variants: (raw: R, index: number) => readonly R[];
  rank: (raw: R) => readonly RankedItem[];
  tolerance?: number;
}): CounterfactualReport {
  const tol = input.tolerance ?? 0;
  const violations: CounterfactualViolation[] = [];
  let variantsChecked = 0;
  input.rawProfiles.forEach((raw, profileIndex) => {
    const base = input.rank(raw);
    const baseRank = new Map(base.map((r, i) => [r.id, { rank: i, score: r.score }]));
    input.variants(raw, profileIndex).forEach((variant, variantIndex) => {
      variantsChecked++;
      const got = input.rank(variant);
      const gotIds = new Set(got.map((g) => g.id));
      got.forEach((g, i) => {
        const b = baseRank.get(g.id);
        if (!b) violations.push({ profileIndex, variantIndex, kind: 'membership', id: g.id, base: null, variant: i });
        else {
          if (b.rank !== i) violations.push({ profileIndex, variantIndex, kind: 'rank', id: g.id, base: b.rank, variant: i });
          if (Math.abs(b.score - g.score) > tol) violations.push({ profileIndex, variantIndex, kind: 'score', id: g.id, base: b.score, variant: g.score });
        }
      });
      for (const b of base) if (!gotIds.has(b.id)) violations.push({ profileIndex, variantIndex, kind: 'membership', id: b.id, base: baseRank.get(b.id)!.rank, variant: null });
    });
  });
  return { profilesChecked: input.rawProfiles.length, variantsChecked, violations };
}

/** One category's count and positives for one rate (selection, scoring above the median, …). */
export interface CategoryCount {
  category: string;
  /** Whether the category may enter impact ratios (declared; "unknown", "undeclared" and "prefer not to say" may not). */
  comparable: boolean;
  n: number;
  positive: number;
}

export interface ImpactRow extends CategoryCount {
  rate: number;
  /** n / total over every category, comparable or not. */
  share: number;
  /** A comparable category under `minShare` of the comparable data (LL144 allows excluding it from ratios; it is still reported). */
  underMinShare: boolean;
  /** Comparable and not under `minShare`: counted in ratios and as a possible reference. */
  inRatios: boolean;
  /** rate / highest rate among the categories in ratios; null outside ratios or when no category has a positive rate. */
  impactRatio: number | null;
  /** The EEOC four-fifths rule: impact ratio below 0.8. */
  fourFifths: boolean;
}

/**
 * NYC LL144 impact ratios: each category's rate over the highest rate among the categories in ratios (comparable and
 * at least `minShare` of the comparable data). Categories keep their input order; `reference` is the highest-rate
 * category (the first one on a tie), null when no category has a positive rate.
 */
export function impactRatios(counts: readonly CategoryCount[], opts: { minShare?: number } = {}): { rows: ImpactRow[]; reference: string | null } {
  const minShare = opts.minShare ?? 0;
  const total = counts.reduce((a, c) => a + c.n, 0);
  const comparableTotal = counts.reduce((a, c) => a + (c.comparable ? c.n : 0), 0);
  const rows: ImpactRow[] = counts.map((c) => {
    const underMinShare = c.comparable && comparableTotal > 0 && c.n / comparableTotal < minShare;
    return {
      ...c,
      rate: c.n ? c.positive / c.n : 0,
      share: total ? c.n / total : 0,
      underMinShare,
      inRatios: c.comparable && c.n > 0 && !underMinShare,
      impactRatio: null,
      fourFifths: false,
    };
  });
  let reference: ImpactRow | null = null;
  for (const r of rows) if (r.inRatios && r.rate > 0 && (!reference || r.rate > reference.rate)) reference = r;
  for (const r of rows) {
    r.impactRatio = r.inRatios && reference ? r.rate / reference.rate : null;
    r.fourFifths = r.impactRatio !== null && r.impactRatio < 0.8;
  }
  return { rows, reference: reference?.category ?? null };
}

export interface GroupRate {
  group: string;
  n: number;
  /** Selected (or scored above the median) count. */
  positive: number;
  rate: number;
  /** rate / highest rate among included groups; null if excluded or no group has a positive rate. */
  impactRatio: number | null;
  /** Excluded from impact ratios because the group is below `minShare` of the data (LL144 allows < 2%). */
  excluded: boolean;
}

export interface RateReport {
  total: number;
  /** Records without a known group (reported, never used in ratios). */
  unknown: number;
  groups: GroupRate[];
}

function rateReport(rows: readonly { group: string | null | undefined; positive: boolean }[], minShare: number): RateReport {
  const byGroup = new Map<string, { n: number; positive: number }>();
  let unknown = 0;
  for (const r of rows) {
    if (r.group === null || r.group === undefined || r.group === '') {
      unknown++;
      continue;
    }
    const g = byGroup.get(r.group) ?? { n: 0, positive: 0 };
    g.n++;
    if (r.positive) g.positive++;
    byGroup.set(r.group, g);
  }
  const counts = [...byGroup.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([category, g]) => ({ category, comparable: true, n: g.n, positive: g.positive }));
  const groups = impactRatios(counts, { minShare }).rows.map((r) => ({
    group: r.category,
    n: r.n,
    positive: r.positive,
    rate: r.rate,
    impactRatio: r.impactRatio,
    excluded: r.underMinShare,
  }));
  return { total: rows.length, unknown, groups };
}

/**
 * LL144 selection rate per category (selected / total in category) and impact ratio
 * (category selection rate / selection rate of the most selected category).
 */
export function selectionRates(records: readonly { group: string | null | undefined; selected: boolean }[], opts: { minShare?: number } = {}): RateReport {
  return rateReport(records.map((r) => ({ group: r.group, positive: r.selected })), opts.minShare ?? 0);
}

/** Median of the scores (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * LL144 scoring rate per category (share of the category scoring above the sample's median score) and impact ratio
 * (category scoring rate / highest scoring rate). The median is taken over all records, known group or not.
 */
export function scoringRates(records: readonly { group: string | null | undefined; score: number }[], opts: { minShare?: number } = {}): RateReport & { median: number } {
  const m = median(records.map((r) => r.score));
  return { ...rateReport(records.map((r) => ({ group: r.group, positive: r.score > m })), opts.minShare ?? 0), median: m };
}
