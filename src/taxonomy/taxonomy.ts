/**
 * The taxonomy façade: ESCO/ISCO/O*NET concepts and look-ups (data.ts), title normalisation (title-normaliser.ts with
 * the learned title model, title-model.ts), skill linking and extraction (skill-linker.ts), crosswalks to ISCO and
 * O*NET (crosswalks.ts). Loaded once per data directory; `withEmbedder` gives a per-app view that embeds queries.
 */
import { join, resolve } from 'node:path';
import { defaultDataDir } from './files.js';
import { TaxonomyData } from './data.js';
import { OnetTitleIndex, iscoFromEsco, onetFromClassifier, onetFromEsco } from './crosswalks.js';
import { ONET_CLASSIFIER_FILE, loadOnetClassifier, type OnetClassifier } from './onet-classifier.js';
import { LABEL_GRAPH_FILE, type LabelVectorSearch, type TextEmbedder, loadLabelVectors } from './label-vectors.js';
import { loadReranker, type RerankerWeights } from './reranker.js';
import { buildLanguageVocabulary, detectLanguage, writtenInEnglishWords, type DetectedLanguage, type LanguageVocabulary, type ReadLang } from './detect-language.js';
import type { Lexicon } from './lexicon.js';
import { existsSync } from 'node:fs';
import { readGzJson } from './files.js';
import { resolveLang } from './lang.js';
import { SkillLinker, englishWord, type ExtractOptions, type LinkOptions } from './skill-linker.js';
import { loadTitleModel, type LeaveOut, type TitleModel } from './title-model.js';
import { TitleNormaliser, joinedRoles, type TitleCandidate } from './title-normaliser.js';
import { GermanTitleReader } from './german-titles.js';
import { TitleTypoRepair } from './title-typos.js';
import { CORE_SHARE, HEAD_SHARE, averageReadings, bracketDomain, clientGroupFirst, labelCore, roleOfFunction, mixReadings, partNamesOccupation, rankWithinGroup, germanCognate, glossaryWord, readTitleInEnglish } from './title-glossary.js';
import { cleanTitle, foldText, looksBinary } from './text.js';
import { dropAdNoise, englishUsage } from './title-usage.js';
import type { ExtractedSkill, LoadOptions, NormalizeOptions, NormalizedTitle, SkillLink, SkillLinkResult, TechNameRow } from './types.js';
import type { Lang } from './files.js';

export type { Lang } from './files.js';
export * from './types.js';
export { resolveLang, SUPPORTED_LANGS } from './lang.js';
export { OnetTitleIndex } from './crosswalks.js';
export { editDistance, SkillLinker, type ExtractOptions, type LinkOptions } from './skill-linker.js';
export { buildTitleModel, serialiseTitleModel, type LeaveOut, type TitleModel } from './title-model.js';
export { SEM_LABELS_FETCHED, type TitleCandidate } from './title-normaliser.js';
export { defaultDataDir };

export class Taxonomy extends TaxonomyData {
  private readonly titles: TitleNormaliser;
  private readonly germanTitles: GermanTitleReader;
  private readonly skillLinker: SkillLinker;
  embedder: TextEmbedder | undefined;
  /** O*NET title classifier over USE-lite title vectors (npm run train:onet); undefined without the file. */
  onetClassifier: OnetClassifier | undefined;
  /** Built on first use and shared by every view (a view assigning its own field would build one per app). */
  private readonly lazy: {
    onetTitleIdx?: OnetTitleIndex;
    vocab?: LanguageVocabulary;
    typos?: TitleTypoRepair;
    warming?: Promise<void>;
    warm?: WarmUpStatus;
  } = {};

