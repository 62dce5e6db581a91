// Text as the rules read it: lower case, accents and Arabic diacritics removed, Arabic-Indic digits as ASCII,
// split into sentences and clauses, with a map back to the offsets of the text as written (for evidence spans).

export interface NormalisedText {
  /** The original text. */
  original: string;
  /** The normalised text the rules match against. */
  norm: string;
  /** norm index → original index (one entry per norm character, plus one for the end). */
  map: number[];
}

const ARABIC_FOLD: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ة': 'ه',
  'ؤ': 'و',
  'ئ': 'ي',
  '،': ',',
  '؛': ';',
  '؟': '?',
  '٫': '.',
  '٬': ',',
};
const PUNCT_FOLD: Record<string, string> = {
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '\u00b4': "'",
  '`': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u200e': '',
  '\u200f': '',
  '\u200b': '',
  '\u0640': '', // tatweel
};

function foldChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x0660 && cp <= 0x0669) return String(cp - 0x0660);
  if (cp >= 0x06f0 && cp <= 0x06f9) return String(cp - 0x06f0);
  if (cp >= 0x064b && cp <= 0x065f) return ''; // harakat
  if (cp === 0x0670) return '';
  if (ch in PUNCT_FOLD) return PUNCT_FOLD[ch]!;
  if (ch in ARABIC_FOLD) return ARABIC_FOLD[ch]!;
  if (ch === 'ß') return 'ss';
  if (cp < 0x80) return ch.toLowerCase();
  return ch
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/** Normalise for matching, keeping a map from every normalised character back to the text as written. */
export function normalise(original: string): NormalisedText {
  let norm = '';
  const map: number[] = [];
  let i = 0;
  let lastSpace = true;
  for (const ch of original) {
    let f = foldChar(ch);
    if (/\s/.test(f)) f = f.includes('\n') ? '\n' : ' ';
    for (const c of f) {
      // Runs of blanks collapse to one (a newline wins, it separates sentences).
      if (c === ' ' || c === '\n') {
        if (lastSpace) {
          if (c === '\n' && norm.endsWith(' ')) norm = norm.slice(0, -1) + '\n';
          continue;
        }
        lastSpace = true;
      } else lastSpace = false;
      norm += c;
      map.push(i);
    }
    i += ch.length;
  }
  map.push(original.length);
  return { original, norm, map };
}

/** The span of the text as written that a normalised span [start, end) came from. */
export function originalSpan(t: NormalisedText, start: number, end: number): { start: number; end: number; text: string } {
  const s = t.map[Math.max(0, Math.min(start, t.map.length - 1))]!;
  const lastChar = t.map[Math.max(0, Math.min(end - 1, t.map.length - 1))]!;
  // The original character at lastChar may be wider than one code unit (surrogate pairs).
  const cp = t.original.codePointAt(lastChar);
  const e = end > start ? lastChar + (cp !== undefined && cp > 0xffff ? 2 : 1) : s;
  return { start: s, end: e, text: t.original.slice(s, e) };
}

export interface Segment {
  start: number;
  end: number;
  text: string;
}

/** "ca. 9.000 €", "approx. 550", "env. 300", "aprox. 2", "Nr. 5": an abbreviation before a number ends no sentence. */
const ABBREVIATION_BEFORE_NUMBER = /(?:^|[\s(])(?:ca|approx|env|aprox|apx|inkl|zzgl|nr|no|num|tel)$/u;
function abbreviationAt(norm: string, dot: number): boolean {
  return ABBREVIATION_BEFORE_NUMBER.test(norm.slice(Math.max(0, dot - 8), dot)) && /^ ?\p{N}/u.test(norm.slice(dot + 1, dot + 3));
}

/**
 * Sentences of a normalised text: split at . ! ? ; newlines and bullets. A full stop splits only before a blank,
 * so "1.200 €", "12.50" and "www.example.org" stay whole.
 */
export function sentences(norm: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = norm.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ start: start + lead, end: start + lead + text.length, text });
  };
  for (let i = 0; i < norm.length; i++) {
    const c = norm[i]!;
    const next = norm[i + 1];
    const boundary =
      c === '\n' ||
      c === ';' ||
      c === '•' ||
      c === '·' ||
      ((c === '.' || c === '!' || c === '?') && (next === undefined || next === ' ' || next === '\n' || next === '"' || next === ')') && !(c === '.' && abbreviationAt(norm, i)));
    if (boundary) {
      push(c === '\n' || c === '•' || c === '·' || c === ';' ? i : i + 1);
      start = i + 1;
    }
  }
  push(norm.length);
  return out;
}

// Contrast and exception markers start a new clause: a negation before them does not reach past them.
const CLAUSE_BREAK =
  /(?:^|[\s,:(-])(?:but|however|except|apart from|other than|although|whereas|just|mais|sauf|cependant|toutefois|hormis|excepte|pero|sin embargo|salvo|excepto|menos|aunque|aber|jedoch|allerdings|ausser|abgesehen von|sondern|لكن|ولكن|باستثناء|ما عدا|عدا|الا ان)(?=[\s,:])/gu;

/** Clauses of a sentence (offsets stay in the normalised text): split at contrast and exception words. */
export function clauses(s: Segment): Segment[] {
  const cuts: number[] = [];
  for (const m of s.text.matchAll(CLAUSE_BREAK)) cuts.push(m.index! + (/^[\s,:(-]/.test(m[0]) ? 1 : 0));
  const out: Segment[] = [];
  let prev = 0;
  for (const c of [...cuts, s.text.length]) {
    if (c <= prev && c !== s.text.length) continue;
    const raw = s.text.slice(prev, c);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ start: s.start + prev + lead, end: s.start + prev + lead + text.length, text });
    prev = c;
  }
  return out;
}

/** A letter or digit on either side means "inside a word" (works for Arabic, where \b does not). */
export const WB = '(?<![\\p{L}\\p{N}])';
export const WE = '(?![\\p{L}\\p{N}])';
/** Optional Arabic proclitics: و ف ب ل ك and the article ال / لل. */
export const AR_PRE = '(?:[وفبلك]?(?:ال|لل)?)';
