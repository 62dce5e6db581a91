import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { vacancies, type ScreeningRow } from './vacancies.js';

/**
 * The admin review queue of fair-recruitment screening: one row per hold. `pending` until an admin releases or
 * rejects it (the decision is also in the audit log), or `superseded` when the employer's correction cleared it.
 */
export const screeningReviews = sqliteTable(
  'screening_reviews',
  {
    id: text('id').primaryKey(),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    employerId: text('employer_id').notNull(),
    status: text('status', { enum: ['pending', 'released', 'rejected', 'superseded'] }).notNull().default('pending'),
    /** The flags that held the vacancy, as screened when the review was opened or last updated. */
    flags: text('flags', { mode: 'json' }).$type<ScreeningRow['flags']>().notNull(),
    screeningVersion: text('screening_version').notNull(),
    decision: text('decision', { enum: ['release', 'reject'] }),
    reason: text('reason'),
    resolvedBy: text('resolved_by'),
    auditId: text('audit_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('screening_reviews_status_idx').on(t.status, t.id), index('screening_reviews_vacancy_idx').on(t.vacancyId)],
);