  constructor(dataDir: string, opts: LoadOptions = {}) {
    super(dataDir);
    const p = (f: string) => join(dataDir, f);
    this.titles = new TitleNormaliser(this, opts);
    this.germanTitles = new GermanTitleReader(this.occupations, (group) => {
      const name = this.iscoGroup(group)?.labels.en;
      return name ? this.titles.rankTitle(name, { readLang: 'en', mode: 'lexical', limit: 50 }) : [];
    });
    const lexPath = p(LEXICON_FILE);
    const lexicons = opts.lexicons ?? (existsSync(lexPath) ? readGzJson<{ lexicons: Partial<Record<Lang, Lexicon>> }>(lexPath).lexicons : {});
    this.titles.lexicons = lexicons;
    const techPath = p(TECH_NAMES_FILE);
    const techNames = existsSync(techPath) ? readGzJson<{ names: Record<string, TechNameRow> }>(techPath).names : {};
    this.skillLinker = new SkillLinker(this, (t) => this.detectLanguage(t), () => this.titles.lexicons, techNames);
    if (opts.semantic !== false) {
      const lv = loadLabelVectors(
        p('occupation-label-vectors.json.gz'),
        p('occupation-label-vectors.bin.gz'),
        opts.labelGraph === false ? undefined : { path: p(LABEL_GRAPH_FILE), log: opts.log },
      );
      if (lv) this.titles.attachLabelVectors(lv);
      this.titles.reranker = loadReranker(p('title-reranker.json'));
      this.titles.lexicalReranker = loadReranker(p('title-reranker-lexical.json'));
      this.titles.titleModel = loadTitleModel(p('title-model.json.gz'), this.occById, this.occupations.length);
      this.onetClassifier = loadOnetClassifier(p(ONET_CLASSIFIER_FILE));
    }
  }

  get labelVectors(): LabelVectorSearch | undefined {
    return this.titles.labelVectors;
  }
  get titleModel(): TitleModel | undefined {
    return this.titles.titleModel;
  }
  set titleModel(m: TitleModel | undefined) {
    this.titles.titleModel = m;
  }
  get reranker(): RerankerWeights | undefined {
    return this.titles.reranker;
  }
  set reranker(r: RerankerWeights | undefined) {
    this.titles.reranker = r;
  }
  get lexicalReranker(): RerankerWeights | undefined {
    return this.titles.lexicalReranker;
  }
  set lexicalReranker(r: RerankerWeights | undefined) {
    this.titles.lexicalReranker = r;
  }
  get lexicons(): Partial<Record<Lang, Lexicon>> {
    return this.titles.lexicons;
  }

  /** True when the folded word is a word of ESCO's English labels (of three letters or more). */
  isEnglishWord(folded: string): boolean {
    return this.languageVocabulary().get(folded)?.includes('en') ?? false;
  }

  /** The language a text is written in, from the text alone (eld + a vote of the ESCO label vocabulary). */
  detectLanguage(text: string): DetectedLanguage {
    return detectLanguage(text, this.languageVocabulary());
  }

  private titleTypos(): TitleTypoRepair {
    return (this.lazy.typos ??= new TitleTypoRepair(
      this.occupations.flatMap((o) => [o.labels.en?.pref ?? '', ...(o.labels.en?.alt ?? [])]).flatMap((l) => foldText(l).split(' ')).filter((w) => w.length > 2),
      // a German word read as the English word it is spelt like ("Psychologin") is no typo
      (w) => englishWord(w) || this.languageVocabulary().has(w) || !!glossaryWord(w, 'en') || !!glossaryWord(w, 'fr') || !!glossaryWord(w, 'es') || !!germanCognate(w, (x) => this.isEnglishWord(x), false),
    ));
  }

  private languageVocabulary(): LanguageVocabulary {
    return (this.lazy.vocab ??= buildLanguageVocabulary(
      (function* (t: TaxonomyData) {
        for (const c of [...t.occupations, ...t.skills]) {
          for (const [l, ls] of Object.entries(c.labels)) {
            if (!ls) continue;
            yield [l as ReadLang, ls.pref] as [ReadLang, string];
            for (const a of ls.alt ?? []) yield [l as ReadLang, a] as [ReadLang, string];
          }
        }
      })(this),
    ));
  }

  /**
   * Build every lazily built part (language vocabulary, skill indexes, vocabularies and dictionaries of en/fr/es, the
   * skill → occupation index, the O*NET title index) one step at a time, yielding to the event loop between steps,
   * so the first request does not pay for them; with `idle`, a step starts only while it says the service is idle. Runs
   * once per loaded taxonomy (views share it); a request arriving meanwhile builds what it needs itself (each part is
   * built once). With `stopped` (the service is shutting down), it stops before the next step; a later call resumes.
   */
  warmUp(opts: { idle?: () => boolean; stopped?: () => boolean } = {}): Promise<void> {
    const steps: { name: string; run: () => void }[] = [
      { name: 'language-vocabulary', run: () => void this.detectLanguage('') },
      ...this.skillLinker.warmSteps(),
      { name: 'skill-occupations', run: () => void this.skillOccupationIndex() },
      { name: 'onet-titles', run: () => void (this.lazy.onetTitleIdx ??= new OnetTitleIndex(this)) },
    ];
    return (this.lazy.warming ??= (async () => {
      const status: WarmUpStatus = (this.lazy.warm = { warm: false, done: [], total: steps.length });
      const t0 = performance.now();
      for (const step of steps) {
        await new Promise<void>((r) => setImmediate(r));
        // never compete with requests in flight: wait until the service is idle
        while (opts.idle && !opts.idle() && !opts.stopped?.()) await new Promise<void>((r) => setTimeout(r, 50));
        if (opts.stopped?.()) {
          this.lazy.warming = undefined; // built parts stay built; the next warmUp does the rest
          return;
        }
        step.run();
        status.done.push(step.name);
      }
      status.ms = Math.round(performance.now() - t0);
      status.warm = true;
    })());
  }

