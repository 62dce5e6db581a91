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
  /** Language the label is written in, when known (explanations mark labels not in the reader's language). */
  lang?: string;
  /** See SkillReading. */
  alts?: readonly string[];
  reading?: string;
}

export interface ProfileSkill extends SkillReading {
  label: string;
  esco?: string;
  /** ESCO preferred label of the linked skill (a near-duplicate check and lexical evidence across languages). */
  escoLabel?: string;
}

/**
 * The machine reading of a free-text skill line beyond its one link (suggestions only, from the text alone): the other
 * ESCO skills it may well mean (close runners-up of the link, or the best candidates of a line left unlinked), and its
 * English reading when it is written in another language. Two lines of two languages that the linker read as
 * neighbouring concepts ("soins d'hygiène" → apply hygiene standards, "Körperpflege" → maintain personal hygiene
 * standards) meet through them (MatchParams.readingOverlapCredit).
 */
export interface SkillReading {
  alts?: readonly string[];
  reading?: string;
}

/** EU driving-licence categories (Directive 2006/126/EC). */
export const DRIVING_CATEGORIES = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE'] as const;
export type DrivingCategory = (typeof DRIVING_CATEGORIES)[number];

/** A licence or certification a person holds (or a vacancy asks for, with `essential`). */
export type Credential =
  | { kind: 'driving-licence'; category: DrivingCategory }
  /** Recognition of a regulated-profession qualification in a country (nurse, doctor, electrician in some states). */
  | { kind: 'recognition'; country: string; status?: 'granted' | 'in-progress' }
  /** A named certificate: "driver CPC (code 95)", "HACCP", "ISO 9606 welding", "forklift". */
  | { kind: 'certificate'; label: string };

export type RequiredCredential = Credential & { essential: boolean };

/** What a vacancy states beyond skills and languages. Anything absent is not a requirement and earns no credit. */
export interface VacancyRequirements {
  /** Minimum years of experience, any job. */
  experienceYears?: { min: number; essential: boolean };
  /** Minimum years in the vacancy's occupation (or a close one). */
  occupationYears?: { min: number; essential: boolean };
  /** Minimum ISCED 2011 level. */
  education?: { minLevel: EducationLevel; essential: boolean };
  licences: RequiredCredential[];
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
  /**
   * The vacancy's occupation: a user-set code (confidence 1), or suggestions whose confidences are probabilities
   * (sum ≤ 1, best first; the remainder is "other/unknown"). Empty: unknown, which earns no occupation credit.
   */
  occupations: OccupationRef[];
  skills: RequiredSkill[];
  languages: LanguageLevel[];
  /** ISO 3166-1 alpha-2, uppercase. */
  country?: string;
  region?: string;
  remote: boolean;
  status: VacancyStatus;
  /** ISO timestamp or null for no expiry. */
  expiresAt?: string | null;
  requirements: VacancyRequirements;
  /**
   * Language the vacancy's embedded text is written in, detected from the text (never from `lang`); picks the
   * semantic floor of the language pair (`MatchParams.semanticFloors`). Absent or 'und': the general floor.
   */
  textLang?: string;
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
  /** Licences and certifications held (stated, or read from the skill and title texts). */
  licences: Credential[];
  consent: ProfileConsent;
  /** Language the profile's embedded text is written in, detected from the text (never from `lang`). */
  textLang?: string;
}

export const COMPONENT_NAMES = [
  'semantic',
  'essentialSkills',
  'optionalSkills',
  'occupation',
  'language',
  'location',
  'experience',
  'education',
  'licences',
] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export type ComponentWeights = Record<ComponentName, number>;

/**
 * Components that describe the fit of the pair and always count (an unknown occupation simply earns 0). The others
 * are requirements, in groups: a requirement counts only when the vacancy states it, the weight of an unstated one
 * goes to the stated ones of its group, and a group with nothing stated earns nothing. So a stated requirement can
 * only add to a score, and a vacancy that states nothing never gains from it.
 */
export const FIT_COMPONENTS: readonly ComponentName[] = ['semantic', 'occupation', 'location'];
export const REQUIREMENT_GROUPS: readonly (readonly ComponentName[])[] = [['essentialSkills', 'optionalSkills'], ['language'], ['experience', 'education', 'licences']];

