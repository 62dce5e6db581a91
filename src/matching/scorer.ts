import { cefrRank } from './cefr.js';
import { lexicalSimilarity } from './lexical.js';
import { occupationPairFit } from './occupation-fit.js';
import {
  COMPONENT_NAMES,
  type ComponentName,
  type ExclusionReason,
  type LanguageGap,
  type MatchComponent,
  type MatchContext,
  type MatchParams,
  type MatchScore,
  type MatchWeights,
  type ProfileFeatures,
  type ProfileSkill,
  type RequiredSkill,
  type SkillMatch,
  type VacancyFeatures,
} from './types.js';

/** Contributions and score are integer multiples of this unit (4 decimals). */
export const SCORE_UNIT = 1e-4;

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Best profile evidence for one required skill: exact URI, then ESCO-related URI, then lexical label similarity. */
export function bestEvidence(
  req: RequiredSkill,
  skills: readonly ProfileSkill[],
  params: MatchParams,
  relatedness?: MatchContext['relatedness'],
): SkillMatch | null {
  let best: SkillMatch | null = null;
  for (const s of skills) {
    let credit = 0;
    let how: SkillMatch['evidence']['how'] = 'lexical';
    let similarity = 0;
    if (req.esco && s.esco) {
      if (req.esco === s.esco) {
        credit = 1;
        how = 'exact';
        similarity = 1;
      } else if (relatedness) {
        const r = clamp01(relatedness(req.esco, s.esco));
        if (r > 0) {
          credit = params.relatedCredit * r;
          how = 'related';
          similarity = r;
        }
      }
    } else {
      // Lexical only when one side is unlinked: two distinct linked concepts must not match by spelling.
      similarity = lexicalSimilarity(req.label, s.label);
      if (similarity >= params.lexicalThreshold) credit = params.lexicalCredit * similarity;
    }
    if (credit > 0 && (!best || credit > best.credit)) {
      best = {
        label: req.label,
        ...(req.esco ? { esco: req.esco } : {}),
        essential: req.essential,
        credit,
        evidence: { label: s.label, ...(s.esco ? { esco: s.esco } : {}), how, similarity },
      };
      if (credit === 1) break;
    }
  }
  return best;
}

function languageFit(vacancy: VacancyFeatures, profile: ProfileFeatures, params: MatchParams) {
  const gaps: LanguageGap[] = [];
  if (vacancy.languages.length === 0) return { value: 1, gaps };
  let sum = 0;
  for (const req of vacancy.languages) {
    const code = req.code.toLowerCase();
    let haveRank = 0;
    let have: LanguageGap['have'] = null;
    for (const l of profile.languages) {
      if (l.code.toLowerCase() === code && cefrRank(l.level) > haveRank) {
        haveRank = cefrRank(l.level);
        have = l.level;
      }
    }
    const short = cefrRank(req.level) - haveRank;
    if (short <= 0) sum += 1;
    else {
      gaps.push({ code, required: req.level, have });
      sum += have === null ? 0 : clamp01(1 - params.languagePenaltyPerLevel * short);
    }
  }
  return { value: sum / vacancy.languages.length, gaps };
}

function locationFit(vacancy: VacancyFeatures, profile: ProfileFeatures, params: MatchParams): number {
  if (vacancy.remote || !vacancy.country) return 1;
  const c = vacancy.country.toUpperCase();
  if (profile.residenceCountry?.toUpperCase() === c) return 1;
  if (profile.destinations.some((d) => d.toUpperCase() === c)) return 1;
  return profile.destinations.length === 0 ? params.noDestinationValue : 0;
}

function occupationFit(vacancy: VacancyFeatures, profile: ProfileFeatures, params: MatchParams): number {
  const v = vacancy.occupation;
  if (!v) return 0.5; // unknown vacancy occupation: uninformative, same for every profile
  let best = 0;
  const refs = [...profile.occupations, ...profile.experience.flatMap((e) => (e.occupation ? [e.occupation] : []))];
  for (const p of refs) {
    best = Math.max(best, occupationPairFit(v, p, params.occupationLevelFit));
    if (best === 1) break;
  }
  return best;
}