  /** Progress of warmUp (undefined when it was never started). */
  warmUpStatus(): WarmUpStatus | undefined {
    return this.lazy.warm;
  }

  /** Reading language of a title: given (benches) or detected; never the profile's explanation language. */
  private readLangOf(title: string, opts: NormalizeOptions): ReadLang | 'und' {
    if (opts.readLang) return opts.readLang;
    const detected = this.detectLanguage(title).lang;
    // a title that reads exactly as an English ESCO label is English ("Chef de partie" is not French in a UK ad), and so
    // is one written in English label words the detected language's labels lack ("Restaurant Server" is not French)
    return detected !== 'en' && (this.titles.isEnglishLabel(title) || writtenInEnglishWords(title, detected, this.languageVocabulary())) ? 'en' : detected;
  }

  /** A view of this (shared, loaded-once) taxonomy that embeds queries with the given embedder. */
  withEmbedder(embedder: TextEmbedder | undefined): Taxonomy {
    const view = Object.create(this) as Taxonomy;
    view.embedder = embedder;
    return view;
  }

  /** A view of this taxonomy that reads O*NET titles from the given index (benches hold their test titles out of it). */
  withOnetTitleIndex(index: OnetTitleIndex): Taxonomy {
    const view = Object.create(this) as Taxonomy;
    Object.defineProperty(view, 'lazy', { value: { ...this.lazy, onetTitleIdx: index } });
    return view;
  }

  attachLabelVectors(lv: LabelVectorSearch): void {
    this.titles.attachLabelVectors(lv);
  }

  // ---------------------------------------------------------------- titles
  titleCandidates(title: string, lang: ReadLang | 'und' | undefined, queryVector?: Float32Array, k = 50, semScores?: Float32Array, leaveOut?: LeaveOut): { q: string; cands: TitleCandidate[]; centroid?: Float32Array } {
    return this.titles.titleCandidates(title, lang, queryVector, k, semScores, leaveOut);
  }

  titleFeatures(q: string, lang: ReadLang | 'und' | undefined, cands: TitleCandidate[], centroid?: Float32Array, leaveOut?: LeaveOut): Float64Array[] {
    return this.titles.titleFeatures(q, lang, cands, centroid, leaveOut);
  }

  /** Rank ESCO occupations for a title; synchronous (the query vector, if any, is given). */
  rankTitle(title: string, opts: NormalizeOptions = {}): NormalizedTitle[] {
    const base = this.titles.rankTitle(title, opts);
    const outLang = resolveLang(opts.lang).lang;
    const limit = Math.max(1, Math.min(opts.limit ?? 10, 50));
    return this.germanTitles.merge(title, this.readLangOf(title, opts), base, limit, (o) => this.label(o, outLang));
  }

  /** Embed the cleaned, lower-cased title (USE-lite is case-sensitive: lower-case it). */
  async embedTitle(title: string): Promise<Float32Array | undefined> {
    const lv = this.labelVectors;
    if (!this.embedder || !lv) return undefined;
    if (this.embedder.id !== lv.modelId) return undefined;
    const [v] = await this.embedder.embed([titleEmbeddingText(title)]);
    return v;
  }

