import { negotiateLanguage, type Audience } from './i18n.js';
import { credentialLabel } from './licences.js';
import { lexicalSimilarity } from './lexical.js';
import { occupationMasses } from './occupation-fit.js';
import { evidenceOnlyProfile } from './evidence-skills.js';
import { requirementWeight, scoreMatch } from './scorer.js';
import { credentialText, renderSummary, type SummaryFacts } from './summary.js';
import type {
  CefrLevel,
  CredentialCheck,
  ExperienceCheck,
  LanguageGap,
  MatchComponent,
  MatchContext,
  MatchScore,
  MatchWeights,
  OccupationRef,
  ProfileFeatures,
  ProfileSkill,
  RequiredCredential,
  SkillMatch,
  VacancyFeatures,
} from './types.js';

/** A label as shown to the reader: in their language when ESCO has it, else as written, with its language. */
export interface DisplayLabel {
  text: string;
  /** Language of `text` when known; a label not in the reader's language is marked in the summary. */
  lang: string | null;
}

export type Improvement =
  | { kind: 'skill'; label: string; esco?: string; essential: boolean; display: DisplayLabel; scoreAfter: number; gain: number }
  | { kind: 'language'; code: string; level: CefrLevel; from: CefrLevel | null; scoreAfter: number; gain: number }
  | { kind: 'licence'; licence: RequiredCredential; display: DisplayLabel; scoreAfter: number; gain: number };

export interface OccupationReading {
  /** set: the user chose it; inferred: read from the texts; unknown: nothing confident enough (earns no credit). */
  status: 'set' | 'inferred' | 'unknown';
  /** Best first, with the probability the reading gives each (1 for a user-set occupation). */
  candidates: { escoUri?: string; iscoCode?: string; label: DisplayLabel; probability: number; source: 'set' | 'suggested' }[];
}

export interface OccupationExplanation {
  /** The occupation component: the expected fit of the two readings over the ESCO/ISCO hierarchy. */
  fit: number;
  profile: OccupationReading;
  vacancy: OccupationReading;
}

export interface SkillItem extends SkillMatch {
  display: DisplayLabel;
  /** met: full credit; partial: some credit (a related or similar skill). */
  status: 'met' | 'partial';
}

export interface MatchExplanation {
  components: MatchComponent[];
  /** Every requirement that earned credit, from the same pass that computed the skill components. */
  matchedSkills: SkillItem[];
  missingSkills: (MatchScore['missingSkills'][number] & { display: DisplayLabel })[];
  languageGaps: LanguageGap[];
  licences: (CredentialCheck & { display: DisplayLabel })[];
  experience: ExperienceCheck[];
  occupation: OccupationExplanation;
  /** Language of `summary` (negotiated from the preference list). */
  lang: string;
  summary: string;
  /**
   * Greedy counterfactual: each step adds the one missing skill, licence or language level that raises the score
   * most, given the previous steps; `scoreAfter` is the recomputed score with this and all previous steps applied.
   * Never a skill the profile already lists (same ESCO skill or a near-identical label).
   */
  improve: Improvement[];
  weightsVersion: string;
  /**
   * Information only, never part of the score: the destination's shortage rating or projection for the vacancy's
   * occupation, in `lang` (set by the match service from the forecast service; absent when nothing reliable applies).
   */
  outlook?: OccupationOutlookNote;
}

/** The outlook of the vacancy's occupation in its destination, as the explanation shows it. */
export interface OccupationOutlookNote {
  text: string;
  lang: string;
  country: string;
  region: string;
  /** The national occupation the ISCO unit was linked to (ANZSCO for AU, 2018 SOC for US), and the link's method. */
  occupation: { scheme: 'anzsco' | 'soc'; code: string; label: string };
  crosswalk: string;
  rating: string | null;
  asOf: string | null;
  source: string;
  /** Whether the vacancy's occupation was set by the employer or inferred from its text. */
  basis: 'set' | 'inferred';
}

/** Localised ESCO labels, supplied by the caller (the pure core has no taxonomy). */
export interface Labeler {
  skill?(uri: string, lang: string): string | undefined;
  occupation?(uri: string, lang: string): string | undefined;
  /** Language of the English fallback label the taxonomy returns when it has none in `lang` (usually 'en'). */
  fallbackLang?: string;
}

