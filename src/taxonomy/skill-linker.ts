/** Skill linking: free-text skill → ESCO skill (char n-grams, typo repair), and skill extraction from job ads and CVs. */
import { createRequire } from 'node:module';
import type { Lang } from './files.js';
import type { TaxonomyData } from './data.js';
import type { DetectedLanguage, ReadLang } from './detect-language.js';
import { CharNgramIndex } from './lexical-index.js';
import { resolveLang } from './lang.js';
import { translateToEnglish, type Lexicon } from './lexicon.js';
import { AR_GLOSSARY, DE_GLOSSARY, ROMANCE_GLOSSARY, readEnglishWorkplace, arabicVariants, germanVariants, romanceVariants, skillUnit, splitGermanCompounds } from './glossary.js';

const NO_LEXICON: Lexicon = {};
import { isStopword } from './stopwords.js';
import { CASE_SENSITIVE_TERMS, TRADE_TERMS } from './trade-terms.js';
import { foldText, looksBinary, stem } from './text.js';
import { round, type ExtractedSkill, type SkillLink, type SkillLinkResult, type TechNameRow, type UnlinkedReason } from './types.js';
import { TypoVocabulary } from './typo-vocabulary.js';
import { calibratedProbability } from './skill-calibration.js';

export { editDistance } from './edit-distance.js';

let englishWords: ReadonlySet<string> | undefined;
/**
 * English words (the ~275,000 of the `an-array-of-english-words` package, loaded on first use): an English word that is
 * not a label word is not a typo ("ironing" must not become "zoning", "grill" not "drill").
 */
export function englishWord(w: string): boolean {
  englishWords ??= new Set(createRequire(import.meta.url)('an-array-of-english-words') as string[]);
  return englishWords.has(w);
}

/** Languages with ESCO skill labels here; other languages are read through the lexicon (ar, nl) or best effort (de). */
const SKILL_LABEL_LANGS: readonly Lang[] = ['en', 'fr', 'es'];
/** Weight of the order-free word overlap against the char n-gram cosine ("medication administration" ≈ "administer medication"). */
const WORD_WEIGHT = 0.5;
const AR_UNIT = skillUnit('ar', arabicVariants);
const DE_UNIT = skillUnit('de', germanVariants);
const FR_UNIT = skillUnit('fr', romanceVariants);
const ES_UNIT = skillUnit('es', romanceVariants);

/** Bonus for a label that holds two adjacent content words of the query as adjacent words too, and how many leading candidates are checked. */
const PAIR_BONUS = 0.08;
const PAIR_CANDIDATES = 40;
/**
 * Bonus of a skill of the titles' likely occupations (× 1 + CONTEXT_BONUS × relevance relative to the best-supported
 * skill), and of a skill of the occupations a text's own first reading points at (× 1 + SELF_CONTEXT_BONUS × relevance).
 */
const CONTEXT_BONUS = 0.4;
const SELF_CONTEXT_BONUS = 0.12;
/** Factor of another sector's variant (see LinkOptions.contextGroups). */
const OTHER_SECTOR = 0.85;
/** Minimum evidence (see linkSkillDetailed): a label less than this share of whose word mass the line says is discounted. */
const EVIDENCE_MIN_COVER = 0.4;
const EVIDENCE_FACTOR = 0.85;
/** Content words of a short skill phrase (the -ing verb reading and the evidence guard apply to those). */
const PHRASE_WORDS = 4;
/** Discount of a clause's second and third readings in the extraction candidates (see extractSkillsDetailed). */
const RUNNER_UP = 0.8;

/**
 * A query word's verb in the order-free word overlap: its stem, and for English its verb (the glossaries read "cuisson",
 * "Verpackung", "تعبئة" as English nouns, ESCO labels name verbs): "cooking" → cook, "tilings" → tile, "cutting" → cut,
 * "nursing" → nurse (nouns in -ation already share the verb's seven-letter stem: installation, install).
 */
export function wordKey(w: string, lang: Lang): string {
  if (lang !== 'en' || w.length < 6) return stem(w);
  let r: string | undefined;
  if (w.endsWith('ings')) r = w.slice(0, -4);
  else if (w.endsWith('ing')) r = w.slice(0, -3);
  if (r !== undefined) {
    if (r.length < 3 || !/[aeiouy]/.test(r)) return stem(w);
    // a doubled final consonant is the verb's own once ("cutting" → cut, not "dressing" → dres)
    if (/([bdgmnprt])\1$/.test(r)) r = r.slice(0, -1);
    // the verb's silent e back ("nursing" → nurse, "making" → make), as the stem of the verb has it
    return stem(r.endsWith('ss') ? r : `${r}e`);
  }
  return stem(w);
}

/** Unordered pairs of adjacent content words (stemmed, stopwords left out), as "a|b" with a < b. */
function adjacentPairs(text: string, lang: Lang): string[] {
  const ws = text.split(' ').filter((w) => w && !isStopword(w, lang)).map(stem);
  const out: string[] = [];
  for (let i = 0; i + 1 < ws.length; i++) if (ws[i] !== ws[i + 1]) out.push(ws[i]! < ws[i + 1]! ? `${ws[i]}|${ws[i + 1]}` : `${ws[i + 1]}|${ws[i]}`);
  return out;
}

const EXTRACT_STOP = new Set([
  'work', 'working', 'manage', 'management', 'team', 'teams', 'sell', 'lead', 'plan', 'build', 'drive', 'care', 'help', 'support',
  'advise', 'test', 'teach', 'write', 'read', 'speak', 'design', 'cook', 'clean', 'order', 'service', 'services', 'business', 'health',
  'project', 'projects', 'data', 'travel', 'customer', 'customers', 'people', 'report', 'reports', 'office', 'training', 'trabajo', 'travail',
]);

