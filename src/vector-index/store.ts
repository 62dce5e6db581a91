import type Database from 'better-sqlite3';
import { blobToVector, vectorToBlob } from '../embedding/cache.js';
import { AppError } from '../errors.js';

/** Attribute values usable in filters: equality or set membership on each key. */
export type AttrValue = string | number | boolean;
export type Attrs = Record<string, AttrValue | null>;

/** uint32 labels: hnswlib silently coerces anything larger (2^32+11 overwrites label 11). */
export const MAX_LABEL = 0xffff_ffff;

export interface CollectionRow {
  name: string;
  modelId: string;
  dims: number;
  lastSeq: number;
  nextLabel: number;
}

export interface ItemRow {
  itemId: string;
  label: number;
  modelId: string;
  vector: Buffer | null;
  attrs: string | null;
  seq: number;
  deleted: number;
}

/** Encode a unit-normalised Float32Array as a little-endian BLOB (the embedding cache's encoding). */
export const encodeVector = vectorToBlob;

/** Decode a BLOB into an aligned Float32Array copy, checking its dimension. */
export function decodeVector(buf: Buffer, dims: number): Float32Array {
  if (buf.byteLength !== dims * 4) throw new Error(`stored vector has ${buf.byteLength / 4} dims, expected ${dims}`);
  return blobToVector(buf);
}

/**
 * The SQLite side of a vector collection (the source of truth). Every write runs inside a transaction: the caller's,
 * if one is open on the same connection (better-sqlite3 nests it as a savepoint), or its own.
 */
export class VectorStore {
  private readonly stmts;

  constructor(
    readonly sqlite: Database.Database,
    readonly collection: string,
  ) {
    const s = sqlite;
    this.stmts = {
      getCollection: s.prepare(
        'SELECT name, model_id AS modelId, dims, last_seq AS lastSeq, next_label AS nextLabel FROM vector_collections WHERE name = ?',
      ),
      insertCollection: s.prepare(
        'INSERT INTO vector_collections (name, model_id, dims, last_seq, next_label, created_at, updated_at) VALUES (?, ?, ?, 0, 0, ?, ?) ON CONFLICT(name) DO NOTHING',
      ),
      bumpSeq: s.prepare('UPDATE vector_collections SET last_seq = last_seq + 1, updated_at = ? WHERE name = ? RETURNING last_seq AS seq'),
      lastSeq: s.prepare('SELECT last_seq AS seq FROM vector_collections WHERE name = ?').pluck(),
      getItem: s.prepare('SELECT label, deleted FROM vector_items WHERE collection = ? AND item_id = ?'),
      popFree: s.prepare('SELECT label FROM vector_free_labels WHERE collection = ? ORDER BY label LIMIT 1').pluck(),
      delFree: s.prepare('DELETE FROM vector_free_labels WHERE collection = ? AND label = ?'),
      pushFree: s.prepare('INSERT OR IGNORE INTO vector_free_labels (collection, label) VALUES (?, ?)'),
      takeNext: s.prepare(
        'UPDATE vector_collections SET next_label = next_label + 1 WHERE name = ? RETURNING next_label - 1 AS label',
      ),
      nextLabel: s.prepare('SELECT next_label FROM vector_collections WHERE name = ?').pluck(),
      upsertItem: s.prepare(
        `INSERT INTO vector_items (collection, item_id, label, model_id, dims, vector, attrs, seq, deleted, updated_at)
         VALUES (@collection, @itemId, @label, @modelId, @dims, @vector, @attrs, @seq, 0, @now)
         ON CONFLICT(collection, item_id) DO UPDATE SET label = excluded.label, model_id = excluded.model_id,
           dims = excluded.dims, vector = excluded.vector, attrs = excluded.attrs, seq = excluded.seq, deleted = 0,
           updated_at = excluded.updated_at`,
      ),
      setAttrs: s.prepare(
        'UPDATE vector_items SET attrs = ?, seq = ?, updated_at = ? WHERE collection = ? AND item_id = ? AND deleted = 0',
      ),
      tombstone: s.prepare(
        'UPDATE vector_items SET deleted = 1, vector = NULL, attrs = NULL, seq = ?, updated_at = ? WHERE collection = ? AND item_id = ?',
      ),
      changesSince: s.prepare(
        'SELECT item_id AS itemId, label, model_id AS modelId, vector, attrs, seq, deleted FROM vector_items WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      livePage: s.prepare(
        'SELECT item_id AS itemId, label, model_id AS modelId, vector, attrs, seq, deleted FROM vector_items WHERE collection = ? AND deleted = 0 AND label > ? ORDER BY label LIMIT ?',
      ),
      liveVector: s.prepare('SELECT vector FROM vector_items WHERE collection = ? AND item_id = ? AND deleted = 0').pluck(),
      liveCount: s.prepare('SELECT count(*) FROM vector_items WHERE collection = ? AND deleted = 0').pluck(),
      liveIds: s.prepare('SELECT item_id FROM vector_items WHERE collection = ? AND deleted = 0').pluck(),
      liveLabelsSince: s.prepare('SELECT label FROM vector_items WHERE collection = ? AND deleted = 0 AND seq > ?').pluck(),
      deletedSince: s.prepare('SELECT 1 FROM vector_items WHERE collection = ? AND deleted = 1 AND seq > ? LIMIT 1').pluck(),
      resetModel: s.prepare('UPDATE vector_collections SET model_id = ?, dims = ?, updated_at = ? WHERE name = ?'),
      replicaPut: s.prepare(
        `INSERT INTO vector_items (collection, item_id, label, model_id, dims, vector, attrs, seq, deleted, updated_at)
         VALUES (@collection, @itemId, @label, @modelId, @dims, @vector, @attrs, @seq, @deleted, @now)
         ON CONFLICT(collection, item_id) DO UPDATE SET label = excluded.label, model_id = excluded.model_id,
           dims = excluded.dims, vector = excluded.vector, attrs = excluded.attrs, seq = excluded.seq,
           deleted = excluded.deleted, updated_at = excluded.updated_at`,
      ),
      replicaSeq: s.prepare('UPDATE vector_collections SET last_seq = max(last_seq, ?), updated_at = ? WHERE name = ?'),
    };
  }

