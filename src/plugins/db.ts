import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type Database from 'better-sqlite3';
import { openDatabase, truncateWal, type Db } from '../db/client.js';
import { readdirSync } from 'node:fs';
import { isPostgresUrl, openPgDatabase, PG_MIGRATIONS_DIR, type OpenedPgDatabase } from '../db/pg/client.js';
import { SqliteStorage } from '../storage/sqlite-storage.js';
import { PgStorage } from '../storage/pg-storage.js';
import type { Storage } from '../storage/storage.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The storage port (src/storage): what the services use, on either back end. */
    storage: Storage;
    /** SQLite back end only (components not on the port yet: vector index files, forecasts, web sessions). */
    db: Db;
    sqlite: Database.Database;
    /** PostgreSQL back end only: the pool (followers, LISTEN connections, the rate-limit store). */
    pgDb: OpenedPgDatabase;
  }
}

export interface DbPluginOptions {
  /** SQLite file (the default back end). */
  path: string;
  /** postgres://… selects PostgreSQL; the committed drizzle/pg migrations are applied at start (advisory-locked). */
  url?: string;
  poolMax?: number;
}

const dbPlugin: FastifyPluginAsync<DbPluginOptions> = async (app, opts) => {
  if (isPostgresUrl(opts.url)) {
    const opened = await openPgDatabase(opts.url, { max: opts.poolMax ?? 10 });
    const storage = new PgStorage(opened);
    app.decorate('pgDb', opened);
    app.decorate('storage', storage as Storage);
    // This process's own SQLite file holds only data derived from what the release ships (the reference labour-market
    // series and the forecast models fitted on them), the same on every replica. Shared state never goes there: the
    // routes that would read domain data from it refuse on PostgreSQL (requireSqlite).
    // Readiness: the committed drizzle/pg migrations are all applied (the migrator ran them at start, under its lock).
    const expected = readdirSync(PG_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length;
    const { rows } = await opened.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    const applied = Number(rows[0]?.n ?? 0);
    app.readinessChecks?.push({ name: 'migrations', check: () => ({ ok: applied >= expected, detail: { applied, expected } }) });
    const local = openDatabase(opts.path);
    app.decorate('db', local.db);
    app.decorate('sqlite', local.sqlite);
    app.addHook('onClose', async () => {
      await storage.close();
      local.close();
    });
    return;
  }
  const opened = openDatabase(opts.path);
  // A process killed after an erasure but before its WAL was truncated leaves WAL frames written before the erasure
  // (they may hold her rows): checkpoint and truncate once at start, before anything reads or writes.
  await truncateWal(opened.sqlite, 2000);
  const storage = new SqliteStorage(opened);
  app.decorate('db', opened.db);
  app.decorate('sqlite', opened.sqlite);
  app.decorate('storage', storage as Storage);
  app.addHook('onClose', async () => {
    await storage.close();
  });
};

/**
 * For the routes whose data is not on the storage port yet (user-uploaded series, platform forecasts, screening
 * aggregates): on PostgreSQL they answer 501 NOT_IMPLEMENTED instead of reading this process's local file.
 */
export function requireSqlite(app: { storage: Storage }, what: string): void {
  if (app.storage.dialect === 'postgres') {
    throw new AppError('NOT_IMPLEMENTED', `${what} is not available on the PostgreSQL back end yet (docs/scale-out.md); it runs on the SQLite back end`);
  }
}

export default fp(dbPlugin, { name: 'passerelle-db', fastify: '5.x' });
