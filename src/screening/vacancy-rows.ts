// What the ministry aggregates need of each vacancy (its view keys, flags, and platform-signals row), held in memory as
// of one vacancies version and brought forward by re-reading only the vacancies written since: the triggers that bump
// the change counter also record each changed id with the counter (vacancy_row_changes, drizzle/0018, drizzle/pg/0009).
// A missing id is a deleted vacancy and is evicted. Each derived value is computed by the database with the same
// expressions the per-request queries use (aggregates.ts), so the counts over these rows equal theirs.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { VacancyRow } from '../forecast/platform-signals.js';
import { withPgTransaction } from '../db/pg/client.js';
import type { AggregatesDb } from './grid-cache.js';

/** One vacancy as the aggregates see it. */
export interface DerivedVacancy {
  employer: string;
  country: string;
  status: string;
  /** coalesce(occupation_isco, the suggested ISCO, '?') as text: the occupation view's key before its cut to a level. */
  occ: string;
  /** Its first two characters (the ISCO sub-major group of the publication grid). */
  isco2: string;
  /** A coded ISCO unit (occupation_isco set). */
  coded: boolean;
  /** Screened and submitted: what every view counts. */
  screened: boolean;
  /** Carries a standing (not dismissed) flag. */
  flagged: boolean;
  /** The distinct types of its standing flags. */
  flagTypes: readonly string[];
  /** Its platform-signals row (a coded ISCO unit, not a draft), else null. */
  platform: VacancyRow | null;
}

interface RawRow {
  id: string;
  employer: string;
  country: string;
  status: string;
  occ: string;
  coded: number | boolean;
  screened: number | boolean | null;
  ftypes: string | unknown[] | null;
  platform: number | boolean | null;
  isco: string | null;
  region: string | null;
  opened: string;
  closed: string | null;
}

const SQLITE_STANDING = "coalesce(json_extract(f.value, '$.dismissed'), 0) = 0";
const SQLITE_SCREENED = "v.screening IS NOT NULL AND v.status <> 'draft'";
const SQLITE_ROWS = `SELECT v.id AS id, v.employer_id AS employer, v.country AS country, v.status AS status,
  CAST(coalesce(v.occupation_isco, json_extract(v.suggestions, '$.occupation.isco'), '?') AS TEXT) AS occ,
  v.occupation_isco IS NOT NULL AS coded, (${SQLITE_SCREENED}) AS screened,
  CASE WHEN ${SQLITE_SCREENED} THEN (SELECT json_group_array(json_extract(f.value, '$.type')) FROM json_each(v.screening, '$.flags') f WHERE ${SQLITE_STANDING}) END AS ftypes,
  (v.occupation_isco IS NOT NULL AND v.status <> 'draft') AS platform,
  substr(v.occupation_isco, 1, 4) AS isco, v.region AS region, coalesce(v.opened_at, v.created_at) AS opened, v.closed_at AS closed
  FROM vacancies v`;

const PG_STANDING = "coalesce((f.value->>'dismissed')::boolean, false) = false";
const PG_SCREENED = "v.screening IS NOT NULL AND v.status <> 'draft'";
const PG_ROWS = `SELECT v.id AS id, v.employer_id AS employer, v.country AS country, v.status AS status,
  coalesce(v.occupation_isco, v.suggestions->'occupation'->>'isco', '?') AS occ,
  v.occupation_isco IS NOT NULL AS coded, (${PG_SCREENED}) AS screened,
  CASE WHEN ${PG_SCREENED} THEN (SELECT coalesce(jsonb_agg(f.value->>'type'), '[]'::jsonb) FROM jsonb_array_elements(v.screening->'flags') f(value) WHERE ${PG_STANDING}) END AS ftypes,
  (v.occupation_isco IS NOT NULL AND v.status <> 'draft') AS platform,
  substr(v.occupation_isco, 1, 4) AS isco, v.region AS region, coalesce(v.opened_at, v.created_at) AS opened, v.closed_at AS closed
  FROM vacancies v`;

