import { pgTable, text, integer, boolean, primaryKey, index } from 'drizzle-orm/pg-core';

// PostgreSQL twin of src/db/schema/idempotency.ts. The composite primary key is what makes two replicas that receive
// the same key at once write one record: the second INSERT waits for the first and then conflicts.
export const idempotencyRecords = pgTable(
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
    subjectId: text('subject_id'),
    replayable: boolean('replayable').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index('idempotency_subject_idx').on(t.subjectId)],
);
