/**
 * Opt-in fair re-ranking, FA*IR style (Zehlike et al., CIKM 2017): every prefix of the top k holds at least the
 * number of members of a protected category that a fair coin with rate `minShare` would give, within a tolerance
 * `alpha` (a prefix fails only if so few members would happen with probability ≤ alpha under the binomial), adjusted
 * for testing all k prefixes. Pure.
 *
 * The scorer never sees protected attributes. This step does: it runs after scoring, only when an operator enabled
 * it for a tenant or a request, and it is recorded in the audit record with its utility cost. Preferential treatment
 * by a protected attribute is unlawful in some jurisdictions (see docs/fairness.md); it is off by default.
 */
import { attention } from './exposure.js';

/** P(X ≤ m) for X ~ Binomial(n, p), for every m = 0..n. */
function binomialCdf(n: number, p: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  // Log-space pmf so large n does not underflow.
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let logC = 0; // log C(n, 0)
  let acc = 0;
  for (let m = 0; m <= n; m++) {
    if (m > 0) logC += Math.log(n - m + 1) - Math.log(m);
    acc += Math.exp(logC + m * lp + (n - m) * lq);
    cdf[m] = Math.min(1, acc);
  }
  return cdf;
}

/** m[i - 1] = the minimum number of protected items in the top i: the smallest m with P(X ≤ m) > alpha, X ~ Bin(i, p). */
export function minimumProtectedTable(k: number, p: number, alpha: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= k; i++) {
    const cdf = binomialCdf(i, p);
    let m = 0;
    while (m < i && cdf[m]! <= alpha) m++;
    out.push(m);
  }
  return out;
}

/** Probability that a ranking drawn with rate p fails at least one prefix test of `table`. */
function failProbability(table: readonly number[], p: number): number {
  let dist = new Float64Array([1]); // dist[j] = P(j protected so far, no failure yet)
  for (let i = 0; i < table.length; i++) {
    const next = new Float64Array(dist.length + 1);
    for (let j = 0; j < dist.length; j++) {
      next[j]! += dist[j]! * (1 - p);
      next[j + 1]! += dist[j]! * p;
    }
    for (let j = 0; j < Math.min(table[i]!, next.length); j++) next[j] = 0;
    dist = next;
  }
  return 1 - dist.reduce((a, b) => a + b, 0);
}

/**
 * The per-prefix significance that makes the *overall* chance of rejecting a fair ranking equal to `alpha` (FA*IR's
 * multiple-testing adjustment), by bisection.
 */
export function adjustedAlpha(k: number, p: number, alpha: number): number {
  let lo = 0;
  let hi = alpha;
  for (let it = 0; it < 30; it++) {
    const mid = (lo + hi) / 2;
    if (failProbability(minimumProtectedTable(k, p, mid), p) > alpha) hi = mid;
    else lo = mid;
  }
  return lo;
}

export interface FairRerankOptions {
  /** Target minimum share of the protected category, 0 < p < 1. */
  minShare: number;
  /** Tolerance: the overall chance of rejecting a fair ranking (default 0.1). */
  alpha: number;
  /** Prefixes checked: the top k (the rest follows in score order). */
  k: number;
}

/**
 * Re-rank a list already in score order: at each position of the top k, take the best protected item if the prefix
 * would otherwise fall below its minimum, else the best item of either group; the relative order within each group is
 * kept (so exact-tie order from the tie seed survives).
 */
export function fairRerank<T extends { id: string }>(ranked: readonly T[], isProtected: (item: T) => boolean, opts: FairRerankOptions): { items: T[]; table: number[] } {
  const k = Math.min(opts.k, ranked.length);
  const table = k > 0 ? minimumProtectedTable(k, opts.minShare, adjustedAlpha(k, opts.minShare, opts.alpha)) : [];
  const prot = ranked.filter(isProtected);
  const rest = ranked.filter((x) => !isProtected(x));
  const order = new Map(ranked.map((x, i) => [x.id, i]));
  const out: T[] = [];
  let pi = 0;
  let ri = 0;
  let count = 0;
  while (pi < prot.length || ri < rest.length) {
    const i = out.length;
    const need = i < k ? table[i]! : 0;
    let takeProtected: boolean;
    if (pi >= prot.length) takeProtected = false;
    else if (ri >= rest.length) takeProtected = true;
    else if (count < need) takeProtected = true;
    else takeProtected = order.get(prot[pi]!.id)! < order.get(rest[ri]!.id)!;
    if (takeProtected) {
      out.push(prot[pi++]!);
      count++;
    } else out.push(rest[ri++]!);
  }
  return { items: out, table };
}

export interface RerankUtility {
  k: number;
  meanScoreTopK: { before: number; after: number };
  /** DCG@k of the re-ranked list with scores as gains, over the DCG@k of the unconstrained list (1 = no cost). */
  ndcgAtK: number;
  /** Positions of the top k whose item changed. */
  moved: number;
}

export function rerankUtility(before: readonly { id: string; score: number }[], after: readonly { id: string; score: number }[], k: number): RerankUtility {
  const kk = Math.min(k, before.length);
  const top = (xs: readonly { score: number }[]) => xs.slice(0, kk);
  const mean = (xs: readonly { score: number }[]) => (xs.length ? xs.reduce((a, x) => a + x.score, 0) / xs.length : 0);
  const dcg = (xs: readonly { score: number }[]) => xs.reduce((a, x, i) => a + x.score * attention(i + 1), 0);
  const ideal = dcg(top(before));
  let moved = 0;
  for (let i = 0; i < kk; i++) if (before[i]!.id !== after[i]!.id) moved++;
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    k: kk,
    meanScoreTopK: { before: r4(mean(top(before))), after: r4(mean(top(after))) },
    ndcgAtK: ideal > 0 ? r4(dcg(top(after)) / ideal) : 1,
    moved,
  };
}
