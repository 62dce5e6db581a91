import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { apiKeys } from './api-keys.js';
import { candidates } from './candidates.js';

// Browser sessions of the web app (/app). The cookie holds a random token; only its SHA-256 is stored.
// A signed-in session points at the API key whose principal it acts as (a seeker's own key, or a ministry key),
// so revoking the key or erasing the profile ends the session too (cascade). Anonymous sessions only carry a
// CSRF token for the sign-in and registration forms, and are replaced on sign-in (no session fixation).
export const webSessions = sqliteTable(
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

// A job seeker's sign-in for the web app: a chosen sign-in name (not an e-mail: minimal personal data) and an
// scrypt hash of the password. Erased with the profile.
export const webLogins = sqliteTable('web_logins', {
  candidateId: text('candidate_id')
    .primaryKey()
    .references(() => candidates.id, { onDelete: 'cascade' }),
  login: text('login').notNull().unique(),
  // The seeker's own jobseeker key (never shown): the principal a signed-in session acts as.
  apiKeyId: text('api_key_id')
    .notNull()
    .references(() => apiKeys.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  createdAt: text('created_at').notNull(),
});
