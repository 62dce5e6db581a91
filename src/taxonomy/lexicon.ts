/**
 * Bilingual word lexicons (fr/es/nl/ar → en) learnt from ESCO's parallel labels: the preferred labels of one concept
 * in two languages are translations of each other, so words that co-occur across many such pairs translate each other
 * (IBM model 1, best few per word). This is the cross-lingual path for text in a language whose own labels do
 * not reach the concept (Arabic skills: ESCO has no Arabic skill labels here; titles whose wording is not an ESCO label).
 */
import { foldText } from './text.js';
import { isStopword } from './stopwords.js';
import type { Lang, LabelSet } from './files.js';

/** word → English words with their association (0..1), best first */
export type Lexicon = Record<string, [string, number][]>;

const MIN_PAIR = 2;
const MIN_PROB = 0.1;
const PER_WORD = 3;

const EN_STOP = new Set(['and', 'or', 'of', 'the', 'for', 'in', 'on', 'to', 'with', 'a', 'an', 'at', 'by', 'as']);

function words(s: string, lang?: string): string[] {
  return [...new Set(foldText(s).split(' ').filter((w) => w.length > 1 && !isStopword(w, lang)))];
}

/**
 * Learn a lexicon from (foreign label, English label) pairs of the same concept: IBM model 1 (EM over word
 * alignments, a NULL word absorbing untranslated English words), started from co-occurrence counts. Keeps, per
 * foreign word seen in at least two pairs, its best English words with t(e|x).
 */
export function buildLexicon(pairs: Iterable<[string, string]>, lang: string, iterations = 8): Lexicon {
  const data: [string[], string[]][] = [];
  const cx = new Map<string, number>();
  for (const [x, e] of pairs) {
    const xs = words(x, lang);
    const es = words(e, 'en').filter((w) => !EN_STOP.has(w));
    if (!xs.length || !es.length) continue;
    data.push([xs, es]);
    for (const a of xs) cx.set(a, (cx.get(a) ?? 0) + 1);
  }
  const NULL = '\u0000';
  // t[e][x] = t(e | x), uniform start over co-occurring pairs
  let t = new Map<string, Map<string, number>>();
  for (const [xs, es] of data) for (const e of es) {
    let m = t.get(e);
    if (!m) t.set(e, (m = new Map()));
    for (const x of [...xs, NULL]) m.set(x, 1);
  }
  for (let it = 0; it < iterations; it++) {
    const count = new Map<string, Map<string, number>>();
    const total = new Map<string, number>();
    for (const [xs, es] of data) {
      const src = [...xs, NULL];
      for (const e of es) {
        const te = t.get(e)!;
        let z = 0;
        for (const x of src) z += te.get(x) ?? 0;
        if (z <= 0) continue;
        let ce = count.get(e);
        if (!ce) count.set(e, (ce = new Map()));
        for (const x of src) {
          const c = (te.get(x) ?? 0) / z;
          ce.set(x, (ce.get(x) ?? 0) + c);
          total.set(x, (total.get(x) ?? 0) + c);
        }
      }
    }
    const next = new Map<string, Map<string, number>>();
    for (const [e, ce] of count) {
      const m = new Map<string, number>();
      for (const [x, c] of ce) m.set(x, c / total.get(x)!);
      next.set(e, m);
    }
    t = next;
  }
  const byX = new Map<string, [string, number][]>();
  for (const [e, m] of t) for (const [x, p] of m) {
    if (x === NULL || (cx.get(x) ?? 0) < MIN_PAIR || p < MIN_PROB) continue;
    (byX.get(x) ?? byX.set(x, []).get(x)!).push([e, Math.round(p * 1000) / 1000]);
  }
  const out: Lexicon = {};
  for (const [x, cand] of [...byX.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    cand.sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]));
    out[x] = cand.slice(0, PER_WORD);
  }
  return out;
}

/**
 * Folded text → English reading: each known word replaced by its best translation (words whose best association is
 * weak are dropped), unknown words kept. `coverage` = share of words translated; `groups` = per source word (or
 * multi-word unit) the English readings it stands for; `parts` = the reading's pieces in source order, a multi-word
 * unit as one piece (to reorder the reading without reversing "security guard" itself).
 */