function experienceFit(vacancy: VacancyFeatures, profile: ProfileFeatures, params: MatchParams): number {
  const parts: number[] = [];
  if (vacancy.minExperienceYears && vacancy.minExperienceYears > 0) {
    // Relevant years: entries whose occupation or title is close to the vacancy's.
    let years = 0;
    for (const e of profile.experience) {
      const occ = vacancy.occupation && e.occupation ? occupationPairFit(vacancy.occupation, e.occupation, params.occupationLevelFit) : 0;
      const lex = lexicalSimilarity(vacancy.title, e.title);
      const relevance = Math.max(occ, lex >= params.lexicalThreshold ? lex : 0);
      years += Math.max(0, e.years) * relevance;
    }
    parts.push(clamp01(years / vacancy.minExperienceYears));
  }
  if (vacancy.minEducationLevel !== undefined && vacancy.minEducationLevel > 0) {
    const have = profile.educationLevel ?? 0;
    parts.push(have >= vacancy.minEducationLevel ? 1 : clamp01(have / vacancy.minEducationLevel) * 0.5);
  }
  return parts.length === 0 ? 1 : parts.reduce((a, b) => a + b, 0) / parts.length;
}

export interface ComponentValues {
  values: Record<ComponentName, number>;
  matchedSkills: SkillMatch[];
  missingSkills: MatchScore['missingSkills'];
  missingOptionalSkills: MatchScore['missingOptionalSkills'];
  languageGaps: LanguageGap[];
}

/** The component values in [0,1], independent of the weights (used by tuning). */
export function computeComponents(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  params: MatchParams,
  ctx: MatchContext,
): ComponentValues {
  const matchedSkills: SkillMatch[] = [];
  const missingSkills: MatchScore['missingSkills'] = [];
  const missingOptionalSkills: MatchScore['missingOptionalSkills'] = [];
  let essN = 0;
  let essSum = 0;
  let optN = 0;
  let optSum = 0;
  for (const req of vacancy.skills) {
    const m = bestEvidence(req, profile.skills, params, ctx.relatedness);
    const w = req.esco && ctx.specificity ? Math.max(1e-6, ctx.specificity(req.esco)) : 1;
    if (req.essential) {
      essN += w;
      essSum += w * (m?.credit ?? 0);
      if (!m) missingSkills.push({ label: req.label, ...(req.esco ? { esco: req.esco } : {}), essential: true });
    } else {
      optN += w;
      optSum += w * (m?.credit ?? 0);
      if (!m) missingOptionalSkills.push({ label: req.label, ...(req.esco ? { esco: req.esco } : {}), essential: false });
    }
    if (m) matchedSkills.push(m);
  }
  const lang = languageFit(vacancy, profile, params);
  const floor = params.semanticFloor;
  const values: Record<ComponentName, number> = {
    semantic: clamp01((ctx.semantic - floor) / (1 - floor)),
    essentialSkills: essN === 0 ? params.emptySkillsValue : clamp01(essSum / essN),
    optionalSkills: optN === 0 ? params.emptySkillsValue : clamp01(optSum / optN),
    occupation: occupationFit(vacancy, profile, params),
    language: clamp01(lang.value),
    location: locationFit(vacancy, profile, params),
    experience: experienceFit(vacancy, profile, params),
  };
  return { values, matchedSkills, missingSkills, missingOptionalSkills, languageGaps: lang.gaps };
}

/** Weights normalised to sum 1 (non-negative), so the score stays in [0,1]. */
export function normalizedWeights(weights: MatchWeights['weights']): Record<ComponentName, number> {
  let total = 0;
  for (const n of COMPONENT_NAMES) total += Math.max(0, weights[n] ?? 0);
  const out = {} as Record<ComponentName, number>;
  for (const n of COMPONENT_NAMES) out[n] = total > 0 ? Math.max(0, weights[n] ?? 0) / total : 1 / COMPONENT_NAMES.length;
  return out;
}

/**
 * Rounded contributions whose sum is exactly the rounded score: each contribution is floored to 1e-4 units and the
 * remaining units go to the largest remainders (largest-remainder method), so Σ units = round(rawScore × 1e4).
 */