function derive(r: RawRow): DerivedVacancy {
  const types = r.ftypes === null ? [] : ((typeof r.ftypes === 'string' ? JSON.parse(r.ftypes) : r.ftypes) as unknown[]);
  return {
    employer: r.employer,
    country: r.country,
    status: r.status,
    occ: r.occ,
    isco2: prefix(r.occ, 2),
    coded: Boolean(r.coded),
    screened: Boolean(r.screened),
    flagged: types.length > 0,
    flagTypes: [...new Set(types.filter((t): t is string => typeof t === 'string'))],
    platform: r.platform ? { isco: r.isco!, country: r.country, region: r.region, status: r.status, opened: r.opened, closed: r.closed } : null,
  };
}

/** A string's first n characters, counted as SQLite's and PostgreSQL's substr count them (code points). */
export function prefix(s: string, n: number): string {
  if (s.length <= n) return s;
  for (let i = 0; i <= n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return [...s].slice(0, n).join('');
  }
  return s.slice(0, n);
}

/** The platform-signals cell group a row belongs to: aggregatePlatformSignals' cells and suppression never cross it. */
export const platformGroup = (r: VacancyRow): string => `${r.isco}|${r.country}`;

/** One group's counts in a tally: vacancies, flagged, held, and per standing flag type. */
export interface TallyCounts {
  n: number;
  flagged: number;
  held: number;
  byFlag: Map<string, number>;
}

interface Tally {
  keyOf: (r: DerivedVacancy) => string | null;
  groups: Map<string, TallyCounts>;
}

/** Tallies kept up to date at once (a ministry uses 6; an admin may ask other levels and countries). */
const MAX_TALLIES = 24;

function count(t: Tally, r: DerivedVacancy, sign: 1 | -1): void {
  const key = t.keyOf(r);
  if (key === null) return;
  let g = t.groups.get(key);
  if (!g) t.groups.set(key, (g = { n: 0, flagged: 0, held: 0, byFlag: new Map() }));
  g.n += sign;
  if (r.status === 'held') g.held += sign;
  if (r.flagged) g.flagged += sign;
  for (const type of r.flagTypes) {
    const v = (g.byFlag.get(type) ?? 0) + sign;
    if (v === 0) g.byFlag.delete(type);
    else g.byFlag.set(type, v);
  }
  if (g.n === 0) t.groups.delete(key);
}

/** What one read returned: every row (a full load) or the changed ids' rows (absent: deleted). */
type Read = { version: number; full: true; rows: RawRow[] } | { version: number; full: false; ids: string[]; rows: RawRow[] };

/** Beyond this share of the table changed, a full load is cheaper than a load by ids. */
const FULL_RELOAD_SHARE = 0.25;