/** Tunable parameters of the component functions (versioned together with the weights). */
export interface MatchParams {
  /** Cosines at or below this floor map to 0; 1 maps to 1. */
  semanticFloor: number;
  /**
   * Floors by the language pair of the two embedded texts (key: the two detected languages sorted, "de|fr"): the
   * encoder gives unrelated texts of one language (two German texts) a far higher cosine than related texts of two
   * languages, so one floor for all turns the semantic component into a same-language bonus. Each floor is the cosine
   * that unrelated pairs of that language pair reach (a quantile, estimated on the realistic dev split); `same` and
   * `cross` serve pairs not listed. Absent: `semanticFloor` for every pair.
   */
  semanticFloors?: {
    pairs: Record<string, number>;
    same: number;
    cross: number;
    quantile?: number;
    /**
     * Per language pair, the floor minus the median cosine of the same unrelated pairs: the unit in which
     * `MatchScore.closeness` measures a pair's cosine against its floor, so unrelated pairs of every language pair
     * spread alike around it (median −1, floor 0) and the tie-break favours no written language. Absent (older
     * versions): closeness is (cos − floor) / (1 − floor).
     */
    spreads?: { pairs: Record<string, number>; same: number; cross: number };
  };
  /** Credit for an ESCO-related (not identical) skill, multiplied by the relatedness (0..1). */
  relatedCredit: number;
  /** Lexical similarity below this threshold earns nothing. */
  lexicalThreshold: number;
  /** Credit factor for a lexical (unlinked) match, multiplied by the similarity. */
  lexicalCredit: number;
  /** Occupation fit by number of shared ISCO/ESCO code levels: index = shared levels (0..6+). */
  occupationLevelFit: number[];
  /** Credit factor for two distinct occupations by `MatchContext.occupationRelatedness` (0 = hierarchy only). */
  occupationRelatedCredit: number;
  /**
   * Credit factor for the direct check of one side's title against the other side's likely occupations, applied to
   * the mass a side leaves unknown (`MatchContext.occupationTitleFit`; 0 = off).
   */
  occupationTitleCredit: number;
  /** Location fit when the seeker stated no destination and does not reside in the country. */
  noDestinationValue: number;
  /** Language fit lost per CEFR level short of the requirement. */
  languagePenaltyPerLevel: number;
  /** Weight of an optional experience, education or licence requirement against an essential one (1). */
  optionalRequirementWeight: number;
  /** Credit for a driving licence one step short in the same family (C held, CE required). */
  licenceFamilyCredit: number;
  /** Credit for a recognition procedure in progress. */
  recognitionInProgressCredit: number;
  /** Minimum label similarity for a held certificate to count as the one required. */
  certificateThreshold: number;
  /**
   * Feature building, not scoring: weight of title evidence when occupations are suggested from title + skills
   * with `inferOccupations` (1 = title normalisation only). Versioned here because the weights were tuned with it.
   */
  occupationTitleWeight: number;
  /** Whether the weights were tuned with `MatchContext.specificity` = occupation idf of the skill (pass it iff so). */
  skillSpecificity: 'none' | 'occupation-idf';
  /**
   * Place gate: the location and language components weigh in proportion to how well the job itself fits, min(1,
   * relevance / placeGateAt), relevance = the larger of the occupation component and (when the vacancy states them)
   * the essential-skills component. A job in the right country and language that the person cannot do is no match,
   * so the place never lifts a wrong job above a right one elsewhere. Absent (older versions): no gate.
   */
  placeGateAt?: number;
  /** The gate's value at relevance 0 (default 0): the place keeps this share of its weight whatever the job. */
  placeGateFloor?: number;
  /**
   * The place gate's `at` for rankings of people for a vacancy (MatchContext.audience 'employer'); absent: `placeGateAt`.
   */
  employerPlaceGateAt?: number;
  /**
   * Credit when two skill lines do not share their link but their readings meet (SkillReading): one line's concept is
   * among the other's alternatives, or their alternatives share a concept. Absent or 0 (older versions): readings are
   * not used, neither for this nor for the lexical comparison of English readings.
   */
  readingOverlapCredit?: number;
  /**
   * The specificity of a required skill that has no ESCO link (with `MatchContext.specificity`; absent: 1). A line
   * nothing links to is usually a specific task ("préparations froides", "Grundpflege"), not a generic one, yet at 1 it
   * weighed a seventh of a typical linked skill (median occupation idf 6.8), so one linked generic line ("hygiene
   * standards") carried almost the whole coverage. Also the specificity of a linked skill that no occupation lists.
   */
  unlinkedSpecificity?: number;
  /**
   * Credit for the part of one side's occupation reading that is unknown when that side's linked skills belong to the
   * other side's likely occupation (`MatchContext.occupationSkillFit`; see occupationComponent). Absent or 0: off.
   */
  occupationSkillCredit?: number;
  /**
   * Lexical fallback between two skill lines: the share of the shorter line's content words (by their first three
   * letters) the other must share (absent: one shared word is enough).
   */
  lexicalHeadShare?: number;
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
  /** Optional relatedness of two distinct ESCO occupations in [0,1] (the service: overlap of their skill profiles). */
  occupationRelatedness?: (a: string, b: string) => number;
  /** Optional: how well a job title names an ESCO occupation, in [0,1] (the service: its labels in every language). */
  occupationTitleFit?: (title: string, occupationUri: string) => number;
  /**
   * Optional: how well a set of linked ESCO skills belongs to an ESCO occupation, in [0,1] (the service: the
   * idf-weighted share its ESCO skill profile lists). Used for the part of an occupation reading that is unknown.
   */
  occupationSkillFit?: (occupationUri: string, skillUris: readonly string[]) => number;
  /** Whose ranking the pair is scored for (absent: 'seeker'); only the place gate depends on it. */
  audience?: 'seeker' | 'employer';
}

