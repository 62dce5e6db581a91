import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

// The vacancies' change counter: one row, bumped by triggers on every insert, update and delete of a vacancy (the
// migration creates them), so a reader anywhere (another process, another replica) can tell whether vacancies changed.
export const vacancyChanges = sqliteTable('vacancy_changes', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull().default(0),
});

// Which vacancies changed since a counter value: one row per vacancy id ever written (a deleted one stays as its
// tombstone), holding the counter as of its last change, written by triggers next to the counter's (drizzle/0018). A
// reader that holds every vacancy's derived row as of counter value V re-reads only the ids with seq >= V
// (src/screening/grid-cache.ts).
export const vacancyRowChanges = sqliteTable(
  'vacancy_row_changes',
  {
    vacancyId: text('vacancy_id').primaryKey(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('vacancy_row_changes_seq_idx').on(t.seq)],
);