interface SkillIndex {
  index: CharNgramIndex;
  skill: number[];
  text: string[];
  kind: number[];
  /** stemmed content words of each label */
  words: string[][];
  /** stemmed word → inverse document frequency over the labels (rare words say more: "blood" over "pressure") */
  idf: Map<string, number>;
  /** idf of a word no label has */
  idfUnseen: number;
  /** Σ idf of each label's words */
  wordMass: Float64Array;
}

export interface LinkOptions {
  /** language of the returned labels only */
  lang?: string;
  /** override the detected reading language (benches, or a sentence already detected) */
  readLang?: ReadLang | 'und';
  limit?: number;
  /** skill index → relevance (0..1) to the likely occupations: ESCO's occupation–skill relations */
  context?: ReadonlyMap<number, number>;
  /** the text around the line is about care work (see careTask) */
  careContext?: boolean;
  /**
   * ISCO minor groups (3 digits) of the likely occupations: a skill that ESCO lists only for occupations of other
   * groups is another sector's variant ("secure cargo on ships" for a truck driver) and ranks behind
   */
  contextGroups?: ReadonlySet<string>;
}

export class SkillLinker {
  // built per language on first use
  private readonly skillIndexes = new Map<Lang, SkillIndex>();
  private readonly skillDicts = new Map<Lang, Map<string, { skill: number; kind: number; text: string }[]>>();
  private readonly vocab = new Map<Lang, TypoVocabulary>();

  /** folded trade term → skill indexes */
  private readonly tradeTerms = new Map<string, number[]>();
  /** folded technology name → its row (O*NET Technology Skills), with the ESCO skill index when linked */
  private readonly techNames = new Map<string, TechNameRow & { skill?: number }>();
  private readonly maxTermWords: number;
  /** provide basic support to patients (see careTask) */
  private readonly careSupport: number | undefined;
  /** the worker's own hygiene concepts, never the answer to a care task */
  private readonly ownHygiene = new Set<number>();

  constructor(
    private readonly data: TaxonomyData,
    private readonly detect: (text: string) => DetectedLanguage,
    private readonly lexicons: () => Partial<Record<Lang, Lexicon>>,
    techNames: Record<string, TechNameRow> = {},
  ) {
    const byPref = new Map<string, number>();
    data.skills.forEach((s, i) => byPref.set(foldText(s.labels.en?.pref ?? ''), i));
    let maxWords = 1;
    for (const [term, labels] of Object.entries(TRADE_TERMS)) {
      const ids = labels.map((l) => byPref.get(foldText(l))).filter((x): x is number => x !== undefined);
      const key = foldText(term);
      if (ids.length) this.tradeTerms.set(key, ids);
      maxWords = Math.max(maxWords, key.split(' ').length);
    }
    this.maxTermWords = maxWords;
    this.careSupport = byPref.get('provide basic support to patients');
    for (const l of ['maintain personal hygiene standards', 'maintain personal hygiene standards when cleaning', 'apply hygiene standards']) {
      const k = byPref.get(l);
      if (k !== undefined) this.ownHygiene.add(k);
    }
    for (const [key, row] of Object.entries(techNames)) {
      const skill = row.esco ? data.skillIndexOf(row.esco) : undefined;
      this.techNames.set(key, { ...row, ...(skill !== undefined ? { skill } : {}) });
    }
  }

  /** Trade terms whose target skill is missing from the loaded ESCO version (a test keeps this empty). */
  static unresolvedTradeTerms(data: TaxonomyData): string[] {
    const prefs = new Set(data.skills.map((s) => foldText(s.labels.en?.pref ?? '')));
    return Object.entries(TRADE_TERMS).flatMap(([t, ls]) => ls.filter((l) => !prefs.has(foldText(l))).map((l) => `${t} → ${l}`));
  }

  /** The lazily built parts, one step per index (the service builds them at start-up: Taxonomy.warmUp). */
  warmSteps(): { name: string; run: () => void }[] {
    return SKILL_LABEL_LANGS.flatMap((l) => [
      { name: `skill-index-${l}`, run: () => void this.skillIndex(l) },
      { name: `skill-vocabulary-${l}`, run: () => void this.correctWords('', l) },
      { name: `skill-dictionary-${l}`, run: () => void this.skillDict(l) },
      ...(l === 'en' ? [{ name: 'english-words', run: () => void englishWord('') }] : []),
    ]);
  }

