/** Title normalisation: a char n-gram index over every occupation label, semantic label search, candidates, features, ranking. */
import { LANGS, type Lang } from './files.js';
import type { TaxonomyData } from './data.js';
import { CharNgramIndex } from './lexical-index.js';
import type { LabelVectorSearch } from './label-vectors.js';
import { EXACT_LABEL_BONUS, EXACT_PREF_BONUS, EXACT_PREF_BONUS_ENGLISH, FEATURES, type RerankerWeights, calibratedProbabilities, titleLogit } from './reranker.js';
import type { ReadLang } from './detect-language.js';
import { translateToEnglish, type Lexicon } from './lexicon.js';
import { arabicVariants } from './glossary.js';
import { cognate, glossaryUnit, glossaryWord, wordForms } from './title-glossary.js';
import { centroidScores, imputeUnseenTitleModel, type LeaveOut, type TitleModel } from './title-model.js';
import { resolveLang } from './lang.js';
import { cleanTitle, foldText, stem } from './text.js';
import { isStopword } from './stopwords.js';
import { round, type LoadOptions, type NormalizeOptions, type NormalizedTitle, type RankMode, type TitleEvidence } from './types.js';

/**
 * Words that name a rank above the trade: ESCO holds near-duplicate siblings that differ by one of them (*construction
 * scaffolder* / *construction scaffolding supervisor*, *security guard* / *security guard supervisor*, *tiling
 * supervisor* / *tile fitter*). The English list reads the occupation's English preferred label and every title; the
 * other list reads titles in other languages. "chef" is left out (English *chef* is a cook; French "chef de partie",
 * "chef de rang" are kitchen and floor ranks, not managers).
 */
const RANK_WORDS_EN = new Set(['supervisor', 'supervisors', 'manager', 'managers', 'head', 'chief', 'director', 'directors', 'leader', 'foreman', 'forewoman', 'foreperson', 'superintendent']);
const RANK_WORDS_OTHER = new Set(
  ['superviseur', 'superviseuse', 'responsable', 'directeur', 'directrice', 'gérant', 'gérante', 'contremaître', 'contremaîtresse', 'manager',
    'supervisor', 'supervisora', 'jefe', 'jefa', 'director', 'directora', 'gerente', 'encargado', 'encargada', 'capataz',
    'leidinggevende', 'hoofd', 'ploegbaas', 'teamleider', 'leiter', 'leiterin', 'vorarbeiter', 'vorarbeiterin',
    'مشرف', 'مشرفة', 'مدير', 'مديرة', 'رئيس', 'رئيسة'].map((w) => foldText(w)),
);

/** The folded title (or label) names a rank; `lang` other than English also reads that language's rank words. */
export function namesRank(folded: string, lang?: string): boolean {
  const other = !!lang && lang !== 'en';
  return folded.split(' ').some((w) => RANK_WORDS_EN.has(w) || (other && RANK_WORDS_OTHER.has(w)));
}

/** English labels whose char n-gram cosine with the cross-lingual reading is below this share of the best get no lexT. */
const LEXT_FLOOR = 0.3;
/**
 * Added to the served logit of a non-English title whose English reading through the lexicon holds exactly the words
 * of an occupation's English preferred label (any order, stemmed; times the reading's coverage): the reading names
 * that label ("superviseur de production d'articles en cuir" → *leather goods production supervisor*), where the
 * as-written n-grams of a sibling's own-language label and the lexT cosine's partial credit let a near-duplicate win
 * (*leather goods production manager*). The same bonus as a title that is itself a preferred label, scaled by how much
 * of the title the lexicon read. Chosen on two fifths of the cross-lingual evaluation half that the bench does not
 * report (`bench/cross-lingual-only.ts --offset 1|2`), fr 0.575 / 0.551 → 0.591 / 0.565 with bonus 3 (1: 0.588 / 0.558,
 * 2: 0.591 / 0.558); preferred labels only (any English label: 0.578 / 0.551).
 */
export const EXACT_READING_BONUS = EXACT_PREF_BONUS;