  ensureCollection(modelId: string, dims: number): CollectionRow {
    const now = new Date().toISOString();
    this.stmts.insertCollection.run(this.collection, modelId, dims, now, now);
    return this.getCollection();
  }

  getCollection(): CollectionRow {
    const row = this.stmts.getCollection.get(this.collection) as CollectionRow | undefined;
    if (!row) throw new Error(`vector collection ${this.collection} does not exist`);
    return row;
  }

  lastSeq(): number {
    return (this.stmts.lastSeq.get(this.collection) as number | undefined) ?? 0;
  }

  private tx<T>(fn: () => T): T {
    return this.sqlite.transaction(fn)();
  }

  private nextSeq(now: string): number {
    return (this.stmts.bumpSeq.get(now, this.collection) as { seq: number }).seq;
  }

  private allocateLabel(): number {
    const free = this.stmts.popFree.get(this.collection) as number | undefined;
    if (free !== undefined) {
      this.stmts.delFree.run(this.collection, free);
      return free;
    }
    const next = this.stmts.nextLabel.get(this.collection) as number;
    // Never wrap: hnswlib would coerce the label modulo 2^32 and overwrite another item.
    if (next > MAX_LABEL) {
      throw new AppError('CONFLICT', `vector collection ${this.collection} has no free uint32 label left`, {
        collection: this.collection,
      });
    }
    return (this.stmts.takeNext.get(this.collection) as { label: number }).label;
  }

  /** Insert or replace one item; returns its change sequence. */
  upsert(itemId: string, modelId: string, dims: number, vector: Float32Array, attrs: Attrs | undefined): number {
    return this.tx(() => {
      const now = new Date().toISOString();
      const existing = this.stmts.getItem.get(this.collection, itemId) as { label: number; deleted: number } | undefined;
      const label = existing && existing.deleted === 0 ? existing.label : this.allocateLabel();
      const seq = this.nextSeq(now);
      this.stmts.upsertItem.run({
        collection: this.collection,
        itemId,
        label,
        modelId,
        dims,
        vector: encodeVector(vector),
        attrs: attrs ? JSON.stringify(attrs) : null,
        seq,
        now,
      });
      return seq;
    });
  }