  private skillIndex(lang: Lang): SkillIndex {
    let si = this.skillIndexes.get(lang);
    if (si) return si;
    const text: string[] = [];
    const skill: number[] = [];
    const kind: number[] = [];
    this.data.skills.forEach((s, i) => {
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
    // each stemmed word once: "préparer des plats préparés" must not count "prépar" twice against a query that has it once
    const words = text.map((t) => [...new Set(t.split(' ').filter((w) => !isStopword(w, lang)).map(stem))]);
    const df = new Map<string, number>();
    for (const ws of words) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
    const idf = new Map<string, number>();
    for (const [w, n] of df) idf.set(w, Math.log(1 + text.length / n));
    const idfUnseen = Math.log(1 + text.length);
    const wordMass = Float64Array.from(words, (ws) => ws.reduce((a, w) => a + idf.get(w)!, 0));
    si = { index: new CharNgramIndex(text), skill, text, kind, words, idf, idfUnseen, wordMass };
    this.skillIndexes.set(lang, si);
    return si;
  }

  /** Free-text skill → best ESCO skill candidates (see linkSkillDetailed). */
  linkSkill(label: string, opts: LinkOptions = {}): SkillLink[] {
    return this.linkSkillDetailed(label, opts).links;
  }

  /**
   * Free-text skill → ranked ESCO skills, read in the language detected from the text (never the caller's `lang`,
   * which only picks the returned labels): trade terms and technology names first, then char n-grams over the skill
   * labels of the reading language and English, blended with an order-free word overlap, typo repair, and a bonus
   * for skills of the likely occupations (`context`). Arabic and Dutch are read through the bilingual lexicon.
   * Nothing linked → `unlinked` says why.
   */
  linkSkillDetailed(label: string, opts: LinkOptions = {}): SkillLinkResult {
    const { lang: outLang } = resolveLang(opts.lang);
    const limit = Math.max(1, Math.min(opts.limit ?? 5, 50));
    const q0 = foldText(label);
    if (!q0 || looksBinary(label)) return { links: [], readLang: 'und', unlinked: 'empty' };
    const readLang = opts.readLang ?? readingLanguage(label, this.detect(label).lang, (w) => this.vocabulary('en').has(w));
    const mk = (k: number, s: number, text: string, l: Lang): SkillLink => ({ id: this.data.skills[k]!.uri, label: this.data.label(this.data.skills[k]!, outLang), score: round(Math.min(1, s)), matchedLabel: text, matchedLang: l });
    // 1. trade abbreviations and licences ("MIG", "permis C+E"), the whole input or the input less filler words
    const content = q0.split(' ').filter((w) => !isStopword(w));
    const term = this.tradeTerms.get(q0) ?? this.tradeTerms.get(content.join(' '));
    if (term) return { links: term.slice(0, limit).map((k) => mk(k, 0.95, q0, 'en')), readLang };
    // 2. technology names ("React" is the library, not "react to changing situations")
    // 1b. a trade term inside a short line whose other words only say what kind of thing it is ("MAG-Schweißen",
    // "لحام ارجون TIG", "normes HACCP", "IV cannulation"): written in capitals, or a long term, and at most two other words
    const inLine = this.tradeTermInLine(label, content.length);
    if (inLine) return { links: inLine.slice(0, limit).map((k) => mk(k, 0.9, q0, 'en')), readLang };
    const tech = this.techNames.get(q0);
    if (tech) {
      if (tech.skill !== undefined) return { links: [mk(tech.skill, 0.9, tech.name, 'en')], readLang };
      return { links: [], readLang, unlinked: 'technology-not-in-esco' };
    }
    if (!content.length) return { links: [], readLang, unlinked: 'no-content-words' };
    // 3. minimum evidence: one short word ("les", "hr") links only to a label that reads exactly the same
    const short = content.length === 1 && content[0]!.length <= 3;
    // 4. reading: the language's own skill labels and English; Arabic/Dutch through the lexicon into English
    const own = (SKILL_LABEL_LANGS as readonly string[]).includes(readLang) ? (readLang as Lang) : undefined;
    const queries: { q: string; lang: Lang; factor: number }[] = [];
    const qc = content.join(' ');
    // typo repair leaves alone the words the glossary reads ("meulage" is grinding, not a misspelt "moulage")
    const glossaryWord = own === 'fr' || own === 'es' ? (w: string) => glossaryKnows(ROMANCE_GLOSSARY[own], w, romanceVariants) : undefined;
    if (own && own !== 'en') queries.push({ q: this.correctWords(qc, own, glossaryWord), lang: own, factor: 1 });
    // German has no learnt lexicon (no German labels in the data): its hand-written glossary alone, compounds split
    const romance = readLang === 'fr' || readLang === 'es';
    const lex = readLang === 'ar' || readLang === 'nl' || romance ? this.lexicons()[readLang as Lang] : readLang === 'de' ? NO_LEXICON : undefined;
    let translated: string | undefined;
    let translatedCoverage = 0;
    if (lex) {
      // Arabic/German skill text: the hand-written workplace glossary and light stemming ("وإعطاء" → إعطاء,
      // "Zeichnungen" → zeichnung) on top of the lexicon
      const tr =
        readLang === 'ar'
          ? translateToEnglish(lex, qc, { glossary: AR_GLOSSARY, variants: arabicVariants, unit: AR_UNIT })
          : readLang === 'de'
            ? translateToEnglish(lex, splitGermanCompounds(qc), { glossary: DE_GLOSSARY, variants: germanVariants, unit: DE_UNIT })
            : romance
              ? translateToEnglish(lex, qc, { glossary: ROMANCE_GLOSSARY[readLang as 'fr' | 'es'], variants: romanceVariants, unit: readLang === 'fr' ? FR_UNIT : ES_UNIT })
              : translateToEnglish(lex, qc);
      if (tr.coverage > 0 && tr.text) {
        translated = tr.text;
        translatedCoverage = tr.coverage;
        queries.push({ q: tr.text, lang: 'en', factor: 0.9 * tr.coverage });
      }
    }
    // English labels too (people mix languages), a little behind the reading language's own (false friends: "lecture")
    // (German words are not English typos: "Obsternte" must not become an English word)
    // German read in full through the glossary is not also read as English spelling ("Obsternte" is fruit harvest,
    // not a look-alike of some English label)
    if (readLang !== 'ar' && !(readLang === 'de' && translatedCoverage >= 1)) queries.push({ q: (own === 'en' || !own) && readLang !== 'de' ? this.correctWords(qc, 'en', englishWord) : qc, lang: 'en', factor: (own && own !== 'en') || readLang === 'de' ? 0.85 : 1 });
    // English workplace words ESCO does not use ("hoovering", "on the till", "nappy changing"): read in ESCO's words too
    if (readLang === 'en' || own === 'en') {
      const work = readEnglishWorkplace(qc);
      if (work) queries.push({ q: work, lang: 'en', factor: 0.95 });
    }
    const best = new Map<number, { s: number; text: string; lang: Lang; cover: number }>();
    // a short phrase ("cuisson des viandes", "load securing"), the kind of line the verb reading and the evidence
    // guard are for; a sentence keeps its plain reading (bench:skill-link's description sentences)
    const phrase = content.length <= PHRASE_WORDS;
    // context relevance relative to the best-supported skill's: a title read as several likely occupations spreads its
    // probability, and the skills of all of them are the title's skills
    // (a record's titles, which come with contextGroups; extraction's self-context from its own first reading is
    // weaker evidence and keeps its small absolute bonus)
    const titleContext = !!opts.contextGroups;
    let ctxTop = 0;
    if (titleContext && opts.context) for (const v of opts.context.values()) if (v > ctxTop) ctxTop = v;
    for (const { q, lang: l, factor } of queries) {
      const si = this.skillIndex(l);
      const scores = si.index.scoreAll(q);
      // each query word as written and, for an English -ing noun, as its verb too ("cooking" also says cook): the labels
      // name verbs where the glossaries' readings name activities; the word counts once in the query's mass
      const qWords = new Set<string>();
      let qMass = 0;
      for (const w of new Set(q.split(' '))) {
        const st = stem(w);
        const vk = phrase ? wordKey(w, l) : st;
        if (qWords.has(st)) continue;
        qWords.add(st);
        qWords.add(vk);
        qMass += si.idf.get(st) ?? si.idf.get(vk) ?? si.idfUnseen;
      }
      for (let i = 0; i < scores.length; i++) {
        let s = scores[i]!;
        if (s < 0.2) continue;
        if (short && si.text[i] !== q) continue;
        // order-free word overlap keeps "medication administration" on "administer medication": Dice of stemmed words,
        // each weighted by its idf over the labels, so the rare word decides ("blood pressure" is not "water pressure")
        const lw = si.words[i]!;
        let shared = 0;
        for (const w of lw) if (qWords.has(w)) shared += si.idf.get(w)!;
        const dice = (2 * shared) / (si.wordMass[i]! + qMass || 1);
        s = (1 - WORD_WEIGHT) * s + WORD_WEIGHT * dice;
        // a preferred label beats an alternative one that reads the same (ESCO reuses alt labels across skills)
        if (si.kind[i] === 1) s *= 0.985;
        else if (si.kind[i] === 2) s *= 0.97;
        s *= factor;
        const k = si.skill[i]!;
        const ctx = opts.context?.get(k);
        if (ctx) s *= titleContext ? 1 + CONTEXT_BONUS * Math.min(1, ctx / ctxTop) : 1 + SELF_CONTEXT_BONUS * ctx;
        const cur = best.get(k);
        // share of the label's word mass the query's words say (the guard below)
        const cover = si.wordMass[i]! > 0 ? shared / si.wordMass[i]! : 1;
        if (!cur || s > cur.s) best.set(k, { s, text: si.text[i]!, lang: l, cover });
      }
    }
    // Care tasks ESCO has no concept for (help with someone else's washing, toilet, meals, continence): the nearest
    // concept of the right family is *provide basic support to patients* ("activities of daily living, such as hygiene,
    // comfort, mobilisation and feeding needs", essential for nurse and healthcare assistants), never the worker's own
    // *maintain personal hygiene standards* (kitchens, beauty, service), which a word overlap would give
    // (a bare "hygiene" counts too when the text around it or the likely occupations are care work)
    const careContext = opts.careContext || (this.careSupport !== undefined && (opts.context?.get(this.careSupport) ?? 0) > 0);
    if (this.careSupport !== undefined && careTask([qc, translated ?? '', ...queries.map((x) => x.q)].join(' '), careContext)) {
      for (const [k, v] of best) if (this.ownHygiene.has(k)) v.s *= 0.5;
      const cur = best.get(this.careSupport);
      const s = CARE_TASK_SCORE * (translated ? Math.max(0.9, translatedCoverage) : 1);
      if (!cur || cur.s < s) best.set(this.careSupport, { s, text: 'provide basic support to patients', lang: 'en', cover: 1 });
    }
    // Two content words next to each other in the query and in a label ("blood pressure", in either order: Arabic
    // reads "pressure blood") name one thing together: the label holding the pair beats one sharing the words apart
    // ("check water pressure" for "measure blood pressure"). Only among the leading candidates (cheap).
    const queryPairs = new Set(queries.flatMap(({ q, lang: l }) => adjacentPairs(q, l)));
    if (queryPairs.size > 0) {
      const lead = [...best.entries()].sort((a, b) => b[1].s - a[1].s).slice(0, PAIR_CANDIDATES);
      for (const [, v] of lead) if (adjacentPairs(v.text, v.lang).some((p) => queryPairs.has(p))) v.s *= 1 + PAIR_BONUS;
    }
    // Another sector's variant: among the leading candidates, a skill outside the context that ESCO lists only for
    // occupations of other ISCO minor groups than the likely occupations' ("on ships" for a truck title), when a leading
    // candidate of the title's own sector is close enough to take its place (a title read wrongly demotes nothing alone)
    if (opts.contextGroups?.size) {
      const skillOcc = this.data.skillOccupationIndex();
      const lead = [...best.entries()].sort((a, b) => b[1].s - a[1].s).slice(0, PAIR_CANDIDATES);
      const sector = lead.map(([k]) => {
        if (opts.context?.get(k)) return 1;
        const occs = skillOcc.get(k);
        if (!occs?.length) return 0;
        return occs.some(([o]) => opts.contextGroups!.has(this.data.occupations[o]!.iscoGroup.slice(0, 3))) ? 1 : -1;
      });
      // the best candidate of the sector: another sector's variant falls behind it only when it is close
      const own = lead.find((_, i) => sector[i] === 1)?.[1].s ?? 0;
      lead.forEach(([, v], i) => { if (sector[i] === -1 && own >= v.s * OTHER_SECTOR) v.s *= OTHER_SECTOR; });
    }
    // Minimum evidence: a label whose words the line mostly does not say ("prepare" → "prepare data", "cooking meat" →
    // "cooking fish") is at most a guess, kept in the ranking but not linked with confidence
    if (phrase) for (const v of best.values()) if (v.cover < EVIDENCE_MIN_COVER) v.s *= EVIDENCE_FACTOR;
    // German read without the glossary (nothing translated) is a guess through other languages' labels
    const factor = readLang === 'de' && !translated ? 0.7 : 1;
    const links = [...best.entries()]
      .sort((a, b) => b[1].s - a[1].s || a[0] - b[0])
      .slice(0, limit)
      .map(([k, v]) => mk(k, v.s * factor, v.text, v.lang));
    const out: SkillLinkResult = { links, readLang, ...(translated ? { translated } : {}) };
    if (!links.length) out.unlinked = readLang === 'de' ? 'unsupported-language' : short ? 'too-short' : 'no-match';
    return out;
  }

  /** The skills of the one trade term written inside a short line (see linkSkillDetailed, step 1b), if exactly one. */
  private tradeTermInLine(label: string, contentWords: number): number[] | undefined {
    if (contentWords < 2 || contentWords > 3) return undefined;
    let found: number[] | undefined;
    for (const raw of label.split(/[\s\-\/,;:()]+/)) {
      const f = foldText(raw);
      const ids = f ? this.tradeTerms.get(f) : undefined;
      if (!ids) continue;
      const capitals = /\p{Lu}/u.test(raw) && raw === raw.toUpperCase();
      if (!capitals && f.length < 4) continue;
      if (found && found !== ids) return undefined;
      found = ids;
    }
    return found;
  }

  /** Each word not in the language's label vocabulary → its closest known word (see TypoVocabulary). */
  private correctWords(q: string, lang: Lang, keep?: (w: string) => boolean): string {
    const v = this.vocabulary(lang);
    return q
      .split(' ')
      .map((w) => (keep?.(w) ? w : v.correct(w)))
      .join(' ');
  }

  /** The words of a language's skill labels (built on first use), for typo repair. */
  private vocabulary(lang: Lang): TypoVocabulary {
    let voc = this.vocab.get(lang);
    if (!voc) {
      const words: string[] = [];
      for (const t of this.skillIndex(lang).text) for (const w of t.split(' ')) if (w.length > 2) words.push(w);
      voc = new TypoVocabulary(words);
      this.vocab.set(lang, voc);
    }
    return voc;
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
      // generic or function single words are never a skill on their own ("les" must not reach LESS); short ones
      // ("SQL") are kept and need capitals in the text
      if (ws.length === 1 && (t.length < 2 || EXTRACT_STOP.has(t) || isStopword(t))) return;
      const key = ws.map(stem).join(' ');
      const list = d!.get(key) ?? d!.set(key, []).get(key)!;
      if (!list.some((x) => x.skill === si.skill[i])) list.push({ skill: si.skill[i]!, kind: si.kind[i]!, text: t });
    });
    this.skillDicts.set(lang, d);
    return d;
  }

