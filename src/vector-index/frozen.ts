import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { crc32, gunzipSync, gzipSync } from 'node:zlib';
import type { HierarchicalNSW as Hnsw } from 'hnswlib-node';
import { loadHnsw, type LoadedHnsw } from './hnsw-binding.js';
import { mixedQueries } from './recall-probes.js';
import { HNSW_HEADER_BYTES, parseHnswHeader } from './snapshot.js';
import type { CollectionState, CollectionStatus } from './collection.js';

/**
 * A read-only collection over a fixed set of vectors shipped with the data (taxonomy labels): labels are the rows
 * 0..n-1, nothing is ever written, so SQLite is not involved. Its graph ships *without* the vectors ("links only",
 * ~5 MB instead of ~80 MB for 36k × 512): open puts the vectors back into hnswlib's file layout, checks the CRC-32
 * of the result against the one recorded when the graph was built, and reads it. A missing or mismatched graph is
 * rebuilt in a worker thread while searches are answered by an exact scan.
 */

/** Header of a links-only graph file (JSON, then the stripped hnswlib bytes; gzip over both). */
export interface FrozenGraphHeader {
  format: 1;
  modelId: string;
  dims: number;
  count: number;
  m: number;
  efConstruction: number;
  seed: number;
  /** CRC-32 and size of the full hnswlib file the links were taken from. */
  crc32: number;
  fileSize: number;
}

/** Row i's vector into `out` (dims floats). The same function must be used when building and when opening. */
export type VectorOf = (row: number, out: Float32Array) => void;

/** Strip the vectors (and labels, which equal the row) out of an hnswlib file built over rows 0..n-1 in order. */
export function stripGraph(file: Buffer, dims: number): Buffer {
  const L = parseHnswHeader(file);
  if (L.dims !== dims) throw new Error('graph file dimension mismatch');
  const linkBytes = L.offsetData;
  const tailAt = HNSW_HEADER_BYTES + L.elementCount * L.sizeDataPerElement;
  const out = Buffer.alloc(HNSW_HEADER_BYTES + L.elementCount * linkBytes + (file.length - tailAt));
  file.copy(out, 0, 0, HNSW_HEADER_BYTES);
  for (let i = 0; i < L.elementCount; i++) {
    const at = HNSW_HEADER_BYTES + i * L.sizeDataPerElement;
    if (file.readUInt32LE(at + L.labelOffset) !== i || file.readUInt32LE(at + L.labelOffset + 4) !== 0) {
      throw new Error(`element ${i} does not hold label ${i}: the graph must be built over rows 0..n-1 in order`);
    }
    file.copy(out, HNSW_HEADER_BYTES + i * linkBytes, at, at + linkBytes);
  }
  file.copy(out, HNSW_HEADER_BYTES + L.elementCount * linkBytes, tailAt);
  return out;
}

/** The inverse of stripGraph: hnswlib's full file layout, vectors and labels put back. */
export function thawGraph(stripped: Buffer, dims: number, vectorOf: VectorOf): Buffer {
  const L = parseHnswHeader(stripped);
  if (L.dims !== dims) throw new Error('graph dimension mismatch');
  const linkBytes = L.offsetData;
  const tailFrom = HNSW_HEADER_BYTES + L.elementCount * linkBytes;
  if (tailFrom > stripped.length) throw new Error('graph file truncated');
  const tailAt = HNSW_HEADER_BYTES + L.elementCount * L.sizeDataPerElement;
  const out = Buffer.alloc(tailAt + (stripped.length - tailFrom));
  stripped.copy(out, 0, 0, HNSW_HEADER_BYTES);
  const v = new Float32Array(dims);
  const vBytes = Buffer.from(v.buffer);
  for (let i = 0; i < L.elementCount; i++) {
    const at = HNSW_HEADER_BYTES + i * L.sizeDataPerElement;
    stripped.copy(out, at, HNSW_HEADER_BYTES + i * linkBytes, HNSW_HEADER_BYTES + (i + 1) * linkBytes);
    vectorOf(i, v);
    vBytes.copy(out, at + L.offsetData);
    out.writeUInt32LE(i, at + L.labelOffset);
  }
  stripped.copy(out, tailAt, tailFrom);
  return out;
}

