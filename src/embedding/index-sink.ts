// Connects `reindexAll` to the HNSW vector index (issue 4): one collection per item kind, reset to the new model,
// then every item upserted with its filter attributes, one SQLite transaction per page.
import type Database from 'better-sqlite3';
import type { VectorIndexRegistry } from '../vector-index/registry.js';
import type { VectorCollection } from '../vector-index/collection.js';
import type { Attrs } from '../vector-index/store.js';
import { candidateAttrs, vacancyAttrs } from '../plugins/collections.js';
import type { CandidateRow } from '../services/candidates.js';
import type { VacancyRow } from '../services/vacancies.js';
import type { ReindexCollection, ReindexSink } from './reindex.js';

type Row = { id: string } & Record<string, unknown>;

/** The same attributes the live write hooks store (src/plugins/collections.ts), so a reindex changes nothing else. */
export const vacancyIndexAttrs = (row: Row): Attrs => vacancyAttrs(row as unknown as VacancyRow);
export const candidateIndexAttrs = (row: Row): Attrs => candidateAttrs(row as unknown as CandidateRow);

const isZero = (v: Float32Array): boolean => v.every((x) => x === 0);

export function vectorIndexSink(
  registry: VectorIndexRegistry,
  sqlite: Database.Database,
  attrs: Record<ReindexCollection, (row: Row) => Attrs> = { vacancies: vacancyIndexAttrs, candidates: candidateIndexAttrs },
): ReindexSink & { skipped: number } {
  const open = new Map<ReindexCollection, VectorCollection>();
  const sink = {
    skipped: 0,
    async begin(collection: ReindexCollection, modelId: string, dims: number) {
      const c = await registry.open(collection, { modelId, dims });
      // The collection keeps its stored model until reset: a model change tombstones every item, re-added below.
      if (c.status().modelMismatch) await c.resetModel(modelId, dims);
      open.set(collection, c);
    },
    write(collection: ReindexCollection, rows: Row[], vectors: Float32Array[]) {
      const c = open.get(collection)!;
      sqlite.transaction(() => {
        rows.forEach((row, i) => {
          const v = vectors[i]!;
          // An empty text has no vector worth indexing (the index rejects zero vectors): keep the item out.
          if (isZero(v)) {
            c.delete(row.id, { tx: true });
            sink.skipped++;
          } else {
            c.upsert(row.id, v, attrs[collection](row), { tx: true });
          }
        });
      })();
    },
    async end(collection: ReindexCollection) {
      await open.get(collection)!.snapshot();
    },
  };
  return sink;
}
