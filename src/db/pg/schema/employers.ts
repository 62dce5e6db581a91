import { pgTable, text, index } from 'drizzle-orm/pg-core';

// PostgreSQL twin of src/db/schema/employers.ts (test/pg.schema-parity.test.ts keeps them from drifting).
export const employers = pgTable(
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
