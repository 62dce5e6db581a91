// Vectors persisted in SQLite next to their model id and a content hash: unchanged text is never re-embedded.
import { sha256Hex } from '../hash.js';
import { nowIso } from '../db/client.js';
import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { embeddingCache } from '../db/schema/embeddings.js';
import { withoutTransactionParticipant, type Storage, type UnitOfWork } from '../storage/storage.js';
import type { Embedder } from './types.js';

export const contentHash = (text: string): string => sha256Hex(text);

export const vectorToBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** Copies: a Buffer from SQLite may share a pool and need not be 4-byte aligned. */
export function blobToVector(b: Buffer | Uint8Array): Float32Array {
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

const LOOKUP_CHUNK = 500;

/** Read/write access to the `embedding_cache` table for one model id. */
export class EmbeddingStore {
  constructor(
    private readonly db: DbOrTx,
    readonly modelId: string,
  ) {}

  getMany(hashes: string[]): Map<string, Float32Array> {
    const found = new Map<string, Float32Array>();
    const unique = [...new Set(hashes)];
    for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
      const rows = this.db
        .select({ hash: embeddingCache.contentHash, vector: embeddingCache.vector })
        .from(embeddingCache)
        .where(and(eq(embeddingCache.modelId, this.modelId), inArray(embeddingCache.contentHash, unique.slice(i, i + LOOKUP_CHUNK))))
        .all();
      for (const r of rows) found.set(r.hash, blobToVector(r.vector));
    }
    return found;
  }

  putMany(entries: Array<{ hash: string; vector: Float32Array }>): void {
    if (entries.length === 0) return;
    const createdAt = nowIso();
    // One transaction (one fsync) for the whole call when we hold the database itself rather than a transaction.
    const db = this.db as DbOrTx & { transaction?: (fn: () => void) => void };
    if (typeof db.transaction === 'function' && entries.length > LOOKUP_CHUNK) {
      db.transaction(() => this.insertChunks(entries, createdAt));
      return;
    }
    this.insertChunks(entries, createdAt);
  }

  private insertChunks(entries: Array<{ hash: string; vector: Float32Array }>, createdAt: string): void {
    for (let i = 0; i < entries.length; i += LOOKUP_CHUNK) {
      this.db
        .insert(embeddingCache)
        .values(
          entries.slice(i, i + LOOKUP_CHUNK).map((e) => ({
            modelId: this.modelId,
            contentHash: e.hash,
            dims: e.vector.length,
            vector: vectorToBlob(e.vector),
            createdAt,
          })),
        )
        .onConflictDoNothing()
        .run();
    }
  }

  count(): number {
    return this.db.select({ n: count() }).from(embeddingCache).where(eq(embeddingCache.modelId, this.modelId)).get()?.n ?? 0;
  }

  /** Drop vectors of every other model (after a reindex to this one). Returns the number of rows removed. */
  pruneOtherModels(): number {
    const res = this.db.delete(embeddingCache).where(ne(embeddingCache.modelId, this.modelId)).run() as { changes?: number };
    return res.changes ?? 0;
  }
}

/**
 * The cache on the storage port (PostgreSQL, shared by every replica). Entries are content-addressed (model id +
 * hash of the text), so an entry never goes stale; another replica's write is simply a hit here.
 */
export class PortEmbeddingStore {
  constructor(
    private readonly storage: Storage,
    readonly modelId: string,
  ) {}

