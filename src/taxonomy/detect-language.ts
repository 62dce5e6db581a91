/**
 * Language of a short text (a title, one skill, a sentence), read from the text alone: never from the profile's
 * `lang`, which chooses only the language of explanations. eld (n-gram detector, medium database, restricted to the
 * languages people write to us in) chosen by measurement on short texts (`npm run bench:lang-detect`), plus a vote of
 * the ESCO label vocabulary of each language we hold labels for (short job titles are often one word).
 */
import { eld } from 'eld/medium';
import { foldText } from './text.js';
import { isStopword } from './stopwords.js';

export const READ_LANGS = ['en', 'fr', 'es', 'nl', 'de', 'ar'] as const;
export type ReadLang = (typeof READ_LANGS)[number];

export interface DetectedLanguage {
  /** 'und' when nothing in the text tells (digits, symbols, one unknown short word) */
  lang: ReadLang | 'und';
  /** share of the best language in the normalised scores, 0..1 */
  confidence: number;
}

eld.setLanguageSubset(['en', 'fr', 'es', 'nl', 'de']);

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/gu;
const LETTER = /\p{L}/gu;
/** Weight of the ESCO vocabulary vote against eld's scores (set a priori, not tuned). */
const VOCAB_WEIGHT = 0.5;

/** Words of each language's ESCO labels, for the vocabulary vote. */
export type LanguageVocabulary = ReadonlyMap<string, readonly ReadLang[]>;

export function buildLanguageVocabulary(labelsByLang: Iterable<[ReadLang, string]>): LanguageVocabulary {
  const m = new Map<string, ReadLang[]>();
  for (const [lang, label] of labelsByLang) {
    for (const w of foldText(label).split(' ')) {
      if (w.length < 3) continue;
      const arr = m.get(w);
      if (!arr) m.set(w, [lang]);
      else if (!arr.includes(lang)) arr.push(lang);
    }
  }
  return m;
}

const GERMAN_MARK = /ß|(?:^|[^\p{L}])(?:[mdx]\s*\/\s*w|w\s*\/\s*[mdx])(?:\s*\/\s*[mwdxi])?(?![\p{L}])/iu;

export function detectLanguage(text: string, vocab?: LanguageVocabulary): DetectedLanguage {
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return { lang: 'und', confidence: 0 };
  const arabic = text.match(ARABIC)?.length ?? 0;
  // Arabic script is unambiguous among the languages we read
  if (arabic / letters > 0.5) return { lang: 'ar', confidence: 1 };
  // the gender marker of German ads ("(m/w/d)", "w/m/x": w is weiblich) and ß are German only among the languages we read
  if (GERMAN_MARK.test(text)) return { lang: 'de', confidence: 1 };
  const scores = new Map<ReadLang, number>();
  const raw = eld.detect(text).getScores();
  let sum = 0;
  for (const v of Object.values(raw)) sum += v;
  if (sum > 0) for (const [l, v] of Object.entries(raw)) scores.set(l as ReadLang, v / sum);
  if (vocab) {
    // function words say little across languages ("die" and "fur" are English ESCO words too)
    const words = foldText(text).split(' ').filter((w) => w.length >= 3 && !isStopword(w));
    const vote = new Map<ReadLang, number>();
    for (const w of words) {
      const ls = vocab.get(w);
      if (!ls) continue;
      for (const l of ls) vote.set(l, (vote.get(l) ?? 0) + 1 / ls.length / words.length);
    }
    for (const [l, v] of vote) scores.set(l, (scores.get(l) ?? 0) + VOCAB_WEIGHT * v);
  }
  let best: ReadLang | 'und' = 'und';
  let bv = 0;
  let total = 0;
  for (const l of READ_LANGS) {
    const v = scores.get(l) ?? 0;
    total += v;
    if (v > bv) {
      bv = v;
      best = l;
    }
  }
  return { lang: best, confidence: total > 0 ? Math.round((bv / total) * 1000) / 1000 : 0 };
}

/**
 * A title the detector gives to another language although it is written in English words ("Restaurant Server" → fr,
 * "Boutique Assistant" → fr, "Chief Chef" → fr): true when no word is a function word of the detected language, every
 * word the label vocabularies know is a word of ESCO's English labels, and either one of them is English only or two or
 * more are known (one word shared by two languages, "chauffeur", "conductor", stays the detector's). German has no ESCO
 * labels here: every word must then be an English label word. Arabic script is never English.
 */
export function writtenInEnglishWords(text: string, detected: ReadLang | 'und', vocab: LanguageVocabulary): boolean {
  if (detected === 'en' || detected === 'und' || detected === 'ar') return false;
  const tokens = foldText(text).split(' ').filter(Boolean);
  if (tokens.some((w) => isStopword(w, detected) && !isStopword(w, 'en'))) return false;
  let known = 0;
  let englishOnly = 0;
  for (const w of tokens) {
    if (w.length < 3 || isStopword(w)) continue;
    const ls = vocab.get(w);
    if (!ls) {
      if (detected === 'de') return false;
      continue;
    }
    if (!ls.includes('en')) return false;
    known++;
    if (!ls.includes(detected)) englishOnly++;
  }
  return englishOnly > 0 || known >= 2;
}
