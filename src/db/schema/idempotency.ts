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
    /**
     * Exactly once across a crash: the claim's fencing token (random per claim; every write of the claim's holder is
     * conditional on it, so a holder whose claim was taken over cannot commit), and its lease, renewed by the holding
     * process while the request runs. A claim whose lease ran out before its write committed may be taken over.
     */
    claimToken: text('claim_token'),
    heartbeatAt: text('heartbeat_at'),
    /** Set in the transaction of the request's write: its effect exists (and runs never again under this key). */
    committedAt: text('committed_at'),
    /** What the write created (e.g. /v1/vacancies/vac_…), named when its reply is lost in a crash. */
    resource: text('resource'),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index('idempotency_subject_idx').on(t.subjectId)],
);
