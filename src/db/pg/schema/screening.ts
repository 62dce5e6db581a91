import { pgTable, text, jsonb, index } from 'drizzle-orm/pg-core';
import type { ScreeningRow } from '../../schema/vacancies.js';
import { vacancies } from './vacancies.js';

// PostgreSQL twin of src/db/schema/screening.ts.
export const screeningReviews = pgTable(
  'screening_reviews',
  {
    id: text('id').primaryKey(),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    employerId: text('employer_id').notNull(),
    status: text('status', { enum: ['pending', 'released', 'rejected', 'superseded'] }).notNull().default('pending'),
    flags: jsonb('flags').$type<ScreeningRow['flags']>().notNull(),
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
