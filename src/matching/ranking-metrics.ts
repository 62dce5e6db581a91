/** Pure ranking-quality metrics and a coordinate-ascent weight tuner (used by the quality benchmark and training). */
import { effectiveWeights, normalizedWeights, PLACE_COMPONENTS } from './scorer.js';
import { COMPONENT_NAMES, type ComponentName, type ComponentWeights } from './types.js';

/** Column indexes of the components the place gate scales. */
const PLACE_INDEX: ReadonlySet<number> = new Set(PLACE_COMPONENTS.map((n) => COMPONENT_NAMES.indexOf(n)));

/** nDCG@k with graded gains 2^rel − 1; `ranked` holds the relevance of each returned item in rank order. */
export function ndcgAtK(ranked: readonly number[], allRelevances: readonly number[], k = 10): number {
  const dcg = (rels: readonly number[]) => rels.slice(0, k).reduce((s, r, i) => s + (2 ** r - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...allRelevances].sort((a, b) => b - a));
  return ideal > 0 ? dcg(ranked) / ideal : 0;
}

/** Indices of the top k scores, ties broken by index (stable, like id tie-breaking in the service). */
export function topK(scores: ArrayLike<number>, k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (idx.length < k) {
      idx.push(i);
      idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
    } else if (scores[i]! > scores[idx[k - 1]!]!) {
      idx[k - 1] = i;
      idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
    }
  }
  return idx;
}

/** A query's candidate pool: per candidate, its component values (row-major, COMPONENT_NAMES order) and relevance. */
export interface TuningQuery {
  /** Float64Array of length n × COMPONENT_NAMES.length. */
  values: Float64Array;
  /** Per candidate and component (same layout), 1 when the vacancy states that requirement; absent: all stated. */
  stated?: Uint8Array;
  relevance: Uint8Array;
  /** Optional graded gains (linear, any non-negative number) per candidate, for meanGradedNdcg. */
  gains?: Float64Array;
  /** Per candidate, the place gate (scorer.placeGate) that scales the location and language weights; absent: 1. */
  gate?: Float64Array;
}

/** The scores of a query's candidates under some weights, exactly as scoreMatch combines the components. */
export function queryScores(q: TuningQuery, weights: ComponentWeights): Float64Array {
  const m = COMPONENT_NAMES.length;
  const n = q.relevance.length;
  const norm = normalizedWeights(weights);
  const scores = new Float64Array(n);
  const memo = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    let w: number[];
    if (!q.stated) w = COMPONENT_NAMES.map((c) => norm[c]);
    else {
      const key = Array.from(q.stated.subarray(i * m, (i + 1) * m)).join('');
      let hit = memo.get(key);
      if (!hit) {
        const stated = Object.fromEntries(COMPONENT_NAMES.map((c, j) => [c, q.stated![i * m + j] === 1])) as Record<ComponentName, boolean>;
        const eff = effectiveWeights(norm, stated);
        hit = COMPONENT_NAMES.map((c) => eff[c]);
        memo.set(key, hit);
      }
      w = hit;
    }
    let s = 0;
    const g = q.gate ? q.gate[i]! : 1;
    for (let j = 0; j < m; j++) s += (g < 1 && PLACE_INDEX.has(j) ? g : 1) * w[j]! * q.values[i * m + j]!;
    scores[i] = s;
  }
  return scores;
}

export function meanNdcg(queries: readonly TuningQuery[], weights: ComponentWeights, k = 10): number {
  let sum = 0;
  for (const q of queries) {
    const scores = queryScores(q, weights);
    const top = topK(scores, k);
    sum += ndcgAtK(top.map((i) => q.relevance[i]!), Array.from(q.relevance), k);
  }
  return queries.length ? sum / queries.length : 0;
}