  /** Title → ranked concepts in the requested scheme (ESCO URI, ISCO-08 code or O*NET-SOC 2019 code). */
  async normalizeTitle(title: string, opts: NormalizeOptions = {}): Promise<NormalizedTitle[]> {
    if (!title.trim() || looksBinary(title)) return [];
    // pay, shift ordinals and requirement clauses are no words of the trade ("Reach truck op nights £13.50ph")
    const quiet = dropAdNoise(title);
    if (quiet !== title) {
      title = quiet;
      opts = { ...opts, queryVector: undefined };
    }
    // English job-board usage in ESCO's words: clipped heads ("Lab Tech"), school years ("TA - Yr 2"), the NHS bank;
    // read on the whole title, before a part of it is taken for the occupation ("TA" alone is a university's)
    const firstLang = this.readLangOf(title, opts);
    const usage = firstLang === 'en' || firstLang === 'und' ? englishUsage(title) : title;
    if (usage !== title) {
      title = usage;
      opts = { ...opts, queryVector: undefined };
    }
    const part = labelSegment(title, (t) => this.titles.isLabel(t));
    if (part !== title) {
      title = part;
      opts = { ...opts, queryVector: undefined };
    }
    let readLang = this.readLangOf(title, opts);
    // mistyped English words repaired against ESCO's English occupation words ("Moudling Machine Operator")
    const repaired = readLang === 'en' || readLang === 'und' ? this.titleTypos().repair(title) : title;
    if (repaired !== title) {
      title = repaired;
      opts = { ...opts, queryVector: undefined };
      readLang = this.readLangOf(title, opts);
    }
    // "support worker for adults with autism" is read as ESCO words it: "disability support worker"
    // and "Head of Sales" as ESCO words it, "sales manager" (when the title is no ESCO label as written)
    // and "Apprentice (Information Technology)" as "information technology apprentice" (the bracket names the domain)
    const grouped = readLang === 'en' || readLang === 'und' ? clientGroupFirst(title) ?? roleOfFunction(title, (t) => this.titles.isLabel(t)) ?? bracketDomain(title) : undefined;
    if (grouped) {
      title = grouped;
      opts = { ...opts, queryVector: undefined };
    }
    // only English (or undetermined) titles are read semantically: USE-lite is an English model
    const queryVector = opts.queryVector ?? (readLang === 'en' || readLang === 'und' ? await this.embedTitle(title) : undefined);
    const scheme = opts.scheme ?? 'esco';
    const limit = Math.max(1, Math.min(opts.limit ?? 10, 50));
    const esco = await this.readRoles(title, { ...opts, readLang, queryVector }, scheme === 'esco' ? limit : 50);
    if (scheme === 'esco') return esco;
    if (scheme === 'isco') return iscoFromEsco(this, esco, resolveLang(opts.lang).lang, limit);
    if (queryVector) return this.onetFromEsco(title, esco, limit, undefined, queryVector);
    // O*NET's titles are English: a title read in another language is read in O*NET through its English reading (the
    // title glossary's, else the English label of the ESCO occupation it reads as), not by its spelling against English
    // titles ("enfermera" is no filtering machine operator)
    const english = readTitleInEnglish(title, readLang, (w) => this.isEnglishWord(w))?.text ?? (esco[0] ? this.occupation(esco[0].id)?.labels.en?.pref : undefined);
    const englishVector = english ? await this.embedTitle(english) : undefined;
    if (english && englishVector) {
      return this.onetFromEsco(english, esco, limit, undefined, englishVector).map((r) => ({ ...r, evidence: { ...r.evidence, readLang, translated: english } }));
    }
    return this.onetFromEsco(title, esco, limit);
  }

  /**
   * A title joining roles ("Kitchen porter / dishwasher", "Welder / soldador", "Bus & coach driver") is read role by
   * role, each in its own language; when the roles' first readings fall in one ISCO minor group (the same trade named
   * twice, or in two languages, or two neighbouring trades) their mix, the first role leading, shares the ranking with
   * the whole title's reading. Roles of different trades ("Courier driver / warehouse assistant") leave the whole
   * title's reading as it is: which role the vacancy is for is not ours to guess.
   */
  private async readRoles(title: string, opts: NormalizeOptions & { readLang: ReadLang | 'und' }, limit: number): Promise<NormalizedTitle[]> {
    const roles = this.titles.isLabel(title) ? undefined : joinedRoles(title, (t) => this.titles.isEnglishLabel(t));
    if (!roles) return this.readTitle(title, opts, limit);
    const whole = await this.readTitle(title, opts, 50);
    // the roles' query vectors in one embedding call
    const parts = await this.normalizeTitles(roles, { lang: opts.lang, limit: 50 });
    const minor = (r: NormalizedTitle | undefined) => r?.iscoGroup?.slice(0, 3);
    const agree = parts.every((p) => !!minor(p[0]) && minor(p[0]) === minor(parts[0]![0]));
    if (!agree) return whole.slice(0, limit);
    // the first role FIRST_ROLE, the others sharing the rest: folded in one at a time
    const w = parts.map((_, i) => (i === 0 ? FIRST_ROLE : (1 - FIRST_ROLE) / (parts.length - 1)));
    const core = parts.slice(1).reduce((acc, p, i) => averageReadings(acc, p, w[i + 1]! / w.slice(0, i + 2).reduce((a, b) => a + b, 0)), parts[0]!);
    return averageReadings(whole, core, ROLES_SHARE).slice(0, limit).map((r) => ({ ...r, score: Math.round(r.score * 1e4) / 1e4 }));
  }

