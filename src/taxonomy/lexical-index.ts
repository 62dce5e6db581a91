import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/** What a query reads: idf per bucket, and the postings (documents and weights) of each bucket. */
interface Postings {
  idf: Float32Array;
  postStart: Int32Array;
  postDoc: Int32Array;
  postW: Float32Array;
}

function buildPostings(docs: readonly string[], minN: number, maxN: number): Postings {
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
  const df = new Int32Array(BUCKETS);
  for (let d = 0; d < N; d++) {
    for (let j = start[d]!, e = start[d + 1]!; j < e; j++) if (j === start[d] || grams[j] !== grams[j - 1]) df[grams[j]!]!++;
  }
  const maxIdf = Math.log(1 + N) + 1;
  const idf = new Float32Array(BUCKETS);
  const postStart = new Int32Array(BUCKETS + 1);
  for (let g = 0; g < BUCKETS; g++) {
    const n = df[g]!;
    idf[g] = n ? Math.log((1 + N) / (1 + n)) + 1 : maxIdf;
    postStart[g + 1] = postStart[g]! + n;
  }
  const total = postStart[BUCKETS]!;
  const postDoc = new Int32Array(total);
  const postW = new Float32Array(total);
  const fill = postStart.slice(0, BUCKETS);
  for (let d = 0; d < N; d++) {
    const a = start[d]!;
    const e = start[d + 1]!;
    // pass 1: the norm of the sublinear tf × idf weights of the distinct grams (as tfidf() computes it)
    let norm = 0;
    for (let j = a; j < e; ) {
      const g = grams[j]!;
      let c = 0;
      while (j < e && grams[j] === g) { j++; c++; }
      const w = Math.fround((1 + Math.log(c)) * idf[g]!);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    // pass 2: postings
    for (let j = a; j < e; ) {
      const g = grams[j]!;
      let c = 0;
      while (j < e && grams[j] === g) { j++; c++; }
      const p = fill[g]!++;
      postDoc[p] = d;
      postW[p] = Math.fround((1 + Math.log(c)) * idf[g]!) / norm;
    }
  }
  return { idf, postStart, postDoc, postW };
}

/** Bump when buildPostings or the file layout changes: a file of another version is never read. */
const CACHE_FORMAT = 1;

/**
 * The test suite's cache of built indexes (PASSERELLE_NGRAM_CACHE_DIR, set by vitest.config.ts; the service never sets
 * it and always builds). Each test file runs in a fresh process, and building the skill indexes (about 100k English
 * labels) cost seconds of CPU in every one that writes a vacancy or profile. A file is named by a hash of everything
 * the index is built from (the documents, n-gram sizes, buckets, format), so it can only hold this very index; one
 * that is short or unreadable is rebuilt. Written to a temporary name and renamed, so a reader never sees half a file.
 */
function cachePath(docs: readonly string[], minN: number, maxN: number): string | undefined {
  const dir = process.env.PASSERELLE_NGRAM_CACHE_DIR;
  if (!dir) return undefined;
  const h = createHash('sha256').update(`${CACHE_FORMAT} ${BITS} ${minN} ${maxN} ${docs.length}\n`);
  for (const d of docs) h.update(d).update('\n');
  return join(dir, `ngram-${h.digest('hex').slice(0, 32)}.bin`);
}

function readCached(path: string): Postings | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined;
  }
  // [total: u32][idf: f32 × BUCKETS][postStart: i32 × (BUCKETS + 1)][postDoc: i32 × total][postW: f32 × total]
  if (buf.byteLength < 4) return undefined;
  // A large file is read into a buffer of its own; otherwise (or if misaligned) the bytes are copied out.
  const own = buf.byteOffset === 0 && buf.buffer.byteLength === buf.byteLength;
  const ab = (own ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) as ArrayBuffer;
  const total = new Uint32Array(ab, 0, 1)[0]!;
  if (ab.byteLength !== 4 * (1 + BUCKETS + BUCKETS + 1 + 2 * total)) return undefined;
  let o = 4;
  const take = <T>(make: (b: ArrayBuffer, off: number, n: number) => T, n: number): T => {
    const t = make(ab, o, n);
    o += 4 * n;
    return t;
  };
  const idf = take((b, off, n) => new Float32Array(b, off, n), BUCKETS);
  const postStart = take((b, off, n) => new Int32Array(b, off, n), BUCKETS + 1);
  const postDoc = take((b, off, n) => new Int32Array(b, off, n), total);
  const postW = take((b, off, n) => new Float32Array(b, off, n), total);
  if (postStart[BUCKETS] !== total) return undefined;
  return { idf, postStart, postDoc, postW };
}

function writeCached(path: string, p: Postings): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const head = new Uint32Array([p.postDoc.length]);
    const parts = [head, p.idf, p.postStart, p.postDoc, p.postW].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    writeFileSync(tmp, Buffer.concat(parts));
    renameSync(tmp, path);
  } catch {
    // a cache: a file that cannot be written is built again next time
    rmSync(tmp, { force: true });
  }
}

/**
 * Char n-gram TF-IDF (sublinear tf, L2-normalised) with an inverted index over hashed grams; cosine by posting walk.
 * Documents are already-folded label strings.
 */
export class CharNgramIndex {
  private readonly idf: Float32Array;
  private readonly postStart: Int32Array;
  private readonly postDoc: Int32Array;
  private readonly postW: Float32Array;
  readonly size: number;

  constructor(docs: readonly string[], private readonly minN = 3, private readonly maxN = 5) {
    this.size = docs.length;
    const path = cachePath(docs, minN, maxN);
    let p = path ? readCached(path) : undefined;
    if (!p) {
      p = buildPostings(docs, minN, maxN);
      if (path) writeCached(path, p);
    }
    ({ idf: this.idf, postStart: this.postStart, postDoc: this.postDoc, postW: this.postW } = p);
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
