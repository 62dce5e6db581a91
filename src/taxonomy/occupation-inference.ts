/**
 * Occupation inference for a profile or a vacancy: a calibrated probability distribution over ESCO occupations.
 * The titles lead (their calibrated title-normalisation probabilities, a mixture weighted by years of experience);
 * skills count only when confidently linked, and only re-weight the title's candidates by how much of the person's
 * skills ESCO lists for each (at most ×e^SKILL_WEIGHT), so a wrong skill link cannot overturn a confident title.
 * Without a title, skills alone give a flat distribution that usually abstains. Below ABSTAIN_BELOW (0.2) for the best
 * occupation the answer is "unknown" (`abstained`) rather than a guess.
 */
import type { Taxonomy } from './taxonomy.js';

/** The best occupation needs at least this probability to be suggested (else: abstain). */
export const ABSTAIN_BELOW = 0.2;
/** Occupations below this probability are not listed. */
export const LIST_MIN = 0.05;
/** Skill evidence: an occupation listing all of the person's linked skills gets e^SKILL_WEIGHT times the odds. */
export const SKILL_WEIGHT = 1;
/** Skill links below this score are not evidence for the occupation. */
export const CONFIDENT_SKILL_LINK = 0.6;
/** Skills alone (no title): sharpness of the distribution over occupations. */
const SKILLS_ONLY_SHARPNESS = 6;

export interface InferredOccupation {
  escoUri: string;
  /** ESCO code (ISCO unit group + ESCO levels), or the ISCO unit group */
  iscoCode: string;
  label: string;
  /** calibrated probability */
  probability: number;
}

export interface OccupationInference {
  status: 'inferred' | 'abstained';
  /** best first; empty when abstained; probabilities sum to ≤ 1 */
  occupations: InferredOccupation[];
  /** what the inference would have said when it abstained (for display: "perhaps …") */
  alternatives: InferredOccupation[];
  /** 1 − the listed probabilities: "another occupation / unknown" */
  other: number;
  evidence: { titles: number; skills: number };
}

export interface InferenceInput {
  titles: { text: string; weight?: number }[];
  /** ESCO skill URIs with the link's confidence (1 for user-set) */
  skills: { uri: string; confidence: number }[];
}

/** Title-only distribution: mixture of the calibrated title normalisations (up to 3 titles). */
export async function titleDistribution(tax: Taxonomy, titles: InferenceInput['titles'], lang?: string): Promise<{ p: Map<string, number>; other: number; n: number }> {
  const p = new Map<string, number>();
  const used = titles.filter((t) => t.text.trim()).slice(0, 3);
  if (!used.length) return { p, other: 1, n: 0 };
  const wsum = used.reduce((s, t) => s + Math.max(0.5, t.weight ?? 1), 0);
  let listed = 0;
  for (const t of used) {
    const w = Math.max(0.5, t.weight ?? 1) / wsum;
    for (const r of await tax.normalizeTitle(t.text, { lang, limit: 20 })) {
      p.set(r.id, (p.get(r.id) ?? 0) + w * r.score);
      listed += w * r.score;
    }
  }
  return { p, other: Math.max(0, 1 - listed), n: used.length };
}

/** Share of the (confidently linked) skills that ESCO lists for each occupation, idf-weighted (essential 1, optional 0.5). */
function skillShares(tax: Taxonomy, skills: InferenceInput['skills']): { share: Map<string, number>; n: number } {
  const confident = [...new Map(skills.filter((s) => s.confidence >= CONFIDENT_SKILL_LINK).map((s) => [s.uri, s])).values()];
  const share = new Map<string, number>();
  if (!confident.length) return { share, n: 0 };
  const idfs = confident.map((s) => tax.skillIdf(s.uri));
  const total = idfs.reduce((a, b) => a + b, 0) || 1;
  confident.forEach((s, i) => {
    for (const { occUri, weight } of tax.skillOccupations(s.uri)) share.set(occUri, (share.get(occUri) ?? 0) + (idfs[i]! * weight) / total);
  });
  return { share, n: confident.length };
}

export type TitleDistribution = Awaited<ReturnType<typeof titleDistribution>>;

export async function inferOccupation(tax: Taxonomy, input: InferenceInput, opts: { lang?: string; limit?: number } = {}): Promise<OccupationInference> {
  return combineEvidence(tax, await titleDistribution(tax, input.titles, opts.lang), input.skills, opts.limit);
}

/** The title distribution's most likely occupations, for skill-linking context. */
export function likelyOccupations(t: TitleDistribution, k = 5): { uri: string; p: number }[] {
  return [...t.p.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([uri, p]) => ({ uri, p }));
}

/** Title distribution × skill evidence → the inference (pure once the title distribution is known). */
export function combineEvidence(tax: Taxonomy, t: TitleDistribution, skills: InferenceInput['skills'], limit = 3): OccupationInference {
  const { share, n: nSkills } = skillShares(tax, skills);
  let dist: Map<string, number>;
  if (t.n > 0 && t.p.size > 0) {
    dist = new Map();
    let z = t.other;
    for (const [uri, p] of t.p) {
      const q = p * Math.exp(SKILL_WEIGHT * (share.get(uri) ?? 0));
      dist.set(uri, q);
      z += q;
    }
    for (const [uri, q] of dist) dist.set(uri, q / z);
  } else if (nSkills > 0) {
    // skills alone: a softmax over every occupation (those listing none of the skills included), so it stays flat
    dist = new Map();
    const nOcc = tax.occupations.length;
    let z = nOcc - share.size;
    for (const [uri, s] of share) {
      const e = Math.exp(SKILLS_ONLY_SHARPNESS * s);
      dist.set(uri, e);
      z += e;
    }
    for (const [uri, e] of dist) dist.set(uri, e / z);
  } else {
    return { status: 'abstained', occupations: [], alternatives: [], other: 1, evidence: { titles: t.n, skills: 0 } };
  }
  const ranked = [...dist.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const listed = ranked.filter(([, p], i) => i === 0 || p >= LIST_MIN).slice(0, limit).map(([uri, p]) => {
    const occ = tax.occupation(uri)!;
    return { escoUri: uri, iscoCode: occ.code || occ.iscoGroup, label: tax.label(occ, 'en'), probability: Math.round(p * 1e4) / 1e4 };
  });
  const rest = 1 - listed.reduce((s, o) => s + o.probability, 0);
  const evidence = { titles: t.n, skills: nSkills };
  if (!listed.length || listed[0]!.probability < ABSTAIN_BELOW) {
    return { status: 'abstained', occupations: [], alternatives: listed, other: 1, evidence };
  }
  return { status: 'inferred', occupations: listed, alternatives: [], other: Math.max(0, Math.round(rest * 1e4) / 1e4), evidence };
}