/** nDCG@k with the queries' linear graded `gains` (ideal over the whole pool); a query without gains counts 0. */
export function meanGradedNdcg(queries: readonly TuningQuery[], weights: ComponentWeights, k = 10): number {
  let sum = 0;
  const dcg = (g: readonly number[]) => g.slice(0, k).reduce((s, x, i) => s + x / Math.log2(i + 2), 0);
  for (const q of queries) {
    if (!q.gains) continue;
    const g = q.gains;
    const ideal = dcg([...g].sort((a, b) => b - a));
    if (ideal <= 0) continue;
    sum += dcg(topK(queryScores(q, weights), k).map((i) => g[i]!)) / ideal;
  }
  return queries.length ? sum / queries.length : 0;
}

/**
 * Order within a relevance level: over pairs of candidates with the same `relevance` (> 0) and different graded
 * `gains`, the share where the higher gain scores higher (ties count half). Sees what nDCG barely sees: two ads of
 * the right occupation, one whose requirements the seeker meets and one she does not.
 */
export function withinLevelOrder(queries: readonly TuningQuery[], weights: ComponentWeights): { correct: number; pairs: number } {
  let correct = 0;
  let pairs = 0;
  for (const q of queries) {
    if (!q.gains) continue;
    const scores = queryScores(q, weights);
    const idx: number[] = [];
    for (let i = 0; i < q.relevance.length; i++) if (q.relevance[i]! > 0) idx.push(i);
    for (const a of idx)
      for (const b of idx) {
        if (q.relevance[a] !== q.relevance[b] || !(q.gains[a]! > q.gains[b]!)) continue;
        pairs++;
        correct += scores[a]! > scores[b]! ? 1 : scores[a] === scores[b] ? 0.5 : 0;
      }
  }
  return { correct, pairs };
}

/**
 * Coordinate ascent over the tunable weights: each round tries multiplying each weight by a few factors and keeps
 * any change that raises mean nDCG@k. Deterministic. Weights not in `tunable` stay fixed.
 */
export function tuneWeights(
  queries: readonly TuningQuery[],
  start: ComponentWeights,
  tunable: readonly ComponentName[],
  opts: {
    rounds?: number;
    k?: number;
    factors?: number[];
    minShare?: Partial<ComponentWeights>;
    /** What to maximise (default: mean nDCG@k of `queries`). */
    objective?: (w: ComponentWeights) => number;
    /** Hard checks: a candidate that fails any is never taken. */
    accept?: (w: ComponentWeights) => boolean;
  } = {},
): { weights: ComponentWeights; ndcg: number; history: { round: number; ndcg: number }[] } {
  const k = opts.k ?? 10;
  const factors = opts.factors ?? [0, 0.25, 0.5, 0.7, 1.4, 2, 4];
  const objective = opts.objective ?? ((w: ComponentWeights) => meanNdcg(queries, w, k));
  let best = { ...start };
  if (!respectsMinShare(best, opts.minShare)) throw new Error('tuneWeights: the start weights violate minShare');
  if (opts.accept && !opts.accept(best)) throw new Error('tuneWeights: the start weights fail the hard checks');
  let bestScore = objective(best);
  const history = [{ round: 0, ndcg: bestScore }];
  for (let round = 1; round <= (opts.rounds ?? 4); round++) {
    let improved = false;
    for (const name of tunable) {
      for (const f of factors) {
        const base = best[name] === 0 ? 0.05 : best[name];
        const cand = { ...best, [name]: Math.round(base * f * 1e4) / 1e4 };
        if (!respectsMinShare(cand, opts.minShare)) continue;
        const s = objective(cand);
        if (s > bestScore + 1e-6 && (!opts.accept || opts.accept(cand))) {
          best = cand;
          bestScore = s;
          improved = true;
        }
      }
    }
    history.push({ round, ndcg: bestScore });
    if (!improved) break;
  }
  return { weights: best, ndcg: bestScore, history };
}

/** Each listed component keeps at least this share of the total weight (keeps the score explainable). */
function respectsMinShare(w: ComponentWeights, min: Partial<ComponentWeights> | undefined): boolean {
  if (!min) return true;
  const total = COMPONENT_NAMES.reduce((s, n) => s + w[n], 0);
  return COMPONENT_NAMES.every((n) => min[n] === undefined || w[n] >= min[n]! * total - 1e-12);
}