function encodeGraphFile(header: FrozenGraphHeader, stripped: Buffer): Buffer {
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  return gzipSync(Buffer.concat([len, h, stripped]), { level: 9 });
}

export function decodeGraphFile(gz: Buffer): { header: FrozenGraphHeader; stripped: Buffer } {
  const raw = gunzipSync(gz);
  const n = raw.readUInt32LE(0);
  const header = JSON.parse(raw.subarray(4, 4 + n).toString('utf8')) as FrozenGraphHeader;
  if (header.format !== 1) throw new Error(`unknown graph format ${String(header.format)}`);
  return { header, stripped: raw.subarray(4 + n) };
}

export interface FrozenBuildOptions {
  modelId: string;
  dims: number;
  count: number;
  m?: number;
  efConstruction?: number;
  seed?: number;
  hnsw?: LoadedHnsw;
}

/** Build a graph over rows 0..count-1 (data pipeline) and return the gzip'd links-only file to ship. */
export function buildFrozenGraph(vectorOf: VectorOf, opts: FrozenBuildOptions): Buffer {
  const { dims, count } = opts;
  const m = opts.m ?? 16;
  const efConstruction = opts.efConstruction ?? 200;
  const seed = opts.seed ?? 100;
  const lib = (opts.hnsw ?? loadHnsw()).lib;
  const g = new lib.HierarchicalNSW('ip', dims);
  g.initIndex({ maxElements: count, m, efConstruction, randomSeed: seed });
  const v = new Float32Array(dims);
  const arr = new Array<number>(dims);
  for (let i = 0; i < count; i++) {
    vectorOf(i, v);
    for (let j = 0; j < dims; j++) arr[j] = v[j]!;
    g.addPoint(arr, i);
  }
  const tmp = join(tmpdir(), `passerelle-frozen-${process.pid}-${Date.now()}.hnsw`);
  try {
    g.writeIndexSync(tmp);
    const file = readFileSync(tmp);
    const header: FrozenGraphHeader = { format: 1, modelId: opts.modelId, dims, count, m, efConstruction, seed, crc32: crc32(file), fileSize: file.length };
    const shipped = encodeGraphFile(header, stripGraph(file, dims));
    // Check the round trip before anything is written.
    const back = decodeGraphFile(shipped);
    const thawed = thawGraph(back.stripped, dims, vectorOf);
    if (crc32(thawed) !== header.crc32 || thawed.length !== header.fileSize) throw new Error('graph round trip does not reproduce the file');
    return shipped;
  } finally {
    rmSync(tmp, { force: true });
  }
}

export interface FrozenOpenOptions {
  name: string;
  modelId: string;
  dims: number;
  count: number;
  vectorOf: VectorOf;
  /** The shipped, gzip'd links-only graph; undefined when the file is absent. */
  graphFile?: Buffer;
  ef?: number;
  /** Build in a worker when the shipped graph is missing or does not verify (default true). */
  rebuild?: boolean;
  m?: number;
  efConstruction?: number;
  hnsw?: LoadedHnsw;
  log?: (obj: Record<string, unknown>, msg: string) => void;
}

export interface FrozenHit {
  /** The row (label) of the vector. */
  label: number;
  /** Cosine similarity (inner product of unit vectors). */
  score: number;
}

const byScoreThenLabel = (a: FrozenHit, b: FrozenHit) => b.score - a.score || a.label - b.label;

export class FrozenCollection {
  readonly name: string;
  readonly modelId: string;
  readonly dims: number;
  readonly size: number;
  state: CollectionState = 'opening';
  /** 'shipped': the graph from the data files; 'built': rebuilt here; null: none yet (exact scans). */
  graphSource: 'shipped' | 'built' | null = null;
  problem: string | null = null;
  private graph: Hnsw | null = null;
  private ef: number;
  private readonly hnsw: LoadedHnsw;
  private readonly scratch: number[];
  private recall: CollectionStatus['recall'] = null;
  private building: Promise<void> | null = null;
  private buildStartedAt = '';
  private builtMeta: { m: number; efConstruction: number } = { m: 16, efConstruction: 200 };
  private closed = false;

