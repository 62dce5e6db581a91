/** Robust lexical similarity for unlinked free-text skills and titles: char trigram Dice, diacritics and case folded. */

const COMBINING = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(NON_WORD, ' ').trim();
}

const GRAM_CACHE_MAX = 50_000;
const gramCache = new Map<string, Map<string, number>>();

/** Multiset of character trigrams of each word padded with spaces (words of 1–2 chars stay whole). */
export function charTrigrams(text: string): Map<string, number> {
  const cached = gramCache.get(text);
  if (cached) return cached;
  const grams = new Map<string, number>();
  for (const word of normalizeText(text).split(' ')) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      grams.set(g, (grams.get(g) ?? 0) + 1);
    }
  }
  if (gramCache.size >= GRAM_CACHE_MAX) gramCache.clear();
  gramCache.set(text, grams);
  return grams;
}

/** Dice coefficient over trigram multisets, in [0,1]; 1 for identical normalised texts. */
export function lexicalSimilarity(a: string, b: string): number {
  const ga = charTrigrams(a);
  const gb = charTrigrams(b);
  let na = 0;
  let nb = 0;
  let inter = 0;
  for (const c of ga.values()) na += c;
  for (const [g, c] of gb) {
    nb += c;
    const o = ga.get(g);
    if (o) inter += Math.min(o, c);
  }
  if (na + nb === 0) return 0;
  return (2 * inter) / (na + nb);
}
