import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FrozenCollection } from '../vector-index/frozen.js';
import { readGzJson } from './files.js';

/** Anything that turns texts into unit vectors (the USE-lite embedder from src/embedding fits). */
export interface TextEmbedder {
  readonly id: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface VectorHit {
  /** index of the label in the label-vector file */
  label: number;
  score: number;
}

/** The occupation label vectors: nearest labels come from the HNSW index, exact cosines for chosen labels. */
export interface LabelVectorSearch {
  readonly modelId: string;
  readonly dim: number;
  readonly size: number;
  /** k nearest labels: the HNSW graph (taxonomy-labels collection) when loaded, else an exact scan. */
  search(q: Float32Array, k: number): VectorHit[];
  /** Exact cosine of the query against one label. */
  score(q: Float32Array, label: number): number;
  /** cosine of the query against every label (dense): training and the exact-scan baseline only */
  scoreAll(q: Float32Array): Float32Array;
  /** The read-only `taxonomy-labels` collection serving `search`, when its graph was opened. */
  readonly index?: FrozenCollection;
}

export interface LabelVectorHeader {
  modelId: string;
  dim: number;
  count: number;
  /** label i → concept short id (occupation) */
  concepts: string[];
  /** label i → the lower-cased text that was embedded */
  texts: string[];
  /** label i → 0 preferred, 1 alternative, 2 hidden, 3 label + description */
  kinds: number[];
}

/**
 * int8 vectors with one float scale per vector. Nearest-label search goes through `index`, a read-only HNSW
 * collection whose graph ships with the data; without it, a brute-force scan (36k × 512 is ~18 M MACs per query).
 */
export class LabelVectors implements LabelVectorSearch {
  readonly modelId: string;
  readonly dim: number;
  readonly size: number;
  index: FrozenCollection | undefined;
  constructor(
    readonly header: LabelVectorHeader,
    private readonly q8: Int8Array,
    private readonly scales: Float32Array,
  ) {
    this.modelId = header.modelId;
    this.dim = header.dim;
    this.size = header.count;
  }

  /** Dequantised row-major matrix (count × dim), for batched scoring in scripts. */
  denseMatrix(): Float32Array {
    const m = new Float32Array(this.size * this.dim);
    for (let i = 0; i < this.size; i++) {
      const sc = this.scales[i]!;
      for (let j = 0; j < this.dim; j++) m[i * this.dim + j] = this.q8[i * this.dim + j]! * sc;
    }
    return m;
  }

  /** Row i dequantised into out (the exact floats the shipped graph was built from). */
  vectorOf = (i: number, out: Float32Array): void => {
    const sc = this.scales[i]!;
    const o = i * this.dim;
    for (let j = 0; j < this.dim; j++) out[j] = this.q8[o + j]! * sc;
  };

  score(q: Float32Array, label: number): number {
    let s = 0;
    const o = label * this.dim;
    for (let j = 0; j < this.dim; j++) s += q[j]! * this.q8[o + j]!;
    return s * this.scales[label]!;
  }

  scoreAll(q: Float32Array): Float32Array {
    if (q.length !== this.dim) throw new Error(`query dimension ${q.length} != ${this.dim}`);
    const out = new Float32Array(this.size);
    const d = this.dim;
    for (let i = 0; i < this.size; i++) {
      let s = 0;
      const o = i * d;
      for (let j = 0; j < d; j++) s += q[j]! * this.q8[o + j]!;
      out[i] = s * this.scales[i]!;
    }
    return out;
  }

  search(q: Float32Array, k: number): VectorHit[] {
    if (q.length !== this.dim) throw new Error(`query dimension ${q.length} != ${this.dim}`);
    if (this.index) return this.index.search(q, k).items;
    return this.exactSearch(q, k);
  }

