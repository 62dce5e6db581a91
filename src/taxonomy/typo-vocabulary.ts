import { editDistance } from './edit-distance.js';

const BINS = 32;
const MEMO_MAX = 50_000;

/**
 * The words of a language's labels, for typo repair: `correct(word)` is the closest known word within edit distance 2
 * (1 for words under 7 letters), the first of the shortest such words in length order, or the word itself.
 *
 * Same answer as scanning every word of a near length with the edit distance, at a fraction of the cost: a word whose
 * letter histogram differs too much cannot be close (an insertion or deletion moves the histogram by 1, a substitution
 * by 2, a transposition by 0), so most candidates are dismissed in 32 additions; answers are memoised per word.
 * Without this, one 200-character skill label of made-up words cost about half a second of CPU.
 */
export class TypoVocabulary {
  private readonly known: Set<string>;
  private readonly byLen = new Map<number, { words: string[]; hist: Uint8Array }>();
  private readonly memo = new Map<string, string>();

  constructor(words: Iterable<string>) {
    this.known = new Set(words);
    const lists = new Map<number, string[]>();
    for (const w of this.known) (lists.get(w.length) ?? lists.set(w.length, []).get(w.length)!).push(w);
    for (const [len, list] of lists) {
      const hist = new Uint8Array(list.length * BINS);
      list.forEach((w, i) => addHistogram(w, hist, i * BINS));
      this.byLen.set(len, { words: list, hist });
    }
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  correct(word: string): string {
    if (word.length < 4 || this.known.has(word)) return word;
    const hit = this.memo.get(word);
    if (hit !== undefined) return hit;
    const q = new Uint8Array(BINS);
    addHistogram(word, q, 0);
    let best = word;
    let bd = word.length >= 7 ? 3 : 2;
    for (let L = word.length - 2; L <= word.length + 2; L++) {
      const bucket = this.byLen.get(L);
      if (!bucket) continue;
      const { words, hist } = bucket;
      for (let k = 0; k < words.length; k++) {
        // Lower bound: distance ≥ ceil(L1 / 2); a candidate must reach distance < bd to win.
        const limit = 2 * (bd - 1);
        let l1 = 0;
        const off = k * BINS;
        for (let b = 0; b < BINS && l1 <= limit; b++) l1 += Math.abs(q[b]! - hist[off + b]!);
        if (l1 > limit) continue;
        const d = editDistance(word, words[k]!, bd);
        if (d < bd) {
          bd = d;
          best = words[k]!;
        }
      }
    }
    if (this.memo.size >= MEMO_MAX) this.memo.clear();
    this.memo.set(word, best);
    return best;
  }
}

function addHistogram(word: string, into: Uint8Array, offset: number): void {
  for (let i = 0; i < word.length; i++) {
    const b = offset + (word.charCodeAt(i) & (BINS - 1));
    if (into[b]! < 255) into[b]! += 1;
  }
}
