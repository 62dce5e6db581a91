import { cefrRank } from './cefr.js';
import { checkCredential } from './licences.js';
import { lexicalSimilarity, normalizeText } from './lexical.js';
import { expectedOccupationFit, occupationComponent, titleInVacancyOccupation, type OccupationRelation, type TitleFit } from './occupation-fit.js';
import {
  COMPONENT_NAMES,
  FIT_COMPONENTS,
  REQUIREMENT_GROUPS,
  type ComponentName,
  type CredentialCheck,
  type ExclusionReason,
  type ExperienceCheck,
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
    const overlapCredit = params.readingOverlapCredit ?? 0;
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
      // Lexical only when one side is unlinked: two distinct linked concepts must not match by spelling. A linked
      // profile skill also offers its ESCO label, so "قيادة الشاحنات الثقيلة" can meet an unlinked "drive heavy trucks";
      // with readings on, the English readings of lines in two other languages meet too.
      similarity = Math.max(skillLexical(req.label, s.label, params), s.escoLabel ? skillLexical(req.label, s.escoLabel, params) : 0);
      if (overlapCredit > 0) similarity = Math.max(similarity, readingSimilarity(req, s));
      if (similarity >= params.lexicalThreshold) credit = params.lexicalCredit * similarity;
    }
    // Neighbouring readings: one line's concept among the other's alternatives, or a concept both may mean.
    if (overlapCredit > credit && readingsMeet(req, s)) {
      credit = overlapCredit;
      how = 'related';
      similarity = overlapCredit;
    }
    if (credit > 0 && (!best || credit > best.credit)) {
      best = {
        label: req.label,
        ...(req.esco ? { esco: req.esco } : {}),
        essential: req.essential,
        ...(req.lang ? { lang: req.lang } : {}),
        credit,
        evidence: { label: s.label, ...(s.esco ? { esco: s.esco } : {}), how, similarity },
      };
      if (credit === 1) break;
    }
  }
  return best;
}

/**
 * Lexical similarity of two skill lines for the fallback, 0 unless some word of one begins as a word of the other
 * does: char trigrams alone let compounds that share only their last part meet ("Rohrinstallation" and
 * "Elektroinstallation" are different trades; German puts what decides first).
 */
function skillLexical(a: string, b: string, params: MatchParams): number {
  const sim = lexicalSimilarity(a, b);
  if (sim < params.lexicalThreshold) return sim;
  const ha = wordHeads(a);
  const hb = wordHeads(b);
  let shared = 0;
  for (const h of hb) if (ha.has(h)) shared++;
  if (shared === 0) return 0;
  // With lexicalHeadShare, most of the shorter line's content words must be shared: "préparations froides" (a
  // kitchen task) and "préparation de commandes" (warehouse) share only their generic first word.
  const need = params.lexicalHeadShare ?? 0;
  return shared / Math.max(1, Math.min(ha.size, hb.size)) >= need ? sim : 0;
}

/** Function words left out of the word-head check (the languages people write skills in). */
const FUNCTION_WORDS = new Set(
  'the and of for with to in on a an des les de la le et du en au aux pour avec sur un une los las del el y con por para al und der die das mit von für zum zur im am ein eine het een van voor met'.split(' '),
);

/** The first three letters of each content word (normalised), memoised by text. */
const headCache = new Map<string, Set<string>>();
function wordHeads(text: string): Set<string> {
  let h = headCache.get(text);
  if (!h) {
    h = new Set(
      normalizeText(text)
        .split(' ')
        .filter((w) => w.length >= 2 && !FUNCTION_WORDS.has(w))
        .map((w) => w.slice(0, 3)),
    );
    if (headCache.size > 50_000) headCache.clear();
    headCache.set(text, h);
  }
  return h;
}

/** The concepts a line may mean: its link first, then its alternatives (SkillReading). */
const concepts = (x: { esco?: string; alts?: readonly string[] }): readonly string[] => (x.alts?.length ? (x.esco ? [x.esco, ...x.alts] : x.alts) : x.esco ? [x.esco] : []);

/** Whether two lines' readings share a concept (their links alone are compared exactly before this). */
function readingsMeet(a: RequiredSkill, b: ProfileSkill): boolean {
  if (!a.alts?.length && !b.alts?.length) return false;
  const ca = concepts(a);
  if (ca.length === 0) return false;
  for (const c of concepts(b)) if (ca.includes(c)) return true;
  return false;
}