function sqliteRead(sqlite: Database.Database, since: number | null, size: number): Read {
  return sqlite.transaction((): Read => {
    const version = Number((sqlite.prepare('SELECT seq FROM vacancy_changes WHERE id = 1').get() as { seq: number }).seq);
    const full = (): Read => ({ version, full: true, rows: sqlite.prepare(SQLITE_ROWS).all() as RawRow[] });
    // A counter behind the rows' (a restored database) says nothing about what changed.
    if (since === null || version < since) return full();
    const ids = (sqlite.prepare('SELECT vacancy_id AS id FROM vacancy_row_changes WHERE seq >= ?').all(since) as { id: string }[]).map((r) => r.id);
    if (ids.includes('*') || ids.length > size * FULL_RELOAD_SHARE) return full();
    const rows = ids.length ? (sqlite.prepare(`${SQLITE_ROWS} WHERE v.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as RawRow[]) : [];
    return { version, full: false, ids, rows };
  }).deferred();
}

async function pgRead(pool: pg.Pool, since: number | null, size: number): Promise<Read> {
  // One snapshot: the counter, the ids changed up to it, and their rows.
  return withPgTransaction(
    pool,
    async (client): Promise<Read> => {
      const version = Number((await client.query<{ seq: string }>('SELECT seq FROM vacancy_changes WHERE id = 1')).rows[0]!.seq);
      const full = async (): Promise<Read> => ({ version, full: true, rows: (await client.query<RawRow>(PG_ROWS)).rows });
      if (since === null || version < since) return full();
      const ids = (await client.query<{ id: string }>('SELECT vacancy_id AS id FROM vacancy_row_changes WHERE seq >= $1', [since])).rows.map((r) => r.id);
      if (ids.includes('*') || ids.length > size * FULL_RELOAD_SHARE) return full();
      return { version, full: false, ids, rows: ids.length ? (await client.query<RawRow>(`${PG_ROWS} WHERE v.id = ANY($1::text[])`, [ids])).rows : [] };
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}

/**
 * Every vacancy's derived row as of one vacancies version, with values computed from them kept until a row they
 * depend on changes: per platform group (`groupMemo`), or per version (`memo`).
 */
export class VacancyRows {
  /** The counter value the rows are as of (null: not loaded). */
  version: number | null = null;
  readonly rows = new Map<string, DerivedVacancy>();
  /** Platform rows by platform group, then by vacancy id. */
  readonly groups = new Map<string, Map<string, VacancyRow>>();
  private readonly groupValues = new Map<string, { tag: string; value: unknown }>();
  private readonly values = new Map<string, unknown>();
  private readonly tallies = new Map<string, Tally>();
  private pending: Promise<void> | null = null;

  /** Brings the rows to at least `atLeast` (the version a caller read first), re-reading only what changed. */
  async advance(db: AggregatesDb, atLeast: number): Promise<this> {
    const readOnce = () =>
      (this.pending ??= this.read(db).finally(() => {
        this.pending = null;
      }));
    // A caller behind the rows raced a write, or the counter went back (a restore): one read tells (and reloads).
    if (this.version !== null && this.version > atLeast) await readOnce();
    while (this.version === null || this.version < atLeast) await readOnce();
    return this;
  }

  private async read(db: AggregatesDb): Promise<void> {
    const read = 'pool' in db ? await pgRead(db.pool, this.version, this.rows.size) : sqliteRead(db.sqlite, this.version, this.rows.size);
    // Applied in one synchronous step, so a computation over the rows never sees half a change.
    if (read.full) {
      this.rows.clear();
      this.groups.clear();
      this.groupValues.clear();
      this.tallies.clear();
      for (const r of read.rows) this.put(String(r.id), derive(r));
    } else {
      const fetched = new Map(read.rows.map((r) => [String(r.id), derive(r)]));
      for (const id of read.ids) this.put(id, fetched.get(id));
    }
    if (read.full || read.ids.length > 0 || read.version !== this.version) this.values.clear();
    this.version = read.version;
  }

  private put(id: string, row: DerivedVacancy | undefined): void {
    const old = this.rows.get(id);
    for (const t of this.tallies.values()) {
      if (old) count(t, old, -1);
      if (row) count(t, row, 1);
    }
    if (old?.platform) {
      const group = platformGroup(old.platform);
      const rows = this.touchGroup(group);
      rows.delete(id);
      if (rows.size === 0) this.groups.delete(group);
    }
    if (row === undefined) this.rows.delete(id);
    else {
      this.rows.set(id, row);
      if (row.platform) this.touchGroup(platformGroup(row.platform)).set(id, row.platform);
    }
  }

  private touchGroup(group: string): Map<string, VacancyRow> {
    this.groupValues.delete(group);
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = new Map()));
    return g;
  }

  /** A value computed from one platform group's rows, kept until one of them changes (or the tag does). */
  groupMemo<T>(group: string, tag: string, compute: (rows: VacancyRow[]) => T): T {
    const hit = this.groupValues.get(group);
    if (hit && hit.tag === tag) return hit.value as T;
    const value = compute([...(this.groups.get(group)?.values() ?? [])]);
    this.groupValues.set(group, { tag, value });
    return value;
  }

  /**
   * The rows counted by group (`keyOf`: a row's group, or null to leave it out), kept up to date as rows change, so a
   * write costs its own rows' counts, not a scan. Read synchronously; not to be changed by the caller.
   */
  tally(name: string, keyOf: (r: DerivedVacancy) => string | null): ReadonlyMap<string, TallyCounts> {
    let t = this.tallies.get(name);
    if (!t) {
      if (this.tallies.size >= MAX_TALLIES) this.tallies.delete(this.tallies.keys().next().value!);
      t = { keyOf, groups: new Map() };
      for (const r of this.rows.values()) count(t, r, 1);
      this.tallies.set(name, t);
    }
    return t.groups;
  }

  /** A value computed from all the rows, kept until any of them changes. */
  memo<T>(key: string, compute: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = compute();
    this.values.set(key, value);
    return value;
  }
}
