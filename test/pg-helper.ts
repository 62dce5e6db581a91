import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPgDatabase, type OpenedPgDatabase } from '../src/db/pg/client.js';

/**
 * PostgreSQL for tests (issue 15). TEST_DATABASE_URL names a database on a server the test may create databases on
 * (`.ci/pg-up` starts the local cluster and prints one). Each test file gets its own fresh database, migrated, and
 * drops it at the end. With PASSERELLE_REQUIRE_PG=1 (set by .ci/run) a missing or unreachable server fails the tests;
 * without it they are skipped, with a message saying so.
 */
export const PG_REQUIRED = process.env.PASSERELLE_REQUIRE_PG === '1';
const BASE_URL = process.env.TEST_DATABASE_URL;

async function reachable(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * Decide once per file whether PostgreSQL tests run. Throws (failing the file) when PostgreSQL is required and cannot
 * be reached; returns false (tests skip, with a printed reason) when it is optional and absent.
 */
export async function pgAvailable(file: string): Promise<boolean> {
  let problem: string | null;
  if (!BASE_URL) problem = 'TEST_DATABASE_URL is not set';
  else problem = await reachable(BASE_URL);
  if (!problem) return true;
  const msg = `PostgreSQL tests in ${file}: ${problem}. Start one with: export TEST_DATABASE_URL=$(bash .ci/pg-up | tail -n 1)`;
  if (PG_REQUIRED) throw new Error(`${msg} (PASSERELLE_REQUIRE_PG=1: failing, not skipping)`);
  console.warn(`SKIPPED ${msg}`);
  return false;
}

export interface ScratchPgDatabase extends OpenedPgDatabase {
  url: string;
  /** Close the pool and drop the database. */
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database on the test server, migrated with drizzle/pg. */
/**
 * DROP DATABASE … WITH (FORCE) ends the sessions still connected. An autovacuum worker on the scratch database (after
 * many writes) is not a session this role may end (PostgreSQL 15: 42501 "must be a member of the role whose process is
 * being terminated"); a plain DROP DATABASE cancels autovacuum itself, so that is the fallback, retried briefly while the
 * worker exits.
 */
async function dropScratch(a: pg.Client, name: string): Promise<void> {
  try {
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await a.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (err) {
      // 55006: still in use by another session; give it a moment.
      if ((err as { code?: string }).code !== '55006' || attempt === 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function scratchPgDatabase(options: { max?: number; migrate?: boolean } = {}): Promise<ScratchPgDatabase> {
  if (!BASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `passerelle_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(BASE_URL, name);
  const opened = await openPgDatabase(url, options);
  return {
    ...opened,
    url,
    async drop() {
      await opened.close();
      const a = new pg.Client({ connectionString: BASE_URL });
      await a.connect();
      try {
        await dropScratch(a, name);
      } finally {
        await a.end();
      }
    },
  };
}