/** The same set of English content words (stemmed). */
function sameWords(read: Set<string>, labelStems: string[]): boolean {
  const lab = new Set(labelStems.filter((w) => w && !isStopword(w, 'en')));
  if (lab.size !== read.size || !lab.size) return false;
  for (const w of lab) if (!read.has(w)) return false;
  return true;
}

/**
 * Words that name a role, not a trade: a title ending in one ("HR executive", "Azure architect", "product support
 * representative", "retail officer") takes its domain from the words before it. An occupation whose labels hold the
 * role word but none of those words (*executive assistant* for "retail executive", *architect* for "Azure architect")
 * matched the role alone and is not the reading.
 */
export const ROLE_HEADS = new Set(['executive', 'executives', 'officer', 'officers', 'representative', 'specialist', 'associate', 'consultant', 'architect', 'advisor', 'adviser', 'professional', 'lead', 'coordinator', 'administrator']);
/** Role and generic heads that, alone, name a general occupation ("Driver", "Technician", "Executive"). */
const BARE_HEADS = new Set([...ROLE_HEADS, 'engineer', 'manager', 'assistant', 'supervisor', 'analyst', 'developer', 'technician', 'operator', 'clerk', 'agent', 'leader', 'designer', 'worker', 'driver', 'controller', 'planner', 'staff', 'personnel']);
/** Words that say nothing of the domain: stage of training, seniority, contract, numbers. */
const NO_DOMAIN = new Set(['senior', 'junior', 'trainee', 'intern', 'internship', 'graduate', 'apprentice', 'temp', 'temporary', 'contract', 'part', 'time', 'full', 'sr', 'jr', 'snr', 'principal', 'chief', 'head', 'deputy', 'vice', 'asst', 'general', 'urgent', 'hiring', 'wanted', 'needed', 'vacancy', 'team', 'staff', 'i', 'ii', 'iii']);
/** Subtracted from the served logit of an occupation that shares only the role word with a title naming a domain (`ROLE_HEADS`). */
export const ROLE_ONLY_PENALTY = 2;

/**
 * The title's role head and its domain words (stemmed), when an English title ends in a role word and names a domain
 * before it, or (given `namesPerson`, t14-jobbert) starts with a role word and names the domain after it without ending
 * in a word that names a person; undefined otherwise ("executive", "senior executive" name no domain).
 */
export function roleAndDomain(q: string, namesPerson?: (w: string) => boolean): { head: string; domain: string[] } | undefined {
  const ws = q.split(' ').filter((w) => w && /\p{L}/u.test(w) && !isStopword(w, 'en'));
  const last = ws[ws.length - 1];
  if (!last) return undefined;
  const isDomain = (w: string) => !ROLE_HEADS.has(w) && !NO_DOMAIN.has(w) && w.length > 1;
  if (ROLE_HEADS.has(last)) {
    const domain = ws.slice(0, -1).filter(isDomain).map(stem);
    return domain.length ? { head: stem(last), domain } : undefined;
  }
  // written role first, the domain after ("Executive, Piping", "Senior Executive - Finance", "Executive Sales and
  // Marketing"): only when the title does not end in a word that names a person ("Executive Assistant", "Executive Chef",
  // "Specialist Nurse", "Lead Teacher" end in their trade)
  if (!namesPerson || namesPerson(last)) return undefined;
  const first = ws.find((w) => !NO_DOMAIN.has(w));
  if (!first || !ROLE_HEADS.has(first)) return undefined;
  const domain = ws.slice(ws.indexOf(first) + 1).filter(isDomain).map(stem);
  return domain.length ? { head: stem(first), domain } : undefined;
}

/**
 * Generic trade heads (t17-titles): "wind turbine technician", "power plant operator", "bakery assistant" take their
 * trade from the words before the head, as a role head does (`ROLE_HEADS`), but ESCO also uses them alone in labels of
 * unrelated trades ("engineering technician" of *engineering assistant*).
 */
