/** Shared by bench:match-quality and train:match: turns a quality-set split into per-query candidate pools. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosine, createInProcessUseLite, USE_LITE_DIMENSIONS, USE_LITE_ID } from '../src/embedding/index.js';
import { computeComponents } from '../src/matching/scorer.js';
import { COMPONENT_NAMES, type MatchParams, type OccupationRef, type ProfileFeatures, type VacancyFeatures } from '../src/matching/types.js';
import type { TuningQuery } from '../src/matching/ranking-metrics.js';
import { buildSkillOccupationIndex, inferOccupations, skillSpecificity, type SkillOccupationIndex } from '../src/matching/occupation-inference.js';
import { CharNgramIndex } from '../src/taxonomy/lexical-index.js';
import { foldText } from '../src/taxonomy/text.js';
import type { Taxonomy } from '../src/taxonomy/index.js';
import { MatchEngine } from '../src/services/match-engine.js';
import { relevance, seekerText, vacancyText, type BenchSplit } from './match-quality-set.js';

export interface LinkOptions {
  /** Minimum linkSkill score to accept the top ESCO skill for a free-text label. */
  linkThreshold: number;
}

export const DEFAULT_LINK_OPTIONS: LinkOptions = { linkThreshold: 0.45 };

export interface OccupationOptions {
  /** 'title': title normalisation only; 'title+skills': title suggestions fused with skill evidence. */
  source: 'title' | 'title+skills';
  titleWeight: number;
  /** How many suggestions a profile keeps (the vacancy keeps its best one). */
  profileOccupations: number;
}

export const DEFAULT_OCCUPATION_OPTIONS: OccupationOptions = { source: 'title+skills', titleWeight: 0.5, profileOccupations: 1 };

type Suggestion = { escoUri: string; score: number };

export interface PreparedSplit {
  split: BenchSplit;
  vacancies: VacancyFeatures[];
  profiles: ProfileFeatures[];
  vacancyTitleSugs: Suggestion[][];
  seekerTitleSugs: Suggestion[][];
  /** [seeker][vacancy] cosines, flat. */
  lexical: Float32Array;
  semantic: Float32Array;
  relevance: Uint8Array;
  relatedness: (a: string, b: string) => number;
  /** The service's occupation relatedness (overlap of ESCO skill profiles). */
  occupationRelatedness: (a: string, b: string) => number;
  tax: Taxonomy;
  skillIndex: SkillOccupationIndex;
  stats: { linkedSkills: number; totalSkills: number };
}

/** Embedding cache outside the repository (the texts derive from JobBERT rows, which must never be committed). */
const CACHE_DIR = join(tmpdir(), 'passerelle-match-quality');

async function embedAll(texts: string[]): Promise<Float32Array[]> {
  const key = createHash('sha1').update(USE_LITE_ID).update(texts.join('\u0000')).digest('hex').slice(0, 16);
  const file = join(CACHE_DIR, `emb-${key}.bin`);
  if (existsSync(file)) {
    const buf = readFileSync(file);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    return texts.map((_, i) => all.slice(i * USE_LITE_DIMENSIONS, (i + 1) * USE_LITE_DIMENSIONS));
  }
  const emb = await createInProcessUseLite();
  try {
    const out: Float32Array[] = [];
    // USE-lite is case-sensitive: lower-case the input, as the taxonomy does.
    for (let i = 0; i < texts.length; i += 64) out.push(...(await emb.embed(texts.slice(i, i + 64).map((t) => t.toLowerCase()))));
    mkdirSync(CACHE_DIR, { recursive: true });
    const all = new Float32Array(texts.length * USE_LITE_DIMENSIONS);
    out.forEach((v, i) => all.set(v, i * USE_LITE_DIMENSIONS));
    writeFileSync(file, Buffer.from(all.buffer));
    return out;
  } finally {
    await emb.close();
  }
}

function occRef(tax: Taxonomy, uri: string, score: number): OccupationRef {
  const o = tax.occupation(uri);
  return { escoUri: uri, ...(o ? { iscoCode: o.code || o.iscoGroup } : {}), source: 'suggested', confidence: score };
}

