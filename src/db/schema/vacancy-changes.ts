import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';

// The vacancies' change counter: one row, bumped by triggers on every insert, update and delete of a vacancy (the
// migration creates them), so a reader anywhere (another process, another replica) can tell whether vacancies changed.
export const vacancyChanges = sqliteTable('vacancy_changes', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull().default(0),
});