  private constructor(private readonly opts: FrozenOpenOptions) {
    this.name = opts.name;
    this.modelId = opts.modelId;
    this.dims = opts.dims;
    this.size = opts.count;
    this.ef = opts.ef ?? 64;
    this.hnsw = opts.hnsw ?? loadHnsw();
    this.scratch = new Array<number>(opts.dims).fill(0);
  }

  /** Open synchronously from the shipped graph (about 0.2 s for 36k × 512); else exact scans until a rebuild lands. */
  static open(opts: FrozenOpenOptions): FrozenCollection {
    const c = new FrozenCollection(opts);
    c.state = 'ready';
    try {
      if (!opts.graphFile) throw new Error('missing');
      const { header, stripped } = decodeGraphFile(opts.graphFile);
      if (header.modelId !== opts.modelId) throw new Error(`model mismatch (${header.modelId} != ${opts.modelId})`);
      if (header.dims !== opts.dims || header.count !== opts.count) throw new Error('dimension or size mismatch');
      const file = thawGraph(stripped, opts.dims, opts.vectorOf);
      if (file.length !== header.fileSize || crc32(file) !== header.crc32) throw new Error('checksum mismatch');
      c.graph = c.readGraph(file);
      c.builtMeta = { m: header.m, efConstruction: header.efConstruction };
      c.graphSource = 'shipped';
    } catch (err) {
      c.problem = (err as Error).message;
      if (opts.rebuild !== false) {
        c.state = 'building';
        opts.log?.({ collection: c.name, reason: c.problem }, 'shipped graph unusable, rebuilding in a worker');
        void c.rebuild();
      }
    }
    return c;
  }

