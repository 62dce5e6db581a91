import { promises as fsp, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { truncateWal } from '../db/client.js';
import type Database from 'better-sqlite3';
import type { HierarchicalNSW as Hnsw } from 'hnswlib-node';
import { AppError } from '../errors.js';
import { AttributePostings, compileFilter, type CompiledFilter, type VectorFilter } from './filter.js';
import { loadHnsw, type LoadedHnsw } from './hnsw-binding.js';
import { checkSnapshot, commitSnapshot, readSnapshotRows, scanGraphFile, type SnapshotCheck, type SnapshotMeta, type SnapshotRows } from './snapshot.js';
import { EF_LADDER, mixedQueries } from './recall-probes.js';
import { VectorStore, decodeVector, type Attrs, type AttrValue, type ItemRow } from './store.js';

export type CollectionState = 'opening' | 'building' | 'ready' | 'rebuilding' | 'closed';

export interface CollectionOptions {
  name: string;
  modelId: string;
  dims: number;
  sqlite: Database.Database;
  /** Path of the SQLite file, for the rebuild worker; null (':memory:') builds in bounded chunks on this thread. */
  dbPath: string | null;
  /** Where snapshots live; null disables snapshots. */
  indexDir: string | null;
  m?: number;
  efConstruction?: number;
  efSearch?: number;
  /** 0 (default): keep efSearch. Else, after each graph install, tune ef in the background to this recall@10. */
  targetRecall?: number;
  /** Below this share of allowed vectors, a filtered search scans the allowed vectors exactly. */
  exactFilterShare?: number;
  maxK?: number;
  /** Collections smaller than this rebuild in-process (chunked) instead of in a worker. */
  workerMinItems?: number;
  seed?: number;
  /** Which hnswlib-node addon to use (default: the fastest usable CPU-specific build, else stock). */
  hnsw?: LoadedHnsw;
  /**
   * A replica of the PostgreSQL change log (issue 15, src/replication): rows arrive only through the follower
   * (`store.applyReplicated`); upsert, setAttrs and delete refuse, since a local write would fork this copy.
   */
  replica?: boolean;
  log?: (obj: Record<string, unknown>, msg: string) => void;
}

export interface SearchOptions {
  k: number;
  filter?: VectorFilter;
  /** Override ef for this query. */
  ef?: number;
  /** Force an exact scan (ground truth). */
  exact?: boolean;
}

export interface SearchHit {
  id: string;
  /** Cosine similarity (vectors are unit-normalised). */
  score: number;
}

export interface SearchResult {
  items: SearchHit[];
  /** hnsw: graph search; exact: scan of the allowed/all vectors; both include not-yet-indexed writes exactly. */
  source: 'hnsw' | 'exact';
  /** True only when committed writes may be missing (a search issued inside an open transaction). */
  stale: boolean;
  state: CollectionState;
}

export interface RebuildProgress {
  done: number;
  total: number;
  startedAt: string;
  mode: 'worker' | 'chunked';
}

export interface CollectionStatus {
  collection: string;
  state: CollectionState;
  modelId: string;
  dims: number;
  configuredModelId: string;
  modelMismatch: boolean;
  size: number;
  graphElements: number;
  deleted: number;
  pending: number;
  lastSeq: number;
  appliedSeq: number;
  snapshot: { seq: number; ageS: number; bytes: number } | null;
  lastSnapshotProblem: string | null;
  recall: { recallAt10: number; ef: number; samples: number; measuredAt: string } | null;
  /** The recall@10 ef is tuned to in the background (0: ef stays as configured). */
  targetRecall: number;
  ef: number;
  m: number;
  efConstruction: number;
  /** Which addon build serves this collection ('stock', 'avx512', 'avx2', 'native'). */
  hnswVariant: string;
  rebuild: RebuildProgress | null;
  lastError: string | null;
  /** Read-only collections (shipped taxonomy labels) are never written and have no snapshots. */
  readOnly?: boolean;
  /** Read-only collections: 'shipped' graph from the data files, 'built' here, null while exact scans answer. */
  graphSource?: 'shipped' | 'built' | null;
}

const DRAIN_BUDGET_MS = 12;
const PAGE = 2000;

/** Copy into a plain Array with a manual loop: hnswlib-node accepts only Arrays (Array.from costs ~13x more). */
function toArray(src: Float32Array, offset: number, dims: number, out: number[]): number[] {
  for (let i = 0; i < dims; i++) out[i] = src[offset + i]!;
  return out;
}

/** Four independent sums let V8 overlap the multiply-adds: 1.33× a plain loop at d=512 (measured, 20k rows). */
function dot(q: Float32Array, slab: Float32Array, offset: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    s0 += q[i]! * slab[offset + i]!;
    s1 += q[i + 1]! * slab[offset + i + 1]!;
    s2 += q[i + 2]! * slab[offset + i + 2]!;
    s3 += q[i + 3]! * slab[offset + i + 3]!;
  }
  for (; i < dims; i++) s0 += q[i]! * slab[offset + i]!;
  return s0 + s1 + s2 + s3;
}

const byScoreThenId = (a: SearchHit, b: SearchHit): number => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One vector collection: SQLite rows are the truth, an in-memory HNSW graph (hnswlib-node) answers queries.
 * The graph applies committed changes by replaying seq > appliedSeq; writes not yet in the graph ("pending")
 * are scored exactly and merged, so a search never misses a committed write nor returns a deleted id.
 */
export class VectorCollection {
  readonly name: string;
  readonly store: VectorStore;
  modelId: string;
  dims: number;
  readonly configuredModelId: string;
  readonly configuredDims: number;
  private readonly opts: Required<Omit<CollectionOptions, 'log' | 'dbPath' | 'indexDir' | 'hnsw' | 'replica'>> &
    Pick<CollectionOptions, 'log' | 'dbPath' | 'indexDir' | 'replica'>;
  private readonly hnsw: LoadedHnsw;

