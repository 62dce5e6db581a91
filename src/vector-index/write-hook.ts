import type { WriteHook } from '../services/writers.js';
import type { VectorCollection } from './collection.js';
import type { Attrs } from './store.js';

/**
 * Joins a collection to a writer (VacancyWriter, CandidateWriter): the vector row commits in the same transaction as
 * the domain row; after commit the graph catches up. A draft without a vector (text unchanged) only updates attrs.
 */
export function vectorWriteHook<Draft extends { vector?: Float32Array }, Row extends { id: string }>(
  collection: () => VectorCollection | undefined,
  attrs: (row: Row) => Attrs,
  name = 'vector-index',
): WriteHook<Draft, Row> {
  return {
    name,
    inTransaction(tx, rows, drafts) {
      const c = collection();
      if (!c) return;
      rows.forEach((row, i) => {
        const v = drafts[i]?.vector;
        if (v) c.upsert(row.id, v, attrs(row), { tx });
        else c.setAttrs(row.id, attrs(row), { tx });
      });
    },
    afterCommit() {
      collection()?.catchUp();
    },
    onRemove(tx, row) {
      collection()?.delete(row.id, { tx });
    },
    afterRemove() {
      collection()?.catchUp();
    },
  };
}