  /**
   * The title as written, mixed with its English reading through the title glossaries when they read it; an English
   * title that is not an ESCO label but holds one (or an English glossary entry) after a modifier the label lacks
   * ("school bus driver", "relief cook", "apartment building caretaker") shares its ranking half and half with that
   * part's (`labelCore`).
   */
  private async readTitle(title: string, opts: NormalizeOptions & { readLang: ReadLang | 'und' }, limit: number): Promise<NormalizedTitle[]> {
    const core = (opts.readLang === 'en' || opts.readLang === 'und') && !this.titles.isLabel(title) ? labelCore(title, (t) => this.titles.isEnglishLabel(t)) : undefined;
    const coreVector = core ? await this.embedTitle(core) : undefined;
    if (!core || !coreVector) return this.readTitleAsWritten(title, opts, limit);
    const whole = await this.readTitleAsWritten(title, opts, 50);
    const alone = await this.readTitleAsWritten(core, { ...opts, readLang: 'en', queryVector: coreVector }, 50);
    return averageReadings(whole, alone, CORE_SHARE).slice(0, limit).map((r) => ({ ...r, score: Math.round(r.score * 1e4) / 1e4 }));
  }

  private async readTitleAsWritten(title: string, opts: NormalizeOptions & { readLang: ReadLang | 'und' }, limit: number): Promise<NormalizedTitle[]> {
    const reading = readTitleInEnglish(title, opts.readLang, (w) => this.isEnglishWord(w));
    // the English reading is read by the English reader with its query vector (lexical evidence alone is too weak)
    const vector = reading ? await this.embedTitle(reading.text) : undefined;
    if (!reading || !vector) return this.rankTitle(title, { ...opts, limit });
    const asWritten = this.rankTitle(title, { ...opts, limit: 50 });
    let english = this.rankTitle(reading.text, { ...opts, readLang: 'en', queryVector: vector, limit: 50 });
    // a qualifier must not outvote the head noun ("restaurant waiter" → restaurant manager, "line cook" → grill cook):
    // the head alone, when it names a trade by itself, is read too and shares the English reading half and half
    const headVector = reading.head ? await this.embedTitle(reading.head) : undefined;
    if (reading.head && headVector) {
      const alone = this.rankTitle(reading.head, { ...opts, readLang: 'en', queryVector: headVector, limit: 50 });
      english = averageReadings(english, alone, HEAD_SHARE);
    }
    // the hand-written German title list names the unit group (more precise than a word-by-word reading); the
    // reading orders the occupations within it ("Busfahrer": bus driver, not tram driver)
    if (asWritten[0]?.evidence.via?.startsWith('german-title:')) return rankWithinGroup(asWritten, english, limit);
    const exact = this.titles.isLabel(title);
    return mixReadings(asWritten, english, reading, exact, limit);
  }

  /** Batch form: one embedding call for all titles, then one ranking per title (same order). */
  async normalizeTitles(titles: string[], opts: Omit<NormalizeOptions, 'queryVector'> = {}): Promise<NormalizedTitle[][]> {
    let vectors: (Float32Array | undefined)[] = titles.map(() => undefined);
    const lv = this.labelVectors;
    if (this.embedder && lv && this.embedder.id === lv.modelId) {
      const ok = titles.map((t) => !!t.trim() && !looksBinary(t) && ['en', 'und'].includes(this.readLangOf(t, opts)));
      const texts = titles.filter((_, i) => ok[i]).map(titleEmbeddingText);
      const vs = texts.length ? await this.embedder.embed(texts) : [];
      let k = 0;
      vectors = ok.map((b) => (b ? vs[k++] : undefined));
    }
    const out: NormalizedTitle[][] = [];
    for (let i = 0; i < titles.length; i++) {
      out.push(await this.normalizeTitle(titles[i]!, { ...opts, queryVector: vectors[i] }));
    }
    return out;
  }

