/**
 * The realistic matching dev set (bench/fixtures/realistic/): hand-written vacancies and seekers with hand judgements,
 * and the metrics the issue names. Pure: loading the JSON and scoring rankings; the service calls are in
 * match-realistic.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REALISTIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/realistic');

export type Split = 'dev' | 'test';

export interface RealisticVacancy {
  key: string;
  /** Hand-judged occupation group (see the README); "unspecified" for an ad that names no job. */
  occupation: string;
  split: Split;
  /** The POST /v1/vacancies body, as an employer would send it. */
  ad: Record<string, unknown> & { title: string; country: string };
}

export interface RealisticSeeker {
  key: string;
  /** The language the seeker writes in (the language group of the per-group figures). */
  group: 'fr' | 'es' | 'ar' | 'en';
  occupation: string;
  split: Split;
  /** The PUT /v1/candidates/me body, without consent (the bench adds it). */
  profile: Record<string, unknown> & { destinations: string[] };
}

export function loadRealisticSet(dir = REALISTIC_DIR): { vacancies: RealisticVacancy[]; seekers: RealisticSeeker[] } {
  const vacancies = JSON.parse(readFileSync(join(dir, 'vacancies.json'), 'utf8')) as RealisticVacancy[];
  const seekers = JSON.parse(readFileSync(join(dir, 'seekers.json'), 'utf8')) as RealisticSeeker[];
  return { vacancies, seekers };
}

/** Gain of a vacancy for a seeker: 2 right occupation in a chosen destination, 1 right occupation elsewhere, else 0. */
export function gain(seeker: RealisticSeeker, vacancy: RealisticVacancy): number {
  if (vacancy.occupation !== seeker.occupation) return 0;
  return seeker.profile.destinations.includes(vacancy.ad.country) ? 2 : 1;
}

/** nDCG@k with linear gains (the gains above, as judged), ideal ranking over the whole pool. */
export function ndcgLinear(rankedGains: readonly number[], poolGains: readonly number[], k = 10): number {
  const dcg = (g: readonly number[]) => g.slice(0, k).reduce((s, x, i) => s + x / Math.log2(i + 2), 0);
  const ideal = dcg([...poolGains].sort((a, b) => b - a));
  return ideal > 0 ? dcg(rankedGains) / ideal : 0;
}

/** Hits and the possible number for recall@k: relevant items found in the top k, over min(relevant, k). */
export function recallParts(topIds: readonly string[], relevant: ReadonlySet<string>, k = 5): { hit: number; possible: number } {
  let hit = 0;
  for (const id of topIds.slice(0, k)) if (relevant.has(id)) hit++;
  return { hit, possible: Math.min(relevant.size, k) };
}

export const ratio = (parts: { hit: number; possible: number }[]): number => {
  const possible = parts.reduce((s, p) => s + p.possible, 0);
  return possible > 0 ? parts.reduce((s, p) => s + p.hit, 0) / possible : 0;
};
