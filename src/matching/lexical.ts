/** Robust lexical similarity for unlinked free-text skills and titles: char trigram Dice, diacritics and case folded. */

const COMBINING = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(NON_WORD, ' ').trim();
}

/** Multiset of character trigrams of each word padded with spaces (words of 1–2 chars stay whole). */
export function charTrigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  for (const word of normalizeText(text).split(' ')) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      grams.set(g, (grams.get(g) ?? 0) + 1);
    }
  }
  return grams;
}

// The scorer compares every requirement with every profile skill, so the comparison itself must be cheap: each text's
// trigrams become sorted integer ids with counts (interned once), and Dice is a merge of two short arrays.
interface GramProfile {
  ids: Int32Array;
  counts: Int32Array;
  total: number;
  generation: number;
}
const GRAM_CACHE_MAX = 50_000;
const GRAM_IDS_MAX = 1_000_000;
const gramIds = new Map<string, number>();
const profiles = new Map<string, GramProfile>();
let generation = 0;

function gramProfile(text: string): GramProfile {
  const cached = profiles.get(text);
  if (cached && cached.generation === generation) return cached;
  const grams = charTrigrams(text);
  if (gramIds.size + grams.size > GRAM_IDS_MAX) {
    // Ids are only comparable within one generation: start a new one rather than grow without bound.
    gramIds.clear();
    profiles.clear();
    generation++;
  }
  const entries: [number, number][] = [];
  let total = 0;
  for (const [g, c] of grams) {
    let id = gramIds.get(g);
    if (id === undefined) {
      id = gramIds.size;
      gramIds.set(g, id);
    }
    entries.push([id, c]);
    total += c;
  }
  entries.sort((x, y) => x[0] - y[0]);
  const profile: GramProfile = {
    ids: Int32Array.from(entries, (e) => e[0]),
    counts: Int32Array.from(entries, (e) => e[1]),
    total,
    generation,
  };
  if (profiles.size >= GRAM_CACHE_MAX) profiles.clear();
  profiles.set(text, profile);
  return profile;
}

/** Dice coefficient over trigram multisets, in [0,1]; 1 for identical normalised texts. */
export function lexicalSimilarity(a: string, b: string): number {
  let pa = gramProfile(a);
  const pb = gramProfile(b);
  if (pa.generation !== pb.generation) pa = gramProfile(a);
  if (pa.total + pb.total === 0) return 0;
  let inter = 0;
  let i = 0;
  let j = 0;
  const ai = pa.ids;
  const bi = pb.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) {
      inter += Math.min(pa.counts[i]!, pb.counts[j]!);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * inter) / (pa.total + pb.total);
}
