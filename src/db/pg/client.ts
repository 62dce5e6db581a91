import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as pgSchema from './schema/index.js';

export type PgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

export const PG_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../drizzle/pg');

export interface OpenedPgDatabase {
  /** The connection URL (followers open their own LISTEN connection with it). */
  url: string;
  db: PgDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Is this DATABASE_URL a PostgreSQL one (postgres:// or postgresql://)? */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

/**
 * Open a pool on a PostgreSQL database and apply the committed migrations (drizzle/pg). The migrator takes an
 * advisory lock, so replicas starting together migrate once. Timestamps stay ISO-8601 text, as on SQLite.
 */
export async function openPgDatabase(url: string, options: { max?: number; migrate?: boolean } = {}): Promise<OpenedPgDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server emits 'error' on the pool: without a listener that would crash the process.
  pool.on('error', () => undefined);
  // A client checked out of the pool (a transaction) has no 'error' listener: a server restart or failover would then
  // crash the process with an unhandled 'error' event. Its query fails instead (→ 503), and the pool drops the client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle(pool, { schema: pgSchema }) as PgDb;
  try {
    if (options.migrate !== false) await migrate(db, { migrationsFolder: PG_MIGRATIONS_DIR });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  let closed = false;
  return {
    url,
    db,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Run `fn` in one transaction on one pooled connection (BEGIN … COMMIT, ROLLBACK on a throw). The PostgreSQL
 * counterpart of better-sqlite3's synchronous `db.transaction(fn)()`: callers await it.
 */
export async function withPgTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
