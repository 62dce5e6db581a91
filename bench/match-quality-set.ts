/**
 * Builds the matching quality set at bench time from ../shared/data (never committed: JobBERT rows are evaluation-only).
 * - Vacancies: real JobBERT dev titles + ESCO skills of their occupation (preferred labels with URIs, as an employer
 *   picking from the ESCO catalogue): up to 8 essential and 4 optional, sampled.
 * - Seekers: an OTHER real title of the same occupation + up to 4 essential and 2 optional skills of that occupation,
 *   written as ESCO *alternative* labels, free text (no URI). 40% of seekers are perturbed: their title and each skill
 *   label independently get, with probability 0.5, a dropped word (multi-word text) or a typo.
 * - Relevance: 2 = same ESCO occupation, 1 = same ISCO unit group, 0 otherwise.
 * - Split: occupations are assigned to dev or test by a hash of their URI; each split has its own pool.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { mulberry32 } from '../src/seeded-random.js';

export { mulberry32 };

/** ../shared/data next to the checkout (main) or two levels up (a worktree under wt/); SHARED_DATA_DIR overrides. */
export const SHARED =
  process.env.SHARED_DATA_DIR ??
  [resolve('../shared/data'), resolve('../../shared/data')].find((d) => existsSync(`${d}/SOURCES.md`)) ??
  resolve('../shared/data');

export interface BenchVacancy {
  id: string;
  occ: string;
  isco: string;
  title: string;
  skills: { label: string; esco: string; essential: boolean }[];
}

export interface BenchSeeker {
  id: string;
  occ: string;
  isco: string;
  title: string;
  skills: string[];
  perturbed: boolean;
}

export interface BenchSplit {
  name: 'dev' | 'test';
  vacancies: BenchVacancy[];
  seekers: BenchSeeker[];
}


function sample<T>(rng: () => number, items: readonly T[], n: number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function typo(rng: () => number, text: string): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter((x) => x.w.length >= 4);
  if (candidates.length === 0) return text;
  const { w, i } = candidates[Math.floor(rng() * candidates.length)]!;
  const p = 1 + Math.floor(rng() * (w.length - 2));
  const op = Math.floor(rng() * 4);
  const c = LETTERS[Math.floor(rng() * 26)]!;
  const nw =
    op === 0 ? w.slice(0, p) + w.slice(p + 1) : op === 1 ? w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2) : op === 2 ? w.slice(0, p) + c + w.slice(p + 1) : w.slice(0, p) + c + w.slice(p);
  words[i] = nw;
  return words.join(' ');
}

export function perturb(rng: () => number, text: string): string {
  const words = text.split(' ').filter(Boolean);
  if (words.length >= 2 && rng() < 0.5) {
    words.splice(Math.floor(rng() * words.length), 1);
    return words.join(' ');
  }
  return typo(rng, text);
}

const hashUnit = (s: string): number => createHash('sha1').update(s).digest().readUInt32BE(0) / 4294967296;

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
}

/**
 * `extraSkills` (stress variant, default 0): each vacancy and seeker also lists that many essential skills of random
 * OTHER occupations, as real ads and CVs mention skills outside the ESCO occupation profile.
 */
