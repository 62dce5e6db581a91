import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ESCO_OCC_PREFIX,
  ESCO_SKILL_PREFIX,
  LANGS,
  type IscoGroupRow,
  type Lang,
  type LabelSet,
  type Manifest,
  type OccupationRow,
  type OnetFile,
  type RelationsFile,
  type SkillRow,
  defaultDataDir,
  readGzJson,
} from './files.js';
import { CharNgramIndex } from './lexical-index.js';
import { LABEL_GRAPH_FILE, type LabelVectorSearch, type TextEmbedder, loadLabelVectors } from './label-vectors.js';
import { FEATURES, type RerankerWeights, loadReranker, logit, sigmoid } from './reranker.js';
import { cleanTitle, foldText, looksBinary, stem } from './text.js';

export type { Lang } from './files.js';
export const SUPPORTED_LANGS: readonly Lang[] = LANGS;
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

export interface NormalizeOptions {
  lang?: string;
  scheme?: Scheme;
  limit?: number;
  /** 'learned' (default when weights exist), 'fused', 'lexical' or 'semantic' — the bench compares them. */
  mode?: RankMode;
  /** precomputed embedding of the lower-cased cleaned title (bench cache) */
  queryVector?: Float32Array;
  /** precomputed cosine of the query against every label vector (batched scripts) */
  semScores?: Float32Array;
}

export type RankMode = 'learned' | 'fused' | 'lexical' | 'semantic';

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
  via?: string;
}

export interface NormalizedTitle {
  id: string;
  label: string;
  iscoGroup?: string;
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
}

/** Nearest labels fetched from the graph per title: enough to cover the 50 nearest occupations (~12 labels each). */
export const SEM_LABELS_FETCHED = 300;

/**
 * Learned title model: per occupation, how many training titles carry it and the sum of their embeddings
 * (a nearest-centroid classifier). Only aggregates are kept, never the titles.
 */
export interface TitleModel {
  dim: number;
  counts: Float32Array;
  /** nOcc × dim sums (unit centroids once shipped) */
  sums: Float32Array;
  /** squared norms of the sums */
  norms2: Float32Array;
}

/** Leave-one-out: remove one training title (its occupation and vector) from the model while computing its features. */
export interface LeaveOut {
  occ: number;
  vec: Float32Array;
}

interface TitleCandidate {
  occ: number;
  lex: number;
  lexLabel: number;
  sem: number;
  semLabel: number;
  x?: Float64Array;
}

const KIND_NAMES = ['preferred', 'alternative', 'hidden'] as const;

export { defaultDataDir };

/** Parse a requested language: 'fr-BE' → 'fr'; unknown → undefined with a flag. */
export function resolveLang(lang: string | undefined): { lang: Lang | undefined; unsupported: boolean } {
  if (!lang) return { lang: undefined, unsupported: false };
  const base = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  if ((LANGS as readonly string[]).includes(base)) return { lang: base as Lang, unsupported: false };
  return { lang: undefined, unsupported: true };
}

function splitGendered(label: string): string[] {
  // ESCO fr/es preferred labels read "directeur technique/directrice technique"
  if (!label.includes('/')) return [label];
  const parts = label.split('/').map((s) => s.trim()).filter((s) => s.length > 1);
  return parts.length > 1 ? [label, ...parts] : [label];
}

export class Taxonomy {
  readonly manifest: Manifest;
  readonly occupations: Occupation[];
  readonly skills: Skill[];
  private readonly occById = new Map<string, number>();
  private readonly skillById = new Map<string, number>();
  private readonly occByCode = new Map<string, number>();
  private readonly isco = new Map<string, IscoGroup>();
  private readonly onet = new Map<string, OnetOccupation>();
  private readonly occSkills: { essential: number[]; optional: number[] }[];
  private readonly skillRel = new Map<number, RelatedSkill[]>();
  private readonly skillBroader: Record<string, string[]>;
  private readonly groupMembers = new Map<string, number[]>();
  readonly skillGroups: RelationsFile['skillGroups'];

  // title index
  private readonly tLabelText: string[] = [];
  /** The label as written (tLabelText holds it folded), for evidence. */
  private readonly tLabelOriginal: string[] = [];
  private readonly tLabelOcc: number[] = [];
  private readonly tLabelLang: Lang[] = [];
  private readonly tLabelKind: number[] = [];
  private readonly titleIndex: CharNgramIndex;
  private readonly occHeads: Set<string>[] = [];
  private readonly occWords: Set<string>[] = [];
  private readonly occLabelSet: Set<string>[] = [];
  private readonly occPrior: { generic: number; logLabels: number; onetAlt: number }[] = [];

  // skills index, built per language on first use
  private readonly skillIndexes = new Map<Lang, { index: CharNgramIndex; skill: number[]; text: string[]; kind: number[] }>();
  private readonly skillDicts = new Map<Lang, Map<string, { skill: number; kind: number }[]>>();

  labelVectors: LabelVectorSearch | undefined;
  titleModel: TitleModel | undefined;
  embedder: TextEmbedder | undefined;
  reranker: RerankerWeights | undefined;
  private readonly semOccLabelsByOcc: number[][] = [];

