import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

export const employers = sqliteTable(
  'employers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    verification: text('verification', { enum: ['unverified', 'pending', 'verified'] }).notNull().default('unverified'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('employers_country_idx').on(t.country)],
);
