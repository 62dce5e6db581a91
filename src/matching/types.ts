/**
 * Feature model for matching. These are plain data the service prepares from stored rows.
 * Protected attributes (sex, age, nationality, ethnicity, religion, disability, …) have no field here on purpose:
 * the scorer cannot receive them. Residence and destinations are location fit, never nationality.
 */

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

export interface LanguageLevel {
  /** ISO 639-1 code, lowercase ("fr"). */
  code: string;
  level: CefrLevel;
}

/** An occupation set by the user or suggested by title normalisation. */
export interface OccupationRef {
  escoUri?: string;
  /** ISCO-08 code (1–4 digits), or an ESCO occupation code such as "2654.1.7" (finer levels after the dots). */
  iscoCode?: string;
  source: 'set' | 'suggested';
  /** Suggestion confidence 0..1 (1 for user-set codes). */
  confidence?: number;
  label?: string;
}

export interface RequiredSkill {
  label: string;
  /** ESCO skill URI when linked (set or suggested). */
  esco?: string;
  essential: boolean;
}

export interface ProfileSkill {
  label: string;
  esco?: string;
}

export interface ExperienceEntry {
  title: string;
  years: number;
  country?: string;
  occupation?: OccupationRef;
}

/** ISCED 2011 level 0..8. */
export type EducationLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export type VacancyStatus = 'draft' | 'open' | 'closed' | 'filled' | 'archived' | 'held';

export interface VacancyFeatures {
  id: string;
  title: string;
  occupation?: OccupationRef;
  skills: RequiredSkill[];
  languages: LanguageLevel[];
  /** ISO 3166-1 alpha-2, uppercase. */
  country?: string;
  region?: string;
  remote: boolean;
  status: VacancyStatus;
  /** ISO timestamp or null for no expiry. */
  expiresAt?: string | null;
  minExperienceYears?: number;
  minEducationLevel?: EducationLevel;
}

export interface ProfileConsent {
  /** The seeker agreed to be matched at all. */
  matching: boolean;
  /** The seeker agreed that employers may see them in candidate lists. */
  visibleToEmployers: boolean;
}

export interface ProfileFeatures {
  id: string;
  /** Occupations set or suggested from desired/past titles, best first. */
  occupations: OccupationRef[];
  skills: ProfileSkill[];
  experience: ExperienceEntry[];
  languages: LanguageLevel[];
  residenceCountry?: string;
  /** Countries the seeker wants to work in; empty means "no preference stated". */
  destinations: string[];
  educationLevel?: EducationLevel;
  consent: ProfileConsent;
}

export const COMPONENT_NAMES = [
  'semantic',
  'essentialSkills',
  'optionalSkills',
  'occupation',
  'language',
  'location',
  'experience',
] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export type ComponentWeights = Record<ComponentName, number>;

/** Tunable parameters of the component functions (versioned together with the weights). */
export interface MatchParams {
  /** Cosines at or below this floor map to 0; 1 maps to 1. */
  semanticFloor: number;
  /** Credit for an ESCO-related (not identical) skill, multiplied by the relatedness (0..1). */
  relatedCredit: number;
  /** Lexical similarity below this threshold earns nothing. */
  lexicalThreshold: number;
  /** Credit factor for a lexical (unlinked) match, multiplied by the similarity. */
  lexicalCredit: number;
  /** Value of a skill coverage component when the vacancy lists no skill of that kind. */
  emptySkillsValue: number;
  /** Occupation fit by number of shared ISCO/ESCO code levels: index = shared levels (0..6+). */
  occupationLevelFit: number[];
  /** Location fit when the seeker stated no destination and does not reside in the country. */
  noDestinationValue: number;
  /** Language fit lost per CEFR level short of the requirement. */
  languagePenaltyPerLevel: number;
  /**
   * Feature building, not scoring: weight of title evidence when occupations are suggested from title + skills
   * with `inferOccupations` (1 = title normalisation only). Versioned here because the weights were tuned with it.
   */
  occupationTitleWeight: number;
  /** Whether the weights were tuned with `MatchContext.specificity` = occupation idf of the skill (pass it iff so). */
  skillSpecificity: 'none' | 'occupation-idf';
}

export interface MatchWeights {
  version: string;
  weights: ComponentWeights;
  params: MatchParams;
}

export interface MatchContext {
  /** Cosine similarity of the vacancy and profile embeddings (same model), in [-1,1]. */
  semantic: number;
  /** Relatedness of two distinct ESCO skill URIs in [0,1] (0 if unrelated). Optional. */
  relatedness?: (a: string, b: string) => number;
  /**
   * Optional specificity of a required ESCO skill (> 0, e.g. its idf over ESCO occupations): coverage becomes the
   * specificity-weighted mean of credits, so a generic requirement ("meet deadlines") counts less than a specific one.
   * Unlinked requirements weigh 1. Absent → plain mean.
   */
  specificity?: (uri: string) => number;
}

export type MatchHow = 'exact' | 'related' | 'lexical';

export interface SkillMatch {
  label: string;
  esco?: string;
  essential: boolean;
  /** Credit 0..1 this requirement earned. */
  credit: number;
  evidence: { label: string; esco?: string; how: MatchHow; similarity: number };
}

export interface LanguageGap {
  code: string;
  required: CefrLevel;
  /** The seeker's level, or null if the language is absent from the profile. */
  have: CefrLevel | null;
}

export interface MatchComponent {
  name: ComponentName;
  value: number;
  weight: number;
  contribution: number;
}

export interface MatchScore {
  /** Rounded to 4 decimals; equals the sum of the component contributions exactly (see docs/matching.md). */
  score: number;
  /** Unrounded weighted sum, for tie-free ranking in benchmarks. */
  rawScore: number;
  components: MatchComponent[];
  matchedSkills: SkillMatch[];
  /** Essential skills with no credit at all. */
  missingSkills: { label: string; esco?: string; essential: true }[];
  /** Optional skills with no credit. */
  missingOptionalSkills: { label: string; esco?: string; essential: false }[];
  languageGaps: LanguageGap[];
  weightsVersion: string;
}

export type ExclusionReason =
  | 'VACANCY_NOT_OPEN'
  | 'VACANCY_EXPIRED'
  | 'NO_MATCHING_CONSENT'
  | 'NOT_VISIBLE_TO_EMPLOYERS';