  state: CollectionState = 'opening';
  private closing = false;
  private ef: number;
  private appliedSeq = 0;
  // Label-indexed state (labels are dense: the allocator reuses freed ones).
  private capacity = 0;
  private slab: Float32Array = new Float32Array(0);
  private labelToId: (string | undefined)[] = [];
  private attrsByLabel: (Attrs | undefined)[] = [];
  private readonly idToLabel = new Map<string, number>();
  private readonly postings = new AttributePostings();
  private readonly attrIntern = new Map<string, Attrs>();
  private live = 0;
  // Graph state: 0 absent, 1 live, 2 marked deleted (maybe since replaced by allowReplaceDeleted).
  private graph: Hnsw | null = null;
  private gState = new Uint8Array(0);
  private pending = new Set<number>();
  private drainScheduled = false;
  private rebuilding: Promise<void> | null = null;
  private rebuildProgress: RebuildProgress | null = null;
  private worker: Worker | null = null;
  private snapshotting: Promise<SnapshotMeta | null> | null = null;
  /** The graph hnswlib is writing to disk on a libuv thread: it is not mutated until the write ends. */
  private writingGraph: Hnsw | null = null;
  /** Deletes that arrived during that write; applied to the graph when it ends (results exclude them meanwhile). */
  private readonly deferredDeletes = new Set<number>();
  /** A snapshot was requested after an erasure while another was being written: write one more after it. */
  private snapshotAgain = false;
  /** Removals applied so far: a graph file written while this moved may hold a reused label's old vector. */
  private removals = 0;
  private scrubTimer: NodeJS.Timeout | null = null;
  private lastSnapshot: SnapshotMeta | null = null;
  private lastSnapshotProblem: string | null = null;
  private lastError: string | null = null;
  /** Where open() read the in-memory rows from. */
  rowsSource: 'snapshot' | 'sqlite' = 'sqlite';
  private recall: CollectionStatus['recall'] = null;
  private tuning: Promise<void> | null = null;
  private tunedAtSize = 0;
  private readonly scratch: number[];
  /** The query, normalised, for the synchronous search path (no allocation per query). */
  private qScratch: Float32Array;
  private graphMaxElements = 0;
  /** Set by a replica until it has caught up with the log: searches throw what it returns (NOT_READY, 503). */
  private searchGate: (() => AppError | null) | null = null;

  private constructor(opts: CollectionOptions) {
    this.name = opts.name;
    this.opts = {
      m: 16,
      efConstruction: 200,
      efSearch: 64,
      targetRecall: 0,
      exactFilterShare: 0.03,
      maxK: 1000,
      workerMinItems: 5000,
      seed: 100,
      ...opts,
    };
    this.hnsw = opts.hnsw ?? loadHnsw();
    this.configuredModelId = opts.modelId;
    this.configuredDims = opts.dims;
    this.modelId = opts.modelId;
    this.dims = opts.dims;
    this.ef = this.opts.efSearch;
    this.store = new VectorStore(opts.sqlite, opts.name);
    this.scratch = new Array(opts.dims).fill(0);
    this.qScratch = new Float32Array(opts.dims);
  }

  /** Open (or create) a collection: load rows, then a verified snapshot plus replay, or rebuild in the background. */
  static async open(opts: CollectionOptions): Promise<VectorCollection> {
    if (!/^[a-z][a-z0-9_-]{0,63}$/.test(opts.name)) throw new Error(`invalid collection name ${opts.name}`);
    const c = new VectorCollection(opts);
    await c.init();
    return c;
  }

  private log(obj: Record<string, unknown>, msg: string): void {
    this.opts.log?.({ collection: this.name, ...obj }, msg);
  }

  private async init(): Promise<void> {
    const row = this.store.ensureCollection(this.configuredModelId, this.configuredDims);
    // The stored model wins: its vectors are what the rows hold. A mismatch is reported until resetModel().
    this.modelId = row.modelId;
    this.dims = row.dims;
    this.scratch.length = this.dims;
    if (this.opts.indexDir) mkdirSync(this.opts.indexDir, { recursive: true });
    const check = await this.checkSnapshotFile();
    if (await this.openFromSnapshot(check)) {
      this.state = 'ready';
      this.scheduleDrain();
      // An item was removed after this snapshot was written (an erasure acknowledged just before a crash, whose own
      // scrub snapshot never came): the file on disk still holds its vector. Apply the removals and write a scrubbed
      // snapshot now, not at the next periodic one.
      const seq = this.lastSnapshot?.seq;
      if (seq !== undefined && this.store.deletedSince(seq)) {
        this.catchUp();
        this.requestScrubSnapshot(0);
      }
      return;
    }
    await this.loadRows();
    this.rowsSource = 'sqlite';
    if (this.live === 0) {
      this.installGraph(this.newGraph(1024), this.appliedSeq);
      this.state = 'ready';
      return;
    }
    // No usable snapshot: searches are answered exactly from the rows while the graph builds.
    this.state = 'building';
    void this.rebuild();
  }

  // ---------------------------------------------------------------- in-memory rows

  private ensureCapacity(label: number): void {
    if (label < this.capacity) return;
    let cap = Math.max(1024, this.capacity);
    while (cap <= label) cap *= 2;
    const slab = new Float32Array(cap * this.dims);
    slab.set(this.slab);
    this.slab = slab;
    const g = new Uint8Array(cap);
    g.set(this.gState);
    this.gState = g;
    this.capacity = cap;
  }

  /** Page through live rows without holding a statement open across event-loop turns. */
  private async loadRows(): Promise<void> {
    const startSeq = this.store.lastSeq();
    let after = -1;
    for (;;) {
      const rows = this.store.livePage(after, PAGE);
      for (const r of rows) this.applyRow(r);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.label;
      await new Promise((r) => setImmediate(r));
    }
    this.appliedSeq = startSeq;
    // Anything that changed while paging has seq > startSeq and is replayed (state-based, idempotent).
    this.catchUp();
  }

  /**
   * One shared (never mutated) object per distinct attribute JSON: a million vacancies have a few thousand distinct
   * attribute sets, so this saves memory and lets a snapshot write each distinct set once.
   */
  private internAttrs(json: string | null): Attrs | undefined {
    if (!json) return undefined;
    let a = this.attrIntern.get(json);
    if (!a) {
      if (this.attrIntern.size >= 200_000) this.attrIntern.clear();
      a = JSON.parse(json) as Attrs;
      this.attrIntern.set(json, a);
    }
    return a;
  }

  private removeLabel(label: number): void {
    const id = this.labelToId[label];
    if (id === undefined) return;
    this.idToLabel.delete(id);
    this.labelToId[label] = undefined;
    this.postings.remove(label, this.attrsByLabel[label]);
    this.attrsByLabel[label] = undefined;
    this.live--;
    this.removals++;
    this.pending.delete(label);
    // The removed vector leaves memory too (the exact scans and the graph's rebuilds read the slab).
    this.slab.fill(0, label * this.dims, (label + 1) * this.dims);
    if (this.graph && this.gState[label] === 1) {
      if (this.graphBusy()) this.deferredDeletes.add(label);
      else this.hideInGraph(this.graph, label);
      this.gState[label] = 2;
    }
  }

  /** Hide a removed label in a graph (its vector is zeroed in every snapshot written after: see snapshot()). */
  private hideInGraph(g: Hnsw, label: number): void {
    try {
      g.markDelete(label);
    } catch {
      // already deleted or replaced: nothing to hide
    }
  }

  /** For snapshots: an element whose label is no longer live (or is flagged deleted) carries a removed vector. */
  private readonly removedInGraph = (label: number, deletedFlag: boolean): boolean => deletedFlag || this.labelToId[label] === undefined;

