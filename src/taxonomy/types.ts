/** The taxonomy's public shapes: concepts, title and skill results, load options. */
import type { Lang, LabelSet } from './files.js';
import type { ReadLang } from './detect-language.js';
import type { Lexicon } from './lexicon.js';

export type Scheme = 'esco' | 'onet' | 'isco';

export interface Occupation {
  uri: string;
  iscoGroup: string;
  code: string;
  labels: Partial<Record<Lang, LabelSet>>;
  description: string;
  onet: string[];
}

export interface Skill {
  uri: string;
  type: string;
  reuseLevel: string;
  labels: Partial<Record<Lang, LabelSet>>;
  description: string;
}

export interface IscoGroup {
  code: string;
  level: number;
  parent: string | null;
  labels: Partial<Record<Lang, string>>;
}

export interface OnetOccupation {
  code: string;
  title: string;
  description: string;
  alternateTitles: string[];
  esco: string[];
}

export type RankMode = 'learned' | 'fused' | 'lexical' | 'semantic';

export interface NormalizeOptions {
  /** Language of the returned labels only; the title is read in the language detected from its own text. */
  lang?: string;
  /** Override the detected reading language (benches and training, where the language is known). */
  readLang?: ReadLang | 'und';
  scheme?: Scheme;
  limit?: number;
  /** 'learned' (default when weights exist), 'fused', 'lexical' or 'semantic' — the bench compares them. */
  mode?: RankMode;
  /** precomputed embedding of the lower-cased cleaned title (bench cache) */
  queryVector?: Float32Array;
  /** precomputed cosine of the query against every label vector (batched scripts) */
  semScores?: Float32Array;
}

export interface TitleEvidence {
  method: RankMode;
  /** the label that matched best, in its language */
  matchedLabel: string;
  matchedLang: Lang;
  labelKind: 'preferred' | 'alternative' | 'hidden';
  lexical: number;
  semantic?: number;
  semanticLabel?: string;
  /** true when the language was not one we hold labels for (best effort) */
  unsupportedLanguage?: boolean;
  /** the language the title was read in (detected from the text) */
  readLang?: ReadLang | 'und';
  /** the English reading through the bilingual lexicon, when it was used */
  translated?: string;
  via?: string;
  /** O*NET readings: the word model's contribution to the logit (0.5 × log likelihood ratio of the title's words) */
  words?: number;
}

export interface NormalizedTitle {
  id: string;
  label: string;
  iscoGroup?: string;
  /** ESCO code (ISCO unit group + ESCO levels, e.g. "7212.1") */
  code?: string;
  /** Calibrated probability that this is the occupation meant (learned modes; the list sums to ≤ 1). */
  score: number;
  evidence: TitleEvidence;
}

export interface SkillLink {
  id: string;
  label: string;
  score: number;
  matchedLabel: string;
  matchedLang: Lang;
}

export interface ExtractedSkill {
  id: string;
  label: string;
  score: number;
  /** calibrated probability that a human judge accepts this skill for the text (see skill-calibration.ts) */
  probability?: number;
  spans: [number, number][];
}

export interface RelatedSkill {
  uri: string;
  relation: 'essential' | 'optional' | 'sibling';
  weight: number;
}

export interface LoadOptions {
  /** drop labels from the title index (bench: hold out labels being tested) */
  excludeOccupationLabel?: (occUri: string, lang: Lang, kind: number, text: string) => boolean;
  /** load the label vectors and re-ranker (default true) */
  semantic?: boolean;
  /** open the shipped HNSW graph over the label vectors (default true); without it nearest labels are a full scan */
  labelGraph?: boolean;
  log?: (obj: Record<string, unknown>, msg: string) => void;
  /** bilingual lexicons to use instead of the shipped lexicon file (bench: learnt without held-out concepts) */
  lexicons?: Partial<Record<Lang, Lexicon>>;
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Why a skill text was not linked (shown to the user: nothing silently vanishes). */
export type UnlinkedReason = 'empty' | 'no-content-words' | 'too-short' | 'no-match' | 'unsupported-language' | 'technology-not-in-esco';

export interface SkillLinkResult {
  links: SkillLink[];
  /** the language the text was read in (detected from the text) */
  readLang: import('./detect-language.js').ReadLang | 'und';
  /** the lexicon's English reading (Arabic, Dutch) */
  translated?: string;
  unlinked?: UnlinkedReason;
}

/** A technology name from O*NET Technology Skills, with the ESCO skill it is linked to (data/taxonomy/tech-names.json.gz). */
export interface TechNameRow {
  name: string;
  commodity: string;
  esco?: string;
  via?: 'name' | 'commodity';
  occupations: number;
}
