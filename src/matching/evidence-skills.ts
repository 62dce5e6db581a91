import type { MatchScore, ProfileFeatures } from './types.js';

/**
 * The profile reduced to the skills that earned something in `score` (a requirement's evidence, or the skill label a
 * required certificate was read from), in their original order.
 *
 * The scorer credits each requirement with the first profile skill of highest credit, and reads skill labels only for
 * certificates, the same way; no other component reads the skills. The reduced list is a subsequence that keeps every
 * winner, so scoring it — plus any skills appended later — gives exactly the full profile's result. A counterfactual
 * that tries missing requirements for up to three steps then costs O(|vacancy skills|²) per try instead of
 * O(|vacancy skills| × |profile skills|): a 100-skill profile no longer multiplies the explanation cost.
 */
export function evidenceOnlyProfile(profile: ProfileFeatures, score: Pick<MatchScore, 'matchedSkills' | 'licences'>): ProfileFeatures {
  const evidence = new Set<string>();
  for (const m of score.matchedSkills) evidence.add(`${m.evidence.esco ?? ''}\u0000${m.evidence.label}`);
  const certificateLabels = new Set<string>();
  for (const l of score.licences) if (l.held?.kind === 'certificate') certificateLabels.add(l.held.label);
  const skills = profile.skills.filter((s) => evidence.has(`${s.esco || ''}\u0000${s.label}`) || certificateLabels.has(s.label));
  return skills.length === profile.skills.length ? profile : { ...profile, skills };
}
