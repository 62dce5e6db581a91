import type { Attrs } from '../vector-index/store.js';
import type { WriteHook } from '../services/writers.js';

/** What the hook needs of this process's replica of the collection (src/replication/replica-set.ts). */
export interface FollowedCollection {
  waitFor(seq: number, timeoutMs?: number): Promise<boolean>;
}

const SEQ = 'changeLogSeq';

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  if (n === 0 || Math.abs(n - 1) < 1e-6) return v;
  const s = 1 / Math.sqrt(n);
  return v.map((x) => x * s);
}

/**
 * The vector write path on PostgreSQL (issue 15): a written row's vector (or, text unchanged, its filterable attrs)
 * goes into the collection's change log inside the row's transaction, as its last statement (the log's per-collection
 * lock is then held for the shortest time). After commit the request waits until this process's replica applied that
 * change sequence, so a client reads its own writes on the replica that took the write; other replicas follow within
 * their lag (/readyz). On SQLite the collection itself is the writer instead (src/vector-index/write-hook.ts).
 */
export function changeLogWriteHook<Draft extends { vector?: Float32Array; state: Record<string, unknown> }, Row extends { id: string }>(
  name: string,
  model: () => { modelId: string; dims: number },
  attrs: (row: Row) => Attrs,
  replica: () => FollowedCollection | undefined,
): WriteHook<Draft, Row> {
  const wait = async (seqs: unknown[]): Promise<void> => {
    const seq = Math.max(0, ...seqs.filter((s): s is number => typeof s === 'number'));
    if (seq > 0) await replica()?.waitFor(seq);
  };
  return {
    name: 'vector-change-log',
    last: true,
    async inTransaction(tx, rows, drafts) {
      const log = tx.vectorLog(name);
      const { modelId, dims } = model();
      for (const [i, row] of rows.entries()) {
        const d = drafts[i]!;
        d.state[SEQ] = d.vector ? await log.upsert(row.id, modelId, dims, unit(d.vector), attrs(row)) : await log.setAttrs(row.id, attrs(row));
      }
    },
    async afterCommit(_rows, drafts) {
      await wait(drafts.map((d) => d.state[SEQ]));
    },
    async onRemove(tx, row, drafts) {
      drafts[0]!.state[SEQ] = await tx.vectorLog(name).delete(row.id);
    },
    async afterRemove(_row, drafts) {
      await wait(drafts.map((d) => d.state[SEQ]));
    },
  };
}
