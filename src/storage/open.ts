import type { Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { isPostgresUrl, openPgDatabase } from '../db/pg/client.js';
import { PgStorage } from './pg-storage.js';
import { SqliteStorage } from './sqlite-storage.js';
import type { Storage } from './storage.js';

/** The configured back end for tools (CLIs): DATABASE_URL=postgres://… or else the SQLite file at DATABASE_PATH. */
export async function openStorage(config: Pick<Config, 'DATABASE_PATH' | 'DATABASE_URL' | 'PG_POOL_MAX'>): Promise<{ storage: Storage; where: string }> {
  if (isPostgresUrl(config.DATABASE_URL)) {
    const u = new URL(config.DATABASE_URL);
    return { storage: new PgStorage(await openPgDatabase(config.DATABASE_URL, { max: Math.min(config.PG_POOL_MAX, 4) })), where: `PostgreSQL database ${u.pathname.slice(1)} on ${u.host}` };
  }
  return { storage: new SqliteStorage(openDatabase(config.DATABASE_PATH)), where: config.DATABASE_PATH };
}
