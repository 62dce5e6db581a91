import { pgTable, integer, bigint, text, index } from 'drizzle-orm/pg-core';

// PostgreSQL twin of src/db/schema/vacancy-changes.ts.
export const vacancyChanges = pgTable('vacancy_changes', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
});

// Written by the counter's trigger function with the counter value its transaction bumped to (drizzle/pg/0009); '*'
// marks a TRUNCATE (every vacancy changed).
export const vacancyRowChanges = pgTable(
  'vacancy_row_changes',
  {
    vacancyId: text('vacancy_id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('vacancy_row_changes_seq_idx').on(t.seq)],
);