export interface ExplainOptions {
  /** Accept-Language header or ordered language list. */
  languages?: string | readonly string[] | null;
  audience?: Audience;
  /** 1..3 counterfactual steps (default 3). */
  maxImprove?: number;
  /** The pair's score for this context when the caller already has it (the ranker's), so it is not computed again. */
  score?: MatchScore;
  labels?: Labeler;
}

/** Labels at least this similar to a profile skill are the same skill written again: never suggested. */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;
/** A requirement counts as met (not partly met) at this credit. */
const MET = 1 - 1e-9;

type Candidate =
  | { kind: 'skill'; label: string; esco?: string; essential: boolean; lang?: string }
  | { kind: 'language'; code: string; level: CefrLevel; from: CefrLevel | null }
  | { kind: 'licence'; licence: RequiredCredential };

function applyCandidate(profile: ProfileFeatures, c: Candidate): ProfileFeatures {
  if (c.kind === 'skill') return { ...profile, skills: [...profile.skills, { label: c.label, ...(c.esco ? { esco: c.esco } : {}) }] };
  if (c.kind === 'licence') {
    const { essential: _essential, ...held } = c.licence;
    return { ...profile, licences: [...profile.licences, held.kind === 'recognition' ? { ...held, status: 'granted' } : held] };
  }
  return {
    ...profile,
    languages: [...profile.languages.filter((l) => l.code.toLowerCase() !== c.code), { code: c.code, level: c.level }],
  };
}

/** Whether the profile already lists this requirement: the same ESCO skill, or a label that is nearly the same. */
export function alreadyListed(req: { label: string; esco?: string }, skills: readonly ProfileSkill[]): boolean {
  for (const s of skills) {
    if (req.esco && s.esco === req.esco) return true;
    if (lexicalSimilarity(req.label, s.label) >= NEAR_DUPLICATE_SIMILARITY) return true;
    if (s.escoLabel && lexicalSimilarity(req.label, s.escoLabel) >= NEAR_DUPLICATE_SIMILARITY) return true;
  }
  return false;
}

/** Missing skills tried per counterfactual step, most promising first (the largest first-order gain). */
export const MAX_SKILL_TRIES = 12;

/**
 * Counterfactual improvements, recomputed with the scorer (never estimated). The semantic similarity is held fixed:
 * the pure core cannot re-embed the changed profile, so the figure is what the transparent components alone would give.
 *
 * Bounded work: the tries score a profile reduced to its evidence skills (same scores, see evidenceOnlyProfile), and
 * each step tries at most MAX_SKILL_TRIES missing skills, those whose own credit would add most to their component;
 * an ad with at most that many unmet skills gets the exhaustive greedy search. Licences and language levels are
 * always all tried (their lists are capped).
 */
