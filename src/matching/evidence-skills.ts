import type { MatchScore, ProfileFeatures } from './types.js';

/**
 * The profile reduced to the skills that are some requirement's best evidence in `score`, in their original order.
 *
 * The scorer credits each requirement with the first profile skill of highest credit, and no other component reads
 * the skills, so scoring the reduced profile (plus any added skill) gives exactly the full profile's result. A
 * counterfactual that tries every missing skill for up to three steps then costs O(|vacancy skills|²) per try instead
 * of O(|vacancy skills| × |profile skills|): a 100-skill profile no longer multiplies the explanation cost.
 * (The first skill with the evidence's label and URI is the winner: an earlier twin would have won instead.)
 */
export function evidenceOnlyProfile(profile: ProfileFeatures, score: Pick<MatchScore, 'matchedSkills'>): ProfileFeatures {
  const keep = new Set<number>();
  for (const m of score.matchedSkills) {
    const i = profile.skills.findIndex((s) => s.label === m.evidence.label && (s.esco || undefined) === m.evidence.esco);
    if (i >= 0) keep.add(i);
  }
  if (keep.size === profile.skills.length) return profile;
  return { ...profile, skills: profile.skills.filter((_, i) => keep.has(i)) };
}