  constructor(readonly dataDir: string, opts: LoadOptions = {}) {
    const p = (f: string) => join(dataDir, f);
    if (!existsSync(p('manifest.json'))) {
      throw new Error(`taxonomy data not found in ${dataDir}: run npm run data:build:taxonomy`);
    }
    this.manifest = readGzJsonOrJson<Manifest>(p('manifest.json'));
    const occRows = readGzJson<OccupationRow[]>(p('occupations.json.gz'));
    const skillRows = readGzJson<SkillRow[]>(p('skills.json.gz'));
    const rel = readGzJson<RelationsFile>(p('relations.json.gz'));
    const iscoRows = readGzJson<IscoGroupRow[]>(p('isco.json.gz'));
    const onet = readGzJson<OnetFile>(p('onet.json.gz'));

    this.occupations = occRows.map((r, i) => {
      this.occById.set(r.id, i);
      if (r.code) this.occByCode.set(r.code, i);
      return { uri: ESCO_OCC_PREFIX + r.id, iscoGroup: r.isco, code: r.code, labels: r.labels, description: r.desc, onet: onet.escoToOnet[r.id] ?? [] };
    });
    this.skills = skillRows.map((r, i) => {
      this.skillById.set(r.id, i);
      return { uri: ESCO_SKILL_PREFIX + r.id, type: r.type, reuseLevel: r.reuse, labels: r.labels, description: r.desc };
    });
    for (const g of iscoRows) this.isco.set(g.code, g);
    const onetEsco = new Map<string, string[]>();
    for (const [esco, codes] of Object.entries(onet.escoToOnet)) for (const c of codes) (onetEsco.get(c) ?? onetEsco.set(c, []).get(c)!).push(ESCO_OCC_PREFIX + esco);
    for (const o of onet.occupations) this.onet.set(o.code, { code: o.code, title: o.title, description: o.desc, alternateTitles: o.alt, esco: onetEsco.get(o.code) ?? [] });

    this.occSkills = this.occupations.map(() => ({ essential: [], optional: [] }));
    for (let i = 0; i < rel.occSkill.length; i += 3) {
      const o = this.occSkills[rel.occSkill[i]!]!;
      (rel.occSkill[i + 2] ? o.essential : o.optional).push(rel.occSkill[i + 1]!);
    }
    for (let i = 0; i < rel.skillSkill.length; i += 3) {
      const a = rel.skillSkill[i]!;
      const b = rel.skillSkill[i + 1]!;
      const ess = rel.skillSkill[i + 2] === 1;
      const add = (x: number, y: number) =>
        (this.skillRel.get(x) ?? this.skillRel.set(x, []).get(x)!).push({ uri: this.skills[y]!.uri, relation: ess ? 'essential' : 'optional', weight: ess ? 0.6 : 0.4 });
      add(a, b);
      add(b, a);
    }
    this.skillBroader = rel.skillBroader;
    this.skillGroups = rel.skillGroups;
    for (const [si, groups] of Object.entries(rel.skillBroader)) for (const g of groups) (this.groupMembers.get(g) ?? this.groupMembers.set(g, []).get(g)!).push(Number(si));

    // ---- title label index over every language we hold
    const onetAltCount = new Map<string, number>();
    for (const o of onet.occupations) onetAltCount.set(o.code, o.alt.length);
    this.occupations.forEach((occ, oi) => {
      const seen = new Set<string>();
      const heads = new Set<string>();
      const ws = new Set<string>();
      let n = 0;
      for (const lang of LANGS) {
        const ls = occ.labels[lang];
        if (!ls) continue;
        const entries: [string, number][] = [
          ...splitGendered(ls.pref).map((t) => [t, 0] as [string, number]),
          ...(ls.alt ?? []).map((t) => [t, 1] as [string, number]),
          ...(ls.hidden ?? []).map((t) => [t, 2] as [string, number]),
        ];
        for (const [text, kind] of entries) {
          if (opts.excludeOccupationLabel?.(occ.uri, lang, kind, text)) continue;
          const f = foldText(text);
          if (!f || seen.has(f)) continue;
          seen.add(f);
          this.tLabelText.push(f);
          this.tLabelOriginal.push(text);
          this.tLabelOcc.push(oi);
          this.tLabelLang.push(lang);
          this.tLabelKind.push(kind);
          const w = f.split(' ');
          heads.add(stem(lang === 'fr' || lang === 'es' ? w[0]! : w[w.length - 1]!));
          for (const x of w) ws.add(stem(x));
          n++;
        }
      }
      this.occHeads.push(heads);
      this.occWords.push(ws);
      this.occLabelSet.push(seen);
      const onetAlt = occ.onet.reduce((s, c) => s + (onetAltCount.get(c) ?? 0), 0);
      this.occPrior.push({
        generic: -(occ.code.split('.').length - 1),
        logLabels: Math.log1p(n),
        onetAlt: Math.log1p(onetAlt),
      });
    });
    this.titleIndex = new CharNgramIndex(this.tLabelText);

    if (opts.semantic !== false) {
      this.labelVectors = loadLabelVectors(
        p('occupation-label-vectors.json.gz'),
        p('occupation-label-vectors.bin.gz'),
        opts.labelGraph === false ? undefined : { path: p(LABEL_GRAPH_FILE), log: opts.log },
      );
      if (this.labelVectors) this.attachLabelVectors(this.labelVectors);
      this.reranker = loadReranker(p('title-reranker.json'));
      this.titleModel = this.loadTitleModel(p('title-model.json.gz'));
    }
  }

  private loadTitleModel(path: string): TitleModel | undefined {
    if (!existsSync(path)) return undefined;
    const raw = readGzJson<{ dim: number; centroids: Record<string, { n: number; c: number[] }> }>(path);
    const nOcc = this.occupations.length;
    const m: TitleModel = { dim: raw.dim, counts: new Float32Array(nOcc), sums: new Float32Array(nOcc * raw.dim), norms2: new Float32Array(nOcc) };
    for (const [id, { n, c }] of Object.entries(raw.centroids)) {
      const o = this.occById.get(id);
      if (o === undefined) continue;
      m.counts[o] = n;
      let n2 = 0;
      for (let j = 0; j < raw.dim; j++) {
        const v = c[j]! / 127;
        m.sums[o * raw.dim + j] = v;
        n2 += v * v;
      }
      m.norms2[o] = n2;
    }
    return m;
  }