  /**
   * Skills mentioned in a job ad or CV, read in the language detected from the text: trade terms and technology
   * names, dictionary phrases of ESCO labels (stemmed; the reading language's and English), and linking of short
   * clauses and of the parts of a clause joined by "and"/"et"/"y"/"und"/"و" (several skills per sentence).
   * `candidates` (with `limit`) also keeps links below the acceptance score, for suggestions in a form.
   */
  extractSkillsDetailed(text: string, opts: ExtractOptions = {}): { skills: ExtractedSkill[]; candidates: ExtractedSkill[]; readLang: ReadLang | 'und' } {
    const { lang: outLang } = resolveLang(opts.lang);
    const minScore = opts.minScore ?? 0.55;
    if (!text.trim() || looksBinary(text)) return { skills: [], candidates: [], readLang: 'und' };
    const readLang = opts.readLang ?? this.detect(text).lang;
    const careContext = isCareText(text);
    const own = (SKILL_LABEL_LANGS as readonly string[]).includes(readLang) ? (readLang as Lang) : undefined;
    const dicts = [...new Set<Lang>([...(own ? [own] : []), 'en'])].map((l) => this.skillDict(l));
    const tokens: { w: string; f: string; raw: string; s: number; e: number }[] = [];
    const re = /[\p{L}\p{N}+#]+/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const f = foldText(m[0]);
      if (!f) continue;
      // Arabic writes "and" as a prefix ("وترتيب الأسرة"): split it off when the rest is a known word and the whole is
      // not, so the clause splits into its two skills as it does after "and" / "et" / "und"
      if (readLang === 'ar' && f.length > 3 && f.startsWith('و') && !knownArabicWhole(f) && knownArabic(f.slice(1))) {
        tokens.push({ w: 'و', f: 'و', raw: m[0].slice(0, 1), s: m.index, e: m.index + 1 });
        tokens.push({ w: stem(f.slice(1)), f: f.slice(1), raw: m[0].slice(1), s: m.index + 1, e: m.index + m[0].length });
      } else tokens.push({ w: stem(f), f, raw: m[0], s: m.index, e: m.index + m[0].length });
    }
    // sentence / clause boundaries: do not let a phrase cross them
    const boundary = new Set<number>();
    for (let i = 1; i < tokens.length; i++) {
      const gap = text.slice(tokens[i - 1]!.e, tokens[i]!.s);
      if (/[.;:!?\n•·|,()،؛]/.test(gap)) boundary.add(i);
    }
    const found = new Map<number, { score: number; spans: [number, number][] }>();
    const hit = (skill: number, score: number, span: [number, number]) => {
      const ctx = opts.context?.get(skill);
      const sc = Math.min(1, ctx ? score * (1 + 0.12 * ctx) : score);
      const cur = found.get(skill);
      if (!cur) found.set(skill, { score: sc, spans: [span] });
      else {
        cur.score = Math.max(cur.score, sc);
        if (!cur.spans.some((x) => x[0] === span[0] && x[1] === span[1])) cur.spans.push(span);
      }
    };
    const covered = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      // trade terms and technology names (short upper-case terms only when written in capitals: "CE", not "ce")
      let key = '';
      for (let n = 1; n <= this.maxTermWords && i + n <= tokens.length; n++) {
        if (n > 1 && boundary.has(i + n - 1)) break;
        key = n === 1 ? tokens[i]!.f : `${key} ${tokens[i + n - 1]!.f}`;
        const ids = this.tradeTerms.get(key);
        const raw = tokens[i + n - 1]!.raw;
        if (ids && !(n === 1 && CASE_SENSITIVE_TERMS.has(key) && raw !== raw.toUpperCase())) {
          for (const k of ids) hit(k, 0.95, [tokens[i]!.s, tokens[i + n - 1]!.e]);
          for (let j = i; j < i + n; j++) covered[j] = 1;
        }
        const tech = n <= 3 ? this.techNames.get(key) : undefined;
        const first = tokens[i]!.raw;
        // a technology name counts when written as a name (capitalised or with digits/symbols), not as a common word
        if (tech && /[\p{Lu}\d+#]/u.test(first) && !(i > 0 && !boundary.has(i) && n === 1 && first === first.toLowerCase())) {
          if (tech.skill !== undefined) hit(tech.skill, 0.9, [tokens[i]!.s, tokens[i + n - 1]!.e]);
          for (let j = i; j < i + n; j++) covered[j] = 1;
        }
      }
    }
    for (const dict of dicts) {
      for (let i = 0; i < tokens.length; i++) {
        if (covered[i]) continue;
        let key = '';
        for (let n = 1; n <= 8 && i + n <= tokens.length; n++) {
          if (n > 1 && boundary.has(i + n - 1)) break;
          key = n === 1 ? tokens[i]!.w : `${key} ${tokens[i + n - 1]!.w}`;
          const list = dict.get(key);
          if (!list) continue;
          if (n === 1 && (tokens[i]!.f.length < 4 || isStopword(tokens[i]!.f)) && tokens[i]!.raw !== tokens[i]!.raw.toUpperCase()) continue;
          // longer phrases are more specific; single words are often generic
          const base = n === 1 ? 0.6 : n === 2 ? 0.8 : 0.9;
          for (const { skill, kind, text: lt } of list) {
            // one word must be the label itself (or its plural), not a stem look-alike ("Lesen" is not LESS)
            const f = tokens[i]!.f;
            if (n === 1 && f !== lt && f !== `${lt}s` && `${f}s` !== lt) continue;
            hit(skill, base - (kind === 2 ? 0.05 : 0) - (list.length > 1 ? 0.05 : 0), [tokens[i]!.s, tokens[i + n - 1]!.e]);
          }
        }
      }
    }
    // clauses, and the parts of a clause joined by a conjunction, linked as whole skill phrases
    const parts: [number, number][] = [];
    const distributed: { text: string; span: [number, number] }[] = [];
    let start = 0;
    for (let i = 1; i <= tokens.length; i++) {
      if (i === tokens.length || boundary.has(i)) {
        parts.push([start, i]);
        const segs: [number, number][] = [];
        let a = start;
        for (let j = start; j <= i; j++) {
          if (j === i || CONJUNCTIONS.has(tokens[j]!.f)) {
            if (j > a) segs.push([a, j]);
            a = j + 1;
          }
        }
        if (segs.length > 1) parts.push(...segs);
        // coordination shares a head or a complement: "carga y descarga de mercancías" → "carga de mercancías",
        // "installation de prises et d'éclairage" → "installation de … éclairage", "Steckdosen und Leuchten
        // montieren" → "Steckdosen montieren": a one-word part borrows the rest of its neighbour
        for (let k = 0; k + 1 < segs.length; k++) {
          const [a1, b1] = segs[k]!;
          const [a2, b2] = segs[k + 1]!;
          const c1 = contentIndexes(tokens, a1, b1);
          const c2 = contentIndexes(tokens, a2, b2);
          if (c1.length === 1 && c2.length >= 2) distributed.push({ text: [tokens[c1[0]!]!.raw, ...rawTokens(tokens, c2[0]! + 1, b2)].join(' '), span: [tokens[a1]!.s, tokens[b1 - 1]!.e] });
          if (c2.length === 1 && c1.length >= 2) distributed.push({ text: [...rawTokens(tokens, a1, c1[c1.length - 1]!), ...rawTokens(tokens, a2, b2)].join(' '), span: [tokens[a2]!.s, tokens[b2 - 1]!.e] });
        }
        start = i;
      }
    }
    const cands = new Map<number, { score: number; spans: [number, number][] }>();
    const seen = new Set<string>();
    const linkPart = (part: string, span: [number, number]) => {
      const r = this.linkSkillDetailed(part, { readLang, limit: 3, context: opts.context, careContext });
      r.links.forEach((top, rank) => {
        const k = this.data.skillIndexOf(top.id)!;
        // a clause's runner-up is another reading of the same words, not another skill: it ranks after the clauses'
        // own best readings in the candidate list
        const sc = top.score * 0.9 * (rank === 0 ? 1 : RUNNER_UP);
        if (rank === 0 && sc >= minScore) hit(k, sc, span);
        const cur = cands.get(k);
        if (!cur || cur.score < sc) cands.set(k, { score: sc, spans: [span] });
      });
    };
    for (const [a, b] of parts) {
      const n = b - a;
      const translatedReading = readLang === 'ar' || readLang === 'nl' || readLang === 'de';
      // one French or Spanish word is a skill of its own when the workplace glossary reads it as a whole skill phrase
      // ("repassage" → iron textiles, "carga" → load cargo; not "ménage" → cleaning, which names no one skill)
      const glossaryWord = n === 1 && (readLang === 'fr' || readLang === 'es') && glossaryPhrase(ROMANCE_GLOSSARY[readLang], tokens[a]!.f, romanceVariants);
      // in a care text, one hygiene word is a care task of its own ("Aide-soignante : hygiène, repas")
      const careWord = n === 1 && careContext && CARE_WORDS.has(tokens[a]!.f);
      if (n < (translatedReading || glossaryWord || careWord ? 1 : 2) || n > 8) continue;
      let allCovered = true;
      for (let j = a; j < b; j++) if (!covered[j]) allCovered = false;
      if (allCovered) continue;
      const span: [number, number] = [tokens[a]!.s, tokens[b - 1]!.e];
      const k0 = `${span[0]}:${span[1]}`;
      if (seen.has(k0)) continue;
      seen.add(k0);
      linkPart(text.slice(span[0], span[1]), span);
    }
    for (const d of distributed) {
      const k0 = `d:${d.text}`;
      if (seen.has(k0)) continue;
      seen.add(k0);
      linkPart(d.text, d.span);
    }
    const skills = this.data.skills;
    const calibrated = opts.calibrated !== false;
    const shape = ([k, v]: [number, { score: number; spans: [number, number][] }]): ExtractedSkill => ({
      id: skills[k]!.uri,
      label: this.data.label(skills[k]!, outLang),
      score: round(v.score),
      ...(calibrated ? { probability: calibratedProbability(round(v.score)) } : {}),
      spans: v.spans.sort((x, y) => x[0] - y[0]),
    });
    const order = (a: ExtractedSkill, b: ExtractedSkill) => b.score - a.score || a.spans[0]![0] - b.spans[0]![0] || a.id.localeCompare(b.id);
    const linked = [...found.entries()].map(shape).filter((x) => x.score >= minScore).sort(order).slice(0, opts.limit ?? 100);
    const all = new Map(found);
    for (const [k, v] of cands) if (!all.has(k) || all.get(k)!.score < v.score) all.set(k, v);
    const candidates = opts.limit ? [...all.entries()].map(shape).sort(order).slice(0, opts.limit) : [];
    return { skills: linked, candidates, readLang };
  }

