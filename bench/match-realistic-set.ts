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
  /** 2 for the items added in the second round (2026-11-30 afternoon), 3 for the t8-trades items; absent for the first 52 ads. */
  set?: number;
  /** The POST /v1/vacancies body, as an employer would send it. */
  ad: Record<string, unknown> & { title: string; country: string };
}

export interface RealisticSeeker {
  key: string;
  /** The language the seeker writes in (the language group of the per-group figures). */
  group: 'fr' | 'es' | 'ar' | 'en' | 'de';
  occupation: string;
  split: Split;
  /** 2 for the items added in the second round; absent for the first 28 seekers. */
  set?: number;
  /** The PUT /v1/candidates/me body, without consent (the bench adds it). */
  profile: Record<string, unknown> & { destinations: string[] };
}

/**
 * Hand judgements behind the graded gains: each ad's essential requirements and each seeker's real skills as shared
 * concept tags (judgements.json; null = the ad states no essential requirement).
 */
export interface RealisticJudgements {
  vacancies: Record<string, string[] | null>;
  seekers: Record<string, string[]>;
}

export const LANGUAGE_GROUPS = ['fr', 'es', 'ar', 'en', 'de'] as const;

/**
 * The set's items. Third-round items (`"set": 3`, t8-trades: dev-only ads and seekers in trades the first two rounds
 * barely cover) are loaded only with `trades` (default: `--trades` on the command line), so that every earlier figure,
 * test split included, keeps its pool.
 */
export function loadRealisticSet(dir = REALISTIC_DIR, opts: { trades?: boolean } = {}): { vacancies: RealisticVacancy[]; seekers: RealisticSeeker[]; judgements: RealisticJudgements } {
  const trades = opts.trades ?? process.argv.includes('--trades');
  const keep = (item: { set?: number }) => trades || item.set !== 3;
  const vacancies = (JSON.parse(readFileSync(join(dir, 'vacancies.json'), 'utf8')) as RealisticVacancy[]).filter(keep);
  const seekers = (JSON.parse(readFileSync(join(dir, 'seekers.json'), 'utf8')) as RealisticSeeker[]).filter(keep);
  const judgements = JSON.parse(readFileSync(join(dir, 'judgements.json'), 'utf8')) as RealisticJudgements;
  for (const v of vacancies) if (!(v.key in judgements.vacancies)) throw new Error(`judgements.json: no judgement for vacancy ${v.key}`);
  for (const s of seekers) if (!judgements.seekers[s.key]) throw new Error(`judgements.json: no judgement for seeker ${s.key}`);
  return { vacancies, seekers, judgements };
}

/** The first-round items (the set as it was before the second round), for figures comparable with earlier runs. */
export const isFirstRound = (item: { set?: number }): boolean => item.set === undefined;

/** Gain of a vacancy for a seeker: 2 right occupation in a chosen destination, 1 right occupation elsewhere, else 0. */
export function gain(seeker: RealisticSeeker, vacancy: RealisticVacancy): number {
  if (vacancy.occupation !== seeker.occupation) return 0;
  return seeker.profile.destinations.includes(vacancy.ad.country) ? 2 : 1;
}

/**
 * Share of the ad's essential requirements the seeker really has, by the hand judgements; 0.5 (unknown) when the ad
 * states none.
 */
export function coverage(j: RealisticJudgements, seeker: RealisticSeeker, vacancy: RealisticVacancy): number {
  const need = j.vacancies[vacancy.key];
  if (!need || need.length === 0) return 0.5;
  const have = new Set(j.seekers[seeker.key]);
  return need.filter((c) => have.has(c)).length / need.length;
}

/**
 * Graded gain, which also sees the order within an occupation: the occupation gain above (2 in a destination, 1
 * elsewhere) × (0.5 + 0.5 × coverage). So a right-occupation ad whose essential requirements the seeker all has counts
 * twice one where she has none, and a right-occupation ad never counts less than half.
 */
export function gradedGain(j: RealisticJudgements, seeker: RealisticSeeker, vacancy: RealisticVacancy): number {
  const g = gain(seeker, vacancy);
  return g === 0 ? 0 : g * (0.5 + 0.5 * coverage(j, seeker, vacancy));
}

/** Employer-side graded gain of a candidate for an ad: right occupation × (0.5 + 0.5 × coverage). */
export function employerGradedGain(j: RealisticJudgements, seeker: RealisticSeeker, vacancy: RealisticVacancy): number {
  return vacancy.occupation === seeker.occupation ? 0.5 + 0.5 * coverage(j, seeker, vacancy) : 0;
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