  /** A view of this (shared, loaded-once) taxonomy that embeds queries with the given embedder. */
  withEmbedder(embedder: TextEmbedder | undefined): Taxonomy {
    const view = Object.create(this) as Taxonomy;
    view.embedder = embedder;
    return view;
  }

  attachLabelVectors(lv: LabelVectorSearch & { header?: { concepts: string[] } }): void {
    this.labelVectors = lv;
    const header = (lv as { header?: { concepts: string[] } }).header;
    this.semOccLabelsByOcc.length = 0;
    this.labelOcc = new Int32Array(lv.size).fill(-1);
    if (header) {
      header.concepts.forEach((c, i) => {
        const oi = this.occById.get(c);
        if (oi === undefined) return;
        (this.semOccLabelsByOcc[oi] ??= []).push(i);
        this.labelOcc[i] = oi;
      });
    }
  }

  /** label row → occupation index (-1: not a loaded occupation). */
  private labelOcc = new Int32Array(0);

  // ---------------------------------------------------------------- lookups
  occupation(uriOrCode: string): Occupation | undefined {
    const i = this.occIndexOf(uriOrCode);
    return i === undefined ? undefined : this.occupations[i];
  }

  private occIndexOf(uriOrCode: string): number | undefined {
    const s = uriOrCode.trim();
    if (s.startsWith(ESCO_OCC_PREFIX)) return this.occById.get(s.slice(ESCO_OCC_PREFIX.length));
    return this.occById.get(s) ?? this.occByCode.get(s);
  }

  skill(uri: string): Skill | undefined {
    const i = this.skillIndexOf(uri);
    return i === undefined ? undefined : this.skills[i];
  }

  private skillIndexOf(uri: string): number | undefined {
    const s = uri.trim();
    return this.skillById.get(s.startsWith(ESCO_SKILL_PREFIX) ? s.slice(ESCO_SKILL_PREFIX.length) : s);
  }

  iscoGroup(code: string): IscoGroup | undefined {
    return this.isco.get(code.trim());
  }

  onetOccupation(code: string): OnetOccupation | undefined {
    return this.onet.get(code.trim());
  }

  onetOccupations(): OnetOccupation[] {
    return [...this.onet.values()];
  }

  /** Essential and optional skills of an occupation (URI, short id or ESCO code). */
  occupationSkills(uri: string): { essential: Skill[]; optional: Skill[] } | undefined {
    const i = this.occIndexOf(uri);
    if (i === undefined) return undefined;
    const r = this.occSkills[i]!;
    return { essential: r.essential.map((s) => this.skills[s]!), optional: r.optional.map((s) => this.skills[s]!) };
  }

  /** Ancestors of an ISCO code from the unit group up to the major group, the code itself first. */
  iscoAncestors(code: string): IscoGroup[] {
    const out: IscoGroup[] = [];
    let c: string | null = code.trim().replace(/\..*$/, '');
    while (c) {
      const g = this.isco.get(c);
      if (!g) break;
      out.push(g);
      c = g.parent;
    }
    return out;
  }

  /** Skills ESCO relates to this one (skill–skill relations both ways, plus siblings in small skill groups). */
  relatedSkills(uri: string): RelatedSkill[] {
    const i = this.skillIndexOf(uri);
    if (i === undefined) return [];
    const out = new Map<string, RelatedSkill>();
    for (const r of this.skillRel.get(i) ?? []) if (!out.has(r.uri) || out.get(r.uri)!.weight < r.weight) out.set(r.uri, r);
    for (const g of this.skillBroader[String(i)] ?? []) {
      const members = this.groupMembers.get(g) ?? [];
      if (members.length > 40) continue;
      for (const m of members) {
        const u = this.skills[m]!.uri;
        if (m !== i && !out.has(u)) out.set(u, { uri: u, relation: 'sibling', weight: 0.25 });
      }
    }
    return [...out.values()].sort((a, b) => b.weight - a.weight || a.uri.localeCompare(b.uri));
  }

  skillBroaderGroups(uri: string): { uri: string; label: string }[] {
    const i = this.skillIndexOf(uri);
    if (i === undefined) return [];
    return (this.skillBroader[String(i)] ?? []).map((g) => ({ uri: g, label: this.skillGroups[g]?.label ?? '' }));
  }

  /** Preferred label in the language, falling back to English. */
  label(c: { labels: Partial<Record<Lang, LabelSet>> }, lang?: Lang): string {
    return (lang && c.labels[lang]?.pref) || c.labels.en?.pref || '';
  }

