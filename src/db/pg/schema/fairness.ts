import { pgTable, text, integer, doublePrecision, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import type { FairRerankSettingRow } from '../../schema/fairness.js';
import { candidates } from './candidates.js';
import { employers } from './employers.js';
import { vacancies } from './vacancies.js';

// PostgreSQL twin of src/db/schema/fairness.ts.
export const fairnessAlerts = pgTable(
  'fairness_alerts',
  {
    id: text('id').primaryKey(),
    scope: text('scope').notNull(),
    attribute: text('attribute').notNull(),
    category: text('category').notNull(),
    referenceCategory: text('reference_category').notNull(),
    metric: text('metric').notNull(),
    impactRatio: doublePrecision('impact_ratio').notNull(),
    pValue: doublePrecision('p_value').notNull(),
    n: integer('n').notNull(),
    referenceN: integer('reference_n').notNull(),
    segments: jsonb('segments').$type<{ from: string; to: string; impactRatio: number | null }[]>().notNull(),
    windowFrom: text('window_from').notNull(),
    windowTo: text('window_to').notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'resolved'] }).notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    resolvedAt: text('resolved_at'),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    note: text('note'),
  },
  (t) => [index('fairness_alerts_status_idx').on(t.status), index('fairness_alerts_key_idx').on(t.scope, t.attribute, t.category, t.metric)],
);

export const contactRequests = pgTable(
  'contact_requests',
  {
    id: text('id').primaryKey(),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    employerId: text('employer_id').notNull(),
    candidateId: text('candidate_id')
      .notNull()
      .references(() => candidates.id, { onDelete: 'cascade' }),
    auditId: text('audit_id').notNull(),
    message: text('message'),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'withdrawn'] }).notNull(),
    createdAt: text('created_at').notNull(),
    respondedAt: text('responded_at'),
  },
  (t) => [uniqueIndex('contact_requests_pair_idx').on(t.vacancyId, t.candidateId), index('contact_requests_candidate_idx').on(t.candidateId, t.status)],
);

export const fairnessSettings = pgTable('fairness_settings', {
  employerId: text('employer_id')
    .primaryKey()
    .references(() => employers.id, { onDelete: 'cascade' }),
  rerank: jsonb('rerank').$type<FairRerankSettingRow>(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});
