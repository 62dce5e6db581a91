import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { employers } from './employers.js';
import { candidates } from './candidates.js';

export const ROLES = ['admin', 'employer', 'jobseeker', 'ministry'] as const;
export type Role = (typeof ROLES)[number];

// Only the SHA-256 of a key is stored; the key itself is shown once at creation.
export const apiKeys = sqliteTable(
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
