import { pgTable, text, integer, primaryKey } from 'drizzle-orm/pg-core';
import { bytea } from './columns.js';

// PostgreSQL twin of src/db/schema/embeddings.ts: one cache shared by every replica.
export const embeddingCache = pgTable(
  'embedding_cache',
  {
    modelId: text('model_id').notNull(),
    contentHash: text('content_hash').notNull(),
    dims: integer('dims').notNull(),
    vector: bytea('vector').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.contentHash] })],
);