  exactSearch(q: Float32Array, k: number): VectorHit[] {
    const all = this.scoreAll(q);
    const idx = Array.from(all.keys());
    idx.sort((a, b) => all[b]! - all[a]! || a - b);
    return idx.slice(0, Math.min(k, 1000)).map((i) => ({ label: i, score: all[i]! }));
  }
}

/** Quantise unit vectors to int8 with a per-vector scale (max |x| / 127). */
export function quantise(vectors: Float32Array[], dim: number): { q8: Int8Array; scales: Float32Array } {
  const q8 = new Int8Array(vectors.length * dim);
  const scales = new Float32Array(vectors.length);
  vectors.forEach((v, i) => {
    let m = 0;
    for (let j = 0; j < dim; j++) m = Math.max(m, Math.abs(v[j]!));
    const s = m / 127 || 1;
    scales[i] = s;
    for (let j = 0; j < dim; j++) q8[i * dim + j] = Math.round(v[j]! / s);
  });
  return { q8, scales };
}

/** Binary payload (scales then int8 rows) split into shards so that every committed file stays under 15 MB. */
export const LABEL_VECTOR_SHARD_BYTES = 8 * 1024 * 1024;
export const shardPath = (binPath: string, i: number): string => binPath.replace(/\.bin\.gz$/, `.bin.${i}.gz`);

export function writeLabelVectorShards(binPath: string, payload: Buffer): number {
  let n = 0;
  for (let at = 0; at < payload.length; at += LABEL_VECTOR_SHARD_BYTES) {
    writeFileSync(shardPath(binPath, n++), gzipSync(payload.subarray(at, at + LABEL_VECTOR_SHARD_BYTES), { level: 9 }));
  }
  return n;
}

export const LABEL_GRAPH_FILE = 'occupation-label-graph.bin.gz';

/**
 * Label vectors from the data directory; with `graph`, the shipped HNSW graph is opened as the read-only
 * `taxonomy-labels` collection (rebuilt in a worker if it is missing or does not verify).
 */
export function loadLabelVectors(headerPath: string, binPath: string, graph?: { path: string; log?: (obj: Record<string, unknown>, msg: string) => void }): LabelVectors | undefined {
  if (!existsSync(headerPath) || !existsSync(shardPath(binPath, 0))) return undefined;
  const header = readGzJson<LabelVectorHeader>(headerPath);
  const parts: Buffer[] = [];
  for (let i = 0; existsSync(shardPath(binPath, i)); i++) parts.push(gunzipSync(readFileSync(shardPath(binPath, i))));
  const buf = Buffer.concat(parts);
  if (buf.length !== header.count * (4 + header.dim)) throw new Error(`label vectors: payload ${buf.length} bytes, expected ${header.count * (4 + header.dim)}`);
  const scales = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + header.count * 4));
  const q8 = new Int8Array(buf.buffer.slice(buf.byteOffset + header.count * 4, buf.byteOffset + header.count * 4 + header.count * header.dim));
  const lv = new LabelVectors(header, q8, scales);
  if (graph) {
    lv.index = FrozenCollection.open({
      name: 'taxonomy-labels',
      modelId: header.modelId,
      dims: header.dim,
      count: header.count,
      vectorOf: lv.vectorOf,
      graphFile: existsSync(graph.path) ? readFileSync(graph.path) : undefined,
      // Title candidates ask for the 300 nearest labels, so searches run at ef >= 301 anyway.
      ef: 64,
      log: graph.log,
    });
  }
  return lv;
}

/** Embed many texts with a few chunks in flight (keeps a worker pool busy without tripping its task timeout). */
export async function embedAll(embedder: TextEmbedder, texts: string[], onProgress?: (done: number) => void, chunk = 64, inFlight = 4): Promise<Float32Array[]> {
  const out: Float32Array[] = new Array(texts.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < texts.length) {
      const at = next;
      next += chunk;
      const vs = await embedder.embed(texts.slice(at, at + chunk));
      vs.forEach((v, i) => (out[at + i] = v));
      done += vs.length;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return out;
}