  /**
   * Extraction with the text's own occupation context (SELF_CONTEXT): a first reading's leading candidates vote for the
   * ESCO occupations that list them (idf over occupations, so generic skills say little), and the second reading
   * prefers the skills of the likely occupations, as linking on writes does with the title's occupations.
   */
  extractWithSelfContext(text: string, opts: ExtractOptions = {}): ReturnType<SkillLinker['extractSkillsDetailed']> {
    if (opts.context || opts.selfContext === false) return this.extractSkillsDetailed(text, opts);
    const first = this.extractSkillsDetailed(text, { ...opts, limit: 12, calibrated: false });
    const ctx = this.contextOf([...first.skills, ...first.candidates]);
    return ctx ? this.extractSkillsDetailed(text, { ...opts, context: ctx }) : this.extractSkillsDetailed(text, opts);
  }

  /** Skill index → relevance to the occupations that the candidates point at together, or nothing without agreement. */
  private contextOf(cands: readonly ExtractedSkill[]): Map<number, number> | undefined {
    const skillOcc = this.data.skillOccupationIndex();
    const votes = new Map<number, { s: number; from: Set<number> }>();
    const seen = new Set<string>();
    for (const c of cands) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      const k = this.data.skillIndexOf(c.id);
      const occs = k === undefined ? undefined : skillOcc.get(k);
      if (!occs?.length) continue;
      const idf = this.data.skillIdfAt(k);
      for (const [o, w] of occs) {
        const v = votes.get(o) ?? votes.set(o, { s: 0, from: new Set() }).get(o)!;
        v.s += c.score * idf * w;
        v.from.add(k!);
      }
    }
    const top = [...votes.entries()].filter(([, v]) => v.from.size >= SELF_CONTEXT_MIN_SKILLS).sort((a, b) => b[1].s - a[1].s).slice(0, SELF_CONTEXT_OCCUPATIONS);
    if (!top.length) return undefined;
    const total = top.reduce((a, [, v]) => a + v.s, 0);
    return this.data.skillContextOf(top.map(([o, v]) => [o, v.s / total] as const));
  }

  /** Skills mentioned in a job ad or CV (see extractSkillsDetailed). */
  extractSkills(text: string, opts: ExtractOptions = {}): ExtractedSkill[] {
    return this.extractSkillsDetailed(text, opts).skills;
  }
}

