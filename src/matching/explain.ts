import { negotiateLanguage, renderSummary, type Audience } from './i18n.js';
import { normalizedWeights, scoreMatch } from './scorer.js';
import { evidenceOnlyProfile } from './evidence-skills.js';
import type {
  CefrLevel,
  LanguageGap,
  MatchComponent,
  MatchContext,
  MatchScore,
  MatchWeights,
  ProfileFeatures,
  SkillMatch,
  VacancyFeatures,
} from './types.js';

export type Improvement =
  | { kind: 'skill'; label: string; esco?: string; essential: boolean; scoreAfter: number; gain: number }
  | { kind: 'language'; code: string; level: CefrLevel; from: CefrLevel | null; scoreAfter: number; gain: number };

export interface MatchExplanation {
  components: MatchComponent[];
  matchedSkills: SkillMatch[];
  missingSkills: MatchScore['missingSkills'];
  languageGaps: LanguageGap[];
  /** Language of `summary` (negotiated from the preference list). */
  lang: string;
  summary: string;
  /**
   * Greedy counterfactual: each step adds the one missing skill or language level that raises the score most,
   * given the previous steps; `scoreAfter` is the recomputed score with this and all previous steps applied.
   */
  improve: Improvement[];
  weightsVersion: string;
}

export interface ExplainOptions {
  /** Accept-Language header or ordered language list. */
  languages?: string | readonly string[] | null;
  audience?: Audience;
  /** 1..3 counterfactual steps (default 3). */
  maxImprove?: number;
  /** The pair's score for this context when the caller already has it (the ranker's), so it is not computed again. */
  score?: MatchScore;
}

type Candidate =
  | { kind: 'skill'; label: string; esco?: string; essential: boolean }
  | { kind: 'language'; code: string; level: CefrLevel; from: CefrLevel | null };

function applyCandidate(profile: ProfileFeatures, c: Candidate): ProfileFeatures {
  if (c.kind === 'skill') return { ...profile, skills: [...profile.skills, { label: c.label, ...(c.esco ? { esco: c.esco } : {}) }] };
  return {
    ...profile,
    languages: [...profile.languages.filter((l) => l.code.toLowerCase() !== c.code), { code: c.code, level: c.level }],
  };
}

/** Missing skills tried per counterfactual step, most important first (essential, specific, least credited). */
export const MAX_SKILL_TRIES = 12;

/**
 * Counterfactual improvements, recomputed with the scorer (never estimated). The semantic similarity is held fixed:
 * the pure core cannot re-embed the changed profile, so the figure is what the transparent components alone would give.
 */
export function counterfactualImprovements(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  weights: MatchWeights,
  ctx: MatchContext,
  maxSteps = 3,
  start?: MatchScore,
): Improvement[] {
  const steps: Improvement[] = [];
  let currentScore = start ?? scoreMatch(vacancy, profile, weights, ctx);
  // Same scores with only the evidence skills: the cost no longer grows with the profile's length.
  let current = evidenceOnlyProfile(profile, currentScore);
  const limit = Math.max(0, Math.min(3, Math.floor(maxSteps)));
  while (steps.length < limit) {
    const candidates: Candidate[] = [];
    const credited = new Map<SkillKey, number>();
    for (const m of currentScore.matchedSkills) credited.set(keyOf(m), m.credit);
    // Bounded work: only the unmet requirements with the largest first-order gain (the component's weight × the
    // requirement's share × its missing credit) are scored; an ad with at most MAX_SKILL_TRIES unmet tries them all.
    const unmet: { c: Candidate; gain: number; essential: boolean }[] = [];
    const share = { essential: 0, optional: 0 };
    for (const req of vacancy.skills) {
      const weight = req.esco && ctx.specificity ? Math.max(1e-6, ctx.specificity(req.esco)) : 1;
      share[req.essential ? 'essential' : 'optional'] += weight;
      const credit = credited.get(keyOf(req)) ?? 0;
      if (credit >= 1) continue;
      // Adding the requirement's own skill earns full credit when it is linked, the lexical credit when it is not.
      const attainable = req.esco ? 1 : weights.params.lexicalCredit;
      const c: Candidate = { kind: 'skill', label: req.label, ...(req.esco ? { esco: req.esco } : {}), essential: req.essential };
      unmet.push({ c, gain: weight * Math.max(0, attainable - credit), essential: req.essential });
    }
    const w = normalizedWeights(weights.weights);
    const firstOrder = (u: (typeof unmet)[number]) =>
      u.essential ? (w.essentialSkills * u.gain) / share.essential : (w.optionalSkills * u.gain) / share.optional;
    const keep = unmet.length <= MAX_SKILL_TRIES ? null : new Set([...unmet].sort((a, b) => firstOrder(b) - firstOrder(a)).slice(0, MAX_SKILL_TRIES));
    for (const u of unmet) if (!keep || keep.has(u)) candidates.push(u.c); // in the ad's order, so ties break as before
    for (const g of currentScore.languageGaps) candidates.push({ kind: 'language', code: g.code, level: g.required, from: g.have });
    let best: { c: Candidate; s: MatchScore } | null = null;
    for (const c of candidates) {
      const s = scoreMatch(vacancy, applyCandidate(current, c), weights, ctx);
      if (s.rawScore > currentScore.rawScore + 1e-12 && (!best || s.rawScore > best.s.rawScore + 1e-12)) best = { c, s };
    }
    if (!best) break;
    const gain = Math.round((best.s.score - currentScore.score) * 1e4) / 1e4;
    steps.push({ ...best.c, scoreAfter: best.s.score, gain });
    current = applyCandidate(current, best.c);
    currentScore = best.s;
  }
  return steps;
}