export function counterfactualImprovements(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  weights: MatchWeights,
  ctx: MatchContext,
  maxSteps = 3,
  start?: MatchScore,
  display: (label: string, esco: string | undefined, lang: string | undefined) => DisplayLabel = (label, _e, lang) => ({ text: label, lang: lang ?? null }),
  licenceDisplay: (r: RequiredCredential) => DisplayLabel = (r) => ({ text: credentialLabel(r), lang: 'en' }),
): Improvement[] {
  const steps: Improvement[] = [];
  let currentScore = start ?? scoreMatch(vacancy, profile, weights, ctx);
  let current = evidenceOnlyProfile(profile, currentScore);
  // "Already listed" reads every skill of the full profile, once per requirement, then only the skills added since.
  const listed = new Map<number, boolean>();
  const added: ProfileSkill[] = [];
  const isListed = (i: number): boolean => {
    let v = listed.get(i);
    if (v === undefined) {
      v = alreadyListed(vacancy.skills[i]!, profile.skills) || alreadyListed(vacancy.skills[i]!, added);
      listed.set(i, v);
    }
    return v;
  };
  const limit = Math.max(0, Math.min(3, Math.floor(maxSteps)));
  while (steps.length < limit) {
    const candidates: Candidate[] = [];
    const credited = new Map<string, number>();
    for (const m of currentScore.matchedSkills) credited.set(keyOf(m), m.credit);
    const componentWeight = (name: string) => currentScore.components.find((c) => c.name === name)?.weight ?? 0;
    const share = { essential: 0, optional: 0 };
    const unmet: { c: Candidate; gain: number }[] = [];
    vacancy.skills.forEach((req, i) => {
      const weight = requirementWeight(req, weights.params, ctx.specificity);
      share[req.essential ? 'essential' : 'optional'] += weight;
      const credit = credited.get(keyOf(req)) ?? 0;
      if (credit >= MET || isListed(i)) return;
      // Adding the requirement's own skill earns full credit when it is linked, the lexical credit when it is not.
      const attainable = req.esco ? 1 : weights.params.lexicalCredit;
      const c: Candidate = { kind: 'skill', label: req.label, ...(req.esco ? { esco: req.esco } : {}), essential: req.essential, ...(req.lang ? { lang: req.lang } : {}) };
      unmet.push({ c, gain: (req.essential ? componentWeight('essentialSkills') : componentWeight('optionalSkills')) * weight * Math.max(0, attainable - credit) });
    });
    const perShare = (u: (typeof unmet)[number]) => u.gain / Math.max(1e-12, (u.c as { essential: boolean }).essential ? share.essential : share.optional);
    // Stable sort: equal gains keep the ad's order, and the kept ones are tried in the ad's order (ties break as before).
    const keep = unmet.length <= MAX_SKILL_TRIES ? null : new Set([...unmet].sort((a, b) => perShare(b) - perShare(a)).slice(0, MAX_SKILL_TRIES));
    for (const u of unmet) if (!keep || keep.has(u)) candidates.push(u.c);
    for (const l of currentScore.licences) if (l.credit < MET) candidates.push({ kind: 'licence', licence: l.required });
    for (const g of currentScore.languageGaps) candidates.push({ kind: 'language', code: g.code, level: g.required, from: g.have });
    let best: { c: Candidate; s: MatchScore } | null = null;
    for (const c of candidates) {
      const s = scoreMatch(vacancy, applyCandidate(current, c), weights, ctx);
      if (s.rawScore > currentScore.rawScore + 1e-12 && (!best || s.rawScore > best.s.rawScore + 1e-12)) best = { c, s };
    }
    if (!best) break;
    const gain = Math.round((best.s.score - currentScore.score) * 1e4) / 1e4;
    const c = best.c;
    if (c.kind === 'skill') {
      steps.push({ kind: 'skill', label: c.label, ...(c.esco ? { esco: c.esco } : {}), essential: c.essential, display: display(c.label, c.esco, c.lang), scoreAfter: best.s.score, gain });
      const skill = { label: c.label, ...(c.esco ? { esco: c.esco } : {}) };
      added.push(skill);
      for (const [i, v] of listed) if (!v && alreadyListed(vacancy.skills[i]!, [skill])) listed.set(i, true);
    } else if (c.kind === 'licence') steps.push({ kind: 'licence', licence: c.licence, display: licenceDisplay(c.licence), scoreAfter: best.s.score, gain });
    else steps.push({ ...c, scoreAfter: best.s.score, gain });
    current = applyCandidate(current, best.c);
    currentScore = best.s;
  }
  return steps;
}

const keyOf = (s: { label: string; esco?: string; essential: boolean }): string => `${s.essential ? 'E' : 'O'}|${s.esco ?? ''}|${s.label}`;

function reading(refs: readonly OccupationRef[], label: (r: OccupationRef) => DisplayLabel): OccupationReading {
  const masses = occupationMasses(refs);
  if (masses.length === 0) return { status: 'unknown', candidates: [] };
  return {
    status: masses[0]!.ref.source === 'set' ? 'set' : 'inferred',
    candidates: masses.slice(0, 3).map(({ ref, p }) => ({
      ...(ref.escoUri ? { escoUri: ref.escoUri } : {}),
      ...(ref.iscoCode ? { iscoCode: ref.iscoCode } : {}),
      label: label(ref),
      probability: Math.round(p * 1e4) / 1e4,
      source: ref.source,
    })),
  };
}