  /**
   * After an erasure: write a snapshot soon (coalesced), so the one on disk no longer holds the removed vectors; if a
   * snapshot is being written right now (it may hold them), another follows it.
   */
  /**
   * After a delete replayed on a replica: checkpoint and truncate this collection's own SQLite file's WAL, whose
   * earlier frames still hold the removed vector (secure_delete zeroes the pages, not the WAL's older copies of them).
   * Retried in the background for a few seconds while readers hold the WAL.
   */
  truncateLocalWal(): void {
    if (this.state === 'closed' || !this.opts.sqlite.open) return;
    void truncateWal(this.opts.sqlite, 5000).catch(() => undefined);
  }

  requestScrubSnapshot(delayMs = 1000): void {
    if (!this.opts.indexDir || this.state === 'closed') return;
    if (this.snapshotting) {
      this.snapshotAgain = true;
      return;
    }
    if (this.scrubTimer) return;
    this.scrubTimer = setTimeout(() => {
      this.scrubTimer = null;
      if (this.state === 'closed' || this.closing) return;
      this.snapshot().catch((err: Error) => this.log({ err: err.message }, 'snapshot after erasure failed'));
    }, delayMs);
    this.scrubTimer.unref();
  }

  private applyRow(r: ItemRow): void {
    if (r.deleted) {
      const label = this.idToLabel.get(r.itemId);
      if (label !== undefined) this.removeLabel(label);
      return;
    }
    if (!r.vector) return;
    const old = this.idToLabel.get(r.itemId);
    if (old !== undefined && old !== r.label) this.removeLabel(old);
    const occupant = this.labelToId[r.label];
    if (occupant !== undefined && occupant !== r.itemId) this.removeLabel(r.label); // label reused after a delete
    this.ensureCapacity(r.label);
    const v = decodeVector(r.vector, this.dims);
    const off = r.label * this.dims;
    // An attribute-only change keeps the graph as it is.
    let sameVector = this.labelToId[r.label] === r.itemId && this.gState[r.label] === 1;
    for (let i = 0; sameVector && i < this.dims; i++) if (this.slab[off + i] !== v[i]) sameVector = false;
    this.slab.set(v, off);
    const attrs = this.internAttrs(r.attrs);
    if (this.labelToId[r.label] === r.itemId) {
      this.postings.remove(r.label, this.attrsByLabel[r.label]);
    } else {
      this.labelToId[r.label] = r.itemId;
      this.idToLabel.set(r.itemId, r.label);
      this.live++;
    }
    this.attrsByLabel[r.label] = attrs;
    this.postings.add(r.label, attrs);
    if (!sameVector) this.pending.add(r.label);
  }

  /**
   * Apply committed changes with seq > appliedSeq (cheap when there are none: one primary-key read).
   * Skipped inside an open transaction, whose writes are not committed yet. Returns false if skipped.
   */
  catchUp(): boolean {
    if (this.state === 'closed' || !this.opts.sqlite.open) return false;
    if (this.opts.sqlite.inTransaction) return false;
    const last = this.store.lastSeq();
    if (last <= this.appliedSeq) return true;
    for (;;) {
      const rows = this.store.changesSince(this.appliedSeq, 5000);
      for (const r of rows) {
        this.applyRow(r);
        this.appliedSeq = r.seq;
      }
      if (rows.length < 5000) break;
    }
    this.appliedSeq = Math.max(this.appliedSeq, last);
    this.scheduleDrain();
    return true;
  }

  // ---------------------------------------------------------------- writes

  private toUnit(vector: ArrayLike<number>, what: string): Float32Array {
    return this.normaliseInto(vector, new Float32Array(this.dims), what);
  }