  // ---------------------------------------------------------------- titles
  /** Candidate occupations for a title with all evidence (lexical top-50 ∪ semantic top-50). */
  titleCandidates(title: string, lang: Lang | undefined, queryVector?: Float32Array, k = 50, semScores?: Float32Array, leaveOut?: LeaveOut): { q: string; cands: TitleCandidate[]; centroid?: Float32Array } {
    const q = cleanTitle(title);
    const labelScores = this.titleIndex.scoreAll(q);
    const nOcc = this.occupations.length;
    const lex = new Float32Array(nOcc);
    const lexLabel = new Int32Array(nOcc).fill(-1);
    for (let l = 0; l < labelScores.length; l++) {
      let s = labelScores[l]!;
      if (s <= 0) continue;
      // a label in the caller's language wins ties over a look-alike in another language
      if (lang && this.tLabelLang[l] === lang) s *= 1.03;
      const o = this.tLabelOcc[l]!;
      if (s > lex[o]!) {
        lex[o] = s;
        lexLabel[o] = l;
      }
    }
    const sem = new Float32Array(nOcc);
    const semLabel = new Int32Array(nOcc).fill(-1);
    const lv = this.labelVectors as (LabelVectorSearch & { header?: { kinds: number[]; concepts: string[] } }) | undefined;
    const kinds = lv?.header?.kinds;
    // sem[o]: best cosine over the occupation's labels, plus 0.2 × its label+description cosine.
    const semDone = new Uint8Array(nOcc);
    const semOf = (o: number, cos: (l: number) => number) => {
      if (semDone[o]) return;
      semDone[o] = 1;
      let desc = 0;
      for (const l of this.semOccLabelsByOcc[o] ?? []) {
        const c = cos(l);
        if (kinds?.[l] === 3) desc = Math.max(desc, c);
        else if (c > sem[o]! || semLabel[o] === -1) {
          sem[o] = c;
          semLabel[o] = l;
        }
      }
      sem[o] = sem[o]! + 0.2 * desc;
    };
    let exactCos: ((l: number) => number) | undefined;
    let semPool: number[] | undefined;
    if (lv && queryVector) {
      if (semScores) {
        // Dense scores supplied (training, and the exact baseline of bench:taxonomy): every occupation.
        const all = semScores;
        exactCos = (l) => all[l]!;
        for (let o = 0; o < nOcc; o++) semOf(o, exactCos);
      } else {
        // Served path: the nearest labels from the HNSW graph (taxonomy-labels) name the semantic candidates; each
        // candidate's cosines are then computed exactly over its own labels, as are those of every other candidate.
        const qv = queryVector;
        exactCos = (l) => lv.score(qv, l);
        const occOf = this.labelOcc;
        semPool = [];
        for (const h of lv.search(qv, SEM_LABELS_FETCHED)) {
          const o = occOf[h.label]!;
          if (o >= 0 && !semDone[o]) {
            semOf(o, exactCos);
            semPool.push(o);
          }
        }
      }
    }
    const top = (arr: Float32Array, pool?: number[]) => {
      const idx = (pool ?? Array.from({ length: nOcc }, (_, i) => i)).filter((i) => arr[i]! > 0);
      idx.sort((a, b) => arr[b]! - arr[a]! || a - b);
      return idx.slice(0, k);
    };
    const set = new Set<number>(top(lex));
    if (queryVector && lv) for (const o of top(sem, semPool)) set.add(o);
    let centroid: Float32Array | undefined;
    const tm = this.titleModel;
    if (tm && queryVector) {
      centroid = new Float32Array(nOcc);
      for (let o = 0; o < nOcc; o++) {
        let cnt = tm.counts[o]!;
        if (!cnt) continue;
        let dot = 0;
        const off = o * tm.dim;
        for (let j = 0; j < tm.dim; j++) dot += queryVector[j]! * tm.sums[off + j]!;
        let n2 = tm.norms2[o]!;
        if (leaveOut && leaveOut.occ === o) {
          cnt -= 1;
          if (cnt <= 0) continue;
          let sv = 0;
          let vv = 0;
          let qv = 0;
          for (let j = 0; j < tm.dim; j++) {
            sv += tm.sums[off + j]! * leaveOut.vec[j]!;
            vv += leaveOut.vec[j]! * leaveOut.vec[j]!;
            qv += queryVector[j]! * leaveOut.vec[j]!;
          }
          n2 = n2 - 2 * sv + vv;
          dot -= qv;
        }
        centroid[o] = n2 > 1e-9 ? dot / Math.sqrt(n2) : 0;
      }
      const byCentroid = top(centroid).slice(0, 20);
      for (const o of byCentroid) set.add(o);
    }
    if (exactCos) for (const o of set) semOf(o, exactCos);
    const cands = [...set].map((occ) => ({ occ, lex: lex[occ]!, lexLabel: lexLabel[occ]!, sem: sem[occ]!, semLabel: semLabel[occ]! }));
    return { q, cands, centroid };
  }

  /** Feature vectors for the re-ranker (order = FEATURES). */
  titleFeatures(q: string, lang: Lang | undefined, cands: TitleCandidate[], centroid?: Float32Array, leaveOut?: LeaveOut): Float64Array[] {
    const n = cands.length;
    if (!n) return [];
    const rank = (key: 'lex' | 'sem') => {
      const idx = cands.map((_, i) => i).sort((a, b) => cands[b]![key] - cands[a]![key] || a - b);
      const r = new Array<number>(n);
      idx.forEach((c, i) => (r[c] = i + 1));
      return r;
    };
    const lr = rank('lex');
    const sr = rank('sem');
    const maxLex = Math.max(...cands.map((c) => c.lex));
    const maxSem = Math.max(...cands.map((c) => c.sem));
    const minLex = Math.min(...cands.map((c) => c.lex));
    const minSem = Math.min(...cands.map((c) => c.sem));
    const qw = q.split(' ').filter(Boolean);
    const qStems = qw.map(stem);
    const qHeadEn = qStems[qStems.length - 1] ?? '';
    const qHeadRo = qStems[0] ?? '';
    const qHead = lang === 'fr' || lang === 'es' ? qHeadRo : qHeadEn;
    return cands.map((c, i) => {
      const x = new Float64Array(FEATURES.length);
      const lab = c.lexLabel >= 0 ? this.tLabelText[c.lexLabel]! : '';
      const labLang = c.lexLabel >= 0 ? this.tLabelLang[c.lexLabel]! : 'en';
      const lw = lab.split(' ');
      const labHead = stem((labLang === 'fr' || labLang === 'es' ? lw[0] : lw[lw.length - 1]) ?? '');
      const nl = maxLex > minLex ? (c.lex - minLex) / (maxLex - minLex) : 0;
      const ns = maxSem > minSem ? (c.sem - minSem) / (maxSem - minSem) : 0;
      const prior = this.occPrior[c.occ]!;
      const words = this.occWords[c.occ]!;
      x[0] = c.lex;
      x[1] = c.lex - maxLex;
      x[2] = 1 / lr[i]!;
      x[3] = c.sem;
      x[4] = c.sem - maxSem;
      x[5] = maxSem > 0 ? 1 / sr[i]! : 0;
      x[6] = maxSem > 0 ? 0.3 * nl + 0.7 * ns : nl;
      x[7] = c.lexLabel >= 0 && this.tLabelKind[c.lexLabel] === 0 ? 1 : 0;
      x[8] = c.lexLabel >= 0 && this.tLabelKind[c.lexLabel] === 2 ? 1 : 0;
      x[9] = qHead && labHead === qHead ? 1 : 0;
      x[10] = this.occHeads[c.occ]!.has(qHeadEn) || this.occHeads[c.occ]!.has(qHeadRo) ? 1 : 0;
      x[11] = qStems.length ? qStems.filter((w) => words.has(w)).length / qStems.length : 0;
      x[12] = this.occLabelSet[c.occ]!.has(q) ? 1 : 0;
      x[13] = lang && labLang === lang ? 1 : 0;
      x[14] = prior.generic;
      x[15] = prior.logLabels;
      x[16] = prior.onetAlt;
      const tm = this.titleModel;
      const cnt = tm ? tm.counts[c.occ]! - (leaveOut?.occ === c.occ ? 1 : 0) : 0;
      x[17] = Math.log1p(Math.max(0, cnt));
      x[18] = centroid ? centroid[c.occ]! : 0;
      x[19] = cnt > 0 ? 1 : 0;
      return x;
    });
  }