  /** Replace the attributes of a live item, keeping its vector; returns the change sequence or null if absent. */
  setAttrs(itemId: string, attrs: Attrs | undefined): number | null {
    return this.tx(() => {
      const existing = this.stmts.getItem.get(this.collection, itemId) as { label: number; deleted: number } | undefined;
      if (!existing || existing.deleted !== 0) return null;
      const now = new Date().toISOString();
      const seq = this.nextSeq(now);
      this.stmts.setAttrs.run(attrs ? JSON.stringify(attrs) : null, seq, now, this.collection, itemId);
      return seq;
    });
  }

  /** Tombstone one item; returns its change sequence, or null if it was not live. */
  delete(itemId: string): number | null {
    return this.tx(() => {
      const existing = this.stmts.getItem.get(this.collection, itemId) as { label: number; deleted: number } | undefined;
      if (!existing || existing.deleted !== 0) return null;
      const now = new Date().toISOString();
      const seq = this.nextSeq(now);
      this.stmts.tombstone.run(seq, now, this.collection, itemId);
      this.stmts.pushFree.run(this.collection, existing.label);
      return seq;
    });
  }

  /** Tombstone every live item and switch the collection to a new model (its vectors must be re-embedded). */
  resetModel(modelId: string, dims: number): void {
    this.tx(() => {
      for (const id of this.liveIds()) this.delete(id);
      this.stmts.resetModel.run(modelId, dims, new Date().toISOString(), this.collection);
    });
  }

  /**
   * A replica's copy of the leader's log (issue 15, src/replication): rows are stored with the leader's own label and
   * seq, so this file, its collection's appliedSeq and its snapshots are in the leader's sequence space (a restarted
   * replica resumes from lastSeq(); snapshots are interchangeable between replicas). Labels are the leader's to give.
   */
  applyReplicated(rows: ItemRow[], dims: number): void {
    if (rows.length === 0) return;
    this.tx(() => {
      const now = new Date().toISOString();
      let last = 0;
      for (const r of rows) {
        this.stmts.replicaPut.run({
          collection: this.collection,
          itemId: r.itemId,
          label: r.label,
          modelId: r.modelId,
          dims,
          vector: r.deleted ? null : r.vector,
          attrs: r.deleted ? null : r.attrs,
          seq: r.seq,
          deleted: r.deleted ? 1 : 0,
          now,
        });
        if (r.seq > last) last = r.seq;
      }
      this.stmts.replicaSeq.run(last, now, this.collection);
    });
  }

  /** Was an item removed after change `seq` (e.g. since a snapshot was written)? */
  deletedSince(seq: number): boolean {
    return this.stmts.deletedSince.get(this.collection, seq) !== undefined;
  }

  changesSince(seq: number, limit: number): ItemRow[] {
    return this.stmts.changesSince.all(this.collection, seq, limit) as ItemRow[];
  }

  livePage(afterLabel: number, limit: number): ItemRow[] {
    return this.stmts.livePage.all(this.collection, afterLabel, limit) as ItemRow[];
  }

  /** The stored vector of a live item, or null. */
  liveVector(itemId: string): Buffer | null {
    return (this.stmts.liveVector.get(this.collection, itemId) as Buffer | undefined) ?? null;
  }

  liveCount(): number {
    return this.stmts.liveCount.get(this.collection) as number;
  }

  liveIds(): string[] {
    return this.stmts.liveIds.all(this.collection) as string[];
  }

  liveLabelsSince(seq: number): number[] {
    return this.stmts.liveLabelsSince.all(this.collection, seq) as number[];
  }

  /** Test hook: move the label counter (the allocator must refuse to go past 2^32-1). */
  setNextLabelForTest(next: number): void {
    this.sqlite.prepare('UPDATE vector_collections SET next_label = ? WHERE name = ?').run(next, this.collection);
  }
}
