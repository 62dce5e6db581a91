const BITS = 21;
const BUCKETS = 1 << BITS;

/** Number of padded char n-grams (n = min..max) of a folded string of length len. */
function gramCount(len: number, min: number, max: number): number {
  const L = len + 2;
  let count = 0;
  for (let n = min; n <= max; n++) count += Math.max(0, L - n + 1);
  return count;
}

/** Hashed padded char n-grams (FNV-1a, n = min..max) of a folded string written into out at offset; returns the end. */
function writeGrams(folded: string, min: number, max: number, out: Int32Array, offset: number): number {
  const s = ` ${folded} `;
  const L = s.length;
  let k = offset;
  for (let i = 0; i + min <= L; i++) {
    let h = 0x811c9dc5 ^ (max << 8);
    for (let j = 0; j < max && i + j < L; j++) {
      h ^= s.charCodeAt(i + j);
      h = Math.imul(h, 0x01000193);
      if (j + 1 >= min) out[k++] = ((h ^ ((j + 1) * 0x9e3779b1)) >>> (32 - BITS)) & (BUCKETS - 1);
    }
  }
  return k;
}

function hashedGrams(folded: string, min: number, max: number): Int32Array {
  const out = new Int32Array(gramCount(folded.length, min, max));
  const k = writeGrams(folded, min, max, out, 0);
  return k === out.length ? out : out.subarray(0, k);
}

/** Sorted unique grams with counts. */
function countGrams(g: Int32Array): { ids: Int32Array; counts: Float32Array } {
  const s = g.slice().sort();
  let u = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) u++;
  const ids = new Int32Array(u);
  const counts = new Float32Array(u);
  let k = -1;
  for (let i = 0; i < s.length; i++) {
    if (i === 0 || s[i] !== s[i - 1]) ids[++k] = s[i]!;
    counts[k]!++;
  }
  return { ids, counts };
}

/**
 * Char n-gram TF-IDF (sublinear tf, L2-normalised) with an inverted index over hashed grams; cosine by posting walk.
 * Documents are already-folded label strings.
 */
export class CharNgramIndex {
  private readonly df = new Int32Array(BUCKETS);
  private readonly idf: Float32Array;
  private readonly postStart = new Int32Array(BUCKETS + 1);
  private readonly postDoc: Int32Array;
  private readonly postW: Float32Array;
  private readonly maxIdf: number;
  readonly size: number;

  constructor(docs: readonly string[], private readonly minN = 3, private readonly maxN = 5) {
    this.size = docs.length;
    // Every document's grams in one buffer, each document's run sorted in place: no small arrays per document (an
    // index over ~100k skill labels spent most of its build in the garbage collector).
    const N = docs.length;
    const start = new Int32Array(N + 1);
    for (let d = 0; d < N; d++) start[d + 1] = start[d]! + gramCount(docs[d]!.length, minN, maxN);
    const grams = new Int32Array(start[N]!);
    for (let d = 0; d < N; d++) {
      writeGrams(docs[d]!, minN, maxN, grams, start[d]!);
      grams.subarray(start[d]!, start[d + 1]!).sort();
    }
    for (let d = 0; d < N; d++) {
      for (let j = start[d]!, e = start[d + 1]!; j < e; j++) if (j === start[d] || grams[j] !== grams[j - 1]) this.df[grams[j]!]!++;
    }
    this.maxIdf = Math.log(1 + N) + 1;
    this.idf = new Float32Array(BUCKETS);
    for (let g = 0; g < BUCKETS; g++) {
      const df = this.df[g]!;
      this.idf[g] = df ? Math.log((1 + N) / (1 + df)) + 1 : this.maxIdf;
      this.postStart[g + 1] = this.postStart[g]! + df;
    }
    const total = this.postStart[BUCKETS]!;
    this.postDoc = new Int32Array(total);
    this.postW = new Float32Array(total);
    const fill = this.postStart.slice(0, BUCKETS);
    for (let d = 0; d < N; d++) {
      const a = start[d]!;
      const e = start[d + 1]!;
      // pass 1: the norm of the sublinear tf × idf weights of the distinct grams (as tfidf() computes it)
      let norm = 0;
      for (let j = a; j < e; ) {
        const g = grams[j]!;
        let c = 0;
        while (j < e && grams[j] === g) { j++; c++; }
        const w = Math.fround((1 + Math.log(c)) * this.idf[g]!);
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      // pass 2: postings
      for (let j = a; j < e; ) {
        const g = grams[j]!;
        let c = 0;
        while (j < e && grams[j] === g) { j++; c++; }
        const p = fill[g]!++;
        this.postDoc[p] = d;
        this.postW[p] = Math.fround((1 + Math.log(c)) * this.idf[g]!) / norm;
      }
    }
  }

  /** Sublinear TF × IDF weights of a bag of n-grams, and their L2 norm (1 for an empty bag). Same for documents and queries. */
  private tfidf(ids: ArrayLike<number>, counts: ArrayLike<number>): { w: Float32Array; norm: number } {
    let norm = 0;
    const w = new Float32Array(ids.length);
    for (let j = 0; j < ids.length; j++) {
      w[j] = (1 + Math.log(counts[j]!)) * this.idf[ids[j]!]!;
      norm += w[j]! * w[j]!;
    }
    return { w, norm: Math.sqrt(norm) || 1 };
  }

  /** Cosine scores of all documents against the query (dense array, zero where no n-gram is shared). */
  scoreAll(folded: string, acc?: Float32Array): Float32Array {
    const scores = acc ?? new Float32Array(this.size);
    if (acc) scores.fill(0);
    const { ids, counts } = countGrams(hashedGrams(folded, this.minN, this.maxN));
    // grams unseen in the index still count in the query norm (max idf), so gibberish scores low
    const { w, norm } = this.tfidf(ids, counts);
    for (let j = 0; j < ids.length; j++) {
      const g = ids[j]!;
      const wq = w[j]! / norm;
      for (let p = this.postStart[g]!, e = this.postStart[g + 1]!; p < e; p++) scores[this.postDoc[p]!]! += wq * this.postW[p]!;
    }
    return scores;
  }
}