export function buildMatchQualitySet(opts: { seed?: number; perturbShare?: number; extraSkills?: number } = {}): { dev: BenchSplit; test: BenchSplit } {
  const rng = mulberry32(opts.seed ?? 20261129);
  const perturbShare = opts.perturbShare ?? 0.4;
  const esco = `${SHARED}/esco/v1.1.1_en`;
  const occIsco = new Map<string, string>();
  for (const r of readCsv(`${esco}/occupations_en.csv`)) occIsco.set(r.conceptUri!, r.iscoGroup!);
  const skillLabels = new Map<string, { pref: string; alt: string[] }>();
  for (const r of readCsv(`${esco}/skills_en.csv`)) {
    const pref = r.preferredLabel!.trim();
    const alt = (r.altLabels ?? '').split('\n').map((s) => s.trim()).filter((s) => s && s.toLowerCase() !== pref.toLowerCase());
    skillLabels.set(r.conceptUri!, { pref, alt });
  }
  const occSkills = new Map<string, { essential: string[]; optional: string[] }>();
  for (const r of readCsv(`${esco}/occupationSkillRelations.csv`)) {
    if (!skillLabels.has(r.skillUri!)) continue;
    const e = occSkills.get(r.occupationUri!) ?? { essential: [], optional: [] };
    (r.relationType === 'essential' ? e.essential : e.optional).push(r.skillUri!);
    occSkills.set(r.occupationUri!, e);
  }
  const titlesByOcc = new Map<string, string[]>();
  for (const r of readCsv(`${SHARED}/jobbert/titles.dev.csv`)) {
    const occ = r.conceptUri!;
    const title = r.vacancyTitle!.trim();
    if (!title || !occIsco.has(occ) || !occSkills.has(occ)) continue;
    const list = titlesByOcc.get(occ) ?? [];
    if (!list.some((t) => t.toLowerCase() === title.toLowerCase())) list.push(title);
    titlesByOcc.set(occ, list);
  }

  const extra = opts.extraSkills ?? 0;
  const allOccs = [...occSkills.keys()].sort();
  const offProfile = (occ: string): string[] => {
    const out: string[] = [];
    const own = new Set([...occSkills.get(occ)!.essential, ...occSkills.get(occ)!.optional]);
    for (let guard = 0; out.length < extra && guard < 50; guard++) {
      const other = occSkills.get(allOccs[Math.floor(rng() * allOccs.length)]!)!.essential;
      const u = other[Math.floor(rng() * other.length)];
      if (u && !own.has(u) && !out.includes(u)) out.push(u);
    }
    return out;
  };
  const splits: Record<'dev' | 'test', BenchSplit> = { dev: { name: 'dev', vacancies: [], seekers: [] }, test: { name: 'test', vacancies: [], seekers: [] } };
  const occs = [...titlesByOcc.keys()].sort();
  for (const occ of occs) {
    const split = splits[hashUnit(occ) < 0.5 ? 'dev' : 'test'];
    const titles = sample(rng, titlesByOcc.get(occ)!, 4);
    const rel = occSkills.get(occ)!;
    const isco = occIsco.get(occ)!;
    const hasSeeker = titles.length >= 4;
    const vacTitles = hasSeeker ? titles.slice(0, 3) : titles.slice(0, 2);
    for (const title of vacTitles) {
      const ess = sample(rng, rel.essential, 8).map((u) => ({ label: skillLabels.get(u)!.pref, esco: u, essential: true }));
      const opt = sample(rng, rel.optional, 4).map((u) => ({ label: skillLabels.get(u)!.pref, esco: u, essential: false }));
      const noise = offProfile(occ).map((u) => ({ label: skillLabels.get(u)!.pref, esco: u, essential: true }));
      split.vacancies.push({ id: `v${split.vacancies.length}`, occ, isco, title, skills: [...ess, ...noise, ...opt] });
    }
    if (hasSeeker) {
      const perturbed = rng() < perturbShare;
      const chosen = [...sample(rng, rel.essential, 4), ...sample(rng, rel.optional, 2), ...offProfile(occ)];
      let skills = chosen.map((u) => {
        const l = skillLabels.get(u)!;
        return l.alt.length ? l.alt[Math.floor(rng() * l.alt.length)]! : l.pref;
      });
      let title = titles[3]!;
      if (perturbed) {
        let changed = false;
        if (rng() < 0.5) {
          title = perturb(rng, title);
          changed = true;
        }
        skills = skills.map((s) => {
          if (rng() < 0.5) {
            changed = true;
            return perturb(rng, s);
          }
          return s;
        });
        if (!changed) title = perturb(rng, title);
      }
      split.seekers.push({ id: `s${split.seekers.length}`, occ, isco, title, skills, perturbed });
    }
  }
  return { dev: splits.dev, test: splits.test };
}

export function relevance(v: BenchVacancy, s: BenchSeeker): number {
  return v.occ === s.occ ? 2 : v.isco === s.isco ? 1 : 0;
}

export const vacancyText = (v: BenchVacancy): string => `${v.title}. ${v.skills.map((s) => s.label).join(', ')}`;
export const seekerText = (s: BenchSeeker): string => `${s.title}. ${s.skills.join(', ')}`;
