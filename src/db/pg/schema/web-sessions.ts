import { pgTable, text, index } from 'drizzle-orm/pg-core';
import { apiKeys } from './api-keys.js';
import { candidates } from './candidates.js';

// PostgreSQL twin of src/db/schema/web-sessions.ts: sessions live in the shared database, so any replica serves them.
export const webSessions = pgTable(
  'web_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    apiKeyId: text('api_key_id').references(() => apiKeys.id, { onDelete: 'cascade' }),
    candidateId: text('candidate_id').references(() => candidates.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('web_sessions_expires_idx').on(t.expiresAt), index('web_sessions_key_idx').on(t.apiKeyId)],
);

export const webLogins = pgTable('web_logins', {
  candidateId: text('candidate_id')
    .primaryKey()
    .references(() => candidates.id, { onDelete: 'cascade' }),
  login: text('login').notNull().unique(),
  apiKeyId: text('api_key_id')
    .notNull()
    .references(() => apiKeys.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  createdAt: text('created_at').notNull(),
});
