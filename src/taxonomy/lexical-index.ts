import { charNgrams } from './text.js';

export interface LexicalHit {
  doc: number;
  score: number;
}

/**
 * Char n-gram TF-IDF (sublinear tf, L2-normalised) with an inverted index; cosine similarity by posting walk.
 * Documents are already-folded label strings.
 */
export class CharNgramIndex {
  private readonly gramIds = new Map<string, number>();
  private idf: Float32Array = new Float32Array(0);
  private postStart: Int32Array = new Int32Array(0);
  private postDoc: Int32Array = new Int32Array(0);
  private postW: Float32Array = new Float32Array(0);
  readonly size: number;

  constructor(docs: readonly string[], private readonly minN = 3, private readonly maxN = 5) {
    this.size = docs.length;
    const docGrams: Int32Array[] = [];
    const docCounts: Float32Array[] = [];
    const df: number[] = [];
    for (const d of docs) {
      const counts = new Map<number, number>();
      for (const g of charNgrams(d, minN, maxN)) {
        let id = this.gramIds.get(g);
        if (id === undefined) {
          id = this.gramIds.size;
          this.gramIds.set(g, id);
          df.push(0);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      const ids = new Int32Array(counts.size);
      const cs = new Float32Array(counts.size);
      let j = 0;
      for (const [id, c] of counts) {
        ids[j] = id;
        cs[j] = c;
        df[id]!++;
        j++;
      }
      docGrams.push(ids);
      docCounts.push(cs);
    }
    const nG = df.length;
    const N = docs.length;
    this.idf = new Float32Array(nG);
    for (let g = 0; g < nG; g++) this.idf[g] = Math.log((1 + N) / (1 + df[g]!)) + 1;
    this.postStart = new Int32Array(nG + 1);
    for (let g = 0; g < nG; g++) this.postStart[g + 1] = this.postStart[g]! + df[g]!;
    const total = this.postStart[nG]!;
    this.postDoc = new Int32Array(total);
    this.postW = new Float32Array(total);
    const fill = this.postStart.slice(0, nG);
    for (let d = 0; d < N; d++) {
      const ids = docGrams[d]!;
      const cs = docCounts[d]!;
      let norm = 0;
      const w = new Float32Array(ids.length);
      for (let j = 0; j < ids.length; j++) {
        w[j] = (1 + Math.log(cs[j]!)) * this.idf[ids[j]!]!;
        norm += w[j]! * w[j]!;
      }
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < ids.length; j++) {
        const p = fill[ids[j]!]!++;
        this.postDoc[p] = d;
        this.postW[p] = w[j]! / norm;
      }
    }
  }

  /** Cosine scores of all documents sharing at least one n-gram with the query (dense accumulator). */
  scoreAll(folded: string, acc?: Float32Array): Float32Array {
    const scores = acc ?? new Float32Array(this.size);
    if (acc) scores.fill(0);
    const counts = new Map<number, number>();
    for (const g of charNgrams(folded, this.minN, this.maxN)) {
      const id = this.gramIds.get(g);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // Unknown grams still count in the query norm (with the max idf) so gibberish scores low.
    let unknown = 0;
    for (const g of charNgrams(folded, this.minN, this.maxN)) if (!this.gramIds.has(g)) unknown++;
    const maxIdf = Math.log(1 + this.size) + 1;
    let norm = unknown * maxIdf * maxIdf;
    const qw: [number, number][] = [];
    for (const [id, c] of counts) {
      const w = (1 + Math.log(c)) * this.idf[id]!;
      norm += w * w;
      qw.push([id, w]);
    }
    norm = Math.sqrt(norm) || 1;
    for (const [id, w] of qw) {
      const wq = w / norm;
      for (let p = this.postStart[id]!, e = this.postStart[id + 1]!; p < e; p++) {
        scores[this.postDoc[p]!]! += wq * this.postW[p]!;
      }
    }
    return scores;
  }
}
