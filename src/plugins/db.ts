import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type Database from 'better-sqlite3';
import { openDatabase, type Db } from '../db/client.js';
import { isPostgresUrl, openPgDatabase, type OpenedPgDatabase } from '../db/pg/client.js';
import { SqliteStorage } from '../storage/sqlite-storage.js';
import { PgStorage } from '../storage/pg-storage.js';
import type { Storage } from '../storage/storage.js';

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
    app.addHook('onClose', async () => {
      await storage.close();
    });
    return;
  }
  const opened = openDatabase(opts.path);
  const storage = new SqliteStorage(opened);
  app.decorate('db', opened.db);
  app.decorate('sqlite', opened.sqlite);
  app.decorate('storage', storage as Storage);
  app.addHook('onClose', async () => {
    await storage.close();
  });
};

/** Is this app on PostgreSQL? */
export const onPostgres = (app: { storage: Storage }): boolean => app.storage.dialect === 'postgres';

export default fp(dbPlugin, { name: 'passerelle-db', fastify: '5.x' });
