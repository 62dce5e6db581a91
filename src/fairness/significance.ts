import { mulberry32 } from '../seeded-random.js';

/**
 * Is an impact ratio this low more than chance? A permutation test at the level of people, not of assessments.
 *
 * Each unit is one candidate with `n` assessments (vacancy × candidate pairs) and, per metric, `positive[m]` of them
 * selected. Under the null hypothesis (rates do not depend on the category), category labels are exchangeable between
 * candidates, so we shuffle the labels, keeping each candidate's assessments together (a person ranked for many
 * vacancies is one draw, not many), and recompute the statistics.
 *
 * Statistic: for each category, the largest two-proportion z of its shortfall against any category with a higher
 * rate, recomputed in every shuffle. Comparing with every higher category, not only the highest (the impact ratio's
 * reference), keeps a tiny category that tops the table by chance from masking a large category's real gap.
 * - `pValue[c]`: Westfall–Young single-step max-T: the share of shuffles whose *largest* z over all categories reaches
 *   category c's observed z. It controls the family-wise error over the categories (and over the pairs compared).
 * - `rawPValue[c]`: the same for category c's own z (not adjusted for the number of categories).
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

/**
 * Each category's strongest evidence of a shortfall: the largest two-proportion z against any category with a higher
 * rate (0 for the highest category and for empty ones). False when no rate is positive.
 */
function shortfalls(n: Float64Array, pos: Float64Array, out: Float64Array): boolean {
  let any = false;
  for (let c = 0; c < n.length; c++) if (n[c]! > 0 && pos[c]! > 0) any = true;
  if (!any) return false;
  for (let c = 0; c < n.length; c++) {
    if (n[c]! === 0) {
      out[c] = Number.NaN;
      continue;
    }
    const rc = pos[c]! / n[c]!;
    let best = 0;
    for (let d = 0; d < n.length; d++) {
      if (d === c || n[d]! === 0) continue;
      const rd = pos[d]! / n[d]!;
      if (rd <= rc) continue;
      const pooled = (pos[c]! + pos[d]!) / (n[c]! + n[d]!);
      const se = Math.sqrt(pooled * (1 - pooled) * (1 / n[c]! + 1 / n[d]!));
      if (se > 0) best = Math.max(best, (rd - rc) / se);
    }
    out[c] = best;
  }
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
    const z = new Float64Array(categories);
    observed.push(shortfalls(n, pos, z) ? z : null);
  }
  const maxHits = observed.map(() => new Float64Array(categories));
  const rawHits = observed.map(() => new Float64Array(categories));
  const rand = mulberry32(opts.seed);
  const labels = units.map((u) => u.category);
  const pn = new Float64Array(categories);
  const ppos = observed.map(() => new Float64Array(categories));
  const pz = new Float64Array(categories);
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
      // A shuffle where nobody is selected shows no shortfall.
      const ok = shortfalls(pn, ppos[m]!, pz);
      let max = 0;
      if (ok) for (let c = 0; c < categories; c++) if (!Number.isNaN(pz[c]!)) max = Math.max(max, pz[c]!);
      for (let c = 0; c < categories; c++) {
        const o = obs[c]!;
        if (Number.isNaN(o)) continue;
        if (max >= o - 1e-12) maxHits[m]![c]! += 1;
        const own = ok && !Number.isNaN(pz[c]!) ? pz[c]! : 0;
        if (own >= o - 1e-12) rawHits[m]![c]! += 1;
      }
    }
  }
  const toP = (hits: Float64Array, obs: Float64Array | null): (number | null)[] =>
    Array.from({ length: categories }, (_, c) => (obs && !Number.isNaN(obs[c]!) ? (1 + hits[c]!) / (1 + P) : null));
  return {
    pValue: observed.map((obs, m) => toP(maxHits[m]!, obs)),
    rawPValue: observed.map((obs, m) => toP(rawHits[m]!, obs)),
    permutations: P,
  };
}