export type MatchHow = 'exact' | 'related' | 'lexical';

export interface SkillMatch {
  label: string;
  esco?: string;
  essential: boolean;
  lang?: string;
  /** Credit 0..1 this requirement earned: 1 is met, below 1 partly met. */
  credit: number;
  evidence: { label: string; esco?: string; how: MatchHow; similarity: number };
}

/** How one stated licence, certification or recognition requirement was met. */
export interface CredentialCheck {
  required: RequiredCredential;
  /** 1 met; 0.5 recognition in progress; 0.25 a lower category of the same family; 0 not held. */
  credit: number;
  /** What the profile holds that earned the credit, if anything. */
  held?: Credential;
}

/** How the stated experience and education requirements were met. */
export interface ExperienceCheck {
  kind: 'experienceYears' | 'occupationYears' | 'education';
  essential: boolean;
  required: number;
  /** Years (relevant years for occupationYears) or ISCED level the profile shows; null when not stated. */
  have: number | null;
  credit: number;
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
  /** Effective weight for this pair: requirements the vacancy does not state have weight 0 (see FIT_COMPONENTS). */
  weight: number;
  contribution: number;
  /** false: the vacancy states nothing for this requirement, so it earns nothing and its weight went to the others. */
  stated: boolean;
}

export interface MatchScore {
  /** Rounded to 4 decimals; equals the sum of the component contributions exactly (see docs/matching.md). */
  score: number;
  /** Unrounded weighted sum, for tie-free ranking in benchmarks. */
  rawScore: number;
  /**
   * How close the two texts are relative to their language pair's semantic floor, unclamped and rounded to 1e-4
   * ((cos − floor) / (1 − floor); negative below the floor, where the semantic component is 0). The first tie-break
   * of the ranking: among exact score ties, the closer texts come first (see `compareRanked`).
   */
  closeness: number;
  components: MatchComponent[];
  matchedSkills: SkillMatch[];
  /** Essential skills with no credit at all. */
  missingSkills: { label: string; esco?: string; lang?: string; essential: true }[];
  /** Optional skills with no credit. */
  missingOptionalSkills: { label: string; esco?: string; lang?: string; essential: false }[];
  languageGaps: LanguageGap[];
  licences: CredentialCheck[];
  experience: ExperienceCheck[];
  weightsVersion: string;
}

export type ExclusionReason =
  | 'VACANCY_NOT_OPEN'
  | 'VACANCY_EXPIRED'
  | 'NO_MATCHING_CONSENT'
  | 'NOT_VISIBLE_TO_EMPLOYERS';
