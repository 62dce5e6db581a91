import { and, gt, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { AppError } from '../errors.js';

// Opaque cursors: the last id of the page (ids are time-ordered), versioned so the format can change.
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: lastId })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, prefix: string): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; after?: unknown };
    if (parsed.v === 1 && typeof parsed.after === 'string' && parsed.after.startsWith(`${prefix}_`)) return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw new AppError('INVALID_CURSOR', 'query.cursor: is not a cursor issued by this list', [{ path: 'query.cursor', rule: 'cursor' }]);
}

/** Rows fetched with limit + 1: the extra row only tells whether a next page exists. */
export function page<T extends { id: string }, U>(rows: T[], limit: number, map: (row: T) => U): { items: U[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(map), nextCursor: more && last ? encodeCursor(last.id) : null };
}

/** A keyset list's WHERE: the caller's filters and, with a cursor, "id after the cursor's last id". */
export function keysetWhere(id: SQLiteColumn, filters: SQL[], cursor: string | undefined, prefix: string): SQL | undefined {
  const after = decodeCursor(cursor, prefix);
  const conds = after ? [...filters, gt(id, after)] : filters;
  return conds.length ? and(...conds) : undefined;
}
