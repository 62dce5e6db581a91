import { sqliteTable, text, integer, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

// One row per vector collection ('vacancies', 'candidates', taxonomy ...): the counters live here so that the
// change sequence and label allocation are updated inside the writer's own transaction.
export const vectorCollections = sqliteTable('vector_collections', {
  name: text('name').primaryKey(),
  modelId: text('model_id').notNull(),
  dims: integer('dims').notNull(),
  lastSeq: integer('last_seq').notNull().default(0),
  nextLabel: integer('next_label').notNull().default(0),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

// The source of truth for every vector index: the in-memory HNSW graph replays rows with seq > its applied seq.
// Deletes are tombstones (deleted=1, vector NULL) carrying their own seq.
export const vectorItems = sqliteTable(
  'vector_items',
  {
    collection: text('collection')
      .notNull()
      .references(() => vectorCollections.name, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    label: integer('label').notNull(),
    modelId: text('model_id').notNull(),
    dims: integer('dims').notNull(),
    vector: blob('vector', { mode: 'buffer' }),
    attrs: text('attrs'),
    seq: integer('seq').notNull(),
    deleted: integer('deleted').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.itemId] }),
    uniqueIndex('vector_items_seq_idx').on(t.collection, t.seq),
    index('vector_items_label_idx').on(t.collection, t.deleted, t.label),
  ],
);

// Labels of deleted items, reused by later inserts so the uint32 label space stays dense.
export const vectorFreeLabels = sqliteTable(
  'vector_free_labels',
  {
    collection: text('collection')
      .notNull()
      .references(() => vectorCollections.name, { onDelete: 'cascade' }),
    label: integer('label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.collection, t.label] })],
);