  private readGraph(file: Buffer): Hnsw {
    // hnswlib-node reads only from a path.
    const tmp = join(tmpdir(), `passerelle-${this.name}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.hnsw`);
    try {
      writeFileSync(tmp, file);
      const g = new this.hnsw.lib.HierarchicalNSW('ip', this.dims);
      g.readIndexSync(tmp, false);
      g.setEf(this.ef);
      return g;
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /**
   * Why an explicit rebuild is refused, or null when it may run. The verified shipped graph is never replaced: a rebuild
   * would only build the same graph again, and the collection is shared by every app instance of the process (the
   * taxonomy is loaded once), so one instance's rebuild would turn every other one's graph into a 'built' one.
   */
  rebuildRefusal(): string | null {
    return this.graphSource === 'shipped' ? 'it serves the shipped graph, verified against its recorded CRC-32: there is nothing to rebuild' : null;
  }

  /** Build the graph in a worker thread from the vectors (exact scans answer meanwhile). */
  rebuild(): Promise<void> {
    if (this.building) return this.building;
    const m = this.opts.m ?? 16;
    const efConstruction = this.opts.efConstruction ?? 200;
    const shared = new Float32Array(new SharedArrayBuffer(this.size * this.dims * 4));
    const v = new Float32Array(this.dims);
    for (let i = 0; i < this.size; i++) {
      this.opts.vectorOf(i, v);
      shared.set(v, i * this.dims);
    }
    const out = join(tmpdir(), `passerelle-${this.name}-${process.pid}-${Date.now()}.hnsw`);
    this.buildStartedAt = new Date().toISOString();
    this.building = new Promise<void>((resolve, reject) => {
      const w = new Worker(new URL('./graph-build-worker.mjs', import.meta.url), {
        execArgv: [],
        workerData: { shared: shared.buffer, n: this.size, dims: this.dims, m, efConstruction, seed: 100, addonPath: this.hnsw.addonPath, outPath: out, progressEvery: 1e12 },
      });
      w.unref();
      w.on('message', (msg: { type: string }) => {
        if (msg.type === 'done') resolve();
      });
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`graph build worker exited with ${code}`))));
    })
      .then(() => {
        if (this.closed) return;
        this.graph = this.readGraph(readFileSync(out));
        this.builtMeta = { m, efConstruction };
        this.graphSource = 'built';
        this.opts.log?.({ collection: this.name, size: this.size }, 'graph rebuilt');
      })
      .catch((err: Error) => {
        this.problem = `rebuild failed: ${err.message}`;
      })
      .finally(() => {
        rmSync(out, { force: true });
        this.building = null;
        if (!this.closed) this.state = 'ready';
      });
    return this.building;
  }

  async whenReady(): Promise<void> {
    while (this.building) await this.building;
  }

  private checkQuery(q: Float32Array): void {
    if (!q || q.length !== this.dims) throw new Error(`query must have ${this.dims} dimensions, got ${q?.length}`);
  }

  /** Exact inner products for the given rows (ground truth, and the fallback while no graph is loaded). */
  private exact(q: Float32Array, k: number): FrozenHit[] {
    const v = new Float32Array(this.dims);
    const best: FrozenHit[] = [];
    let floor = -Infinity;
    for (let i = 0; i < this.size; i++) {
      this.opts.vectorOf(i, v);
      let s = 0;
      for (let j = 0; j < this.dims; j++) s += q[j]! * v[j]!;
      if (best.length >= k && s < floor) continue;
      best.push({ label: i, score: s });
      best.sort(byScoreThenLabel);
      if (best.length > k) best.pop();
      if (best.length >= k) floor = best[best.length - 1]!.score;
    }
    return best;
  }

  /** k nearest rows by inner product, ties broken by row; `source` says whether the graph answered. */
  search(q: Float32Array, k: number, opts: { exact?: boolean; ef?: number } = {}): { items: FrozenHit[]; source: 'hnsw' | 'exact' } {
    this.checkQuery(q);
    const kk = Math.max(1, Math.min(Math.floor(k) || 1, this.size, 1000));
    const g = this.graph;
    if (!g || opts.exact || this.size === 0) return { items: this.size ? this.exact(q, kk) : [], source: 'exact' };
    const arr = this.scratch;
    for (let i = 0; i < this.dims; i++) arr[i] = q[i]!;
    const fetch = Math.min(kk + 1, this.size);
    const ef = Math.max(opts.ef ?? this.ef, fetch);
    g.setEf(ef);
    const res = g.searchKnn(arr, fetch);
    if (ef !== this.ef) g.setEf(this.ef);
    const items: FrozenHit[] = new Array(res.neighbors.length);
    for (let i = 0; i < res.neighbors.length; i++) items[i] = { label: res.neighbors[i]!, score: 1 - res.distances[i]! };
    items.sort(byScoreThenLabel);
    if (items.length > kk) items.length = kk;
    return { items, source: 'hnsw' };
  }

  /** Sampled recall@k of the graph against exact search; queries are stored vectors mixed pairwise. */
  measureRecall(samples = 30, k = 10): number {
    if (!this.graph || this.size === 0) return 1;
    let hit = 0;
    let total = 0;
    for (const q of mixedQueries(this.size, samples, this.dims, this.opts.vectorOf, 4242)) {
      const truth = this.exact(q, k);
      const got = new Set(this.search(q, k).items.map((h) => h.label));
      for (const t of truth) if (got.has(t.label)) hit++;
      total += truth.length;
    }
    const r = total ? hit / total : 1;
    this.recall = { recallAt10: r, ef: this.ef, samples, measuredAt: new Date().toISOString() };
    return r;
  }

  setEf(ef: number): void {
    this.ef = Math.max(1, Math.floor(ef));
    this.graph?.setEf(this.ef);
  }

  status(): CollectionStatus {
    const g = this.graph;
    return {
      collection: this.name,
      state: this.state,
      modelId: this.modelId,
      dims: this.dims,
      configuredModelId: this.modelId,
      modelMismatch: false,
      size: this.size,
      graphElements: g ? g.getCurrentCount() : 0,
      deleted: 0,
      pending: 0,
      lastSeq: 0,
      appliedSeq: 0,
      snapshot: null,
      lastSnapshotProblem: this.problem,
      recall: this.recall,
      targetRecall: 0,
      ef: this.ef,
      m: this.builtMeta.m,
      efConstruction: this.builtMeta.efConstruction,
      hnswVariant: this.hnsw.variant,
      rebuild: this.building ? { done: 0, total: this.size, startedAt: this.buildStartedAt, mode: 'worker' } : null,
      lastError: null,
      readOnly: true,
      graphSource: this.graphSource,
    };
  }

  close(): void {
    this.closed = true;
    this.graph = null;
    this.state = 'closed';
  }
}