  async getMany(hashes: string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    const unique = [...new Set(hashes)];
    const { db, t } = this.storage.read;
    for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
      const rows = await db
        .select({ hash: t.embeddingCache.contentHash, vector: t.embeddingCache.vector })
        .from(t.embeddingCache)
        .where(and(eq(t.embeddingCache.modelId, this.modelId), inArray(t.embeddingCache.contentHash, unique.slice(i, i + LOOKUP_CHUNK))));
      for (const r of rows) found.set(r.hash, blobToVector(r.vector));
    }
    return found;
  }

  /**
   * Write vectors, except those of texts erased meanwhile by any replica: the erasure locks ({@link lockErasures})
   * are taken shared first, then the tombstones are read, so an erasure either committed before (its tombstone is
   * seen and the entry skipped) or waits for this commit (and then deletes the entry itself).
   */
  async putMany(entries: Array<{ hash: string; vector: Float32Array }>): Promise<number> {
    if (entries.length === 0) return 0;
    const createdAt = nowIso();
    // A cache fill is no request's effect: it never marks an Idempotency-Key claim committed (src/plugins/idempotency.ts).
    return withoutTransactionParticipant(() => this.storage.transaction(async (uow) => {
      const hashes = [...new Set(entries.map((e) => e.hash))];
      await lockErasures(uow, hashes, 'shared');
      const erased = new Set<string>();
      for (let i = 0; i < hashes.length; i += LOOKUP_CHUNK) {
        const list = sql.join(hashes.slice(i, i + LOOKUP_CHUNK).map((h) => sql`${h}`), sql`, `);
        for (const r of await uow.rows<{ content_hash: string }>(sql`SELECT content_hash FROM embedding_erasures WHERE content_hash IN (${list})`)) erased.add(r.content_hash);
      }
      const keep = erased.size > 0 ? entries.filter((e) => !erased.has(e.hash)) : entries;
      for (let i = 0; i < keep.length; i += LOOKUP_CHUNK) {
        await uow.db
          .insert(uow.t.embeddingCache)
          .values(keep.slice(i, i + LOOKUP_CHUNK).map((e) => ({ modelId: this.modelId, contentHash: e.hash, dims: e.vector.length, vector: vectorToBlob(e.vector), createdAt })))
          .onConflictDoNothing();
      }
      return keep.length;
    }));
  }

  async count(): Promise<number> {
    const { db, t } = this.storage.read;
    return (await db.select({ n: count() }).from(t.embeddingCache).where(eq(t.embeddingCache.modelId, this.modelId)))[0]?.n ?? 0;
  }
}

/**
 * An Embedder that looks every text up in the cache first and embeds only the misses (each distinct text once).
 * Same id and dimensions as the wrapped embedder; `close()` closes the wrapped one.
 */
/** How long a forgotten text stays out of the cache: a request already embedding it must not write it back. */
const FORGOTTEN_TTL_MS = 10 * 60_000;
/** The same window for the tombstones that every PostgreSQL replica reads (table `embedding_erasures`). */
export const ERASURE_TTL_SECONDS = FORGOTTEN_TTL_MS / 1000;
/** Advisory-lock class of the erasure locks (two-key form: class, hash key); 'embe' in ASCII. */
const ERASURE_LOCK_CLASS = 0x656d6265;
/** A hash's lock key: its first 32 bits, signed (int4). Two hashes sharing one only wait for each other. */
const erasureLockKey = (hash: string): number => parseInt(hash.slice(0, 8), 16) | 0;

/**
 * Hold the erasure locks of these hashes until the transaction ends (PostgreSQL): exclusive for an erasure, shared for
 * a cache write. Taken in key order by both, so they cannot deadlock on each other.
 */
async function lockErasures(uow: UnitOfWork, hashes: string[], mode: 'exclusive' | 'shared'): Promise<void> {
  const keys = [...new Set(hashes.map(erasureLockKey))].sort((a, b) => a - b);
  const fn = mode === 'shared' ? sql.raw('pg_advisory_xact_lock_shared') : sql.raw('pg_advisory_xact_lock');
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    const values = sql.join(keys.slice(i, i + LOOKUP_CHUNK).map((k, j) => sql`(${j}::int, ${k}::int)`), sql`, `);
    await uow.rows(sql`SELECT ${fn}(${ERASURE_LOCK_CLASS}::int, k) FROM (SELECT k FROM (VALUES ${values}) AS v(o, k) ORDER BY o) AS ordered`);
  }
}

