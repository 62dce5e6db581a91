import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export interface AuditResultRow {
  id: string;
  rank: number;
  score: number;
}

/** How a ranking was ordered beyond the score, and what it was drawn from (issue 13). Never holds protected data. */
/** One scored candidate of a ranking's pool: id, score, and the closeness that breaks exact score ties (newer records). */
export type PoolEntry = [id: string, score: number, closeness: number] | [id: string, score: number];

export interface AuditRankingRow {
  /** Exact score ties are ordered by a keyed hash of (seed, id); the seed is per subject and UTC day. */
  tieBreak: { method: 'seeded-shuffle'; seed: string };
  /** Opt-in fair re-ranking applied after scoring: its parameters and its utility cost (no per-person data). */
  rerank?: {
    method: 'fa*ir';
    attribute: string;
    category: string;
    minShare: number;
    alpha: number;
    source: 'request' | 'tenant';
    k: number;
    meanScoreTopK: { before: number; after: number };
    ndcgAtK: number;
    moved: number;
  };
  /**
   * The scored candidate set after hard constraints, [id, score, closeness], so audits can compute rates over everyone
   * assessed and recompute the served order (closeness is the first tie-break; records before it have [id, score]).
   */
  pool?: PoolEntry[];
}

/**
 * The bias-audit log: one append-only, hash-chained record per ranking served (EU AI Act Art. 12).
 * Update and delete are refused by triggers (see the migration); retention purges go through auditPurge().
 */
export const auditRecords = sqliteTable(
  'audit_records',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
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
    removed: text('removed', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    results: text('results', { mode: 'json' }).$type<AuditResultRow[]>().notNull(),
    ranking: text('ranking', { mode: 'json' }).$type<AuditRankingRow>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** Keyed MAC of `hash` under a secret kept outside the database (null only on records from before MACs). */
    macKeyId: text('mac_key_id'),
    mac: text('mac'),
  },
  (t) => [index('audit_created_idx').on(t.createdAt), index('audit_tenant_idx').on(t.tenantId), index('audit_subject_idx').on(t.subjectId)],
);

/**
 * Signed heads of the chain (Ed25519, keys outside the database): periodic, on demand, after each retention purge
 * (which records what it purged and under which retention) and once when records from before MACs were adopted.
 * Each is also appended to an anchor file outside the database and logged. See services/audit.ts.
 */
export const auditHeads = sqliteTable('audit_heads', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['periodic', 'manual', 'purge', 'adoption'] }).notNull(),
  /** The last record covered (for a purge: the last purged record). */
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
  createdAt: text('created_at').notNull(),
  /** The exact statement signed (canonical JSON of every field above and below but the signature). */
  statement: text('statement').notNull(),
  keyId: text('key_id').notNull(),
  signature: text('signature').notNull(),
});

/** Legacy (before signed heads): where the chain started after a retention purge. Read once, at adoption. */
export const auditCheckpoints = sqliteTable('audit_checkpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  lastPurgedSeq: integer('last_purged_seq').notNull(),
  lastPurgedHash: text('last_purged_hash').notNull(),
  purgedCount: integer('purged_count').notNull(),
  createdAt: text('created_at').notNull(),
});

export const auditPurgePermits = sqliteTable('audit_purge_permits', {
  id: integer('id').primaryKey(),
});

export const matchDecisions = sqliteTable(
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
    /** One of DECISION_REASON_CODES (src/schemas/audit.ts); null on decisions recorded before codes existed. */
    reasonCode: text('reason_code'),
    /** The short note ('' when none); erased with the candidate. */
    reason: text('reason').notNull(),
    createdAt: text('created_at').notNull(),
    erasedAt: text('erased_at'),
  },
  (t) => [index('decisions_vacancy_idx').on(t.vacancyId), index('decisions_audit_idx').on(t.auditId), index('decisions_candidate_idx').on(t.candidateId)],
);

export const matchContests = sqliteTable(
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
    /** Message and resolution are erased with the candidate; the stub stays for oversight counts. */
    erasedAt: text('erased_at'),
  },
  (t) => [index('contests_status_idx').on(t.status), index('contests_candidate_idx').on(t.candidateId)],
);