const TRADE_HEADS = new Set(['technician', 'technicians', 'operator', 'operators', 'engineer', 'engineers', 'mechanic', 'mechanics', 'fitter', 'installer', 'inspector', 'assistant', 'worker', 'operative', 'attendant']);
/** Subtracted from the served logit of an occupation holding only the trade head when another holds it with the domain (set a priori, half ROLE_ONLY_PENALTY). */
export const TRADE_ONLY_PENALTY = 1;

/** The last trade head of an English title and the domain words before it (stemmed); undefined when none. */
export function tradeAndDomain(q: string): { head: string; domain: string[] } | undefined {
  const ws = q.split(' ').filter((w) => w && /\p{L}/u.test(w) && !isStopword(w, 'en'));
  // the last trade head, words after it being the place or the conditions ("wind turbine technician travel")
  const at = ws.map((w) => TRADE_HEADS.has(w)).lastIndexOf(true);
  const last = ws[at];
  if (!last) return undefined;
  const domain = ws.slice(0, at).filter((w) => !TRADE_HEADS.has(w) && !ROLE_HEADS.has(w) && !NO_DOMAIN.has(w) && w.length > 1).map(stem);
  return domain.length ? { head: stem(last), domain } : undefined;
}

/** Rank words written before the trade they rank ("Chief Chef", "Head Baker"). */
const RANK_LEAD = new Set(['chief', 'head', 'deputy']);
/** Words that name a stage of training, not a trade: ESCO lists some of them as labels ("apprentice" of *cook*). */
const STAGE_WORDS = new Set(['apprentice', 'apprentices', 'apprenticeship', 'trainee', 'trainees', 'intern', 'interns', 'internship', 'graduate']);

/**
 * The stage-of-training words of an English title and the words that name its domain ("Apprentice (Information
 * Technology)", "Marketing Apprenticeship"); undefined when the title names no stage or nothing else.
 */
export function stageAndDomain(q: string): { stage: string[]; domain: string[] } | undefined {
  const ws = q.split(' ').filter((w) => w && /\p{L}/u.test(w) && !isStopword(w, 'en'));
  // a rank word before the trade ("Chief Chef", "Chief Baker") is read as a stage is: *chief conductor* matched "chief" only
  const qualifier = (w: string, i: number) => STAGE_WORDS.has(w) || (RANK_LEAD.has(w) && i < ws.length - 1);
  const stage = ws.filter(qualifier);
  if (!stage.length) return undefined;
  const domain = ws.filter((w, i) => !qualifier(w, i) && !NO_DOMAIN.has(w) && w.length > 1).map(stem);
  return domain.length ? { stage: stage.map(stem), domain } : undefined;
}

/** Subtracted from the served logit of a specialisation that holds a bare role title as one of its other labels (`bareHead`). */
export const BARE_HEAD_PENALTY = 1;

/**
 * The one word an English title names when it names a role and nothing else ("Driver", "Driver wanted", "Senior
 * technician"); undefined otherwise.
 */
export function bareHead(q: string): string | undefined {
  const ws = q.split(' ').filter((w) => w && /\p{L}/u.test(w) && !isStopword(w, 'en') && !NO_DOMAIN.has(w));
  return ws.length === 1 && BARE_HEADS.has(ws[0]!) ? ws[0] : undefined;
}

/**
 * Occupations nearest to the title in the title model (the mean vector of each occupation's training titles) added to
 * the candidates. 50 (t13-titles) widened the set where the gold was missing (24 % of the JobBERT misses) — dev half of
 * the quick JobBERT titles 0.4572 → 0.4593 — but spread the calibrated probability over more candidates: the realistic
 * titles abstained more (people write dev 0.017 → 0.033, test 0.117 → 0.133, accuracy unchanged). Not kept.
 */
export const CENTROID_CANDIDATES = 20;

/** Nearest labels fetched from the graph per title: enough to cover the 50 nearest occupations (~12 labels each). */
export const SEM_LABELS_FETCHED = 300;