export class CachedEmbedder implements Embedder {
  /** The SQLite cache (synchronous, on the one write connection); on PostgreSQL `portStore` instead. */
  readonly store: EmbeddingStore;
  readonly portStore: PortEmbeddingStore | null;
  readonly stats = { hits: 0, misses: 0 };
  /** Content hashes erased recently (hash → when): in-flight embeddings of them are not cached again. */
  private readonly forgotten = new Map<string, number>();

  constructor(
    /** The wrapped embedder (diagnostics and tests reach the worker pool through it). */
    readonly inner: Embedder,
    /** SQLite: the database (the cache is written synchronously, as a cache: outside the write queue). PostgreSQL: the storage port. */
    db: DbOrTx | Storage,
  ) {
    const port = 'dialect' in db && db.dialect === 'postgres' ? (db as Storage) : null;
    this.portStore = port ? new PortEmbeddingStore(port, inner.id) : null;
    this.store = new EmbeddingStore((port ? null : db) as DbOrTx, inner.id);
  }

  get id(): string {
    return this.inner.id;
  }

  get dimensions(): number {
    return this.inner.dimensions;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const hashes = texts.map(contentHash);
    const cached = this.portStore ? await this.portStore.getMany(hashes) : this.store.getMany(hashes);
    const missing = new Map<string, string>(); // hash → text, each distinct text once
    let hits = 0;
    hashes.forEach((h, i) => {
      if (cached.has(h)) hits++;
      else missing.set(h, texts[i]!);
    });
    this.stats.hits += hits;
    this.stats.misses += missing.size;
    if (missing.size > 0) {
      const missHashes = [...missing.keys()];
      const vectors = await this.inner.embed([...missing.values()]);
      const entries = missHashes.map((hash, i) => ({ hash, vector: vectors[i]! }));
      const keep = this.forgotten.size > 0 ? entries.filter((e) => !this.recentlyForgotten(e.hash)) : entries;
      if (this.portStore) await this.portStore.putMany(keep);
      else this.store.putMany(keep);
      for (const e of entries) cached.set(e.hash, e.vector);
    }
    return hashes.map((h) => cached.get(h)!.slice());
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /**
   * Erase the cached vectors of these texts, under every model: a person's earlier profile text when she replaces it,
   * and her current one when she is erased. For a while after, an embedding of them already under way is not cached.
   */
  async forget(texts: string[], q: UnitOfWork): Promise<number> {
    const hashes = [...new Set(texts.map(contentHash))];
    if (hashes.length === 0) return 0;
    const now = Date.now();
    if (this.forgotten.size > 10_000) {
      for (const [h, at] of this.forgotten) if (now - at > FORGOTTEN_TTL_MS) this.forgotten.delete(h);
    }
    for (const h of hashes) this.forgotten.set(h, now);
    if (q.dialect === 'postgres') {
      // Other replicas: tombstones they read before writing (see PortEmbeddingStore.putMany), under the same locks.
      await lockErasures(q, hashes, 'exclusive');
      await q.rows(sql`DELETE FROM embedding_erasures WHERE erased_at < clock_timestamp() - make_interval(secs => ${ERASURE_TTL_SECONDS})`);
      const rows = sql.join(hashes.map((h) => sql`(${h}, clock_timestamp())`), sql`, `);
      await q.rows(sql`INSERT INTO embedding_erasures (content_hash, erased_at) VALUES ${rows} ON CONFLICT (content_hash) DO UPDATE SET erased_at = excluded.erased_at`);
    }
    const { embeddingCache: cache } = q.t;
    return (await q.db.delete(cache).where(inArray(cache.contentHash, hashes)).returning({ hash: cache.contentHash })).length;
  }

  private recentlyForgotten(hash: string): boolean {
    const at = this.forgotten.get(hash);
    if (at === undefined) return false;
    if (Date.now() - at <= FORGOTTEN_TTL_MS) return true;
    this.forgotten.delete(hash);
    return false;
  }
}

/** The embedder without its cache: for texts that must not be kept, such as an ad-hoc profile. */
export function uncached(embedder: Embedder): Embedder {
  return embedder instanceof CachedEmbedder ? embedder.inner : embedder;
}
