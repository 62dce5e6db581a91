import type pg from 'pg';
import { AppError } from '../errors.js';
import { encodeVector, type Attrs, type ItemRow } from '../vector-index/store.js';

/** The NOTIFY channel a commit that changed a collection signals on (payload: `<collection>:<seq>`). */
export const CHANGE_CHANNEL = 'passerelle_vector_changes';

/** A query runner: the pool (autocommit) or one client inside the caller's BEGIN … COMMIT. */
export type PgQueryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** A committed change as a follower reads it: the item's state at `seq` plus when it was written. */
export interface ChangeRow extends ItemRow {
  updatedAt: string;
}

const toNum = (v: unknown): number => (typeof v === 'string' ? Number(v) : (v as number));

/**
 * The change log of a vector collection on PostgreSQL (issue 15): the same tables and row semantics as the SQLite
 * VectorStore (vector_items holds each item's latest state with the seq of its last change; deletes are tombstones),
 * written inside the caller's transaction.
 *
 * Correctness under concurrency: every write first locks its collection's counter row (SELECT … FOR UPDATE, in the
 * server-side functions of drizzle/pg/0002_change_log_functions.sql) and keeps the lock until its transaction ends. So for one collection, change sequences are handed out one transaction at a
 * time, in commit order: a transaction can take seq n+1 only after the holder of n has committed (it is then
 * visible) or rolled back (n is handed out again). Hence a follower that has read every seq ≤ n never sees a later
 * commit with a seq ≤ n: "everything after n" is exact. docs/scale-out.md gives the full argument and its cost.
 */
export class PgChangeLog {
  constructor(readonly collection: string) {}

  async ensureCollection(db: PgQueryable, modelId: string, dims: number): Promise<void> {
    const now = new Date().toISOString();
    await db.query(
      `INSERT INTO vector_collections (name, model_id, dims, last_seq, next_label, created_at, updated_at)
       VALUES ($1, $2, $3, 0, 0, $4, $4) ON CONFLICT (name) DO NOTHING`,
      [this.collection, modelId, dims, now],
    );
  }

  /**
   * Check and unit-normalise a vector as VectorCollection does on SQLite: replicas store the leader's bytes as they are,
   * and their inner-product graphs assume unit vectors.
   */
  private unit(vector: ArrayLike<number>, dims: number): Float32Array {
    if (!vector || vector.length !== dims) {
      throw new AppError('VALIDATION_FAILED', `vector must have ${dims} dimensions, got ${vector?.length}`, [{ path: 'vector', rule: 'dimension', message: `expected ${dims}` }]);
    }
    const out = new Float32Array(dims);
    let norm = 0;
    for (let i = 0; i < dims; i++) {
      out[i] = Number(vector[i]);
      norm += out[i]! * out[i]!;
    }
    if (!Number.isFinite(norm) || norm === 0) {
      throw new AppError('VALIDATION_FAILED', 'vector must be finite and non-zero', [{ path: 'vector', rule: 'finite', message: 'non-finite or zero vector' }]);
    }
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dims; i++) out[i]! *= inv;
    return out;
  }

  /** PX001: the label allocator ran out of uint32 labels (hnswlib would coerce a larger one and overwrite another). */
  private mapError(err: unknown): never {
    if ((err as { code?: string }).code === 'PX001') {
      throw new AppError('CONFLICT', `vector collection ${this.collection} has no free uint32 label left`, { collection: this.collection });
    }
    throw err;
  }

  /**
   * Insert or replace one item inside the caller's transaction; returns its change sequence. One round trip: the
   * server-side function (drizzle/pg/0002_change_log_functions.sql) locks the counter row, allocates the label, takes
   * the sequence, writes the row and queues the notification.
   */
  async upsert(tx: PgQueryable, itemId: string, modelId: string, dims: number, vector: Float32Array, attrs: Attrs | undefined): Promise<number> {
    const { rows } = await tx
      .query('SELECT passerelle_log_upsert($1, $2, $3, $4, $5, $6, $7) AS seq', [
        this.collection,
        itemId,
        modelId,
        dims,
        encodeVector(this.unit(vector, dims)),
        attrs ? JSON.stringify(attrs) : null,
        new Date().toISOString(),
      ])
      .catch((err: unknown) => this.mapError(err));
    return toNum(rows[0].seq);
  }

  /** Replace the attributes of a live item; returns the change sequence, or null if it is not live. */
  async setAttrs(tx: PgQueryable, itemId: string, attrs: Attrs | undefined): Promise<number | null> {
    const { rows } = await tx.query('SELECT passerelle_log_set_attrs($1, $2, $3, $4) AS seq', [
      this.collection,
      itemId,
      attrs ? JSON.stringify(attrs) : null,
      new Date().toISOString(),
    ]);
    return rows[0].seq === null ? null : toNum(rows[0].seq);
  }

  /** Tombstone one item; returns its change sequence, or null if it was not live. */
  async delete(tx: PgQueryable, itemId: string): Promise<number | null> {
    const { rows } = await tx.query('SELECT passerelle_log_delete($1, $2, $3) AS seq', [this.collection, itemId, new Date().toISOString()]);
    return rows[0].seq === null ? null : toNum(rows[0].seq);
  }

  /** Test hook: move the label counter (the allocator must refuse to go past 2^32-1). */
  async setNextLabelForTest(db: PgQueryable, next: number): Promise<void> {
    await db.query('UPDATE vector_collections SET next_label = $1 WHERE name = $2', [next, this.collection]);
  }

  async lastSeq(db: PgQueryable): Promise<number> {
    const { rows } = await db.query('SELECT last_seq FROM vector_collections WHERE name = $1', [this.collection]);
    return rows[0] ? toNum(rows[0].last_seq) : 0;
  }

  /** Committed changes with seq > `after`, in seq order (one statement: one snapshot). */
  async changesSince(db: PgQueryable, after: number, limit: number): Promise<ChangeRow[]> {
    const { rows } = await db.query(
      `SELECT item_id, label, model_id, vector, attrs, seq, deleted, updated_at FROM vector_items
        WHERE collection = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [this.collection, after, limit],
    );
    return rows.map((r) => ({
      itemId: r.item_id,
      label: toNum(r.label),
      modelId: r.model_id,
      vector: r.vector,
      attrs: r.attrs,
      seq: toNum(r.seq),
      deleted: r.deleted,
      updatedAt: r.updated_at,
    }));
  }
}