export interface TitleCandidate {
  occ: number;
  lex: number;
  lexLabel: number;
  sem: number;
  semLabel: number;
  /** lexical cosine of the lexicon's English reading (0 without one) */
  lexT: number;
  /** the lexicon's English reading holds exactly the words of the occupation's English preferred label (× coverage) */
  exactT?: number;
  x?: Float64Array;
}

const EXACT_SHARE_I = FEATURES.indexOf('exactShare');
const KIND_NAMES = ['preferred', 'alternative', 'hidden'] as const;

type HeaderVectors = LabelVectorSearch & { header?: { kinds: number[]; concepts: string[]; texts: string[] } };

/** Languages whose noun phrases put the head first ("chef de cuisine", "سائق شاحنة"). */
function headFirst(lang: string | undefined): boolean {
  return lang === 'fr' || lang === 'es' || lang === 'ar';
}

function splitGendered(label: string): string[] {
  // ESCO fr/es preferred labels read "directeur technique/directrice technique"
  if (!label.includes('/')) return [label];
  const parts = label.split('/').map((s) => s.trim()).filter((s) => s.length > 1);
  return parts.length > 1 ? [label, ...parts] : [label];
}

export class TitleNormaliser {
  private readonly tLabelText: string[] = [];
  /** The label as written (tLabelText holds it folded), for evidence. */
  private readonly tLabelOriginal: string[] = [];
  private readonly tLabelOcc: number[] = [];
  private readonly tLabelLang: Lang[] = [];
  private readonly tLabelKind: number[] = [];
  /** stemmed words of each label, filled on first use (the cross-lingual reading's word agreement) */
  private readonly tLabelStems: string[][] = [];
  private readonly titleIndex: CharNgramIndex;
  private readonly occHeads: Set<string>[] = [];
  private readonly occWords: Set<string>[] = [];
  private readonly occLabelSet: Set<string>[] = [];
  private readonly occPrior: { generic: number; logLabels: number; onetAlt: number }[] = [];
  /** folded preferred labels (and their gendered halves) of each occupation */
  private readonly occPrefSet: Set<string>[] = [];
  /** the English preferred label names a rank (namesRank) */
  private readonly occRank: boolean[] = [];
  /** folded label → the occupations holding it (ESCO reuses labels: "welder" is also an alternative of laser beam welder) */
  private readonly exactOwners = new Map<string, number[]>();
  /** folded English labels (preferred, alternative, hidden): a title that reads exactly as one is read in English */
  private readonly englishLabels = new Set<string>();
  /** last words of the English preferred labels (folded): the words that name a person ("assistant", "chef", "nurse") */
  private readonly englishPrefHeads = new Set<string>();
  /** title read through a bilingual lexicon into English (fr/es/nl/ar → en), learnt from ESCO's parallel labels */
  lexicons: Partial<Record<Lang, Lexicon>> = {};

  labelVectors: LabelVectorSearch | undefined;
  titleModel: TitleModel | undefined;
  reranker: RerankerWeights | undefined;
  /** weights for titles ranked without a query vector or read in a language other than English */
  lexicalReranker: RerankerWeights | undefined;
  private readonly semOccLabelsByOcc: number[][] = [];
  /** label row → occupation index (-1: not a loaded occupation). */
  private labelOcc = new Int32Array(0);

