import type pg from 'pg';
import { AppError } from '../errors.js';
import { encodeVector, MAX_LABEL, type Attrs, type ItemRow } from '../vector-index/store.js';

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
 * Correctness under concurrency: every write first locks its collection's counter row (SELECT … FOR UPDATE) and keeps
 * the lock until its transaction ends. So for one collection, change sequences are handed out one transaction at a
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

  /** Take the collection's log lock for the rest of the caller's transaction (the serialisation point). */
  private async lock(tx: PgQueryable): Promise<void> {
    const { rowCount } = await tx.query('SELECT 1 FROM vector_collections WHERE name = $1 FOR UPDATE', [this.collection]);
    if (!rowCount) throw new Error(`vector collection ${this.collection} does not exist`);
  }

  private async nextSeq(tx: PgQueryable, now: string): Promise<number> {
    const { rows } = await tx.query('UPDATE vector_collections SET last_seq = last_seq + 1, updated_at = $2 WHERE name = $1 RETURNING last_seq', [this.collection, now]);
    const seq = toNum(rows[0].last_seq);
    // Delivered at commit only, and not at all on rollback: followers wake up for committed changes.
    await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, `${this.collection}:${seq}`]);
    return seq;
  }

  private async item(tx: PgQueryable, itemId: string): Promise<{ label: number; deleted: number } | undefined> {
    const { rows } = await tx.query('SELECT label, deleted FROM vector_items WHERE collection = $1 AND item_id = $2', [this.collection, itemId]);
    return rows[0] ? { label: toNum(rows[0].label), deleted: rows[0].deleted } : undefined;
  }

  private async allocateLabel(tx: PgQueryable): Promise<number> {
    const { rows: free } = await tx.query(
      'DELETE FROM vector_free_labels WHERE (collection, label) = (SELECT collection, label FROM vector_free_labels WHERE collection = $1 ORDER BY label LIMIT 1) RETURNING label',
      [this.collection],
    );
    if (free[0]) return toNum(free[0].label);
    const { rows } = await tx.query('UPDATE vector_collections SET next_label = next_label + 1 WHERE name = $1 RETURNING next_label - 1 AS label', [this.collection]);
    const label = toNum(rows[0].label);
    if (label > MAX_LABEL) {
      throw new AppError('CONFLICT', `vector collection ${this.collection} has no free uint32 label left`, { collection: this.collection });
    }
    return label;
  }

  /** Insert or replace one item inside the caller's transaction; returns its change sequence. */
  async upsert(tx: PgQueryable, itemId: string, modelId: string, dims: number, vector: Float32Array, attrs: Attrs | undefined): Promise<number> {
    await this.lock(tx);
    const now = new Date().toISOString();
    const existing = await this.item(tx, itemId);
    const label = existing && existing.deleted === 0 ? existing.label : await this.allocateLabel(tx);
    const seq = await this.nextSeq(tx, now);
    await tx.query(
      `INSERT INTO vector_items (collection, item_id, label, model_id, dims, vector, attrs, seq, deleted, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)
       ON CONFLICT (collection, item_id) DO UPDATE SET label = excluded.label, model_id = excluded.model_id,
         dims = excluded.dims, vector = excluded.vector, attrs = excluded.attrs, seq = excluded.seq, deleted = 0,
         updated_at = excluded.updated_at`,
      [this.collection, itemId, label, modelId, dims, encodeVector(vector), attrs ? JSON.stringify(attrs) : null, seq, now],
    );
    return seq;
  }

  /** Replace the attributes of a live item; returns the change sequence, or null if it is not live. */
  async setAttrs(tx: PgQueryable, itemId: string, attrs: Attrs | undefined): Promise<number | null> {
    await this.lock(tx);
    const existing = await this.item(tx, itemId);
    if (!existing || existing.deleted !== 0) return null;
    const now = new Date().toISOString();
    const seq = await this.nextSeq(tx, now);
    await tx.query('UPDATE vector_items SET attrs = $1, seq = $2, updated_at = $3 WHERE collection = $4 AND item_id = $5', [
      attrs ? JSON.stringify(attrs) : null,
      seq,
      now,
      this.collection,
      itemId,
    ]);
    return seq;
  }

  /** Tombstone one item; returns its change sequence, or null if it was not live. */
  async delete(tx: PgQueryable, itemId: string): Promise<number | null> {
    await this.lock(tx);
    const existing = await this.item(tx, itemId);
    if (!existing || existing.deleted !== 0) return null;
    const now = new Date().toISOString();
    const seq = await this.nextSeq(tx, now);
    await tx.query('UPDATE vector_items SET deleted = 1, vector = NULL, attrs = NULL, seq = $1, updated_at = $2 WHERE collection = $3 AND item_id = $4', [
      seq,
      now,
      this.collection,
      itemId,
    ]);
    await tx.query('INSERT INTO vector_free_labels (collection, label) VALUES ($1, $2) ON CONFLICT DO NOTHING', [this.collection, existing.label]);
    return seq;
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
