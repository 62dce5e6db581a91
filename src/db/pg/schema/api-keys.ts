import { pgTable, text, index } from 'drizzle-orm/pg-core';
import { ROLES } from '../../schema/api-keys.js';
import { employers } from './employers.js';
import { candidates } from './candidates.js';

// PostgreSQL twin of src/db/schema/api-keys.ts.
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    hash: text('hash').notNull().unique(),
    role: text('role', { enum: ROLES }).notNull(),
    employerId: text('employer_id').references(() => employers.id, { onDelete: 'cascade' }),
    candidateId: text('candidate_id').references(() => candidates.id, { onDelete: 'cascade' }),
    name: text('name'),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_keys_employer_idx').on(t.employerId), index('api_keys_candidate_idx').on(t.candidateId)],
);
