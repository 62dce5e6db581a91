import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and committed; the service applies them with drizzle's migrator.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_PATH ?? './var/passerelle.db' },
  strict: true,
  verbose: true,
});
