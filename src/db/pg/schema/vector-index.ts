import { pgTable, text, integer, bigint, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from './columns.js';

// PostgreSQL twin of src/db/schema/vector-index.ts. Sequences and labels are bigint: labels span uint32, which
// overflows PostgreSQL's int4. The counter row is also the change log's serialisation point (src/replication).
export const vectorCollections = pgTable('vector_collections', {
  name: text('name').primaryKey(),
  modelId: text('model_id').notNull(),
  dims: integer('dims').notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  nextLabel: bigint('next_label', { mode: 'number' }).notNull().default(0),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const vectorItems = pgTable(
  'vector_items',
  {
    collection: text('collection')
      .notNull()
      .references(() => vectorCollections.name, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    label: bigint('label', { mode: 'number' }).notNull(),
    modelId: text('model_id').notNull(),
    dims: integer('dims').notNull(),
    vector: bytea('vector'),
    attrs: text('attrs'),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    deleted: integer('deleted').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.itemId] }),
    uniqueIndex('vector_items_seq_idx').on(t.collection, t.seq),
    index('vector_items_label_idx').on(t.collection, t.deleted, t.label),
  ],
);

export const vectorFreeLabels = pgTable(
  'vector_free_labels',
  {
    collection: text('collection')
      .notNull()
      .references(() => vectorCollections.name, { onDelete: 'cascade' }),
    label: bigint('label', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.collection, t.label] })],
);
