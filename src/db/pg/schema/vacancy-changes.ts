import { pgTable, integer, bigint } from 'drizzle-orm/pg-core';

// PostgreSQL twin of src/db/schema/vacancy-changes.ts.
export const vacancyChanges = pgTable('vacancy_changes', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
});