export interface ExtractOptions {
  /** language of the returned labels only */
  lang?: string;
  /** extractWithSelfContext: read the text's own likely occupations first (default true through the Taxonomy façade) */
  selfContext?: boolean;
  /** add the calibrated `probability` to each skill and candidate (default true) */
  calibrated?: boolean;
  readLang?: ReadLang | 'und';
  limit?: number;
  minScore?: number;
  context?: ReadonlyMap<number, number>;
}

/** Words of care work in a text (en/fr/es/de/ar, folded): patients, residents, the elderly, care assistants. */
const CARE_CONTEXT = new RegExp(
  '(^| )(patients?|residents?|elderly|care (assistant|worker|home)|caregiver|carer|nursing|aide soignante?|soignante?|residents?|personnes agees|ehpad|' +
    'pacientes?|ancianos|personas mayores|mayores|cuidador(a|es)?|auxiliar de enfermeria|' +
    'pflege\\S*|bewohner\\S*|senioren|patienten|altenheim|' +
    'مسنين|مرضي|مريض|رعايه|ممرض\\S*)( |$)',
);

/** Self-context: occupations kept, and how many distinct candidate skills must point at one. */
const SELF_CONTEXT_OCCUPATIONS = 3;
const SELF_CONTEXT_MIN_SKILLS = 2;