/** Score one pair and explain it: components, evidence, gaps, the occupation reading, a summary and counterfactuals. */
export function explainMatch(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  weights: MatchWeights,
  ctx: MatchContext,
  opts: ExplainOptions = {},
): { score: MatchScore; explanation: MatchExplanation } {
  const score = opts.score ?? scoreMatch(vacancy, profile, weights, ctx);
  const lang = negotiateLanguage(opts.languages ?? undefined);
  const labels = opts.labels;
  const fallbackLang = labels?.fallbackLang ?? 'en';
  const display = (label: string, esco: string | undefined, written: string | undefined): DisplayLabel => {
    if (written === lang) return { text: label, lang };
    const local = esco ? labels?.skill?.(esco, lang) : undefined;
    if (local) return { text: local, lang };
    return { text: label, lang: written ?? null };
  };
  const occLabel = (r: OccupationRef): DisplayLabel => {
    const local = r.escoUri ? labels?.occupation?.(r.escoUri, lang) : undefined;
    if (local) return { text: local, lang };
    return { text: r.label ?? r.iscoCode ?? r.escoUri ?? '?', lang: r.label ? fallbackLang : null };
  };
  const licenceDisplay = (r: RequiredCredential): DisplayLabel => credentialText(r, lang);
  const improve = counterfactualImprovements(vacancy, profile, weights, ctx, opts.maxImprove ?? 3, score, display, licenceDisplay);

  // A skill met by the very ESCO skill the seeker listed, where ESCO has no label in the reader's language: the
  // seeker's own words (written in the reader's language) read better than the vacancy's ("Vitalzeichen überwachen"
  // inside an Arabic sentence for someone who wrote "مراقبة العلامات الحيوية").
  const ownWords = profile.textLang === lang;
  const matchedDisplay = (m: (typeof score.matchedSkills)[number]): DisplayLabel => {
    const shown = display(m.label, m.esco, m.lang);
    return ownWords && shown.lang !== lang && m.evidence.how === 'exact' ? { text: m.evidence.label, lang } : shown;
  };
  const matchedSkills: SkillItem[] = score.matchedSkills.map((m) => ({ ...m, display: matchedDisplay(m), status: m.credit >= MET ? 'met' : 'partial' }));
  const missingSkills = score.missingSkills.map((m) => ({ ...m, display: display(m.label, m.esco, m.lang) }));
  const licences = score.licences.map((l) => ({ ...l, display: licenceDisplay(l.required) }));
  const occupation: OccupationExplanation = {
    fit: score.components.find((c) => c.name === 'occupation')?.value ?? 0,
    profile: reading(profile.occupations, occLabel),
    vacancy: reading(vacancy.occupations, occLabel),
  };

  // Counts, examples and the coverage figure all come from the one scoring pass above.
  const essential = matchedSkills.filter((m) => m.essential);
  const essentialComponent = score.components.find((c) => c.name === 'essentialSkills')!;
  const strongest =
    [...score.components].filter((c) => c.stated && c.contribution > 0).sort((a, b) => b.contribution - a.contribution)[0]?.name ?? 'semantic';
  const first = improve[0];
  const facts: SummaryFacts = {
    audience: opts.audience ?? 'seeker',
    score: score.score,
    strongest,
    occupation: { profile: occupation.profile, vacancy: occupation.vacancy },
    essential: {
      total: vacancy.skills.filter((s) => s.essential).length,
      met: essential.filter((m) => m.status === 'met').length,
      partial: essential.filter((m) => m.status === 'partial').length,
      coverage: essentialComponent.value,
      examples: [...essential].sort((a, b) => b.credit - a.credit).slice(0, 2).map((m) => m.display),
      missing: missingSkills.slice(0, 2).map((m) => m.display),
    },
    ...(score.languageGaps[0] ? { languageGap: score.languageGaps[0] } : {}),
    ...(first
      ? {
          improve:
            first.kind === 'language'
              ? { kind: 'language' as const, code: first.code, level: first.level, scoreAfter: first.scoreAfter }
              : { kind: first.kind, display: first.display, scoreAfter: first.scoreAfter },
        }
      : {}),
  };
  return {
    score,
    explanation: {
      components: score.components,
      matchedSkills,
      missingSkills,
      languageGaps: score.languageGaps,
      licences,
      experience: score.experience,
      occupation,
      lang,
      summary: renderSummary(lang, facts),
      improve,
      weightsVersion: score.weightsVersion,
    },
  };
}
