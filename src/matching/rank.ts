import { applyHardConstraints, scoreMatch, type HardConstraintOptions } from './scorer.js';
import type { ExclusionReason, MatchContext, MatchScore, MatchWeights, ProfileFeatures, VacancyFeatures } from './types.js';

export interface MatchCandidate {
  /** The id of the ranked item (vacancy id for a seeker, candidate id for an employer); ties break on it. */
  id: string;
  vacancy: VacancyFeatures;
  profile: ProfileFeatures;
  /** Embedding cosine of this pair. */
  semantic: number;
}

export interface RankedMatch {
  id: string;
  rank: number;
  match: MatchScore;
}

/**
 * The order of an item among exact score ties: a 53-bit hash (cyrb53) of `${seed}:${id}`. With a seed per subject and
 * day, tied items are shuffled reproducibly, so no group (e.g. early registrants, whose ids sort first) systematically
 * gets the exposure; anyone holding the seed recomputes the same order.
 */
export function tieKey(seed: string, id: string): number {
  const s = `${seed}:${id}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The service's order, total and deterministic:
 *   1. score descending (the rounded score shown, 1e-4);
 *   2. among exact score ties, `closeness` descending when both items carry it: the texts' closeness relative to
 *      their language pair's semantic floor, unclamped (MatchScore.closeness), so the pair whose texts say more
 *      nearly the same thing comes first even where the semantic component is 0. The floor is per language pair,
 *      so writing in the other side's language earns no closeness by itself;
 *   3. items equal on both (in practice identical texts and features): `tieKey(seed, id)` when a seed is given (a
 *      shuffle per subject and day, so no group such as early registrants always gets the exposure);
 *   4. id ascending, so the order is total either way.
 */
export function compareRanked(
  seed: string | undefined,
): (a: { id: string; score: number; closeness?: number }, b: { id: string; score: number; closeness?: number }) => number {
  const keys = new Map<string, number>();
  const key = (id: string): number => {
    let k = keys.get(id);
    if (k === undefined) {
      k = tieKey(seed!, id);
      keys.set(id, k);
    }
    return k;
  };
  return (a, b) => {
    if (b.score !== a.score) return b.score - a.score;
    if (a.closeness !== undefined && b.closeness !== undefined && a.closeness !== b.closeness) return b.closeness - a.closeness;
    if (seed !== undefined) {
      const d = key(a.id) - key(b.id);
      if (d !== 0) return d;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/**
 * Re-rank retrieved candidates: hard constraints first (removed, counted by reason), then the transparent score,
 * descending; exact ties by closeness, then shuffled by `tieSeed` (see `compareRanked`, `tieKey`), or by id without
 * one. `minScore` filters after scoring. `pool` is every pair that passed the hard constraints, with its score and
 * closeness (what was assessed, whether shown or not, and enough to recompute the order).
 */
export function rankMatches(
  candidates: readonly MatchCandidate[],
  weights: MatchWeights,
  opts: HardConstraintOptions & {
    relatedness?: MatchContext['relatedness'];
    specificity?: MatchContext['specificity'];
    occupationRelatedness?: MatchContext['occupationRelatedness'];
    occupationTitleFit?: MatchContext['occupationTitleFit'];
    occupationSkillFit?: MatchContext['occupationSkillFit'];
    minScore?: number;
    tieSeed?: string;
    audience?: MatchContext['audience'];
  },
): {
  items: RankedMatch[];
  removed: number;
  removedByReason: Partial<Record<ExclusionReason, number>>;
  belowMinScore: number;
  pool: { id: string; score: number; closeness: number }[];
} {
  const { kept, removed, removedByReason } = applyHardConstraints(candidates, (c) => c, opts);
  const scored = kept.map((c) => {
    const match = scoreMatch(c.vacancy, c.profile, weights, {
      semantic: c.semantic,
      ...(opts.relatedness ? { relatedness: opts.relatedness } : {}),
      ...(opts.specificity ? { specificity: opts.specificity } : {}),
      ...(opts.occupationRelatedness ? { occupationRelatedness: opts.occupationRelatedness } : {}),
      ...(opts.occupationTitleFit ? { occupationTitleFit: opts.occupationTitleFit } : {}),
      ...(opts.occupationSkillFit ? { occupationSkillFit: opts.occupationSkillFit } : {}),
      ...(opts.audience ? { audience: opts.audience } : {}),
    });
    return { id: c.id, score: match.score, closeness: match.closeness, match };
  });
  const min = opts.minScore ?? 0;
  const passing = scored.filter((s) => s.match.score >= min);
  passing.sort(compareRanked(opts.tieSeed));
  return {
    items: passing.map((s, i) => ({ id: s.id, rank: i + 1, match: s.match })),
    removed,
    removedByReason,
    belowMinScore: scored.length - passing.length,
    pool: scored.map((s) => ({ id: s.id, score: s.match.score, closeness: s.match.closeness })),
  };
}