  /** Rank ESCO occupations for a title; synchronous (the query vector, if any, is given). */
  rankTitle(title: string, opts: NormalizeOptions = {}): NormalizedTitle[] {
    const { lang, unsupported } = resolveLang(opts.lang);
    const limit = Math.max(1, Math.min(opts.limit ?? 10, 50));
    const hasSem = !!(this.labelVectors && opts.queryVector);
    // USE-lite and the title model are English-only: other languages are ranked through their own ESCO labels
    // (the bench's cross-lingual table shows the learned ranking losing there)
    const english = !opts.lang || lang === 'en';
    let mode: RankMode = opts.mode ?? (!english ? 'lexical' : this.reranker && hasSem ? 'learned' : hasSem ? 'fused' : 'lexical');
    if ((mode === 'semantic' || mode === 'fused') && !hasSem) mode = 'lexical';
    if (mode === 'learned' && (!this.reranker || !hasSem)) mode = hasSem ? 'fused' : 'lexical';
    const { q, cands, centroid } = this.titleCandidates(title, lang, hasSem ? opts.queryVector : undefined, 50, opts.semScores);
    if (!cands.length) return [];
    const xs = this.titleFeatures(q, lang, cands, centroid);
    let scored: { c: TitleCandidate; s: number; p: number }[];
    if (mode === 'learned') {
      const zs = xs.map((x) => logit(this.reranker!, x));
      const mx = Math.max(...zs);
      // the top candidate scores its calibrated probability of being right; the others scale by their odds ratio
      const pTop = sigmoid(mx);
      scored = cands.map((c, i) => ({ c, s: zs[i]!, p: pTop * Math.exp(zs[i]! - mx) }));
    } else {
      const key = mode === 'lexical' ? 0 : mode === 'semantic' ? 3 : 6;
      scored = cands.map((c, i) => ({ c, s: xs[i]![key]!, p: Math.max(0, Math.min(1, mode === 'lexical' ? c.lex : mode === 'semantic' ? c.sem : xs[i]![6]! * c.lex ** 0.5)) }));
    }
    scored.sort((a, b) => b.s - a.s || a.c.occ - b.c.occ);
    const factor = unsupported ? 0.6 : 1;
    return scored.slice(0, limit).map(({ c, p }) => {
      const occ = this.occupations[c.occ]!;
      const li = c.lexLabel;
      const lv = this.labelVectors as (LabelVectorSearch & { header?: { texts: string[] } }) | undefined;
      const evidence: TitleEvidence = {
        method: mode,
        matchedLabel: li >= 0 ? this.tLabelOriginal[li]! : '',
        matchedLang: li >= 0 ? this.tLabelLang[li]! : 'en',
        labelKind: li >= 0 ? KIND_NAMES[this.tLabelKind[li]!]! : 'preferred',
        lexical: round(c.lex),
      };
      if (hasSem) {
        evidence.semantic = round(c.sem);
        if (c.semLabel >= 0 && lv?.header) evidence.semanticLabel = lv.header.texts[c.semLabel];
      }
      if (unsupported) evidence.unsupportedLanguage = true;
      return { id: occ.uri, label: this.label(occ, lang), iscoGroup: occ.iscoGroup || undefined, score: round(p * factor), evidence };
    });
  }

  /** Embed the cleaned, lower-cased title (USE-lite is case-sensitive: lower-case it). */
  async embedTitle(title: string): Promise<Float32Array | undefined> {
    if (!this.embedder || !this.labelVectors) return undefined;
    if (this.embedder.id !== this.labelVectors.modelId) return undefined;
    const [v] = await this.embedder.embed([titleEmbeddingText(title)]);
    return v;
  }

