/** Text normalisation shared by the lexical index, the re-ranker features and skill extraction. */

const DIACRITICS = /[\u0300-\u036f]/g;

// Arabic: short vowels and other marks, tatweel; hamza-carrying alef forms, alef maqsura and taa marbuta folded.
const AR_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const AR_SCRIPT = /[\u0600-\u06ff]/;

function foldArabic(s: string): string {
  return s
    .replace(AR_MARKS, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/(^|\s)(?:\u0648)?\u0627\u0644(?=\S{2,})/g, '$1'); // the article al- (and wa-al-): people write titles without it
}

/** Lower-case, strip accents, keep letters/digits/+#, collapse spaces; Arabic folded (marks, alef forms, article). */
export function foldText(s: string): string {
  if (AR_SCRIPT.test(s)) s = foldArabic(s.normalize('NFD'));
  return s
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

// Words that tell nothing about the occupation in a vacancy title (seniority, contract, location noise).
const TITLE_NOISE = new Set([
  'urgent', 'urgently', 'hiring', 'needed', 'wanted', 'required', 'vacancy', 'job', 'jobs', 'position', 'opening',
  'senior', 'snr', 'sr', 'junior', 'jr', 'jnr', 'trainee', 'internship', 'intern', 'entry', 'level', 'fresh', 'graduate', 'graduates',
  'full', 'part', 'time', 'fulltime', 'parttime', 'contract', 'temporary', 'temp', 'permanent', 'freelance', 'remote',
  'm', 'f', 'd', 'x', 'w', 'h', 'mf', 'fm', 'mfd', 'mwd', 'fh', 'hf',
  'immediate', 'start', 'asap', 'new', 'experienced', 'exp', 'years', 'year', 'yrs', 'ii', 'iii', 'iv', 'i',
  // t12-titles: sales regions, and contract and start words in French, Spanish and German
  'emea', 'apac', 'latam', 'dach', 'benelux', 'nordics', 'cdi', 'cdd', 'urgente', 'vollzeit', 'teilzeit', 'befristet',
  'unbefristet', 'ab', 'sofort', 'minijob',
  // t17-titles: shifts written in the plural, and the cards, checks and approvals an English ad asks for (QTS, DBS,
  // JIB, GWO/BST) qualify the person, not the trade
  'nights', 'days', 'weekends', 'earlies', 'lates', 'shifts', 'qts', 'dbs', 'jib', 'gwo', 'bst', 'approved', 'essential', 'desirable',
]);

/** A word of a title that names no trade (hiring words, seniority, stage of training, contract, gender markers). */
export function isTitleNoise(w: string): boolean {
  return TITLE_NOISE.has(w);
}

/** Clean a vacancy title before lookup: drop bracketed remarks, codes and noise words; keep at least one word. */
export function cleanTitle(title: string): string {
  let t = title.replace(/\([^)]*\)|\[[^\]]*\]|\{[^}]*\}/g, ' ');
  t = t.replace(/\b\d+\b/g, ' ');
  const folded = foldText(t);
  const words = folded.split(' ').filter(Boolean);
  const kept = words.filter((w) => !TITLE_NOISE.has(w));
  const out = (kept.length ? kept : words).join(' ');
  return out || foldText(title);
}

/** Light stemmer good enough for head-noun agreement across en/fr/es/nl plurals and genders. */
export function stem(w: string): string {
  if (w.length <= 3) return w;
  return w.replace(/(ies|es|s|e|a|o|en|er)$/u, '').slice(0, 7);
}

/** True when the string looks like binary or control-character garbage rather than text. */
export function looksBinary(s: string): boolean {
  if (s.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > Math.max(2, s.length * 0.05);
}
