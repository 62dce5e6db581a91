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
  const known = rows.length - unknown;
  const groups: GroupRate[] = [...byGroup.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, g]) => ({ group, n: g.n, positive: g.positive, rate: g.n ? g.positive / g.n : 0, impactRatio: null, excluded: known > 0 && g.n / known < minShare }));
  const maxRate = Math.max(0, ...groups.filter((g) => !g.excluded).map((g) => g.rate));
  for (const g of groups) g.impactRatio = !g.excluded && maxRate > 0 ? g.rate / maxRate : null;
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
