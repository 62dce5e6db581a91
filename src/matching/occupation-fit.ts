import type { OccupationRef, ProfileFeatures, VacancyFeatures } from './types.js';

/**
 * Levels of an ISCO-08 code, extended by ESCO's dotted occupation codes:
 * "2654.1.7" → ["2", "26", "265", "2654", "2654.1", "2654.1.7"].
 */
export function codeLevels(code: string): string[] {
  const [isco = '', ...rest] = code.trim().split('.');
  const levels: string[] = [];
  for (let i = 1; i <= Math.min(4, isco.length); i++) levels.push(isco.slice(0, i));
  if (isco.length === 4) {
    let acc = isco;
    for (const part of rest) {
      if (!part) break;
      acc = `${acc}.${part}`;
      levels.push(acc);
    }
  }
  return levels;
}

/** Number of hierarchy levels two codes share (0 = different ISCO major group). */
export function sharedLevels(a: string, b: string): number {
  const la = codeLevels(a);
  const lb = codeLevels(b);
  let n = 0;
  while (n < la.length && n < lb.length && la[n] === lb[n]) n++;
  return n;
}

/**
 * How two distinct occupations relate beyond the code hierarchy, in [0,1] (e.g. the overlap of their ESCO skill
 * profiles: a chef and a cook sit in different ISCO groups but share most of their skills), scaled by `credit`.
 */
export interface OccupationRelation {
  related: (uriA: string, uriB: string) => number;
  credit: number;
}

/**
 * Fit of two occupation references: same ESCO occupation = 1, else by shared ISCO levels via `levelFit`, or by the
 * occupations' relation when that is closer. Distinct occupations never reach the full credit of the same one.
 */
export function occupationPairFit(a: OccupationRef, b: OccupationRef, levelFit: number[], relation?: OccupationRelation): number {
  if (a.escoUri && b.escoUri && a.escoUri === b.escoUri) return 1;
  let fit = 0;
  if (a.iscoCode && b.iscoCode) fit = levelFit[Math.min(sharedLevels(a.iscoCode, b.iscoCode), levelFit.length - 1)] ?? 0;
  if (relation && relation.credit > 0 && a.escoUri && b.escoUri) fit = Math.max(fit, relation.credit * Math.min(1, Math.max(0, relation.related(a.escoUri, b.escoUri))));
  return Math.min(fit, 0.95);
}

/**
 * The probability mass of each reference: user-set codes win outright (mass 1, shared if several); suggestions keep
 * their confidence as a probability, scaled down if the list sums above 1 (older, uncalibrated scores). The rest of
 * the mass is "other/unknown" and earns nothing.
 */
export function occupationMasses(refs: readonly OccupationRef[]): { ref: OccupationRef; p: number }[] {
  const set = refs.filter((r) => r.source === 'set');
  if (set.length > 0) return set.map((ref) => ({ ref, p: 1 / set.length }));
  const ps = refs.map((r) => Math.min(1, Math.max(0, r.confidence ?? 0)));
  const total = ps.reduce((a, b) => a + b, 0);
  const scale = total > 1 ? 1 / total : 1;
  return refs.map((ref, i) => ({ ref, p: ps[i]! * scale })).filter((x) => x.p > 0);
}

/**
 * Expected occupation fit Σ_i Σ_j p_i q_j fit(i, j) of two occupation distributions over the ESCO/ISCO hierarchy.
 * Robust to a sharp, flat or empty distribution: an empty side (unknown occupation) gives 0, never a free credit.
 */
export function expectedOccupationFit(a: readonly OccupationRef[], b: readonly OccupationRef[], levelFit: number[], relation?: OccupationRelation): number {
  const ma = occupationMasses(a);
  const mb = occupationMasses(b);
  let fit = 0;
  for (const x of ma) for (const y of mb) fit += x.p * y.p * occupationPairFit(x.ref, y.ref, levelFit, relation);
  return Math.min(1, Math.max(0, fit));
}

/** Whether a job title names an ESCO occupation (its labels in any language), in [0,1]; supplied by the service. */
export type TitleFit = (title: string, occupationUri: string) => number;

/**
 * How well a set of linked ESCO skills belongs to an ESCO occupation, in [0,1] (the service: the idf-weighted share of
 * the skills the occupation's ESCO profile lists, essential 1, optional 0.5); supplied by the service.
 */
