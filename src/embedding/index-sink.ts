// Connects `reindexAll` to the HNSW vector index (issue 4): one collection per item kind, reset to the new model,
// then every item upserted with its filter attributes, one SQLite transaction per page.
import type Database from 'better-sqlite3';
import type { VectorIndexRegistry } from '../vector-index/registry.js';
import type { VectorCollection } from '../vector-index/collection.js';
import type { Attrs } from '../vector-index/store.js';
import type { ReindexCollection, ReindexSink } from './reindex.js';

type Row = { id: string } & Record<string, unknown>;

/** Filter attributes of a vacancy in its collection (the same as the vacancy write hook should use). */
export const vacancyIndexAttrs = (row: Row): Attrs => ({
  status: row.status as string,
  country: row.country as string,
  shortage: Boolean(row.shortage),
  employerId: row.employerId as string,
});

/** Filter attributes of a candidate profile: consent to be matched gates retrieval. */
export const candidateIndexAttrs = (row: Row): Attrs => ({
  consentMatching: Boolean(row.consentMatching),
  residenceCountry: (row.residenceCountry as string | null) ?? '',
});

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