/** Lexical similarity of the English readings of two lines (and of a reading against the other's ESCO label). */
function readingSimilarity(req: RequiredSkill, s: ProfileSkill): number {
  let best = 0;
  if (req.reading) {
    best = Math.max(best, lexicalSimilarity(req.reading, s.reading ?? s.label));
    if (s.escoLabel) best = Math.max(best, lexicalSimilarity(req.reading, s.escoLabel));
  }
  if (s.reading) best = Math.max(best, lexicalSimilarity(req.label, s.reading));
  return best;
}

function languageFit(vacancy: VacancyFeatures, profile: ProfileFeatures, params: MatchParams) {
  const gaps: LanguageGap[] = [];
  if (vacancy.languages.length === 0) return { value: 0, gaps };
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

/** Mean of requirement credits, essential ones weighing 1 and optional ones `optionalRequirementWeight`. */
function weightedCredit(items: readonly { essential: boolean; credit: number }[], params: MatchParams): number {
  let n = 0;
  let sum = 0;
  for (const it of items) {
    const w = it.essential ? 1 : params.optionalRequirementWeight;
    n += w;
    sum += w * it.credit;
  }
  return n > 0 ? clamp01(sum / n) : 0;
}

/**
 * Years relevant to the vacancy's occupation: an entry with its own occupation counts by its fit to the vacancy's;
 * an entry without one by the best of its title's similarity to the vacancy title, its title checked against the
 * vacancy's occupation reading, and the profile's occupation fit (the profile's occupation is read from these titles).
 */
function relevantYears(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  profileFit: number,
  params: MatchParams,
  relation?: OccupationRelation,
  titleFit?: TitleFit,
): number {
  let years = 0;
  for (const e of profile.experience) {
    const lex = lexicalSimilarity(vacancy.title, e.title);
    const lexical = lex >= params.lexicalThreshold ? lex : 0;
    const occ = e.occupation
      ? expectedOccupationFit([{ ...e.occupation, source: 'set' }], vacancy.occupations, params.occupationLevelFit, relation)
      : Math.max(profileFit, titleFit ? titleInVacancyOccupation(e.title, vacancy, titleFit) : 0);
    years += Math.max(0, e.years) * Math.max(lexical, occ);
  }
  return years;
}

function experienceChecks(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  profileFit: number,
  params: MatchParams,
  relation?: OccupationRelation,
  titleFit?: TitleFit,
): ExperienceCheck[] {
  const r = vacancy.requirements;
  const checks: ExperienceCheck[] = [];
  if (r.experienceYears && r.experienceYears.min > 0) {
    const have = profile.experience.reduce((s, e) => s + Math.max(0, e.years), 0);
    checks.push({ kind: 'experienceYears', essential: r.experienceYears.essential, required: r.experienceYears.min, have, credit: clamp01(have / r.experienceYears.min) });
  }
  if (r.occupationYears && r.occupationYears.min > 0) {
    const have = Math.round(relevantYears(vacancy, profile, profileFit, params, relation, titleFit) * 10) / 10;
    checks.push({ kind: 'occupationYears', essential: r.occupationYears.essential, required: r.occupationYears.min, have, credit: clamp01(have / r.occupationYears.min) });
  }
  if (r.education && r.education.minLevel > 0) {
    const have = profile.educationLevel ?? null;
    const min = r.education.minLevel;
    // One level short earns half; an unstated level earns nothing (a claim is needed for credit).
    const credit = have === null ? 0 : have >= min ? 1 : clamp01(have / min) * 0.5;
    checks.push({ kind: 'education', essential: r.education.essential, required: min, have, credit });
  }
  return checks;
}

export interface ComponentValues {
  values: Record<ComponentName, number>;
  /** Whether the vacancy states the requirement behind each component (fit components are always stated). */
  stated: Record<ComponentName, boolean>;
  matchedSkills: SkillMatch[];
  missingSkills: MatchScore['missingSkills'];
  missingOptionalSkills: MatchScore['missingOptionalSkills'];
  languageGaps: LanguageGap[];
  licences: CredentialCheck[];
  experience: ExperienceCheck[];
  /**
   * The cosine against the language pair's floor, unclamped, in units of that pair's spread (see
   * `MatchParams.semanticFloors.spreads`): negative below the floor. Not a component (below the floor the texts earn
   * nothing); it orders exact score ties (`MatchScore.closeness`, `compareRanked`).
   */
  closeness: number;
}

/** The component values in [0,1], independent of the weights (used by tuning). */
/**
 * How much one requirement weighs in its coverage mean: its skill's specificity (occupation idf) when the weights use
 * one, `unlinkedSpecificity` for a line without an ESCO link (and for a linked skill no occupation lists), else 1.
 * The explanation's "what would raise your score" uses the same weight.
 */
export function requirementWeight(req: RequiredSkill, params: MatchParams, specificity: MatchContext['specificity']): number {
  if (!specificity) return 1;
  if (!req.esco) return params.unlinkedSpecificity ?? 1;
  const s = specificity(req.esco);
  return Math.max(1e-6, Number.isFinite(s) ? s : (params.unlinkedSpecificity ?? 1));
}

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
    const w = requirementWeight(req, params, ctx.specificity);
    const missing = { label: req.label, ...(req.esco ? { esco: req.esco } : {}), ...(req.lang ? { lang: req.lang } : {}) };
    if (req.essential) {
      essN += w;
      essSum += w * (m?.credit ?? 0);
      if (!m) missingSkills.push({ ...missing, essential: true });
    } else {
      optN += w;
      optSum += w * (m?.credit ?? 0);
      if (!m) missingOptionalSkills.push({ ...missing, essential: false });
    }
    if (m) matchedSkills.push(m);
  }
  const lang = languageFit(vacancy, profile, params);
  const floor = semanticFloorFor(params, vacancy.textLang, profile.textLang);
  const relation = ctx.occupationRelatedness ? { related: ctx.occupationRelatedness, credit: params.occupationRelatedCredit } : undefined;
  const occupation = occupationComponent(
    profile,
    vacancy,
    params.occupationLevelFit,
    relation,
    ctx.occupationTitleFit ? { fit: ctx.occupationTitleFit, credit: params.occupationTitleCredit } : undefined,
    ctx.occupationSkillFit && params.occupationSkillCredit ? { fit: ctx.occupationSkillFit, credit: params.occupationSkillCredit } : undefined,
  );
  const checks = experienceChecks(vacancy, profile, occupation, params, relation, ctx.occupationTitleFit);
  const experience = checks.filter((c) => c.kind !== 'education');
  const education = checks.filter((c) => c.kind === 'education');
  const skillLabels = profile.skills.map((s) => s.label);
  const licences = vacancy.requirements.licences.map((r) => checkCredential(r, profile.licences, skillLabels, params));
  const semanticMargin = Number.isFinite(ctx.semantic) ? (ctx.semantic - floor) / (1 - floor) : -1;
  const spread = semanticSpreadFor(params, vacancy.textLang, profile.textLang);
  const closeness = !Number.isFinite(ctx.semantic) ? -1e3 : spread ? (ctx.semantic - floor) / spread : semanticMargin;
  const values: Record<ComponentName, number> = {
    semantic: clamp01(semanticMargin),
    essentialSkills: essN === 0 ? 0 : clamp01(essSum / essN),
    optionalSkills: optN === 0 ? 0 : clamp01(optSum / optN),
    occupation,
    language: clamp01(lang.value),
    location: locationFit(vacancy, profile, params),
    experience: weightedCredit(experience, params),
    education: weightedCredit(education, params),
    licences: weightedCredit(licences.map((l) => ({ essential: l.required.essential, credit: l.credit })), params),
  };
  const stated: Record<ComponentName, boolean> = {
    semantic: true,
    occupation: true,
    location: true,
    essentialSkills: essN > 0,
    optionalSkills: optN > 0,
    language: vacancy.languages.length > 0,
    experience: experience.length > 0,
    education: education.length > 0,
    licences: licences.length > 0,
  };
  return { values, stated, matchedSkills, missingSkills, missingOptionalSkills, languageGaps: lang.gaps, licences, experience: checks, closeness };
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
 * The weights that apply to one pair: fit components keep their normalised weight; each requirement group's share is
 * spread over the requirements of that group the vacancy states, in proportion to their weights; a group with
 * nothing stated earns nothing (see REQUIREMENT_GROUPS).
 */
