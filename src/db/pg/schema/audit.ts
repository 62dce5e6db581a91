import { pgTable, text, integer, jsonb, index } from 'drizzle-orm/pg-core';
import type { AuditRankingRow, AuditResultRow } from '../../schema/audit.js';

// PostgreSQL twin of src/db/schema/audit.ts. Append-only and retention triggers: drizzle/pg/0001_audit_guards.sql.
export const auditRecords = pgTable(
  'audit_records',
  {
    seq: integer('seq').primaryKey().generatedByDefaultAsIdentity(),
    id: text('id').notNull().unique(),
    createdAt: text('created_at').notNull(),
    actorRole: text('actor_role').notNull(),
    actorKeyId: text('actor_key_id'),
    tenantId: text('tenant_id'),
    kind: text('kind', { enum: ['seeker-matches', 'vacancy-matches', 'adhoc-query', 'screening-review'] }).notNull(),
    subjectId: text('subject_id'),
    modelId: text('model_id').notNull(),
    indexVersion: text('index_version').notNull(),
    weightsVersion: text('weights_version').notNull(),
    inputHash: text('input_hash').notNull(),
    candidateSetSize: integer('candidate_set_size').notNull(),
    removed: jsonb('removed').$type<Record<string, number>>().notNull(),
    results: jsonb('results').$type<AuditResultRow[]>().notNull(),
    ranking: jsonb('ranking').$type<AuditRankingRow>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    macKeyId: text('mac_key_id'),
    mac: text('mac'),
  },
  (t) => [index('audit_created_idx').on(t.createdAt), index('audit_tenant_idx').on(t.tenantId), index('audit_subject_idx').on(t.subjectId)],
);

export const auditHeads = pgTable('audit_heads', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind', { enum: ['periodic', 'manual', 'purge', 'adoption'] }).notNull(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
  createdAt: text('created_at').notNull(),
  statement: text('statement').notNull(),
  keyId: text('key_id').notNull(),
  signature: text('signature').notNull(),
});

export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  lastPurgedSeq: integer('last_purged_seq').notNull(),
  lastPurgedHash: text('last_purged_hash').notNull(),
  purgedCount: integer('purged_count').notNull(),
  createdAt: text('created_at').notNull(),
});

export const auditPurgePermits = pgTable('audit_purge_permits', {
  id: integer('id').primaryKey(),
});

export const matchDecisions = pgTable(
  'match_decisions',
  {
    id: text('id').primaryKey(),
    auditId: text('audit_id')
      .notNull()
      .references(() => auditRecords.id),
    vacancyId: text('vacancy_id').notNull(),
    candidateId: text('candidate_id').notNull(),
    employerId: text('employer_id').notNull(),
    actorKeyId: text('actor_key_id').notNull(),
    decision: text('decision', { enum: ['shortlisted', 'rejected', 'hired'] }).notNull(),
    reasonCode: text('reason_code'),
    reason: text('reason').notNull(),
    createdAt: text('created_at').notNull(),
    erasedAt: text('erased_at'),
  },
  (t) => [index('decisions_vacancy_idx').on(t.vacancyId), index('decisions_audit_idx').on(t.auditId), index('decisions_candidate_idx').on(t.candidateId)],
);

export const matchContests = pgTable(
  'match_contests',
  {
    id: text('id').primaryKey(),
    auditId: text('audit_id')
      .notNull()
      .references(() => auditRecords.id),
    candidateId: text('candidate_id').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
    erasedAt: text('erased_at'),
  },
  (t) => [index('contests_status_idx').on(t.status), index('contests_candidate_idx').on(t.candidateId)],
);
