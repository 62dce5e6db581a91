/**
 * Occupation suggestions from a title AND a skill list (pure). Title normalisation alone is often wrong on short,
 * noisy titles; the ESCO skills someone lists (or a vacancy requires) say a lot about the occupation. The caller
 * builds the index once from the taxonomy's occupation → essential/optional skill relations.
 */
import type { OccupationRef } from './types.js';

export interface SkillOccupationIndex {
  /** skill URI → occupations listing it, with the relation weight (essential 1, optional `optionalWeight`). */
  bySkill: Map<string, { occ: number; weight: number }[]>;
  occupations: { uri: string; iscoCode: string; skillMass: number }[];
  occIndex: Map<string, number>;
  /** Inverse document frequency of each skill over occupations (rare skills say more). */
  idf: Map<string, number>;
}

export function buildSkillOccupationIndex(
  rows: Iterable<{ uri: string; iscoCode: string; essential: readonly string[]; optional: readonly string[] }>,
  optionalWeight = 0.5,
): SkillOccupationIndex {
  const occupations: SkillOccupationIndex['occupations'] = [];
  const occIndex = new Map<string, number>();
  const bySkill = new Map<string, { occ: number; weight: number }[]>();
  for (const r of rows) {
    const i = occupations.length;
    occIndex.set(r.uri, i);
    occupations.push({ uri: r.uri, iscoCode: r.iscoCode, skillMass: r.essential.length + optionalWeight * r.optional.length });
    for (const [list, weight] of [
      [r.essential, 1],
      [r.optional, optionalWeight],
    ] as const) {
      for (const s of list) {
        const arr = bySkill.get(s) ?? [];
        arr.push({ occ: i, weight });
        bySkill.set(s, arr);
      }
    }
  }
  const idf = new Map<string, number>();
  for (const [s, arr] of bySkill) idf.set(s, Math.log((occupations.length + 1) / (arr.length + 0.5)));
  return { bySkill, occupations, occIndex, idf };
}

export interface InferOptions {
  /** Weight of the title evidence against the skill evidence (0..1). */
  titleWeight: number;
  limit: number;
}

/**
 * Combine title suggestions (score 0..1 each) with skill evidence: each occupation's skill score is the idf-weighted
 * share of the given skills it lists, normalised by the best occupation; the result is a weighted sum.
 */
export function inferOccupations(
  titleSuggestions: readonly { escoUri: string; score: number }[],
  skillUris: readonly string[],
  index: SkillOccupationIndex,
  opts: InferOptions,
): OccupationRef[] {
  const skillScore = new Map<number, number>();
  const uniq = [...new Set(skillUris)];
  for (const s of uniq) {
    const idf = index.idf.get(s) ?? 0;
    for (const { occ, weight } of index.bySkill.get(s) ?? []) skillScore.set(occ, (skillScore.get(occ) ?? 0) + idf * weight);
  }
  let maxSkill = 0;
  for (const [occ, v] of skillScore) {
    // Dampen occupations with huge skill lists, which would otherwise collect evidence from everything.
    const damped = v / Math.sqrt(Math.max(1, index.occupations[occ]!.skillMass));
    skillScore.set(occ, damped);
    if (damped > maxSkill) maxSkill = damped;
  }
  const combined = new Map<number, number>();
  for (const [occ, v] of skillScore) combined.set(occ, (1 - opts.titleWeight) * (maxSkill > 0 ? v / maxSkill : 0));
  for (const t of titleSuggestions) {
    const occ = index.occIndex.get(t.escoUri);
    if (occ === undefined) continue;
    combined.set(occ, (combined.get(occ) ?? 0) + opts.titleWeight * Math.max(0, Math.min(1, t.score)));
  }
  return [...combined.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, opts.limit)
    .map(([occ, score]) => ({
      escoUri: index.occupations[occ]!.uri,
      ...(index.occupations[occ]!.iscoCode ? { iscoCode: index.occupations[occ]!.iscoCode } : {}),
      source: 'suggested' as const,
      confidence: Math.round(score * 1e4) / 1e4,
    }));
}

/**
 * `MatchContext.specificity` for weights tuned with `skillSpecificity: 'occupation-idf'`: the skill's idf over ESCO
 * occupations, NaN for a skill no occupation lists (the scorer then uses `MatchParams.unlinkedSpecificity`, default 1).
 */
export function skillSpecificity(index: SkillOccupationIndex): (uri: string) => number {
  return (uri) => index.idf.get(uri) ?? Number.NaN;
}