export function translateToEnglish(
  lex: Lexicon,
  folded: string,
  opts: { glossary?: Lexicon; variants?: (w: string) => string[]; fallback?: (w: string) => string | undefined; cognate?: (w: string) => string | undefined; unit?: (ws: string[], i: number) => { en: string; n: number } | undefined } = {},
): { text: string; coverage: number; groups: string[][]; parts: string[] } {
  const ws = folded.split(' ').filter((w) => w && !isStopword(w));
  if (!ws.length) return { text: '', coverage: 0, groups: [], parts: [] };
  let known = 0;
  const out: string[] = [];
  // per source word (or glossary unit), its English readings: the alternatives one source word stands for
  const groups: string[][] = [];
  // a hand-written glossary first, then the learnt lexicon, each for the word and then its stripped forms
  const look = (w: string): [string, number][] | undefined => {
    const forms = [w, ...(opts.variants?.(w) ?? [])];
    for (const d of opts.glossary ? [opts.glossary, lex] : [lex]) for (const f of forms) if (d[f]?.length) return d[f];
    return undefined;
  };
  const push = (e: string) => {
    // one English word once ("lecturer lecturer", "import export import export" read nothing twice as well)
    if (!out.includes(e)) out.push(e);
  };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    // a multi-word unit of a hand-written glossary reads as one ("agent de sécurité" is a security guard, not a
    // safety officer)
    const u = opts.unit?.(ws, i);
    if (u) {
      known += u.n;
      push(u.en);
      groups.push([u.en]);
      i += u.n - 1;
      continue;
    }
    const t = look(w);
    if (t?.length) {
      known++;
      // the best translation, and a second one when nearly as likely (شاحنة → forklift 0.36, truck 0.32)
      push(t[0]![0]);
      const second = t[1] && t[1][1] >= 0.8 * t[0]![1] ? t[1][0] : undefined;
      if (second) push(second);
      groups.push(second ? [t[0]![0], second] : [t[0]![0]]);
      continue;
    }
    // a word the parallel labels never taught (they hold few everyday job nouns: "barman", "خباز"): a hand-written reading
    const g = opts.fallback?.(w);
    if (g) {
      known++;
      push(g);
      groups.push([g]);
      continue;
    }
    const c = opts.cognate?.(w);
    if (c) {
      known += COGNATE_CREDIT;
      push(c);
      groups.push([c]);
    } else if (w.length > 2) {
      out.push(w);
      groups.push([w]);
    }
  }
  return { text: out.join(' '), coverage: known / ws.length, groups, parts: out };
}

/** How much of a word a guessed cognate counts as translated. */
const COGNATE_CREDIT = 0.5;

/** Languages with a lexicon: every language whose preferred labels ESCO gives alongside the English ones. */
export const LEXICON_LANGS = ['fr', 'es', 'nl', 'ar'] as const satisfies readonly Lang[];

/**
 * Lexicons from concepts' preferred labels (occupations and skills); gendered labels "m / f" give one pair per form.
 * `keep` filters concepts (the bench learns without its held-out concepts).
 */
export function lexiconsFromLabels(concepts: Iterable<{ uri: string; labels: Partial<Record<Lang, LabelSet>> }>, keep: (uri: string) => boolean = () => true): Partial<Record<Lang, Lexicon>> {
  const pairs = new Map<Lang, [string, string][]>(LEXICON_LANGS.map((l) => [l, []]));
  for (const c of concepts) {
    const en = c.labels.en?.pref;
    if (!en || !keep(c.uri)) continue;
    for (const l of LEXICON_LANGS) {
      const x = c.labels[l]?.pref;
      if (!x) continue;
      for (const part of x.split('/')) if (part.trim()) pairs.get(l)!.push([part, en]);
    }
  }
  const out: Partial<Record<Lang, Lexicon>> = {};
  for (const [l, ps] of pairs) out[l] = buildLexicon(ps, l);
  return out;
}