export type OccupationSkillFit = (occupationUri: string, skillUris: readonly string[]) => number;

/**
 * The occupation component. The part of each side's reading that is known is compared over the hierarchy
 * (`expectedOccupationFit`); the part one side leaves unknown (1 − Σp, e.g. a German ad the taxonomy could not read)
 * is checked directly against the other side's hypotheses, by the best of two pieces of evidence:
 *   - its titles: does the vacancy title name one of the seeker's likely occupations, or does one of the seeker's job
 *     titles name one of the vacancy's? (`titleCredit` × the check);
 *   - its skills, only when that side's reading abstained entirely (no hypothesis at all): do its linked skills belong
 *     to the other side's likely occupation (an ad read "unknown" asking for harvest crop, prune plants and packing,
 *     against a seeker read as a fruit picker)? (`skillCredit` × `OccupationSkillFit`). Applied to the residual mass
 *     of every reading (a nurse read at 0.56 leaves 0.44), it also credited a care worker's hygiene and medication
 *     skills against a nurse ad: dev employer recall@5 0.892 → 0.885; for abstentions only it cost nothing there.
 * With both sides unknown the component stays 0.
 */
export function occupationComponent(
  profile: Pick<ProfileFeatures, 'occupations' | 'experience'> & { skills?: ProfileFeatures['skills'] },
  vacancy: Pick<VacancyFeatures, 'occupations' | 'title'> & { skills?: VacancyFeatures['skills'] },
  levelFit: number[],
  relation?: OccupationRelation,
  title?: { fit: TitleFit; credit: number },
  skills?: { fit: OccupationSkillFit; credit: number },
): number {
  let fit = expectedOccupationFit(profile.occupations, vacancy.occupations, levelFit, relation);
  const titleCredit = title && title.credit > 0 ? title.credit : 0;
  const skillCredit = skills && skills.credit > 0 ? skills.credit : 0;
  if (titleCredit <= 0 && skillCredit <= 0) return fit;
  const mp = occupationMasses(profile.occupations);
  const mv = occupationMasses(vacancy.occupations);
  const restV = 1 - mv.reduce((s, x) => s + x.p, 0);
  const restP = 1 - mp.reduce((s, x) => s + x.p, 0);
  const linked = (xs: readonly { esco?: string }[] | undefined): string[] => [...new Set((xs ?? []).flatMap((x) => (x.esco ? [x.esco] : [])))];
  if (restV > 1e-9) {
    const vSkills = skillCredit > 0 && restV > 1 - 1e-9 ? linked(vacancy.skills) : [];
    for (const { ref, p } of mp) {
      if (!ref.escoUri) continue;
      const byTitle = titleCredit > 0 && vacancy.title ? titleCredit * clamp(title!.fit(vacancy.title, ref.escoUri)) : 0;
      const bySkills = vSkills.length > 0 ? skillCredit * clamp(skills!.fit(ref.escoUri, vSkills)) : 0;
      fit += restV * p * Math.max(byTitle, bySkills);
    }
  }
  if (restP > 1e-9) {
    const pSkills = skillCredit > 0 && restP > 1 - 1e-9 ? linked(profile.skills) : [];
    for (const { ref, p } of mv) {
      if (!ref.escoUri) continue;
      let byTitle = 0;
      if (titleCredit > 0) for (const e of profile.experience) byTitle = Math.max(byTitle, titleCredit * clamp(title!.fit(e.title, ref.escoUri)));
      const bySkills = pSkills.length > 0 ? skillCredit * clamp(skills!.fit(ref.escoUri, pSkills)) : 0;
      fit += restP * p * Math.max(byTitle, bySkills);
    }
  }
  return clamp(fit);
}

/**
 * How likely one job title of a profile is the vacancy's occupation, in [0,1]: its direct title check against the
 * vacancy's reading (over the known mass, normalised), for experience entries that carry no occupation of their own.
 */
export function titleInVacancyOccupation(title: string, vacancy: Pick<VacancyFeatures, 'occupations'>, fit: TitleFit): number {
  const mv = occupationMasses(vacancy.occupations);
  const known = mv.reduce((s, x) => s + x.p, 0);
  if (known <= 0) return 0;
  let v = 0;
  for (const { ref, p } of mv) if (ref.escoUri) v += (p / known) * clamp(fit(title, ref.escoUri));
  return clamp(v);
}

const clamp = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
