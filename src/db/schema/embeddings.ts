import { blob, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Embedding cache: one vector per (model, text). Unchanged text is never embedded twice by the same model.
export const embeddingCache = sqliteTable(
  'embedding_cache',
  {
    modelId: text('model_id').notNull(),
    /** sha256 hex of the exact text given to the embedder. */
    contentHash: text('content_hash').notNull(),
    dims: integer('dims').notNull(),
    /** Little-endian float32 × dims. */
    vector: blob('vector', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.contentHash] })],
);
