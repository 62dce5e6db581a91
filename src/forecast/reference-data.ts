import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGzJson } from '../gz-json.js';

/** Where the compact derived labour files live (committed; produced by `npm run data:build:labour`). */
export const LABOUR_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/labour');

export type SeriesSource = 'ivi' | 'jolts';
export type OccupationScheme = 'anzsco' | 'isco' | 'esco' | 'soc' | 'naics';

/** One monthly series in the compact file: values start at `start` ('YYYY-MM'), one a month, null = missing. */
export interface ReferenceSeries {
  source: SeriesSource;
  code: string;
  region: string;
  country: string;
  scheme: OccupationScheme;
  label: string;
  unit: string;
  start: string;
  values: (number | null)[];
}

export interface ReferenceSeriesFile {
  source: SeriesSource;
  description: string;
  series: ReferenceSeries[];
}

export interface SplRating {
  code: string;
  title: string;
  national: string;
  futureDemand: string;
  states: Record<string, string>;
}

export interface LabourManifest {
  version: string;
  builtFrom: string;
  files: { name: string; bytes: number; sha256: string; rows: number }[];
  attribution: string[];
}


export function readManifest(dir = LABOUR_DATA_DIR): LabourManifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as LabourManifest;
}

export function readSeriesFile(name: 'ivi' | 'jolts', dir = LABOUR_DATA_DIR): ReferenceSeriesFile {
  return readGzJson<ReferenceSeriesFile>(join(dir, `${name}.json.gz`));
}

/** 'YYYY-MM' + k months. */
export function addMonths(period: string, k: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7)) - 1 + k;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

