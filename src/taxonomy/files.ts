import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ESCO_OCC_PREFIX = 'http://data.europa.eu/esco/occupation/';
export const ESCO_SKILL_PREFIX = 'http://data.europa.eu/esco/skill/';
export const TAXONOMY_DATA_VERSION = 'tax-2026.11.30-1';
export const LANGS = ['en', 'fr', 'es', 'nl', 'ar'] as const;
export type Lang = (typeof LANGS)[number];

export interface LabelSet {
  pref: string;
  alt?: string[];
  hidden?: string[];
}

/** On-disk occupation record (URIs shortened: the UUID only). */
export interface OccupationRow {
  id: string;
  isco: string;
  code: string;
  labels: Partial<Record<Lang, LabelSet>>;
  desc: string;
}

export interface SkillRow {
  id: string;
  /** 'skill/competence' | 'knowledge' | '' */
  type: string;
  reuse: string;
  labels: Partial<Record<Lang, LabelSet>>;
  desc: string;
}

export interface RelationsFile {
  /** [occIndex, skillIndex, 1 = essential | 0 = optional] flattened */
  occSkill: number[];
  /** [skillIndex, skillIndex, 1 = essential | 0 = optional] flattened */
  skillSkill: number[];
  /** skill index → broader skill-group URIs (short form kept as-is, they are few) */
  skillBroader: Record<string, string[]>;
  skillGroups: Record<string, { label: string; broader: string[] }>;
}

export interface IscoGroupRow {
  code: string;
  level: number;
  parent: string | null;
  labels: Partial<Record<Lang, string>>;
}

export interface OnetFile {
  occupations: { code: string; title: string; desc: string; alt: string[] }[];
  /** ESCO occupation id (short) → O*NET-SOC 2019 codes */
  escoToOnet: Record<string, string[]>;
}

export interface Manifest {
  dataVersion: string;
  builtAt: string;
  sources: Record<string, string>;
  counts: Record<string, number>;
  files: Record<string, { bytes: number }>;
  embeddings?: { modelId: string; dim: number; count: number; file: string };
  /** The links-only HNSW graph over the label vectors (src/pipeline/taxonomy/build-label-graph.ts). */
  labelGraph?: { file: string; modelId: string; count: number; m: number; efConstruction: number; crc32: number; bytes: number };
}

/** data/taxonomy in the repository: the shipped, compact taxonomy files. */
export function defaultDataDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'taxonomy');
}

export { readGzJson, writeGzJson } from '../gz-json.js';