  constructor(private readonly data: TaxonomyData, opts: LoadOptions = {}) {
    const onetAltCount = new Map<string, number>();
    for (const o of data.onetOccupations()) onetAltCount.set(o.code, o.alternateTitles.length);
    data.occupations.forEach((occ, oi) => {
      const seen = new Set<string>();
      const prefs = new Set<string>();
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
          if (kind === 0 && f) prefs.add(f);
          if (!f) continue;
          if (lang === 'en') this.englishLabels.add(f);
          if (lang === 'en' && kind === 0) this.englishPrefHeads.add(f.split(' ').pop()!);
          if (seen.has(f)) continue;
          seen.add(f);
          const owners = this.exactOwners.get(f);
          if (!owners) this.exactOwners.set(f, [oi]);
          else if (owners[owners.length - 1] !== oi) owners.push(oi);
          this.tLabelText.push(f);
          this.tLabelOriginal.push(text);
          this.tLabelOcc.push(oi);
          this.tLabelLang.push(lang);
          this.tLabelKind.push(kind);
          const w = f.split(' ');
          heads.add(stem(headFirst(lang) ? w[0]! : w[w.length - 1]!));
          for (const x of w) ws.add(stem(x));
          n++;
        }
      }
      this.occHeads.push(heads);
      this.occWords.push(ws);
      this.occLabelSet.push(seen);
      this.occPrefSet.push(prefs);
      this.occRank.push(namesRank(foldText(occ.labels.en?.pref ?? '')));
      const onetAlt = occ.onet.reduce((s, c) => s + (onetAltCount.get(c) ?? 0), 0);
      this.occPrior.push({
        generic: -(occ.code.split('.').length - 1),
        logLabels: Math.log1p(n),
        onetAlt: Math.log1p(onetAlt),
      });
    });
    this.titleIndex = new CharNgramIndex(this.tLabelText);
  }

  /** True when the cleaned title is exactly an English ESCO label ("chef de partie", "au pair": English, whatever the detector says). */
  isEnglishLabel(title: string): boolean {
    return this.englishLabels.has(cleanTitle(title));
  }

  /** True when the cleaned title is exactly an ESCO label in any language we hold. */
  isLabel(title: string): boolean {
    return this.exactOwners.has(cleanTitle(title));
  }

  attachLabelVectors(lv: LabelVectorSearch): void {
    this.labelVectors = lv;
    const header = (lv as HeaderVectors).header;
    this.semOccLabelsByOcc.length = 0;
    this.labelOcc = new Int32Array(lv.size).fill(-1);
    if (header) {
      header.concepts.forEach((c, i) => {
        const oi = this.data.occById.get(c);
        if (oi === undefined) return;
        (this.semOccLabelsByOcc[oi] ??= []).push(i);
        this.labelOcc[i] = oi;
      });
    }
  }

  /** Candidate occupations for a title with all evidence (lexical top-50 ∪ semantic top-50). */
  titleCandidates(title: string, lang: ReadLang | 'und' | undefined, queryVector?: Float32Array, k = 50, semScores?: Float32Array, leaveOut?: LeaveOut): { q: string; cands: TitleCandidate[]; centroid?: Float32Array; translated?: string } {
    const q = cleanTitle(title);
    const labelScores = this.titleIndex.scoreAll(q);
    const nOcc = this.data.occupations.length;
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
    // cross-lingual: the title read word by word into English through the lexicon, against the English labels
    const lexT = new Float32Array(nOcc);
    const exactT = new Map<number, number>();
    let translated: string | undefined;
    const lexicon = lang && lang !== 'en' && lang !== 'und' ? this.lexicons[lang as Lang] : undefined;
    if (lexicon) {
      // Arabic words the lexicon lacks in the form written are looked up by their light stems (nisba, feminine and
      // plural endings, clitics: "المعدني" → معدن)
      // fr/es words by their masculine singular ("peintres", "couturière"); a word the lexicon never learnt is read
      // through the hand-written title glossary of that language, then (half counted) as its likely English cognate;
      // the glossary's multi-word units read as one ("agent de sécurité", "ممرض قانوني")
      const rl = lang as string;
      const tr = translateToEnglish(lexicon, q, { variants: rl === 'ar' ? arabicVariants : (w) => wordForms(w, rl), fallback: (w) => glossaryWord(w, rl), cognate: (w) => cognate(w, rl), unit: (ws, i) => glossaryUnit(ws, i, rl) });
      if (tr.coverage > 0 && tr.text && tr.text !== q) {
        // in English word order: fr/es/ar put the head noun first ("operator plant power" → "power plant operator"); a
        // glossary unit keeps its own order ("agent de sécurité" → "security guard", not "guard security")
        translated = headFirst(lang) ? [...tr.parts].reverse().join(' ') : tr.text;
        const ts = this.titleIndex.scoreAll(translated);
        // char n-grams alone let a look-alike word win ("wood engineer" → food engineer): the cosine is scaled by the
        // share of the title's words whose English reading the label holds (a word read two ways, "لحام" → welding /
        // welder, is held by either; a multi-word reading by the share of its words); labels below LEXT_FLOOR of the
        // best cosine are not considered (they would score little either way)
        const groups = tr.groups.map((g) => g.map((alt) => alt.split(' ').map(stem)));
        const readStems = new Set(translated.split(' ').filter((w) => w && !isStopword(w, 'en')).map(stem));
        let maxS = 0;
        for (let l = 0; l < ts.length; l++) if (this.tLabelLang[l] === 'en' && ts[l]! > maxS) maxS = ts[l]!;
        for (let l = 0; l < ts.length; l++) {
          if (ts[l]! < LEXT_FLOOR * maxS || ts[l]! <= 0 || this.tLabelLang[l] !== 'en') continue;
          const lw = (this.tLabelStems[l] ??= this.tLabelText[l]!.split(' ').map(stem));
          let held = 0;
          for (const g of groups) held += Math.max(...g.map((alt) => alt.filter((x) => lw.includes(x)).length / alt.length));
          held /= groups.length || 1;
          const s = ts[l]! * tr.coverage * held;
          if (s <= 0) continue;
          const o = this.tLabelOcc[l]!;
          if (s > lexT[o]!) lexT[o] = s;
          if (this.tLabelKind[l] === 0 && sameWords(readStems, lw)) exactT.set(o, tr.coverage);
        }
      }
    }
    const sem = new Float32Array(nOcc);
    const semLabel = new Int32Array(nOcc).fill(-1);
    const lv = this.labelVectors as HeaderVectors | undefined;
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
    if (translated) for (const o of top(lexT).slice(0, 20)) set.add(o);
    if (queryVector && lv) for (const o of top(sem, semPool)) set.add(o);
    let centroid: Float32Array | undefined;
    const tm = this.titleModel;
    if (tm && queryVector) {
      centroid = centroidScores(tm, queryVector, nOcc, leaveOut);
      for (const o of top(centroid).slice(0, CENTROID_CANDIDATES)) set.add(o);
    }
    if (exactCos) for (const o of set) semOf(o, exactCos);
    const cands = [...set].map((occ) => ({ occ, lex: lex[occ]!, lexLabel: lexLabel[occ]!, sem: sem[occ]!, semLabel: semLabel[occ]!, lexT: lexT[occ]!, ...(exactT.has(occ) ? { exactT: exactT.get(occ)! } : {}) }));
    return { q, cands, centroid, translated };
  }

  /** Feature vectors for the re-ranker (order = FEATURES). */
  titleFeatures(q: string, lang: ReadLang | 'und' | undefined, cands: TitleCandidate[], centroid?: Float32Array, leaveOut?: LeaveOut): Float64Array[] {
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
    const qHead = headFirst(lang) ? qHeadRo : qHeadEn;
    const owners = this.exactOwners.get(q);
    const qRank = namesRank(q, lang);
    const xs = cands.map((c, i) => {
      const x = new Float64Array(FEATURES.length);
      const lab = c.lexLabel >= 0 ? this.tLabelText[c.lexLabel]! : '';
      const labLang = c.lexLabel >= 0 ? this.tLabelLang[c.lexLabel]! : 'en';
      const lw = lab.split(' ');
      const labHead = stem((headFirst(labLang) ? lw[0] : lw[lw.length - 1]) ?? '');
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
      x[20] = this.occPrefSet[c.occ]!.has(q) ? 1 : 0;
      x[21] = owners?.includes(c.occ) ? 1 / owners.length : 0;
      x[22] = c.lexT;
      x[23] = qRank !== this.occRank[c.occ] ? 1 : 0;
      return x;
    });
    // the English reader (query vector + title model): an occupation JobBERT has no titles for is not evidence against it
    if (centroid) imputeUnseenTitleModel(xs);
    return xs;
  }

  /**
   * Rank ESCO occupations for a title; synchronous (the query vector, if any, is given). `opts.readLang` is the
   * language the title is written in (the façade detects it from the text); `opts.lang` only picks the labels.
   */
  rankTitle(title: string, opts: NormalizeOptions = {}): NormalizedTitle[] {
    const { lang: outLang } = resolveLang(opts.lang);
    const readLang: ReadLang | 'und' = opts.readLang ?? 'und';
    // German (and anything we hold no labels for) is read best effort through every language's labels, and flagged
    const unsupported = readLang !== 'und' && !(LANGS as readonly string[]).includes(readLang);
    const limit = Math.max(1, Math.min(opts.limit ?? 10, 50));
    const hasSem = !!(this.labelVectors && opts.queryVector);
    // USE-lite and the title model are English-only: other languages are ranked by the lexical weights (their own
    // labels, and the lexicon's English reading)
    const english = readLang === 'en' || readLang === 'und';
    const useSem = hasSem && english;
    // the lexical weights of the reading language when it has its own (fitted on that language's held-out labels)
    const lexW = this.lexicalReranker?.byLang?.[readLang] ?? this.lexicalReranker;
    const weights = useSem ? this.reranker : lexW;
    let mode: RankMode = opts.mode ?? (weights ? 'learned' : useSem ? 'fused' : 'lexical');
    if ((mode === 'semantic' || mode === 'fused') && !hasSem) mode = 'lexical';
    const w = mode === 'learned' ? (opts.mode === 'learned' && hasSem ? this.reranker : weights) : undefined;
    if (mode === 'learned' && !w) mode = useSem ? 'fused' : 'lexical';
    const qv = mode === 'lexical' || (mode === 'learned' && w === lexW) ? undefined : opts.queryVector;
    const { q, cands, centroid, translated } = this.titleCandidates(title, readLang, qv, 50, qv ? opts.semScores : undefined);
    if (!cands.length) return [];
    const xs = this.titleFeatures(q, readLang, cands, centroid);
    let scored: { c: TitleCandidate; s: number; p: number }[];
    if (mode === 'learned' && w) {
      const rd = english ? roleAndDomain(q, (w) => this.englishPrefHeads.has(w)) : undefined;
      const sd = english ? stageAndDomain(q) : undefined;
      // an occupation that matched only the role word, or only the stage of training ("apprentice" is a label of *cook*)
      const roleOnly = (o: number) => (!!rd && this.occWords[o]!.has(rd.head) && !rd.domain.some((d) => this.occWords[o]!.has(d)))
        || (!!sd && sd.stage.some((t) => this.occWords[o]!.has(t)) && !sd.domain.some((d) => this.occWords[o]!.has(d)));
      // a bare role ("Driver") is the general occupation, not the specialisation that lists it among its labels (*hearse driver*)
      const bare = english ? bareHead(q) : undefined;
      const special = (o: number) => !!bare && this.occLabelSet[o]!.has(bare) && !this.occPrefSet[o]!.has(bare);
      // a trade head with its domain ("wind turbine technician"): when some candidate holds both, one holding the head alone is not the reading
      const td = english && !rd ? tradeAndDomain(q) : undefined;
      const holds = (o: number, d: string[]) => d.some((x) => this.occWords[o]!.has(x));
      const tradeOnly = td && cands.some((c) => this.occWords[c.occ]!.has(td.head) && holds(c.occ, td.domain))
        ? (o: number) => this.occWords[o]!.has(td.head) && !holds(o, td.domain)
        : () => false;
      const zs = xs.map((x, i) => titleLogit(w, x, english ? EXACT_PREF_BONUS_ENGLISH : EXACT_PREF_BONUS) + EXACT_READING_BONUS * (cands[i]!.exactT ?? 0) - (roleOnly(cands[i]!.occ) ? ROLE_ONLY_PENALTY : 0) - (tradeOnly(cands[i]!.occ) ? TRADE_ONLY_PENALTY : 0) - (special(cands[i]!.occ) ? BARE_HEAD_PENALTY + EXACT_LABEL_BONUS * xs[i]![EXACT_SHARE_I]! : 0));
      const { p } = calibratedProbabilities(zs, w.calibration);
      scored = cands.map((c, i) => ({ c, s: zs[i]!, p: p[i]! }));
    } else {
      const key = mode === 'lexical' ? 0 : mode === 'semantic' ? 3 : 6;
      scored = cands.map((c, i) => ({ c, s: mode === 'lexical' ? Math.max(c.lex, c.lexT) : xs[i]![key]!, p: Math.max(0, Math.min(1, mode === 'lexical' ? Math.max(c.lex, c.lexT) : mode === 'semantic' ? c.sem : xs[i]![6]! * c.lex ** 0.5)) }));
    }
    scored.sort((a, b) => b.s - a.s || a.c.occ - b.c.occ);
    const factor = unsupported ? 0.6 : 1;
    const lv = this.labelVectors as HeaderVectors | undefined;
    return scored.slice(0, limit).map(({ c, p }) => {
      const occ = this.data.occupations[c.occ]!;
      const li = c.lexLabel;
      const evidence: TitleEvidence = {
        method: mode,
        matchedLabel: li >= 0 ? this.tLabelOriginal[li]! : '',
        matchedLang: li >= 0 ? this.tLabelLang[li]! : 'en',
        labelKind: li >= 0 ? KIND_NAMES[this.tLabelKind[li]!]! : 'preferred',
        lexical: round(c.lex),
        readLang,
      };
      if (qv) {
        evidence.semantic = round(c.sem);
        if (c.semLabel >= 0 && lv?.header) evidence.semanticLabel = lv.header.texts[c.semLabel];
      }
      if (translated) evidence.translated = translated;
      if (unsupported) evidence.unsupportedLanguage = true;
      return { id: occ.uri, label: this.data.label(occ, outLang), iscoGroup: occ.iscoGroup || undefined, ...(occ.code ? { code: occ.code } : {}), score: round(p * factor), evidence };
    });
  }
}

