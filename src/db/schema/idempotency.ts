import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';

// A replayable record of a POST's response, keyed by the caller and its Idempotency-Key.
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
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);
