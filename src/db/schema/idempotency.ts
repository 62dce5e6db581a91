import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';

/**
 * A replayable record of a POST's response. Every identifying column is an HMAC under the server's idempotency
 * secret (src/keyring.ts), never a plain IP or key, and the reply is encrypted under a key derived from that secret
 * and the client's Idempotency-Key. Replies that carry a secret (a new API key) are never stored: replayable = false.
 */
export const idempotencyRecords = sqliteTable(
  'idempotency_records',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: text('created_at').notNull(),
    /** The candidate the request concerns (her records are erased with her). */
    subjectId: text('subject_id'),
    replayable: integer('replayable', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index('idempotency_subject_idx').on(t.subjectId)],
);
