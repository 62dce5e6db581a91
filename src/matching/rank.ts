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
 * Re-rank retrieved candidates: hard constraints first (removed, counted by reason), then the transparent score,
 * descending, ties broken by id ascending so results are stable across pages. `minScore` filters after scoring.
 */
export function rankMatches(
  candidates: readonly MatchCandidate[],
  weights: MatchWeights,
  opts: HardConstraintOptions & {
    relatedness?: MatchContext['relatedness'];
    specificity?: MatchContext['specificity'];
    occupationRelatedness?: MatchContext['occupationRelatedness'];
    occupationTitleFit?: MatchContext['occupationTitleFit'];
    minScore?: number;
  },
): { items: RankedMatch[]; removed: number; removedByReason: Partial<Record<ExclusionReason, number>>; belowMinScore: number } {
  const { kept, removed, removedByReason } = applyHardConstraints(candidates, (c) => c, opts);
  const scored = kept.map((c) => ({
    id: c.id,
    match: scoreMatch(c.vacancy, c.profile, weights, {
      semantic: c.semantic,
      ...(opts.relatedness ? { relatedness: opts.relatedness } : {}),
      ...(opts.specificity ? { specificity: opts.specificity } : {}),
      ...(opts.occupationRelatedness ? { occupationRelatedness: opts.occupationRelatedness } : {}),
      ...(opts.occupationTitleFit ? { occupationTitleFit: opts.occupationTitleFit } : {}),
    }),
  }));
  const min = opts.minScore ?? 0;
  const passing = scored.filter((s) => s.match.score >= min);
  passing.sort((a, b) => b.match.score - a.match.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { items: passing.map((s, i) => ({ id: s.id, rank: i + 1, match: s.match })), removed, removedByReason, belowMinScore: scored.length - passing.length };
}