let cachedIndex: { tax: Taxonomy; index: SkillOccupationIndex } | null = null;
export function skillOccupationIndex(tax: Taxonomy): SkillOccupationIndex {
  if (cachedIndex?.tax === tax) return cachedIndex.index;
  const rows = [];
  for (const o of tax.occupations) {
    const rel = tax.occupationSkills(o.uri);
    if (rel) rows.push({ uri: o.uri, iscoCode: o.code || o.iscoGroup, essential: rel.essential.map((s) => s.uri), optional: rel.optional.map((s) => s.uri) });
  }
  const index = buildSkillOccupationIndex(rows);
  cachedIndex = { tax, index };
  return index;
}

export async function prepareSplit(split: BenchSplit, tax: Taxonomy, link: LinkOptions = DEFAULT_LINK_OPTIONS): Promise<PreparedSplit> {
  const nV = split.vacancies.length;
  const nS = split.seekers.length;
  // Lexical baseline: char 3–5-gram TF-IDF cosine over the whole texts.
  const index = new CharNgramIndex(split.vacancies.map((v) => foldText(vacancyText(v))));
  const lexical = new Float32Array(nS * nV);
  split.seekers.forEach((s, i) => lexical.set(index.scoreAll(foldText(seekerText(s))), i * nV));
  // Embedding baseline: USE-lite cosine (vectors are unit length).
  const vecs = await embedAll([...split.vacancies.map(vacancyText), ...split.seekers.map(seekerText)]);
  const semantic = new Float32Array(nS * nV);
  for (let i = 0; i < nS; i++) for (let j = 0; j < nV; j++) semantic[i * nV + j] = cosine(vecs[nV + i]!, vecs[j]!);
  const rel = new Uint8Array(nS * nV);
  for (let i = 0; i < nS; i++) for (let j = 0; j < nV; j++) rel[i * nV + j] = relevance(split.vacancies[j]!, split.seekers[i]!);

  // Lexical title mode only: the taxonomy's learned re-ranker and title model are trained on the JobBERT dev titles
  // this set is built from, so they would leak; the served pipeline may do better than this lower bound.
  const sugs = async (title: string): Promise<Suggestion[]> =>
    (await tax.normalizeTitle(title, { lang: 'en', limit: 10, mode: 'lexical' })).map((r) => ({ escoUri: r.id, score: r.score }));
  const vacancyTitleSugs: Suggestion[][] = [];
  const vacancies: VacancyFeatures[] = [];
  for (const v of split.vacancies) {
    vacancyTitleSugs.push(await sugs(v.title));
    vacancies.push({
      id: v.id,
      title: v.title,
      occupations: [],
      skills: v.skills.map((s) => ({ label: s.label, esco: s.esco, essential: s.essential })),
      languages: [],
      requirements: { licences: [] },
      remote: false,
      status: 'open',
      expiresAt: null,
    });
  }
  let linkedSkills = 0;
  let totalSkills = 0;
  const seekerTitleSugs: Suggestion[][] = [];
  const profiles: ProfileFeatures[] = [];
  for (const s of split.seekers) {
    seekerTitleSugs.push(await sugs(s.title));
    const skills: ProfileFeatures['skills'] = [];
    for (const label of s.skills) {
      totalSkills++;
      const [a] = tax.linkSkill(label, { lang: 'en', limit: 1 });
      if (a && a.score >= link.linkThreshold) {
        linkedSkills++;
        skills.push({ label, esco: a.id });
      } else skills.push({ label });
    }
    profiles.push({
      id: s.id,
      occupations: [],
      skills,
      experience: [],
      languages: [],
      destinations: [],
      licences: [],
      consent: { matching: true, visibleToEmployers: true },
    });
  }
  const relCache = new Map<string, Map<string, number>>();
  const relatedness = (a: string, b: string): number => {
    let m = relCache.get(a);
    if (!m) {
      m = new Map(tax.relatedSkills(a).map((r) => [r.uri, r.weight]));
      relCache.set(a, m);
    }
    return m.get(b) ?? 0;
  };
  const engine = new MatchEngine(tax);
  return {
    split,
    vacancies,
    profiles,
    vacancyTitleSugs,
    seekerTitleSugs,
    lexical,
    semantic,
    relevance: rel,
    relatedness,
    occupationRelatedness: engine.occupationRelatedness,
    tax,
    skillIndex: skillOccupationIndex(tax),
    stats: { linkedSkills, totalSkills },
  };
}

