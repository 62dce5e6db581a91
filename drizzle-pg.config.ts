import { defineConfig } from 'drizzle-kit';

// The PostgreSQL back end's migrations (issue 15), generated from src/db/pg/schema and committed under drizzle/pg;
// the SQLite ones (drizzle.config.ts, drizzle/) are separate. Generate with: npm run db:generate:pg
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema/index.ts',
  out: './drizzle/pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/passerelle' },
  strict: true,
  verbose: true,
});