type SkillKey = string;
const keyOf = (s: { label: string; esco?: string; essential: boolean }): SkillKey => `${s.essential ? 'E' : 'O'}|${s.esco ?? ''}|${s.label}`;

/** Score one pair and explain it: components, evidence, gaps, a localised summary and counterfactual steps. */
export function explainMatch(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  weights: MatchWeights,
  ctx: MatchContext,
  opts: ExplainOptions = {},
): { score: MatchScore; explanation: MatchExplanation } {
  const score = opts.score ?? scoreMatch(vacancy, profile, weights, ctx);
  const improve = counterfactualImprovements(vacancy, profile, weights, ctx, opts.maxImprove ?? 3, score);
  const lang = negotiateLanguage(opts.languages ?? undefined);
  // Components with no requirement behind them (nothing listed) are not named as the reason for a match.
  const uninformative = new Set<string>();
  if (!vacancy.skills.some((s) => s.essential)) uninformative.add('essentialSkills');
  if (!vacancy.skills.some((s) => !s.essential)) uninformative.add('optionalSkills');
  if (vacancy.languages.length === 0) uninformative.add('language');
  if (!vacancy.minExperienceYears && !vacancy.minEducationLevel) uninformative.add('experience');
  if (!vacancy.occupation) uninformative.add('occupation');
  const strongest =
    [...score.components].filter((c) => !uninformative.has(c.name) && c.contribution > 0).sort((a, b) => b.contribution - a.contribution)[0]?.name ??
    'semantic';
  const essentialMatched = score.matchedSkills.filter((m) => m.essential);
  const essentialTotal = vacancy.skills.filter((s) => s.essential).length;
  const first = improve[0];
  const summary = renderSummary(lang, {
    audience: opts.audience ?? 'seeker',
    score: score.score,
    strongest,
    essentialTotal,
    essentialMet: essentialMatched.length,
    matchedExamples: [...essentialMatched].sort((a, b) => b.credit - a.credit).slice(0, 2).map((m) => m.label),
    missingEssential: score.missingSkills.slice(0, 2).map((m) => m.label),
    ...(score.languageGaps[0] ? { languageGap: score.languageGaps[0] } : {}),
    ...(first
      ? {
          improve:
            first.kind === 'skill'
              ? { kind: 'skill' as const, label: first.label, scoreAfter: first.scoreAfter }
              : { kind: 'language' as const, code: first.code, level: first.level, scoreAfter: first.scoreAfter },
        }
      : {}),
  });
  return {
    score,
    explanation: {
      components: score.components,
      matchedSkills: score.matchedSkills,
      missingSkills: score.missingSkills,
      languageGaps: score.languageGaps,
      lang,
      summary,
      improve,
      weightsVersion: score.weightsVersion,
    },
  };
}