/** Fill in the suggested occupations of every vacancy and profile for one option set; returns top-1 accuracies. */
export function assignOccupations(p: PreparedSplit, o: OccupationOptions): { vacancyTop1: number; seekerTop1: number } {
  const suggest = (title: Suggestion[], skills: string[], limit: number): OccupationRef[] =>
    o.source === 'title'
      ? title.slice(0, limit).map((t) => occRef(p.tax, t.escoUri, t.score))
      : inferOccupations(title, skills, p.skillIndex, { titleWeight: o.titleWeight, limit });
  let vacancyTop1 = 0;
  let seekerTop1 = 0;
  p.vacancies.forEach((v, j) => {
    const [occ] = suggest(p.vacancyTitleSugs[j]!, v.skills.flatMap((s) => (s.esco ? [s.esco] : [])), 1);
    v.occupations = occ ? [occ] : [];
    if (occ?.escoUri === p.split.vacancies[j]!.occ) vacancyTop1++;
  });
  p.profiles.forEach((prof, i) => {
    prof.occupations = suggest(p.seekerTitleSugs[i]!, prof.skills.flatMap((s) => (s.esco ? [s.esco] : [])), o.profileOccupations);
    if (prof.occupations[0]?.escoUri === p.split.seekers[i]!.occ) seekerTop1++;
  });
  return { vacancyTop1: vacancyTop1 / p.vacancies.length, seekerTop1: seekerTop1 / p.profiles.length };
}

/** Component values of every (seeker, vacancy) pair, as tuning queries. */
export function componentQueries(p: PreparedSplit, params: MatchParams): TuningQuery[] {
  const specificity = params.skillSpecificity === 'occupation-idf' ? skillSpecificity(p.skillIndex) : undefined;
  const nV = p.vacancies.length;
  const m = COMPONENT_NAMES.length;
  return p.profiles.map((profile, i) => {
    const values = new Float64Array(nV * m);
    const stated = new Uint8Array(nV * m);
    for (let j = 0; j < nV; j++) {
      const c = computeComponents(p.vacancies[j]!, profile, params, {
        semantic: p.semantic[i * nV + j]!,
        relatedness: p.relatedness,
        occupationRelatedness: p.occupationRelatedness,
        ...(specificity ? { specificity } : {}),
      });
      COMPONENT_NAMES.forEach((n, k) => {
        values[j * m + k] = c.values[n];
        stated[j * m + k] = c.stated[n] ? 1 : 0;
      });
    }
    return { values, stated, relevance: p.relevance.subarray(i * nV, (i + 1) * nV) };
  });
}

/** Single-signal queries (one column) for the baselines. */
export function signalQueries(p: PreparedSplit, signal: (i: number, j: number) => number): TuningQuery[] {
  const nV = p.vacancies.length;
  const m = COMPONENT_NAMES.length;
  return p.profiles.map((_, i) => {
    const values = new Float64Array(nV * m);
    for (let j = 0; j < nV; j++) values[j * m] = signal(i, j);
    return { values, relevance: p.relevance.subarray(i * nV, (i + 1) * nV) };
  });
}

/** Per-query min–max normalisation, then a weighted sum (the "fusion" baseline). */
export function fusionSignal(p: PreparedSplit, wLex: number): (i: number, j: number) => number {
  const nV = p.vacancies.length;
  const range = (arr: Float32Array, i: number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < nV; j++) {
      const x = arr[i * nV + j]!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    return { lo, span: hi - lo || 1 };
  };
  const rl = p.profiles.map((_, i) => range(p.lexical, i));
  const rs = p.profiles.map((_, i) => range(p.semantic, i));
  return (i, j) => wLex * ((p.lexical[i * nV + j]! - rl[i]!.lo) / rl[i]!.span) + (1 - wLex) * ((p.semantic[i * nV + j]! - rs[i]!.lo) / rs[i]!.span);
}