/** Joiners between two roles in one title: "/", "&", "+", and en/fr/es/de/Malay "and", "or", "cum". */
const ROLE_JOINER = /\s*(?:[&+\/]|\b(?:and|or|cum|dan|et|ou|y|o|und|oder)\b)\s*/iu;
const PART_OPENERS = /^(?:of|for|with|in|at|to|on|de|du|des|la|le|les|del|en|a|al|para|pour|avec|con|für|mit|im|in)\b/iu;

/**
 * The roles a title joining two (or more) names ("Kitchen porter / dishwasher", "Cuisinier / cuisinière", "Welder /
 * soldador", "Bus & coach driver" → bus driver, coach driver), as written, each to be read in its own language. A
 * one-word English first role that is no label takes the last role's head ("bus" → bus driver). Undefined when the
 * title joins no roles: a part too short to name one ("Cocinero/a", "C+E", "A&E"), a German elided compound
 * ("Gesundheits- und Krankenpfleger"), or a part opened by a preposition ("Agent d'entretien et de nettoyage").
 */
export function joinedRoles(title: string, isEnglishLabel: (t: string) => boolean): string[] | undefined {
  const t = title.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!ROLE_JOINER.test(t)) return undefined;
  const parts = t.split(new RegExp(ROLE_JOINER.source, 'giu')).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3) return undefined;
  for (const p of parts) {
    if ((p.match(/\p{L}/gu) ?? []).length < 3 || /-$/.test(p) || PART_OPENERS.test(p)) return undefined;
  }
  const last = cleanTitle(parts[parts.length - 1]!).split(' ');
  const head = last.length >= 2 ? last[last.length - 1]! : undefined;
  return parts.map((p, i) => {
    if (i === parts.length - 1 || !head) return p;
    const c = cleanTitle(p);
    return !c.includes(' ') && !isEnglishLabel(c) && /^[a-z]+$/.test(c) && isEnglishLabel(`${c} ${head}`) ? `${c} ${head}` : p;
  });
}
