import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle or the database itself: repository methods accept either. */
export type DbOrTx = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'run' | 'all' | 'get'>;

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** Open the SQLite file with WAL, foreign keys, a busy timeout and full fsync on commit, then migrate. */
export function openDatabase(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit that returned survives power loss too, not only kill -9.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, not left in free pages (erasure must erase; issue 12).
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  let closed = false;
  return {
    db,
    sqlite,
    close() {
      if (closed) return;
      closed = true;
      sqlite.close();
    },
  };
}

/**
 * After an erasure: copy the WAL into the database and truncate it to zero bytes, so frames written before the
 * erasure (which still hold the erased rows) are gone from disk too. Readers can hold the checkpoint back: it is
 * retried for up to `retryForMs`. Resolves true once the WAL is empty.
 */
export async function truncateWal(sqlite: Database.Database, retryForMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + retryForMs;
  for (;;) {
    if (!sqlite.open) return false;
    const [res] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (res && res.busy === 0 && res.log <= 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Are all committed migrations applied? (/readyz) */
let migrationFiles: number | undefined;
export function migrationsApplied(sqlite: Database.Database): boolean {
  // The committed migrations cannot change while the process runs: count them once, not on every probe.
  const expected = (migrationFiles ??= readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
  try {
    const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    return row.n >= expected;
  } catch {
    return false;
  }
}

export const nowIso = (): string => new Date().toISOString();
