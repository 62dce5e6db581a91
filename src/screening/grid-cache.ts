// Screening aggregates (and their link to platform signals) are a function of the vacancies table, k and the month,
// so they are kept per vacancies version: a repeated ministry request with no write in between scans nothing. The
// version is the vacancy_changes counter, bumped by triggers in every writer's transaction (drizzle/0017,
// drizzle/pg/0008), so a write by another process or replica invalidates too.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { VacancyRows } from './vacancy-rows.js';

const MAX_ENTRIES = 256;

export type AggregatesDb = { sqlite: Database.Database } | { pool: pg.Pool };

/** The vacancies' change counter, or null when it cannot be trusted for caching (no row; SQLite inside an open write). */
export async function vacanciesVersion(db: AggregatesDb): Promise<number | null> {
  if ('pool' in db) {
    const { rows } = await db.pool.query<{ seq: string | number }>('SELECT seq FROM vacancy_changes WHERE id = 1');
    return rows[0] ? Number(rows[0].seq) : null;
  }
  // The write connection inside a transaction sees rows that may yet roll back (and a counter that goes back with them).
  if (db.sqlite.inTransaction) return null;
  const row = db.sqlite.prepare('SELECT seq FROM vacancy_changes WHERE id = 1').get() as { seq: number } | undefined;
  return row ? Number(row.seq) : null;
}

/**
 * Values computed from one vacancies version, each once (concurrent requests share the computation). The version must
 * be read before the data the computation reads, so a write in between makes the entry older than its data, never newer.
 */
export class VacancyVersionCache {
  /** Every vacancy's derived row, brought forward by what changed when the version moves (vacancy-rows.ts). */
  readonly rows = new VacancyRows();
  private version: number | null = null;
  private readonly entries = new Map<string, Promise<unknown>>();

  memo<T>(version: number | null, key: string, compute: () => Promise<T>): Promise<T> {
    // A reader that saw an older version than the cache holds computes for itself.
    if (version === null || (this.version !== null && version < this.version)) return compute();
    // A new version drops every entry; so does a full table (admins may ask many levels and countries).
    if (version !== this.version || this.entries.size >= MAX_ENTRIES) {
      this.version = version;
      this.entries.clear();
    }
    const hit = this.entries.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const p = compute();
    this.entries.set(key, p);
    p.catch(() => {
      if (this.entries.get(key) === p) this.entries.delete(key);
    });
    return p;
  }
}
