// Every PostgreSQL table (twins of src/db/schema/), re-exported for drizzle-kit (drizzle-pg.config.ts).
export * from './employers.js';
export * from './candidates.js';
export * from './vacancies.js';
export * from './api-keys.js';
export * from './idempotency.js';
export * from './embeddings.js';
export * from './audit.js';
export * from './vector-index.js';
export * from './series.js';
export * from './fairness.js';
export * from './screening.js';
export * from './web-sessions.js';
export * from './vacancy-changes.js';
