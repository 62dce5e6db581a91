import { sqliteTable, text, integer, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { candidates } from './candidates.js';
import { employers } from './employers.js';
import { vacancies } from './vacancies.js';

/**
 * A recorded fairness alert: a category's impact ratio stayed below 0.8 over the alert window with enough data
 * (issue 13). One open alert per scope × attribute × category × metric; it is refreshed while the condition holds and
 * resolved when it clears. Holds aggregates only.
 */
export const fairnessAlerts = sqliteTable(
  'fairness_alerts',
  {
    id: text('id').primaryKey(),
    /** 'all' or the employer id whose rankings were evaluated. */
    scope: text('scope').notNull(),
    attribute: text('attribute').notNull(),
    category: text('category').notNull(),
    referenceCategory: text('reference_category').notNull(),
    metric: text('metric').notNull(),
    impactRatio: real('impact_ratio').notNull(),
    pValue: real('p_value').notNull(),
    n: integer('n').notNull(),
    referenceN: integer('reference_n').notNull(),
    segments: text('segments', { mode: 'json' }).$type<{ from: string; to: string; impactRatio: number | null }[]>().notNull(),
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

/**
 * An employer asks to contact a pseudonymous candidate about a vacancy; until the seeker accepts, the employer sees
 * only a pseudonym. Erased with the candidate or the vacancy.
 */
export const contactRequests = sqliteTable(
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

export interface FairRerankParams {
  /** An attribute or an intersection ("sex", "sex×ageBand"). */
  attribute: string;
  /** The protected category whose minimum share is kept ("female", "female×55-64"). */
  category: string;
  minShare: number;
  alpha: number;
}

export interface FairRerankSettingRow {
  /** Applied to every ranking of the tenant's vacancies unless a permitted request says otherwise; null = off. */
  apply: FairRerankParams | null;
  /** Whether the tenant's callers may set, change or switch off re-ranking per request. */
  allowPerRequest: boolean;
}

/** Per-tenant fairness settings, set by an admin: the opt-in fair re-ranking (off unless a row says otherwise). */
export const fairnessSettings = sqliteTable('fairness_settings', {
  employerId: text('employer_id')
    .primaryKey()
    .references(() => employers.id, { onDelete: 'cascade' }),
  rerank: text('rerank', { mode: 'json' }).$type<FairRerankSettingRow>(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});