/** One-word lines that name hygiene care in a care text. */
const CARE_WORDS = new Set(['hygiene', 'higiene', 'toilette', 'aseo', 'korperpflege', 'grundpflege', 'نظافه']);

/** Score of the nearest concept for a care task (see careTask): a sure reading, but not the task's own concept. */
const CARE_TASK_SCORE = 0.8;
const CARE_HELP = new Set(['help', 'helping', 'assist', 'assisting', 'assistance', 'support', 'supporting', 'aid']);
const CARE_OBJECT = new Set(['hygiene', 'bathing', 'bath', 'toileting', 'meals', 'eating', 'feeding', 'incontinence', 'continence', 'showering']);
/** the people care is given to: "feeding patients", "bathing residents" name care given as a helping word does */
const CARE_RECIPIENT = new Set(['patients', 'patient', 'residents', 'resident', 'elderly', 'clients']);
/** words of kitchen and cleaning work: "help prepare meals" is a kitchen task, not care */
const CARE_NOT = new Set(['animals', 'animal', 'livestock', 'cattle', 'pets', 'prepare', 'preparing', 'preparation', 'cook', 'cooking', 'kitchen', 'dishes', 'laundry', 'clean', 'cleaning', 'serve', 'distribute']);
/**
 * Whether a skill line (as written, plus its English reading) names help with someone else's daily living: "hygiene
 * care" / "personal care" / "basic care" (the glossary's reading of soins d'hygiène, toilette, aseo, Körperpflege,
 * Grundpflege), or a helping word with a daily-living object ("help residents with personal hygiene", "aide aux repas",
 * "Unterstützung beim Essen", "مساعدة المسنين في الاستحمام"). A bare "personal hygiene" (the worker's own) is not one.
 */