  /** Check the dimension and finiteness of a vector and write it, unit-normalised, into `out`. */
  private normaliseInto(vector: ArrayLike<number>, out: Float32Array, what: string): Float32Array {
    if (!vector || vector.length !== this.dims) {
      throw new AppError('VALIDATION_FAILED', `${what} must have ${this.dims} dimensions, got ${vector?.length}`, [
        { path: what, rule: 'dimension', message: `expected ${this.dims}` },
      ]);
    }
    let norm = 0;
    for (let i = 0; i < this.dims; i++) {
      const x = Number(vector[i]);
      out[i] = x;
      norm += x * x;
    }
    if (!Number.isFinite(norm) || norm === 0) {
      throw new AppError('VALIDATION_FAILED', `${what} must be finite and non-zero`, [
        { path: what, rule: 'finite', message: 'non-finite or zero vector' },
      ]);
    }
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < this.dims; i++) out[i]! *= inv;
    return out;
  }

  private checkWritable(opts?: { tx?: unknown }): void {
    if (this.state === 'closed') throw new Error(`vector collection ${this.name} is closed`);
    if (this.opts.replica) throw new Error(`vector collection ${this.name} is a replica of the PostgreSQL change log: write through the log`);
    if (this.modelId !== this.configuredModelId || this.dims !== this.configuredDims) {
      throw new AppError('NOT_READY', `vector collection ${this.name} holds ${this.modelId} vectors; reset it first`);
    }
    if (opts?.tx !== undefined && !this.opts.sqlite.inTransaction) {
      throw new Error('a tx was passed but no transaction is open on the index connection');
    }
  }

  /**
   * Insert or replace the vector and attributes of an item. Inside the caller's transaction (same connection),
   * the row commits with the caller's rows; the graph applies it after commit. Returns the change sequence.
   */
  upsert(id: string, vector: ArrayLike<number>, attrs?: Attrs, opts?: { tx?: unknown }): number {
    this.checkWritable(opts);
    if (typeof id !== 'string' || id.length === 0 || id.length > 256) throw new Error('item id must be 1..256 chars');
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          throw new Error(`attribute ${k} must be a scalar`);
        }
      }
    }
    const seq = this.store.upsert(id, this.modelId, this.dims, this.toUnit(vector, 'vector'), attrs);
    this.catchUp();
    return seq;
  }

  /** Set by a replica: resolves once its follower applied a seq of the PostgreSQL log (see waitFor). */
  private seqWaiter: ((seq: number, timeoutMs: number) => Promise<boolean>) | null = null;

  setSeqWaiter(w: ((seq: number, timeoutMs: number) => Promise<boolean>) | null): void {
    this.seqWaiter = w;
  }

  /**
   * Resolves true once this collection has applied change `seq` (read-your-writes after a commit). On SQLite a
   * committed write is applied by catchUp() at once; a replica waits for its follower (false on timeout: the write is
   * committed either way).
   */
  async waitFor(seq: number | null | undefined, timeoutMs = 5000): Promise<boolean> {
    if (seq === null || seq === undefined) return true;
    if (this.seqWaiter) return this.seqWaiter(seq, timeoutMs);
    this.catchUp();
    return this.appliedSeq >= seq;
  }

  /** A replica refuses searches while this returns an error (until it has caught up with the log); null lifts it. */
  setSearchGate(gate: (() => AppError | null) | null): void {
    this.searchGate = gate;
  }

  get isReplica(): boolean {
    return this.opts.replica === true;
  }

  /** Change the filterable attributes of an item (e.g. a vacancy closes) without touching its vector. */
  setAttrs(id: string, attrs: Attrs | undefined, opts?: { tx?: unknown }): number | null {
    this.checkWritable(opts);
    const seq = this.store.setAttrs(id, attrs);
    this.catchUp();
    return seq;
  }

  /** Tombstone an item; returns its change sequence or null if it was not present. */
  delete(id: string, opts?: { tx?: unknown }): number | null {
    this.checkWritable(opts);
    const seq = this.store.delete(id);
    this.catchUp();
    return seq;
  }

  /** Start over with a new embedding model: every item is tombstoned and must be re-embedded by the caller. */
  async resetModel(modelId: string, dims: number): Promise<void> {
    if (this.rebuilding) await this.rebuilding.catch(() => undefined);
    this.store.resetModel(modelId, dims);
    this.catchUp();
    this.modelId = modelId;
    this.dims = dims;
    this.scratch.length = dims;
    this.slab = new Float32Array(this.capacity * dims);
    this.installGraph(this.newGraph(1024), this.appliedSeq);
    this.recall = null;
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  has(id: string): boolean {
    return this.idToLabel.has(id);
  }

  ids(): string[] {
    return [...this.idToLabel.keys()];
  }

  get size(): number {
    return this.live;
  }

  // ---------------------------------------------------------------- graph

  private newGraph(maxElements: number): Hnsw {
    const g = new this.hnsw.lib.HierarchicalNSW('ip', this.dims);
    g.initIndex({
      maxElements,
      m: this.opts.m,
      efConstruction: this.opts.efConstruction,
      randomSeed: this.opts.seed,
      allowReplaceDeleted: true,
    });
    g.setEf(this.ef);
    return g;
  }

  /** Put the label's current vector into the graph, whatever state the label is in there. */
  private graphUpsert(g: Hnsw, gState: Uint8Array, label: number): void {
    const arr = toArray(this.slab, label * this.dims, this.dims, this.scratch);
    const st = gState[label];
    if (st === 1) {
      g.addPoint(arr, label, false);
    } else {
      let revived = false;
      if (st === 2) {
        try {
          g.unmarkDelete(label);
          revived = true;
        } catch {
          // its slot was reused by replaceDeleted: add it afresh
        }
      }
      if (revived) {
        g.addPoint(arr, label, false);
      } else {
        if (g.getCurrentCount() >= g.getMaxElements()) {
          g.resizeIndex(Math.ceil(g.getMaxElements() * 1.5) + 1024);
          if (g === this.graph) this.graphMaxElements = g.getMaxElements();
        }
        g.addPoint(arr, label, true);
      }
    }
    gState[label] = 1;
  }

  /** Swap in a graph that reflects every change up to `seq` (plus possibly later ones). */
  /**
   * `graphLabels`: every label the graph holds, when the caller already knows them (the rebuild worker's list, or the
   * snapshot scan); otherwise they are asked from hnswlib (a 1M-element array through N-API).
   */
  private installGraph(g: Hnsw, seq: number, extraDeleted: number[] = [], extraPending: number[] = [], graphLabels?: ArrayLike<number>): void {
    this.catchUp();
    const gState = new Uint8Array(this.capacity);
    const labels = graphLabels ?? g.getIdsList();
    let maxLabel = -1;
    for (let i = 0; i < labels.length; i++) if (labels[i]! > maxLabel) maxLabel = labels[i]!;
    if (maxLabel >= this.capacity) this.ensureCapacity(maxLabel);
    const gs = this.capacity > gState.length ? new Uint8Array(this.capacity) : gState;
    for (let i = 0; i < labels.length; i++) gs[labels[i]!] = 1;
    for (const l of extraDeleted) gs[l] = 2;
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i]!;
      if (gs[l] === 1 && this.labelToId[l] === undefined) {
        this.hideInGraph(g, l);
        gs[l] = 2;
      }
    }
    const pending = new Set<number>(this.store.liveLabelsSince(seq));
    for (const l of extraPending) if (this.labelToId[l] !== undefined) pending.add(l);
    for (let l = 0; l < this.labelToId.length; l++) {
      if (this.labelToId[l] !== undefined && gs[l] !== 1) pending.add(l);
    }
    g.setEf(this.ef);
    this.graph = g;
    this.graphMaxElements = g.getMaxElements();
    this.gState = gs;
    this.pending = pending;
    this.scheduleDrain();
    this.scheduleTune();
  }

  /** Tune ef to the target recall in the background (after a graph install, or once the collection has doubled). */
  private scheduleTune(): void {
    const target = this.opts.targetRecall;
    if (!target || this.tuning || this.closing || this.state === 'closed' || this.live < 200) return;
    this.tunedAtSize = this.live;
    this.tuning = this.tuneInBackground(target)
      .then((r) => {
        if (r) this.log({ ef: r.ef, recall: r.recall, target }, 'ef tuned to the target recall');
      })
      .catch((err: Error) => {
        this.lastError = `ef tuning failed: ${err.message}`;
      })
      .finally(() => {
        this.tuning = null;
      });
  }

  /**
   * The smallest ef of a ladder whose sampled recall@10 reaches `target`, found without blocking the loop: the
   * exact top-10 of each sample query is computed in 8 ms slices, then each ef is tried on all samples (graph
   * searches are cheap). Sample queries mix two stored vectors. Gives up if the graph is swapped meanwhile.
   */
  async tuneInBackground(target: number, samples = 40, k = 10): Promise<{ ef: number; recall: number } | null> {
    const g = this.graph;
    const labels = [...this.liveLabels(null)];
    if (!g || labels.length < 2 * k) return null;
    const queries = this.probes(labels, samples, 777);
    const truths: Set<string>[] = [];
    for (const q of queries) {
      let best: SearchHit[] = [];
      for (let at = 0; at < labels.length; ) {
        const end = performance.now() + 8;
        while (at < labels.length && performance.now() < end) {
          const next = Math.min(labels.length, at + 2048);
          best = this.exactTopK(q, labels.slice(at, next), k, best);
          best.sort(byScoreThenId);
          if (best.length > k) best.length = k;
          at = next;
        }
        await new Promise((r) => setImmediate(r));
        if (this.graph !== g || this.closing) return null;
      }
      truths.push(new Set(best.map((h) => h.id)));
    }
    let chosen = { ef: 512, recall: 0 };
    for (const ef of EF_LADDER) {
      if (this.graph !== g || this.closing) return null;
      let hit = 0;
      let total = 0;
      queries.forEach((q, i) => {
        const got = this.graphSearch(g, q, k, null, ef);
        for (const h of got) if (truths[i]!.has(h.id)) hit++;
        total += truths[i]!.size;
      });
      chosen = { ef, recall: total ? hit / total : 1 };
      if (chosen.recall >= target) break;
      await new Promise((r) => setImmediate(r));
    }
    this.setEf(chosen.ef);
    this.recall = { recallAt10: chosen.recall, ef: chosen.ef, samples, measuredAt: new Date().toISOString() };
    return chosen;
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || !this.graph || this.pending.size === 0 || this.state === 'closed') return;
    this.drainScheduled = true;
    const im = setImmediate(() => {
      this.drainScheduled = false;
      this.drain(DRAIN_BUDGET_MS);
      this.scheduleDrain();
      if (this.pending.size === 0 && this.live >= 2 * Math.max(this.tunedAtSize, 100)) this.scheduleTune();
    });
    im.unref();
  }

  private graphBusy(): boolean {
    return this.writingGraph !== null && this.writingGraph === this.graph;
  }

  /** Move pending writes into the graph for at most `budgetMs` (addPoint blocks ~1 ms each at d=512). */
  drain(budgetMs = Infinity): number {
    const g = this.graph;
    if (!g || this.graphBusy()) return 0;
    const end = performance.now() + budgetMs;
    let n = 0;
    for (const label of this.pending) {
      this.pending.delete(label);
      if (this.labelToId[label] === undefined) continue;
      try {
        this.graphUpsert(g, this.gState, label);
      } catch (err) {
        this.lastError = (err as Error).message;
        this.log({ err: this.lastError, label }, 'graph upsert failed');
      }
      n++;
      if ((n & 7) === 0 && performance.now() > end) break;
    }
    return n;
  }

  // ---------------------------------------------------------------- search

  /** Labels passing the filter, computed from the smallest posting list. */
  private allowedLabels(f: CompiledFilter): number[] {
    let best: { key: string; values: Set<AttrValue>; n: number } | null = null;
    for (const c of f.clauses) {
      const n = this.postings.clauseCount(c.key, c.values);
      if (!best || n < best.n) best = { ...c, n };
    }
    const out: number[] = [];
    if (!best) return out;
    for (const set of this.postings.clauseLabels(best.key, best.values)) {
      for (const l of set) if (f.matches(this.attrsByLabel[l])) out.push(l);
    }
    return out;
  }

  private exactTopK(q: Float32Array, labels: Iterable<number>, k: number, into: SearchHit[] = []): SearchHit[] {
    const dims = this.dims;
    // Keep a sorted buffer of the best k; most candidates fail the threshold test and cost one comparison.
    const best: SearchHit[] = [];
    let floor = -Infinity;
    for (const l of labels) {
      const id = this.labelToId[l];
      if (id === undefined) continue;
      const s = dot(q, this.slab, l * dims, dims);
      if (best.length >= k && s < floor) continue;
      const hit = { id, score: s };
      let i = best.length;
      best.push(hit);
      while (i > 0 && byScoreThenId(best[i - 1]!, hit) > 0) {
        best[i] = best[i - 1]!;
        i--;
      }
      best[i] = hit;
      if (best.length > k) best.pop();
      if (best.length >= k) floor = best[best.length - 1]!.score;
    }
    for (const h of best) into.push(h);
    return into;
  }

  private *liveLabels(f: CompiledFilter | null): Iterable<number> {
    for (let l = 0; l < this.labelToId.length; l++) {
      if (this.labelToId[l] !== undefined && (!f || f.matches(this.attrsByLabel[l]))) yield l;
    }
  }

  /** k nearest items by cosine similarity, ties broken by id. */
  search(query: ArrayLike<number>, options: SearchOptions): SearchResult {
    if (this.state === 'closed') throw new Error(`vector collection ${this.name} is closed`);
    const refused = this.searchGate?.();
    if (refused) throw refused;
    const caughtUp = this.catchUp();
    const q = this.queryScratch(query);
    const k = Math.max(1, Math.min(Math.floor(options.k) || 1, this.opts.maxK));
    const base = { stale: !caughtUp, state: this.state };
    if (this.live === 0) return { items: [], source: 'exact', ...base };
    const f = compileFilter(options.filter);
    const g = this.graph;
    if (!g || options.exact) {
      return { items: this.exactTopK(q, this.liveLabels(f), k), source: 'exact', ...base };
    }
    if (f) {
      let est = this.live;
      for (const c of f.clauses) est *= this.postings.clauseCount(c.key, c.values) / this.live;
      if (est <= this.opts.exactFilterShare * this.live * 2) {
        const allowed = this.allowedLabels(f);
        if (allowed.length <= this.opts.exactFilterShare * this.live) {
          return { items: this.exactTopK(q, allowed, k), source: 'exact', ...base };
        }
      }
    }
    return { items: this.graphSearch(g, q, k, f, options.ef, true), source: 'hnsw', ...base };
  }

  /**
   * The query checked and normalised into reused buffers, the Float32Array for exact scoring and the plain Array
   * hnswlib-node wants (valid until the next search: search is synchronous).
   */
  private queryScratch(query: ArrayLike<number>): Float32Array {
    if (this.qScratch.length !== this.dims) this.qScratch = new Float32Array(this.dims);
    const q = this.normaliseInto(query, this.qScratch, 'query');
    toArray(q, 0, this.dims, this.scratch);
    return q;
  }

  private graphSearch(g: Hnsw, q: Float32Array, k: number, f: CompiledFilter | null, ef?: number, arrayReady = false): SearchHit[] {
    const pending = this.pending;
    const arr = arrayReady ? this.scratch : toArray(q, 0, this.dims, this.scratch);
    // One extra result so a tie at the k-th place resolves by id.
    let fetch = k + 1;
    let callback: ((label: number) => boolean) | undefined;
    const labelToId = this.labelToId;
    const attrs = this.attrsByLabel;
    if (f || pending.size > 32 || this.deferredDeletes.size > 0) {
      callback = (label: number) => {
        try {
          return labelToId[label] !== undefined && !pending.has(label) && (!f || f.matches(attrs[label]));
        } catch {
          return false; // a throwing filter callback would abort the process
        }
      };
    } else {
      fetch += pending.size;
    }
    fetch = Math.min(fetch, g === this.graph ? this.graphMaxElements : g.getMaxElements());
    if (ef !== undefined) g.setEf(Math.max(ef, fetch));
    else if (this.ef < fetch) g.setEf(fetch);
    let res;
    try {
      res = callback ? g.searchKnn(arr, fetch, callback) : g.searchKnn(arr, fetch);
    } finally {
      if (ef !== undefined || this.ef < fetch) g.setEf(this.ef);
    }
    const hits: SearchHit[] = [];
    const { neighbors, distances } = res;
    for (let i = 0; i < neighbors.length; i++) {
      const label = neighbors[i]!;
      const id = labelToId[label];
      if (id === undefined || pending.has(label)) continue;
      hits.push({ id, score: 1 - distances[i]! });
    }
    if (pending.size > 0) {
      // Writes the graph has not absorbed yet are scored exactly, so they are never missed.
      const cand = f ? [...pending].filter((l) => f.matches(attrs[l])) : pending;
      this.exactTopK(q, cand, k, hits);
    }
    // hnswlib returns nearest first; sort only when exact hits were merged in or scores tie.
    let sorted = pending.size === 0;
    for (let i = 1; sorted && i < hits.length; i++) if (hits[i - 1]!.score <= hits[i]!.score) sorted = false;
    if (!sorted) hits.sort(byScoreThenId);
    if (hits.length > k) hits.length = k;
    return hits;
  }

  // ---------------------------------------------------------------- rebuild

  /** Rebuild the graph from SQLite (worker thread, or bounded chunks); queries keep using the previous graph. */
  rebuild(): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new Error('closed'));
    if (this.rebuilding) return this.rebuilding;
    this.state = this.graph ? 'rebuilding' : 'building';
    const useWorker = this.opts.dbPath !== null && this.opts.dbPath !== ':memory:' && this.live >= this.opts.workerMinItems;
    this.rebuildProgress = { done: 0, total: this.live, startedAt: new Date().toISOString(), mode: useWorker ? 'worker' : 'chunked' };
    const run = useWorker ? this.rebuildInWorker() : this.rebuildChunked();
    this.rebuilding = run
      .then(() => {
        this.log({ size: this.live }, 'vector index rebuilt');
      })
      .catch((err: Error) => {
        this.lastError = err.message;
        this.log({ err: err.message }, 'vector index rebuild failed');
        if (!this.graph && !this.closing) {
          // Never leave the collection without a graph: fall back to an in-process build.
          return this.rebuildChunked();
        }
      })
      .finally(() => {
        this.rebuilding = null;
        this.rebuildProgress = null;
        this.worker = null;
        if (this.state !== 'closed') this.state = 'ready';
      });
    return this.rebuilding;
  }

  private async rebuildChunked(): Promise<void> {
    const seq = this.appliedSeq;
    const labels = [...this.liveLabels(null)];
    const g = this.newGraph(Math.max(1024, Math.ceil(labels.length * 1.1)));
    const gState = new Uint8Array(this.capacity);
    let done = 0;
    while (done < labels.length) {
      const end = performance.now() + DRAIN_BUDGET_MS;
      while (done < labels.length && performance.now() < end) {
        const l = labels[done++]!;
        if (this.closing) return;
        if (l < gState.length && this.labelToId[l] !== undefined) this.graphUpsert(g, gState, l);
      }
      if (this.rebuildProgress) this.rebuildProgress.done = done;
      await new Promise((r) => setImmediate(r));
    }
    if (this.closing) return;
    // Labels whose rows changed since the build started are re-applied as pending by installGraph.
    this.installGraph(g, seq);
  }

  private async rebuildInWorker(): Promise<void> {
    const removalsAtStart = this.removals;
    const dir = this.opts.indexDir ?? tmpdir();
    const tmp = join(dir, `${this.name}.rebuild-${process.pid}-${Date.now()}.hnsw.tmp`);
    const result = await new Promise<{ seq: number; count: number; elementCount: number; labels?: Uint32Array }>((resolve, reject) => {
      const w = new Worker(new URL('./rebuild-worker.mjs', import.meta.url), {
        execArgv: [],
        workerData: {
          dbPath: this.opts.dbPath,
          collection: this.name,
          dims: this.dims,
          m: this.opts.m,
          efConstruction: this.opts.efConstruction,
          outPath: tmp,
          seed: this.opts.seed,
          addonPath: this.hnsw.addonPath,
        },
      });
      this.worker = w;
      w.on('message', (msg: { type: string; done: number; total: number; seq: number; count: number; elementCount: number; labels?: Uint32Array }) => {
        if (msg.type === 'progress' && this.rebuildProgress) {
          this.rebuildProgress.done = msg.done;
          this.rebuildProgress.total = msg.total;
        } else if (msg.type === 'done') resolve(msg);
      });
      w.on('error', reject);
      w.on('exit', (code) => reject(new Error(`rebuild worker exited with ${code}`)));
    });
    if (this.state === 'closed') {
      await fsp.rm(tmp, { force: true });
      return;
    }
    let path = tmp;
    if (this.opts.indexDir) {
      // A fresh build is a valid snapshot at its seq: commit it instead of writing the graph again.
      const meta = await commitSnapshot(this.opts.indexDir, tmp, {
        collection: this.name,
        modelId: this.modelId,
        dims: this.dims,
        seq: result.seq,
        elementCount: result.elementCount,
        deletedLabels: [],
        pendingLabels: [],
        m: this.opts.m,
        efConstruction: this.opts.efConstruction,
      }, undefined, this.removedInGraph);
      this.lastSnapshot = meta;
      path = join(this.opts.indexDir, meta.file);
    }
    // Load into a NEW object (async readIndex on an index being searched crashes) and swap the reference.
    const g = new this.hnsw.lib.HierarchicalNSW('ip', this.dims);
    await g.readIndex(path, true);
    if (!this.opts.indexDir) await fsp.rm(tmp, { force: true });
    if (this.isClosed()) return;
    this.installGraph(g, result.seq, [], [], result.labels?.length === result.elementCount ? result.labels : undefined);
    // A label freed and reused while the worker built kept its old vector in the committed file: write a fresh one.
    if (this.removals !== removalsAtStart) this.requestScrubSnapshot(0);
  }

  // ---------------------------------------------------------------- snapshots

  private async checkSnapshotFile(): Promise<SnapshotCheck> {
    const dir = this.opts.indexDir;
    if (!dir) return { ok: false, reason: 'disabled' };
    return checkSnapshot(dir, this.name, { modelId: this.modelId, dims: this.dims, maxSeq: this.store.lastSeq() });
  }

  /**
   * Open from a snapshot whose header checked out. Three things run at once: hnswlib reads the graph (async, on the
   * libuv pool), one pass over the same file takes its CRC-32 and copies each element's vector into the slab, and
   * the rows sidecar (ids, attributes) is read. The graph is used only if the CRC matches, and nothing searches it
   * before that (a corrupt link list could crash a search, not the read). Live labels the graph does not hold as of
   * the snapshot (pending) take their vector from SQLite; then changes after the snapshot's seq are replayed.
   */
  private async openFromSnapshot(check: SnapshotCheck): Promise<boolean> {
    const dir = this.opts.indexDir;
    if (!dir) return false;
    if (!check.ok) {
      this.lastSnapshotProblem = check.reason;
      if (check.reason !== 'missing') this.log({ reason: check.reason }, 'snapshot rejected, rebuilding');
      return false;
    }
    const { meta, path, header } = check;
    const t0 = performance.now();
    const phase: Record<string, number> = {};
    const mark = (name: string) => (phase[name] = Math.round(performance.now() - t0));
    const rows = await readSnapshotRows(dir, meta);
    mark('sidecarRead');
    let cap = 0;
    if (rows) for (const l of rows.labels) if (l + 1 > cap) cap = l + 1;
    cap = Math.max(1024, cap);
    const dims = this.dims;
    const slab = rows ? new Float32Array(cap * dims) : null;
    const slabBytes = slab ? new Uint8Array(slab.buffer) : null;
    const inGraph = new Uint8Array(cap);
    const g = new this.hnsw.lib.HierarchicalNSW('ip', dims);
    let readProblem: string | null = null;
    // hnswlib reads on a libuv thread while this thread checks the CRC, fills the slab and then the id maps.
    const reading = g.readIndex(path, true).then(
      () => void mark('graphRead'),
      (err: Error) => {
        readProblem = `unreadable: ${err.message}`;
      },
    );
    const graphLabels = new Uint32Array(header.elementCount);
    let seen = 0;
    const scan = await scanGraphFile(path, header, (label, deleted, bytes, at) => {
      graphLabels[seen++] = label;
      if (deleted || label >= cap) return;
      inGraph[label] = 1;
      slabBytes?.set(bytes.subarray(at, at + dims * 4), label * dims * 4);
    }).catch((err: Error) => {
      readProblem = `unreadable: ${err.message}`;
      return null;
    });
    const reject = async (reason: string) => {
      await reading; // never drop an index hnswlib is still reading into
      this.lastSnapshotProblem = reason;
      this.log({ reason }, 'snapshot rejected, rebuilding');
      return false;
    };
    if (!scan) return reject(readProblem ?? 'unreadable');
    if (scan.crc !== meta.crc32) return reject('checksum mismatch');
    mark('crcAndVectors');
    if (rows && slab) {
      this.loadSnapshotRows(rows, slab, cap, inGraph, meta);
      this.rowsSource = 'snapshot';
      mark('idMaps');
    }
    await reading;
    if (readProblem) {
      this.resetRows();
      return reject(readProblem);
    }
    if (!rows || !slab) {
      await this.loadRows();
      this.rowsSource = 'sqlite';
    }
    this.lastSnapshot = meta;
    this.lastSnapshotProblem = null;
    this.installGraph(g, meta.seq, meta.deletedLabels, meta.pendingLabels ?? [], graphLabels);
    mark('installed');
    // Milliseconds since the start of open at the end of each phase (the graph read overlaps the others).
    this.log({ size: this.live, rowsSource: this.rowsSource, ms: phase }, 'snapshot loaded');
    return true;
  }

  /** Forget rows loaded from a snapshot whose graph then failed to load (they are re-read from SQLite). */
  private resetRows(): void {
    this.labelToId = [];
    this.attrsByLabel = [];
    this.idToLabel.clear();
    this.postings.clear();
    this.pending.clear();
    this.live = 0;
    this.capacity = 0;
    this.slab = new Float32Array(0);
    this.gState = new Uint8Array(0);
    this.appliedSeq = 0;
  }

  /** In-memory rows as of the snapshot's seq (vectors already in `slab`); committed changes after it are replayed. */
  private loadSnapshotRows(rows: SnapshotRows, slab: Float32Array, cap: number, inGraph: Uint8Array, meta: SnapshotMeta): void {
    this.slab = slab;
    this.capacity = cap;
    this.gState = new Uint8Array(cap);
    this.labelToId = new Array<string | undefined>(cap);
    this.attrsByLabel = new Array<Attrs | undefined>(cap);
    const combos = rows.combos.map((j) => this.internAttrs(j));
    const pendingAtSnapshot = new Set(meta.pendingLabels ?? []);
    const dims = this.dims;
    for (let i = 0; i < rows.labels.length; i++) {
      const label = rows.labels[i]!;
      const id = rows.ids[i]!;
      const attrs = combos[rows.combo[i]!];
      this.labelToId[label] = id;
      this.idToLabel.set(id, label);
      this.attrsByLabel[label] = attrs;
      this.postings.add(label, attrs);
      this.live++;
      if (inGraph[label] !== 1 || pendingAtSnapshot.has(label)) {
        // Not in the graph as of the snapshot: its vector is in SQLite (a later change, if any, is replayed below).
        const buf = this.store.liveVector(id);
        if (buf) this.slab.set(decodeVector(buf, dims), label * dims);
      }
    }
    this.appliedSeq = meta.seq;
    this.catchUp();
  }

  /**
   * Write a verified, atomic snapshot of the graph. hnswlib writes it with the async writeIndex on a libuv thread,
   * so the loop keeps serving searches (a 1M × 512 graph is 2.1 GB); the graph is not mutated meanwhile: pending
   * writes wait (they are scored exactly), deletes are hidden from results and applied when the write ends. The
   * async write resolves without error even when the path is unwritable, so commitSnapshot reads the file back
   * (hnswlib header, element count, CRC-32) before anything is renamed.
   */
  snapshot(options: { drainBudgetMs?: number } = {}): Promise<SnapshotMeta | null> {
    if (this.snapshotting) return this.snapshotting;
    const dir = this.opts.indexDir;
    const g = this.graph;
    if (!dir || !g || this.state === 'closed') return Promise.resolve(null);
    this.catchUp();
    // Absorb pending writes first (bounded); whatever is left is recorded as pending in the header.
    this.drain(options.drainBudgetMs ?? 50);
    if (this.lastSnapshot?.rows && this.lastSnapshot.seq === this.appliedSeq && this.pending.size === 0) {
      return Promise.resolve(this.lastSnapshot);
    }
    const seq = this.appliedSeq;
    const tmp = join(dir, `${this.name}.${process.pid}-${Date.now()}.hnsw.tmp`);
    // The graph is not mutated while it is written, so a label removed (or removed and reused) meanwhile still holds
    // its old vector in the file: zero every element that is not, now, the item it was when the write began.
    const idsAtStart = this.labelToId.slice();
    const removedSinceStart = (label: number, deletedFlag: boolean): boolean =>
      deletedFlag || this.labelToId[label] === undefined || this.labelToId[label] !== idsAtStart[label];
    const deletedLabels: number[] = [];
    for (let l = 0; l < this.gState.length; l++) if (this.gState[l] === 2) deletedLabels.push(l);
    const meta = {
      collection: this.name,
      modelId: this.modelId,
      dims: this.dims,
      seq,
      elementCount: g.getCurrentCount(),
      deletedLabels,
      pendingLabels: [...this.pending],
      m: this.opts.m,
      efConstruction: this.opts.efConstruction,
    };
    let rowsTmp: { maps: string };
    try {
      rowsTmp = this.writeRowsSidecar(tmp);
    } catch (err) {
      this.lastSnapshotProblem = `write failed: ${(err as Error).message}`;
      return Promise.reject(err as Error);
    }
    this.writingGraph = g;
    const written = g.writeIndex(tmp).finally(() => {
      // g stays referenced until here: hnswlib must not free an index it is writing.
      if (this.writingGraph === g) this.writingGraph = null;
      if (this.graph === g) {
        for (const l of this.deferredDeletes) {
          if (this.gState[l] === 2) this.hideInGraph(g, l);
        }
      }
      this.deferredDeletes.clear();
      this.scheduleDrain();
    });
    this.snapshotting = written
      // Vectors of removed items are zeroed in the file while its CRC is computed: no snapshot holds them verbatim.
      .then(() => commitSnapshot(dir, tmp, meta, rowsTmp, removedSinceStart))
      .then((m) => {
        this.lastSnapshot = m;
        this.lastSnapshotProblem = null;
        return m;
      })
      .catch(async (err: Error) => {
        this.lastSnapshotProblem = `write failed: ${err.message}`;
        await fsp.rm(tmp, { force: true });
        await fsp.rm(rowsTmp.maps, { force: true });
        throw err;
      })
      .finally(() => {
        this.snapshotting = null;
        if (this.snapshotAgain) {
          this.snapshotAgain = false;
          this.requestScrubSnapshot(0);
        }
      });
    return this.snapshotting;
  }

  /** The id maps and interned attributes as of the snapshot's seq, written next to the graph (synchronously). */
  private writeRowsSidecar(tmpBase: string): { maps: string } {
    const labels: number[] = [];
    const ids: string[] = [];
    const combos: (string | null)[] = [null];
    const combo: number[] = [];
    const comboOf = new Map<Attrs, number>();
    for (let l = 0; l < this.labelToId.length; l++) {
      const id = this.labelToId[l];
      if (id === undefined) continue;
      labels.push(l);
      ids.push(id);
      const a = this.attrsByLabel[l];
      let c = 0;
      if (a) {
        c = comboOf.get(a) ?? -1;
        if (c < 0) {
          c = combos.push(JSON.stringify(a)) - 1;
          comboOf.set(a, c);
        }
      }
      combo.push(c);
    }
    const maps = `${tmpBase}.maps.json.tmp`;
    writeFileSync(maps, JSON.stringify({ labels, ids, combos, combo } satisfies SnapshotRows));
    return { maps };
  }

  // ---------------------------------------------------------------- quality

  /** Recall probes over the live vectors (see mixedQueries). */
  private probes(labels: number[], samples: number, seed: number): Float32Array[] {
    const dims = this.dims;
    return mixedQueries(labels.length, samples, dims, (i, out) => out.set(this.slab.subarray(labels[i]! * dims, (labels[i]! + 1) * dims)), seed);
  }

  /** Sampled recall@k of the graph against an exact scan (queries: mixes of two stored vectors). */
  measureRecall(samples = 30, k = 10, ef?: number): number {
    this.catchUp();
    const g = this.graph;
    const labels = [...this.liveLabels(null)];
    if (!g || labels.length === 0) return 1;
    let hit = 0;
    let total = 0;
    for (const q of this.probes(labels, samples, 12345)) {
      const exact = this.exactTopK(q, labels, k);
      const approx = new Set(this.graphSearch(g, q, k, null, ef).map((h) => h.id));
      for (const h of exact) if (approx.has(h.id)) hit++;
      total += exact.length;
    }
    const r = total === 0 ? 1 : hit / total;
    if (ef === undefined || ef === this.ef) {
      this.recall = { recallAt10: r, ef: this.ef, samples, measuredAt: new Date().toISOString() };
    }
    return r;
  }

  setEf(ef: number): void {
    this.ef = Math.max(1, Math.floor(ef));
    this.graph?.setEf(this.ef);
  }

  getEf(): number {
    return this.ef;
  }

  /** Test and bench hook: the raw hnswlib object (do not mutate). */
  rawGraph(): Hnsw | null {
    return this.graph;
  }

  rawLabel(id: string): number | undefined {
    return this.idToLabel.get(id);
  }

  get hnswVariant(): string {
    return this.hnsw.variant;
  }

  status(): CollectionStatus {
    const g = this.graph;
    const graphElements = g ? g.getCurrentCount() : 0;
    let graphLive = 0;
    for (let l = 0; l < this.gState.length; l++) if (this.gState[l] === 1) graphLive++;
    return {
      collection: this.name,
      state: this.state,
      modelId: this.modelId,
      dims: this.dims,
      configuredModelId: this.configuredModelId,
      modelMismatch: this.modelId !== this.configuredModelId || this.dims !== this.configuredDims,
      size: this.live,
      graphElements,
      deleted: Math.max(0, graphElements - graphLive),
      pending: this.pending.size,
      lastSeq: this.state === 'closed' ? this.appliedSeq : this.store.lastSeq(),
      appliedSeq: this.appliedSeq,
      snapshot: this.lastSnapshot
        ? {
            seq: this.lastSnapshot.seq,
            ageS: Math.round((Date.now() - Date.parse(this.lastSnapshot.createdAt)) / 1000),
            bytes: this.lastSnapshot.size,
          }
        : null,
      lastSnapshotProblem: this.lastSnapshotProblem,
      recall: this.recall,
      targetRecall: this.opts.targetRecall,
      ef: this.ef,
      m: this.opts.m,
      efConstruction: this.opts.efConstruction,
      hnswVariant: this.hnsw.variant,
      rebuild: this.rebuildProgress ? { ...this.rebuildProgress } : null,
      lastError: this.lastError,
    };
  }

  /** Wait for a background ef tuning pass, if one is running (tests, bench). */
  async whenTuned(): Promise<void> {
    while (this.tuning) await this.tuning;
  }

  /** Wait for a background build/rebuild to finish (tests, CLI). */
  async whenReady(): Promise<void> {
    while (this.rebuilding) await this.rebuilding;
  }

  /** Snapshot (if a graph exists) and release everything. */
  async close(options: { snapshot?: boolean } = {}): Promise<void> {
    if (this.state === 'closed' || this.closing) return;
    this.closing = true;
    if (this.scrubTimer) clearTimeout(this.scrubTimer);
    this.scrubTimer = null;
    if (this.worker) await this.worker.terminate().catch(() => undefined);
    if (this.rebuilding) await this.rebuilding.catch(() => undefined);
    if (this.snapshotting) await this.snapshotting.catch(() => undefined);
    if (this.tuning) await this.tuning.catch(() => undefined);
    if (options.snapshot !== false && this.graph) {
      await this.snapshot({ drainBudgetMs: 5000 }).catch((err: Error) => this.log({ err: err.message }, 'snapshot on close failed'));
    }
    this.state = 'closed';
    this.graph = null;
    this.pending.clear();
  }
}