export function effectiveWeights(normalized: Record<ComponentName, number>, stated: Record<ComponentName, boolean>): Record<ComponentName, number> {
  const out = {} as Record<ComponentName, number>;
  for (const n of FIT_COMPONENTS) out[n] = normalized[n];
  for (const group of REQUIREMENT_GROUPS) {
    let share = 0;
    let statedShare = 0;
    for (const n of group) {
      share += normalized[n];
      if (stated[n]) statedShare += normalized[n];
    }
    for (const n of group) out[n] = stated[n] && statedShare > 0 ? (normalized[n] * share) / statedShare : 0;
  }
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

/** Components whose weight the place gate scales (see MatchParams.placeGateAt). */
export const PLACE_COMPONENTS: readonly ComponentName[] = ['location', 'language'];

/**
 * The place gate of one pair, in [0,1] (1 without `placeGateAt`): min(1, relevance / placeGateAt), relevance = the
 * larger of the occupation component and the essential-skills component when the vacancy states essential skills.
 */
export function placeGate(
  values: Readonly<Record<ComponentName, number>>,
  stated: Readonly<Record<ComponentName, boolean>>,
  params: MatchParams,
  audience: MatchContext['audience'] = 'seeker',
): number {
  const at = audience === 'employer' ? (params.employerPlaceGateAt ?? params.placeGateAt) : params.placeGateAt;
  if (at === undefined || !(at > 0)) return 1;
  const relevance = Math.max(values.occupation, stated.essentialSkills ? values.essentialSkills : 0);
  const floor = params.placeGateFloor ?? 0;
  return floor + (1 - floor) * clamp01(relevance / at);
}

/** One pair's score before rounding, decomposed: component values, the effective weights of this pair, raw parts. */
export interface ScoreParts {
  components: ComponentValues;
  /** Normalised weights after the renormalisation of unstated requirements and the place gate. */
  weights: Record<ComponentName, number>;
  /** weights × values, in COMPONENT_NAMES order; they sum to rawScore. */
  raw: number[];
  rawScore: number;
}

/**
 * The one decomposition of a score: everything that reports a pair's parts (the served score, the bias report's proxy
 * check) calls this, so no report can attribute a score to weights the score did not use.
 */
export function scoreParts(vacancy: VacancyFeatures, profile: ProfileFeatures, weights: MatchWeights, ctx: MatchContext): ScoreParts {
  const c = computeComponents(vacancy, profile, weights.params, ctx);
  const w = effectiveWeights(normalizedWeights(weights.weights), c.stated);
  // the place weighs in proportion to how well the job fits (the effective weight of this pair says so)
  const gate = placeGate(c.values, c.stated, weights.params, ctx.audience);
  if (gate < 1) for (const n of PLACE_COMPONENTS) w[n] *= gate;
  const raw = COMPONENT_NAMES.map((n) => w[n] * c.values[n]);
  return { components: c, weights: w, raw, rawScore: raw.reduce((a, b) => a + b, 0) };
}

/** Transparent weighted score of one vacancy–profile pair, with its parts. Pure. */
export function scoreMatch(
  vacancy: VacancyFeatures,
  profile: ProfileFeatures,
  weights: MatchWeights,
  ctx: MatchContext,
): MatchScore {
  const { components: c, weights: w, raw, rawScore } = scoreParts(vacancy, profile, weights, ctx);
  const { units, total } = roundContributions(raw);
  const components: MatchComponent[] = COMPONENT_NAMES.map((name, i) => ({
    name,
    value: Math.round(c.values[name] * 1e4) / 1e4,
    weight: Math.round(w[name] * 1e4) / 1e4,
    contribution: units[i]! / 1e4,
    stated: c.stated[name],
  }));
  return {
    score: total / 1e4,
    rawScore,
    closeness: Math.round(c.closeness * 1e4) / 1e4,
    components,
    matchedSkills: c.matchedSkills,
    missingSkills: c.missingSkills,
    missingOptionalSkills: c.missingOptionalSkills,
    languageGaps: c.languageGaps,
    licences: c.licences,
    experience: c.experience,
    weightsVersion: weights.version,
  };
}

export interface HardConstraintOptions {
  /** Evaluation time (ISO string or epoch ms); pass it in so the function stays pure. */
  now: string | number;
  /** Employer-side listings also require the seeker's visibility consent. */
  requireVisibility: boolean;
  /** false: the vacancy's own state is not checked (employer rankings: the caller refuses a vacancy that is not open). */
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

/**
 * The spread of the language pair's unrelated cosines (floor minus median), the unit of `closeness`; undefined when
 * the weights carry no spreads.
 */
export function semanticSpreadFor(params: MatchParams, a: string | undefined, b: string | undefined): number | undefined {
  const s = params.semanticFloors?.spreads;
  if (!s || !a || !b) return undefined;
  if (a === 'und' || b === 'und') return Math.max(s.same, s.cross);
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  const x = s.pairs[key] ?? (a === b ? s.same : s.cross);
  return x > 1e-6 ? x : undefined;
}

/**
 * The semantic floor for a pair of texts: by their detected language pair when the weights carry per-pair floors,
 * else the general floor. The languages come from the texts, never from the profile's `lang`.
 */
export function semanticFloorFor(params: MatchParams, a: string | undefined, b: string | undefined): number {
  const f = params.semanticFloors;
  // Features built without a detected language (pure callers, older benches) keep the general floor.
  if (!f || !a || !b) return params.semanticFloor;
  // A text whose language cannot be told gets the stricter of the two fallbacks (no same-language bonus by accident).
  if (a === 'und' || b === 'und') return Math.max(f.same, f.cross);
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  return f.pairs[key] ?? (a === b ? f.same : f.cross);
}