/** Whether a text names care work (its people or its workers): the context in which a bare "hygiene" is a care task. */
export function isCareText(text: string): boolean {
  return CARE_CONTEXT.test(foldText(text));
}

export function careTask(text: string, careContext = false): boolean {
  const ws = foldText(text).split(' ');
  if (careContext && ws.includes('hygiene') && !ws.some((w) => CARE_NOT.has(w) || w === 'food')) return true;
  for (let i = 0; i + 1 < ws.length; i++) if ((ws[i] === 'hygiene' || ws[i] === 'personal' || ws[i] === 'basic') && ws[i + 1] === 'care') return true;
  return (ws.some((w) => CARE_HELP.has(w)) || ws.some((w) => CARE_RECIPIENT.has(w))) && ws.some((w) => CARE_OBJECT.has(w)) && !ws.some((w) => CARE_NOT.has(w));
}

/** Glossary languages a Latin-script skill line may be read in when its own detection cannot tell (one word, a compound). */
const GLOSSARY_LANGS = [
  { lang: 'de' as const, known: (w: string) => germanWordKnown(w) },
  { lang: 'fr' as const, known: (w: string) => glossaryKnows(ROMANCE_GLOSSARY.fr, w, romanceVariants) },
  { lang: 'es' as const, known: (w: string) => glossaryKnows(ROMANCE_GLOSSARY.es, w, romanceVariants) },
];

function glossaryKnows(g: Lexicon, w: string, variants: (w: string) => string[]): boolean {
  // a word that reads the same in English ("service", "tractor") tells nothing about the language
  const t = g[w] ?? variants(w).map((v) => g[v]).find(Boolean);
  return !!t && t[0]![0] !== w;
}

/** Whether the glossary reads the word as a phrase of several English words (a whole skill: "plonge" → wash dishes). */
function glossaryPhrase(g: Lexicon, w: string, variants: (w: string) => string[]): boolean {
  const t = g[w] ?? variants(w).map((v) => g[v]).find(Boolean);
  return !!t && t[0]![0].includes(' ');
}

function germanWordKnown(w: string): boolean {
  if (glossaryKnows(DE_GLOSSARY, w, germanVariants)) return true;
  // a compound is German when every part is German workplace vocabulary and one of them is not also English
  // ("Rohrinstallation": rohr + installation)
  const parts = splitGermanCompounds(w).split(' ');
  const inGlossary = (p: string) => !!DE_GLOSSARY[p] || germanVariants(p).some((v) => !!DE_GLOSSARY[v]);
  return parts.length > 1 && parts.every(inGlossary) && parts.some((p) => glossaryKnows(DE_GLOSSARY, p, germanVariants));
}

/**
 * The language a short skill line is read in: the detected one, unless the line's words are clearly another
 * language's workplace vocabulary (at least half of them known to that glossary, more than to the detected language's):
 * language detection of one word ("Gabelstapler", "plonge", "meulage") is unreliable. From the text alone.
 */
function readingLanguage(label: string, detected: ReadLang | 'und', englishWord: (w: string) => boolean): ReadLang | 'und' {
  if (detected === 'ar') return detected;
  // words of the English skill labels tell nothing ("medication administration" is English, not French)
  const ws = foldText(label).split(' ').filter((w) => w.length > 2 && !isStopword(w) && !englishWord(w));
  if (!ws.length) return detected;
  let best: { lang: ReadLang; cover: number } | undefined;
  let own = 0;
  for (const g of GLOSSARY_LANGS) {
    const cover = ws.filter(g.known).length / ws.length;
    if (g.lang === detected) own = cover;
    if (!best || cover > best.cover) best = { lang: g.lang, cover };
  }
  return best && best.cover >= 0.5 && best.cover > own ? best.lang : detected;
}

/** A folded Arabic word the glossary knows, as written or with its clitics stripped. */
function knownArabic(w: string): boolean {
  return !!AR_GLOSSARY[w] || arabicVariants(w).some((v) => !!AR_GLOSSARY[v]);
}

/** The same, without reading a leading "و" as the conjunction ("وضع" is one word, "وتفريغ" is "و" + "تفريغ"). */
function knownArabicWhole(w: string): boolean {
  if (AR_GLOSSARY[w]) return true;
  return arabicVariants(w).some((v) => !!AR_GLOSSARY[v] && w.startsWith(v.slice(0, 1)) && !w.slice(1).startsWith(v));
}

type Token = { w: string; f: string; raw: string; s: number; e: number };
/** Indexes of the content tokens (not stopwords, not conjunctions) in [a, b). */
function contentIndexes(tokens: readonly Token[], a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) if (!isStopword(tokens[i]!.f) && !CONJUNCTIONS.has(tokens[i]!.f)) out.push(i);
  return out;
}
const rawTokens = (tokens: readonly Token[], a: number, b: number): string[] => tokens.slice(a, b).map((t) => t.raw);

const CONJUNCTIONS = new Set(['and', 'or', 'et', 'ou', 'y', 'e', 'o', 'und', 'oder', 'en', 'of', 'و', 'او', 'as', 'well']);
