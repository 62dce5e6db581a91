import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from '../db/schema/index.js';

/**
 * One query text for both back ends (issue 15). drizzle's query builders for SQLite and PostgreSQL have the same
 * shape for what the services use (select / insert … returning / update / delete / onConflict…), and both are
 * awaitable. A service therefore writes its query once against `uow.db` with the tables of `uow.t`: on SQLite these
 * are the better-sqlite3 database and src/db/schema, on PostgreSQL the node-postgres database and src/db/pg/schema
 * (same table and column names, same row shapes: test/pg.schema-parity.test.ts).
 *
 * Types are the SQLite builder's. Rules that keep a query portable (test/storage.portable.test.ts checks the ported
 * files): never call the SQLite-only `.get()`, `.all()`, `.run()`, `.values()` executors or `db.transaction` —
 * `await` the builder instead (use `first()` for one row, `.returning()` to count changes); no dialect SQL functions
 * without a branch on `uow.dialect`.
 */
export type Tables = typeof schema;
export type Sql = Pick<BetterSQLite3Database<Tables>, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | '$count'>;
export type Dialect = 'sqlite' | 'postgres';

/** The first row of a select (add `.limit(1)` to the query), or undefined. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

/** A neutral handle on one connection or transaction. */
export interface SqlHandle {
  readonly dialect: Dialect;
  readonly db: Sql;
  readonly t: Tables;
}