  /** O*NET: its own titles + alternate titles lexically, fused with ESCO candidates mapped through the crosswalk. */
  onetFromEsco(title: string, esco: NormalizedTitle[], limit: number, index?: OnetTitleIndex, queryVector?: Float32Array): NormalizedTitle[] {
    const idx = index ?? (this.lazy.onetTitleIdx ??= new OnetTitleIndex(this));
    // with a query vector of the classifier's model, O*NET is read from the title's meaning (+ its closest O*NET title)
    const clf = this.onetClassifier;
    if (clf && queryVector && clf.modelId === this.labelVectors?.modelId) return onetFromClassifier(this, idx, clf, title, queryVector, esco, limit);
    return onetFromEsco(this, idx, title, esco, limit);
  }

  // ---------------------------------------------------------------- skills
  /** Free-text skill → best ESCO skill candidates (char n-grams: robust to typos; alt labels: synonyms). */
  linkSkill(label: string, opts: LinkOptions = {}): SkillLink[] {
    return this.skillLinker.linkSkill(label, opts);
  }

  /** linkSkill with the reading language and, when nothing links, the reason. */
  linkSkillDetailed(label: string, opts: LinkOptions = {}): SkillLinkResult {
    return this.skillLinker.linkSkillDetailed(label, opts);
  }

  /** Occupations ESCO lists a skill for (essential 1, optional 0.5). */
  skillOccupations(uri: string): { occUri: string; weight: number }[] {
    const k = this.skillIndexOf(uri);
    if (k === undefined) return [];
    return (this.skillOccupationIndex().get(k) ?? []).map(([o, w]) => ({ occUri: this.occupations[o]!.uri, weight: w }));
  }

  /** Inverse document frequency of a skill over ESCO occupations (rare skills say more about the occupation). */
  skillIdf(uri: string): number {
    return this.skillIdfAt(this.skillIndexOf(uri));
  }

  /** Skill index → relevance to the likely occupations (essential 1, optional 0.5, weighted by each occupation's probability). */
  skillContext(occupations: readonly { uri: string; p: number }[]): Map<number, number> {
    return this.skillContextOf(occupations.flatMap(({ uri, p }) => {
      const oi = this.occIndexOf(uri);
      return oi === undefined ? [] : [[oi, p] as const];
    }));
  }

  /** Link many free-text skills at once; keeps the best candidate per input when it is confident enough. */
  linkSkills(labels: string[], lang?: string, minScore = 0.55): { input: string; id: string | null; label: string | null; score: number }[] {
    return this.skillLinker.linkSkills(labels, lang, minScore);
  }

  /** Skills mentioned in a job ad or CV: dictionary phrases of ESCO labels (stemmed), plus fuzzy matches of short clauses. */
  extractSkills(text: string, opts: ExtractOptions = {}): ExtractedSkill[] {
    return this.skillLinker.extractWithSelfContext(text, opts).skills;
  }

  /** extractSkills plus ranked candidates (with `limit`) and the reading language. */
  extractSkillsDetailed(text: string, opts: ExtractOptions = {}): ReturnType<SkillLinker['extractSkillsDetailed']> {
    return this.skillLinker.extractWithSelfContext(text, opts);
  }
}

export interface WarmUpStatus {
  warm: boolean;
  /** steps finished, in order */
  done: string[];
  total: number;
  /** wall time of the whole warm-up, once finished */
  ms?: number;
}

/** The shipped bilingual lexicons (src/pipeline/taxonomy/build-lexicon.ts). */
export const LEXICON_FILE = 'lexicon.json.gz';
/** Technology names from O*NET Technology Skills (src/pipeline/taxonomy/build-tech-names.ts). */
export const TECH_NAMES_FILE = 'tech-names.json.gz';

export function titleEmbeddingText(title: string): string {
  return cleanTitle(title);
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

/**
 * "Chef de Partie - Hotel Restaurant", "Welder | Night shift": when a title is made of parts set off by a dash or a
 * bar and one part is exactly an ESCO label, that part is the occupation; the rest names the place or the shift.
 */
/** Weight of the first of the joined roles in their mix (the role an ad names first leads; set a priori). */
const FIRST_ROLE = 0.6;
/** Share of a joined-roles title's ranking given to its roles' mix (the whole title keeps the rest; as CORE_SHARE). */
const ROLES_SHARE = 0.5;

function labelSegment(title: string, isLabel: (t: string) => boolean): string {
  const parts = title.split(/\s+[-–—|]\s+|\s*\|\s*/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return title;
  return parts.find((p) => isLabel(p) && partNamesOccupation(p)) ?? title;
}