  /** Title → ranked concepts in the requested scheme (ESCO URI, ISCO-08 code or O*NET-SOC 2019 code). */
  async normalizeTitle(title: string, opts: NormalizeOptions = {}): Promise<NormalizedTitle[]> {
    if (!title.trim() || looksBinary(title)) return [];
    const queryVector = opts.queryVector ?? (await this.embedTitle(title));
    const scheme = opts.scheme ?? 'esco';
    const limit = Math.max(1, Math.min(opts.limit ?? 10, 50));
    if (scheme === 'esco') return this.rankTitle(title, { ...opts, queryVector, limit });
    const esco = this.rankTitle(title, { ...opts, queryVector, limit: 50 });
    const { lang } = resolveLang(opts.lang);
    if (scheme === 'isco') {
      const agg = new Map<string, NormalizedTitle>();
      for (const r of esco) {
        if (!r.iscoGroup) continue;
        const g = agg.get(r.iscoGroup);
        if (g) g.score = round(Math.min(1, g.score + r.score * 0.25));
        else {
          const ig = this.isco.get(r.iscoGroup);
          agg.set(r.iscoGroup, { id: r.iscoGroup, label: (lang && ig?.labels[lang]) || ig?.labels.en || r.iscoGroup, iscoGroup: r.iscoGroup, score: r.score, evidence: { ...r.evidence, via: r.id } });
        }
      }
      return [...agg.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
    }
    return this.onetFromEsco(title, esco, limit);
  }

  /** Batch form: one embedding call for all titles, then one ranking per title (same order). */
  async normalizeTitles(titles: string[], opts: Omit<NormalizeOptions, 'queryVector'> = {}): Promise<NormalizedTitle[][]> {
    let vectors: (Float32Array | undefined)[] = titles.map(() => undefined);
    if (this.embedder && this.labelVectors && this.embedder.id === this.labelVectors.modelId) {
      const ok = titles.map((t) => !!t.trim() && !looksBinary(t));
      const texts = titles.filter((_, i) => ok[i]).map(titleEmbeddingText);
      const vs = texts.length ? await this.embedder.embed(texts) : [];
      let k = 0;
      vectors = ok.map((b) => (b ? vs[k++] : undefined));
    }
    const out: NormalizedTitle[][] = [];
    for (let i = 0; i < titles.length; i++) {
      out.push(vectors[i] || !this.embedder ? await this.normalizeTitle(titles[i]!, { ...opts, queryVector: vectors[i] }) : []);
    }
    return out;
  }

  /** Built on first use and shared by every view (a view assigning its own field would build one per app). */
  private readonly lazy: { onetTitleIdx?: OnetTitleIndex } = {};
  /** O*NET: its own titles + alternate titles lexically, fused with ESCO candidates mapped through the crosswalk. */
  onetFromEsco(title: string, esco: NormalizedTitle[], limit: number, index?: OnetTitleIndex): NormalizedTitle[] {
    const idx = index ?? (this.lazy.onetTitleIdx ??= new OnetTitleIndex(this));
    const direct = idx.search(title, 50);
    const score = new Map<string, { s: number; ev: TitleEvidence }>();
    for (const d of direct) {
      score.set(d.code, { s: d.score, ev: { method: 'lexical', matchedLabel: d.label, matchedLang: 'en', labelKind: d.kind === 0 ? 'preferred' : 'alternative', lexical: round(d.score) } });
    }
    esco.forEach((r, rank) => {
      const occ = this.occupation(r.id);
      for (const c of occ?.onet ?? []) {
        const add = (0.35 * r.score) / (1 + rank * 0.1);
        const cur = score.get(c);
        if (cur) cur.s += add;
        else score.set(c, { s: add, ev: { ...r.evidence, via: r.id } });
      }
    });
    return [...score.entries()]
      .sort((a, b) => b[1].s - a[1].s || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([code, v]) => {
        const o = this.onet.get(code)!;
        return { id: code, label: o.title, score: round(Math.min(1, v.s)), evidence: v.ev };
      });
  }

  // ---------------------------------------------------------------- skills
  private skillIndex(lang: Lang) {
    let si = this.skillIndexes.get(lang);
    if (si) return si;
    const text: string[] = [];
    const skill: number[] = [];
    const kind: number[] = [];
    this.skills.forEach((s, i) => {
      const ls = s.labels[lang];
      if (!ls) return;
      const seen = new Set<string>();
      const add = (t: string, k: number) => {
        const f = foldText(t);
        if (!f || seen.has(f)) return;
        seen.add(f);
        text.push(f);
        skill.push(i);
        kind.push(k);
      };
      const withVariants = (t: string, k: number) => {
        add(t, k);
        const np = t.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
        if (np !== t) add(np, k);
      };
      withVariants(ls.pref, 0);
      for (const a of ls.alt ?? []) withVariants(a, 1);
      for (const h of ls.hidden ?? []) withVariants(h, 2);
    });
    si = { index: new CharNgramIndex(text), skill, text, kind };
    this.skillIndexes.set(lang, si);
    return si;
  }

  /** Free-text skill → best ESCO skill candidates (char n-grams: robust to typos; alt labels: synonyms). */
  linkSkill(label: string, opts: { lang?: string; limit?: number } = {}): SkillLink[] {
    const { lang, unsupported } = resolveLang(opts.lang);
    const limit = Math.max(1, Math.min(opts.limit ?? 5, 50));
    const q0 = foldText(label);
    if (!q0 || looksBinary(label)) return [];
    const langs: Lang[] = lang && lang !== 'en' && lang !== 'nl' ? [lang, 'en'] : ['en'];
    // typo repair: words unknown to every label of the language are replaced by the closest known word (edit distance ≤ 2)
    const q = this.correctWords(q0, langs[0]!);
    const best = new Map<number, { s: number; text: string; lang: Lang }>();
    for (const l of langs) {
      const si = this.skillIndex(l);
      const scores = si.index.scoreAll(q);
      for (let i = 0; i < scores.length; i++) {
        let s = scores[i]!;
        if (s < 0.2) continue;
        // a preferred label beats an alternative one that reads the same (ESCO reuses alt labels across skills)
        if (si.kind[i] === 1) s *= 0.985;
        else if (si.kind[i] === 2) s *= 0.97;
        if (l !== (lang ?? 'en')) s *= 0.95;
        const k = si.skill[i]!;
        const cur = best.get(k);
        if (!cur || s > cur.s) best.set(k, { s, text: si.text[i]!, lang: l });
      }
    }
    const factor = unsupported ? 0.7 : 1;
    return [...best.entries()]
      .sort((a, b) => b[1].s - a[1].s || a[0] - b[0])
      .slice(0, limit)
      .map(([k, v]) => ({ id: this.skills[k]!.uri, label: this.label(this.skills[k]!, lang), score: round(Math.min(1, v.s) * factor), matchedLabel: v.text, matchedLang: v.lang }));
  }

  private readonly vocab = new Map<Lang, { set: Set<string>; byLen: Map<number, string[]> }>();
  private correctWords(q: string, lang: Lang): string {
    let v = this.vocab.get(lang);
    if (!v) {
      const set = new Set<string>();
      for (const t of this.skillIndex(lang).text) for (const w of t.split(' ')) if (w.length > 2) set.add(w);
      const byLen = new Map<number, string[]>();
      for (const w of set) (byLen.get(w.length) ?? byLen.set(w.length, []).get(w.length)!).push(w);
      v = { set, byLen };
      this.vocab.set(lang, v);
    }
    const voc = v;
    return q
      .split(' ')
      .map((w) => {
        if (w.length < 4 || voc.set.has(w)) return w;
        let best = w;
        let bd = w.length >= 7 ? 3 : 2;
        for (let L = w.length - 2; L <= w.length + 2; L++) {
          for (const c of voc.byLen.get(L) ?? []) {
            const d = editDistance(w, c, bd);
            if (d < bd) {
              bd = d;
              best = c;
            }
          }
        }
        return best;
      })
      .join(' ');
  }

  /** Link many free-text skills at once; keeps the best candidate per input when it is confident enough. */
  linkSkills(labels: string[], lang?: string, minScore = 0.55): { input: string; id: string | null; label: string | null; score: number }[] {
    return labels.map((input) => {
      const [top] = this.linkSkill(input, { lang, limit: 1 });
      return top && top.score >= minScore ? { input, id: top.id, label: top.label, score: top.score } : { input, id: null, label: null, score: top?.score ?? 0 };
    });
  }

  private skillDict(lang: Lang) {
    let d = this.skillDicts.get(lang);
    if (d) return d;
    d = new Map();
    const si = this.skillIndex(lang);
    si.text.forEach((t, i) => {
      const ws = t.split(' ');
      if (ws.length > 8) return;
      if (ws.length === 1 && (t.length < 4 || EXTRACT_STOP.has(t))) return;
      const key = ws.map(stem).join(' ');
      const list = d!.get(key) ?? d!.set(key, []).get(key)!;
      if (!list.some((x) => x.skill === si.skill[i])) list.push({ skill: si.skill[i]!, kind: si.kind[i]! });
    });
    this.skillDicts.set(lang, d);
    return d;
  }

  /** Skills mentioned in a job ad or CV: dictionary phrases of ESCO labels (stemmed), plus fuzzy matches of short clauses. */
  extractSkills(text: string, opts: { lang?: string; limit?: number; minScore?: number } = {}): ExtractedSkill[] {
    const { lang: l0, unsupported } = resolveLang(opts.lang);
    const lang: Lang = l0 && l0 !== 'nl' ? l0 : 'en';
    const minScore = opts.minScore ?? 0.5;
    if (!text.trim() || looksBinary(text)) return [];
    const dict = this.skillDict(lang);
    const tokens: { w: string; s: number; e: number }[] = [];
    const re = /[\p{L}\p{N}+#]+/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const f = foldText(m[0]);
      if (f) tokens.push({ w: stem(f), s: m.index, e: m.index + m[0].length });
    }
    // sentence / clause boundaries: do not let a phrase cross them
    const boundary = new Set<number>();
    for (let i = 1; i < tokens.length; i++) {
      const gap = text.slice(tokens[i - 1]!.e, tokens[i]!.s);
      if (/[.;:!?\n•·|]/.test(gap) || /,/.test(gap)) boundary.add(i);
    }
    const found = new Map<number, { score: number; spans: [number, number][] }>();
    const hit = (skill: number, score: number, span: [number, number]) => {
      const cur = found.get(skill);
      if (!cur) found.set(skill, { score, spans: [span] });
      else {
        cur.score = Math.max(cur.score, score);
        if (!cur.spans.some((s) => s[0] === span[0] && s[1] === span[1])) cur.spans.push(span);
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      let key = '';
      for (let n = 1; n <= 8 && i + n <= tokens.length; n++) {
        if (n > 1 && boundary.has(i + n - 1)) break;
        key = n === 1 ? tokens[i]!.w : `${key} ${tokens[i + n - 1]!.w}`;
        const list = dict.get(key);
        if (!list) continue;
        // longer phrases are more specific; single words are often generic
        const base = n === 1 ? 0.6 : n === 2 ? 0.8 : 0.9;
        for (const { skill, kind } of list) hit(skill, base - (kind === 2 ? 0.05 : 0) - (list.length > 1 ? 0.05 : 0), [tokens[i]!.s, tokens[i + n - 1]!.e]);
      }
    }
    // fuzzy: short clauses (2–6 words) that read like a skill phrase, e.g. bullet items
    let start = 0;
    const clauses: [number, number][] = [];
    for (let i = 1; i <= tokens.length; i++) {
      if (i === tokens.length || boundary.has(i)) {
        clauses.push([start, i]);
        start = i;
      }
    }
    for (const [a, b] of clauses) {
      if (b - a < 2 || b - a > 6) continue;
      const span: [number, number] = [tokens[a]!.s, tokens[b - 1]!.e];
      const [top] = this.linkSkill(text.slice(span[0], span[1]), { lang, limit: 1 });
      if (top && top.score >= 0.72) hit(this.skillIndexOf(top.id)!, top.score * 0.85, span);
    }
    const factor = unsupported ? 0.7 : 1;
    return [...found.entries()]
      .map(([k, v]) => ({ id: this.skills[k]!.uri, label: this.label(this.skills[k]!, l0), score: round(v.score * factor), spans: v.spans.sort((x, y) => x[0] - y[0]) }))
      .filter((s) => s.score >= minScore * factor)
      .sort((a, b) => b.score - a.score || a.spans[0]![0] - b.spans[0]![0])
      .slice(0, opts.limit ?? 100);
  }
}

const EXTRACT_STOP = new Set([
  'work', 'working', 'manage', 'management', 'team', 'teams', 'sell', 'lead', 'plan', 'build', 'drive', 'care', 'help', 'support',
  'advise', 'test', 'teach', 'write', 'read', 'speak', 'design', 'cook', 'clean', 'order', 'service', 'services', 'business', 'health',
  'project', 'projects', 'data', 'travel', 'customer', 'customers', 'people', 'report', 'reports', 'office', 'training', 'trabajo', 'travail',
]);

export class OnetTitleIndex {
  private readonly index: CharNgramIndex;
  private readonly code: string[] = [];
  private readonly label: string[] = [];
  private readonly kind: number[] = [];
  constructor(tax: Taxonomy, exclude?: (code: string, title: string) => boolean) {
    const texts: string[] = [];
    for (const o of tax.onetOccupations()) {
      const seen = new Set<string>();
      for (const [t, k] of [[o.title, 0] as const, ...o.alternateTitles.map((a) => [a, 1] as const)]) {
        if (k === 1 && exclude?.(o.code, t)) continue;
        const f = foldText(t);
        if (!f || seen.has(f)) continue;
        seen.add(f);
        texts.push(f);
        this.code.push(o.code);
        this.label.push(t);
        this.kind.push(k);
      }
    }
    this.index = new CharNgramIndex(texts);
  }
  search(title: string, k: number): { code: string; label: string; score: number; kind: number }[] {
    const s = this.index.scoreAll(cleanTitle(title));
    const best = new Map<string, number>();
    for (let i = 0; i < s.length; i++) {
      if (s[i]! <= 0) continue;
      const c = this.code[i]!;
      const b = best.get(c);
      if (b === undefined || s[i]! > s[b]!) best.set(c, i);
    }
    return [...best.entries()]
      .sort((a, b) => s[b[1]]! - s[a[1]]! || a[0].localeCompare(b[0]))
      .slice(0, k)
      .map(([code, i]) => ({ code, label: this.label[i]!, score: s[i]!, kind: this.kind[i]! }));
  }
}

export function titleEmbeddingText(title: string): string {
  return cleanTitle(title);
}

/** Damerau–Levenshtein (optimal string alignment) with an early exit once every cell exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) >= max) return max;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let p2 = prev2;
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, p2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= max) return max;
    p2 = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function readGzJsonOrJson<T>(path: string): T {
  return path.endsWith('.gz') ? readGzJson<T>(path) : (JSON.parse(readFileSync(path, 'utf8')) as T);
}

/** Aggregate a title model (counts + embedding sums per occupation) from labelled titles. */
export function buildTitleModel(tax: Taxonomy, examples: { gold: string }[], vectors: Float32Array[]): TitleModel {
  const nOcc = tax.occupations.length;
  const dim = vectors[0]?.length ?? 512;
  const counts = new Float32Array(nOcc);
  const sums = new Float32Array(nOcc * dim);
  const index = new Map(tax.occupations.map((o, i) => [o.uri, i]));
  examples.forEach((e, i) => {
    const o = index.get(e.gold);
    if (o === undefined) return;
    counts[o]!++;
    const v = vectors[i]!;
    for (let j = 0; j < dim; j++) sums[o * dim + j]! += v[j]!;
  });
  const norms2 = new Float32Array(nOcc);
  for (let o = 0; o < nOcc; o++) {
    let n = 0;
    for (let j = 0; j < dim; j++) n += sums[o * dim + j]! ** 2;
    norms2[o] = n;
  }
  return { dim, counts, sums, norms2 };
}

/** Shipped form: counts and unit centroids rounded to int8 (aggregates only). */
export function serialiseTitleModel(tax: Taxonomy, m: TitleModel, meta: Record<string, unknown>): unknown {
  const centroids: Record<string, { n: number; c: number[] }> = {};
  tax.occupations.forEach((o, i) => {
    const n = m.counts[i]!;
    if (!n) return;
    const norm = Math.sqrt(m.norms2[i]!) || 1;
    const c: number[] = [];
    for (let j = 0; j < m.dim; j++) c.push(Math.round((m.sums[i * m.dim + j]! / norm) * 127));
    centroids[o.uri.slice(ESCO_OCC_PREFIX.length)] = { n, c };
  });
  return { ...meta, dim: m.dim, centroids };
}

const cache = new Map<string, Taxonomy>();

/** Load the taxonomy once per data directory (later calls return the same instance). */
export function loadTaxonomy(dataDir?: string, opts?: LoadOptions): Taxonomy {
  const dir = resolve(dataDir ?? process.env.TAXONOMY_DIR ?? defaultDataDir());
  if (opts) return new Taxonomy(dir, opts);
  let t = cache.get(dir);
  if (!t) {
    t = new Taxonomy(dir);
    cache.set(dir, t);
  }
  return t;
}