function roundContributions(raw: number[]): { units: number[]; total: number } {
  const scaled = raw.map((c) => c / SCORE_UNIT);
  const units = scaled.map((s) => Math.floor(s + 1e-9));
  const target = Math.round(scaled.reduce((a, b) => a + b, 0));
  let missing = target - units.reduce((a, b) => a + b, 0);
  const order = scaled.map((s, i) => ({ i, rem: s - Math.floor(s + 1e-9) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; missing > 0 && k < order.length; k++, missing--) units[order[k]!.i]! += 1;
  return { units, total: target };
}

/** Transparent weighted score of one vacancy–profile pair, with its parts. Pure. */
export function scoreMatch(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  weights: MatchWeights,
  ctx: MatchContext,
): MatchScore {
  const c = computeComponents(vacancy, profile, weights.params, ctx);
  const w = normalizedWeights(weights.weights);
  const raw = COMPONENT_NAMES.map((n) => w[n] * c.values[n]);
  const rawScore = raw.reduce((a, b) => a + b, 0);
  const { units, total } = roundContributions(raw);
  const components: MatchComponent[] = COMPONENT_NAMES.map((name, i) => ({
    name,
    value: Math.round(c.values[name] * 1e4) / 1e4,
    weight: Math.round(w[name] * 1e4) / 1e4,
    contribution: units[i]! / 1e4,
  }));
  return {
    score: total / 1e4,
    rawScore,
    components,
    matchedSkills: c.matchedSkills,
    missingSkills: c.missingSkills,
    missingOptionalSkills: c.missingOptionalSkills,
    languageGaps: c.languageGaps,
    weightsVersion: weights.version,
  };
}

export interface HardConstraintOptions {
  /** Evaluation time (ISO string or epoch ms); pass it in so the function stays pure. */
  now: string | number;
  /** Employer-side listings also require the seeker's visibility consent. */
  requireVisibility: boolean;
  /** false: the vacancy's own state is not checked (its owner previews matches for a draft or closed vacancy). */
  checkVacancy?: boolean;
}

/** Why a pair is excluded (empty array = eligible). Hard constraints remove results instead of lowering scores. */
export function hardConstraintViolations(
  vacancy: Pick<VacancyFeatures, 'status' | 'expiresAt'>,
  profile: Pick<ProfileFeatures, 'consent'>,
  opts: HardConstraintOptions,
): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  const checkVacancy = opts.checkVacancy !== false;
  if (checkVacancy && vacancy.status !== 'open') reasons.push('VACANCY_NOT_OPEN');
  if (checkVacancy && vacancy.expiresAt) {
    const exp = Date.parse(vacancy.expiresAt);
    const now = typeof opts.now === 'number' ? opts.now : Date.parse(opts.now);
    if (!Number.isFinite(exp) || exp <= now) reasons.push('VACANCY_EXPIRED');
  }
  if (!profile.consent.matching) reasons.push('NO_MATCHING_CONSENT');
  if (opts.requireVisibility && !profile.consent.visibleToEmployers) reasons.push('NOT_VISIBLE_TO_EMPLOYERS');
  return reasons;
}

/** Split candidate pairs into eligible ones and per-reason removal counts (a pair may count under several reasons). */
export function applyHardConstraints<T>(
  items: readonly T[],
  pair: (item: T) => { vacancy: Pick<VacancyFeatures, 'status' | 'expiresAt'>; profile: Pick<ProfileFeatures, 'consent'> },
  opts: HardConstraintOptions,
): { kept: T[]; removed: number; removedByReason: Partial<Record<ExclusionReason, number>> } {
  const kept: T[] = [];
  const removedByReason: Partial<Record<ExclusionReason, number>> = {};
  let removed = 0;
  for (const item of items) {
    const { vacancy, profile } = pair(item);
    const reasons = hardConstraintViolations(vacancy, profile, opts);
    if (reasons.length === 0) kept.push(item);
    else {
      removed++;
      for (const r of reasons) removedByReason[r] = (removedByReason[r] ?? 0) + 1;
    }
  }
  return { kept, removed, removedByReason };
}
