import { mulberry32 } from '../seeded-random.js';

/**
 * Is an impact ratio this low more than chance? A permutation test at the level of people, not of assessments.
 *
 * Each unit is one candidate with `n` assessments (vacancy × candidate pairs) and, per metric, `positive[m]` of them
 * selected. Under the null hypothesis (rates do not depend on the category), category labels are exchangeable between
 * candidates, so we shuffle the labels, keeping each candidate's assessments together (a person ranked for many
 * vacancies is one draw, not many), and recompute every category's impact ratio.
 *
 * - `pValue[c]`: the share of shuffles in which the *lowest* impact ratio of any category is at or below category c's
 *   observed ratio (Westfall–Young single-step min-P). It controls the family-wise error over all categories and
 *   accounts for the reference being the highest rate *observed*, which a plain two-group test would not.
 * - `rawPValue[c]`: the same for category c's own ratio (not adjusted for the number of categories).
 */
export interface PermutationUnit {
  /** Index of the unit's category in `categories`. */
  category: number;
  n: number;
  positive: readonly number[];
}

export interface PermutationResult {
  /** Per metric, per category (null for a category without assessments or when no category has a positive rate). */
  pValue: (number | null)[][];
  rawPValue: (number | null)[][];
  permutations: number;
}

function ratios(n: Float64Array, pos: Float64Array, out: Float64Array): boolean {
  let max = 0;
  for (let c = 0; c < n.length; c++) if (n[c]! > 0) max = Math.max(max, pos[c]! / n[c]!);
  if (max <= 0) return false;
  for (let c = 0; c < n.length; c++) out[c] = n[c]! > 0 ? pos[c]! / n[c]! / max : Number.NaN;
  return true;
}

export function permutationImpactTest(
  units: readonly PermutationUnit[],
  categories: number,
  metrics: number,
  opts: { permutations: number; seed: number },
): PermutationResult {
  const P = Math.max(0, Math.floor(opts.permutations));
  const observed: (Float64Array | null)[] = [];
  const n = new Float64Array(categories);
  for (const u of units) n[u.category]! += u.n;
  for (let m = 0; m < metrics; m++) {
    const pos = new Float64Array(categories);
    for (const u of units) pos[u.category]! += u.positive[m]!;
    const ir = new Float64Array(categories);
    observed.push(ratios(n, pos, ir) ? ir : null);
  }
  const minHits = observed.map(() => new Float64Array(categories));
  const rawHits = observed.map(() => new Float64Array(categories));
  const rand = mulberry32(opts.seed);
  const labels = units.map((u) => u.category);
  const pn = new Float64Array(categories);
  const ppos = observed.map(() => new Float64Array(categories));
  const pir = new Float64Array(categories);
  for (let p = 0; p < P; p++) {
    // Fisher–Yates shuffle of the labels over the units.
    for (let i = labels.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = labels[i]!;
      labels[i] = labels[j]!;
      labels[j] = tmp;
    }
    pn.fill(0);
    for (const pp of ppos) pp.fill(0);
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      const c = labels[i]!;
      pn[c]! += u.n;
      for (let m = 0; m < metrics; m++) ppos[m]![c]! += u.positive[m]!;
    }
    for (let m = 0; m < metrics; m++) {
      const obs = observed[m];
      if (!obs) continue;
      // A shuffle where nobody is selected has no ratios: every ratio counts as parity (1).
      const ok = ratios(pn, ppos[m]!, pir);
      let min = 1;
      if (ok) for (let c = 0; c < categories; c++) if (!Number.isNaN(pir[c]!)) min = Math.min(min, pir[c]!);
      for (let c = 0; c < categories; c++) {
        const o = obs[c]!;
        if (Number.isNaN(o)) continue;
        if (min <= o + 1e-12) minHits[m]![c]! += 1;
        const own = ok && !Number.isNaN(pir[c]!) ? pir[c]! : 1;
        if (own <= o + 1e-12) rawHits[m]![c]! += 1;
      }
    }
  }
  const toP = (hits: Float64Array, obs: Float64Array | null): (number | null)[] =>
    Array.from({ length: categories }, (_, c) => (obs && !Number.isNaN(obs[c]!) ? (1 + hits[c]!) / (1 + P) : null));
  return {
    pValue: observed.map((obs, m) => toP(minHits[m]!, obs)),
    rawPValue: observed.map((obs, m) => toP(rawHits[m]!, obs)),
    permutations: P,
  };
}
