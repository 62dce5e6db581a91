// Re-embed every vacancy and candidate profile with the configured model (after EMBEDDER / EMBEDDER_MODEL change).
import { asc, count, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { candidates, vacancies } from '../db/schema/index.js';
import type { CachedEmbedder } from './cache.js';
import { candidateEmbeddingText, vacancyEmbeddingText } from './texts.js';

export type ReindexCollection = 'vacancies' | 'candidates';

/** Where the new vectors go besides the embedding cache (the vector index plugs in here). */
export interface ReindexSink {
  /** Called once per collection before its first vector, with the new model (e.g. reset the index collection). */
  begin?(collection: ReindexCollection, modelId: string, dims: number): Promise<void> | void;
  /** One call per page; `rows` are the drizzle rows, `vectors[i]` belongs to `rows[i]`. */
  write(collection: ReindexCollection, rows: Array<{ id: string } & Record<string, unknown>>, vectors: Float32Array[]): Promise<void> | void;
  end?(collection: ReindexCollection): Promise<void> | void;
}

export interface ReindexResult {
  modelId: string;
  vacancies: number;
  candidates: number;
  /** Texts that had to go through the model (the rest came from the cache). */
  embedded: number;
  seconds: number;
}

export interface ReindexOptions {
  pageSize?: number;
  sink?: ReindexSink;
  onProgress?: (done: number, total: number) => void;
}

export function countItems(db: Db): number {
  const v = db.select({ n: count() }).from(vacancies).get()?.n ?? 0;
  const c = db.select({ n: count() }).from(candidates).get()?.n ?? 0;
  return v + c;
}

export async function reindexAll(db: Db, embedder: CachedEmbedder, options: ReindexOptions = {}): Promise<ReindexResult> {
  const started = performance.now();
  const pageSize = options.pageSize ?? 256;
  const total = countItems(db);
  const missesBefore = embedder.stats.misses;
  let done = 0;
  const counts = { vacancies: 0, candidates: 0 };

  const run = async <Row extends { id: string }>(
    collection: ReindexCollection,
    page: (after: string) => Row[],
    text: (row: Row) => string,
  ): Promise<void> => {
    await options.sink?.begin?.(collection, embedder.id, embedder.dimensions);
    let after = '';
    for (;;) {
      const rows = page(after);
      if (rows.length === 0) break;
      const vectors = await embedder.embed(rows.map(text));
      await options.sink?.write(collection, rows as unknown as Array<{ id: string } & Record<string, unknown>>, vectors);
      counts[collection] += rows.length;
      done += rows.length;
      options.onProgress?.(done, total);
      after = rows[rows.length - 1]!.id;
    }
    await options.sink?.end?.(collection);
  };

  // Keyset pages by id: stable while the table is read, no OFFSET rescans.
  await run<typeof vacancies.$inferSelect>(
    'vacancies',
    (after) => db.select().from(vacancies).where(gt(vacancies.id, after)).orderBy(asc(vacancies.id)).limit(pageSize).all(),
    vacancyEmbeddingText,
  );
  await run<typeof candidates.$inferSelect>(
    'candidates',
    (after) => db.select().from(candidates).where(gt(candidates.id, after)).orderBy(asc(candidates.id)).limit(pageSize).all(),
    candidateEmbeddingText,
  );
  return {
    modelId: embedder.id,
    ...counts,
    embedded: embedder.stats.misses - missesBefore,
    seconds: (performance.now() - started) / 1000,
  };
}
