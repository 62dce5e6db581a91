// What a ministry sees: how many screened vacancies carry each flag, by destination, occupation or employer. Counts
// below k are withheld, and where a column has a total, one more cell is withheld so no count can be derived.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { FLAG_TYPES } from './types.js';

export interface AggregateQuery {
  by: 'destination' | 'occupation' | 'employer';
  iscoLevel: number;
  country?: string;
}

export interface AggregateCell {
  key: string;
  label: string | null;
  vacancies: number | null;
  flagged: number | null;
  held: number | null;
  byFlag: Record<string, number | null>;
  suppressed: string[];
}

const KEY_SQL: Record<AggregateQuery['by'], string> = {
  destination: 'v.country',
  employer: 'v.employer_id',
  occupation: "substr(coalesce(v.occupation_isco, json_extract(v.suggestions, '$.occupation.isco'), '?'), 1, @level)",
};

// The same two counts in PostgreSQL's JSON functions (issue 15: the PostgreSQL back end).
const PG_KEY_SQL: Record<AggregateQuery['by'], string> = {
  destination: 'v.country',
  employer: 'v.employer_id',
  occupation: "substr(coalesce(v.occupation_isco, v.suggestions->'occupation'->>'isco', '?'), 1, $1)",
};

interface Counts {
  groups: Record<string, unknown>[];
  byType: Record<string, unknown>[];
}

function sqliteCounts(sqlite: Database.Database, q: AggregateQuery): Counts {
  const key = KEY_SQL[q.by];
  const where = `v.screening IS NOT NULL AND v.status <> 'draft'${q.country ? ' AND v.country = @country' : ''}`;
  const standing = "coalesce(json_extract(f.value, '$.dismissed'), 0) = 0";
  const params = { level: q.iscoLevel, ...(q.country ? { country: q.country } : {}) };
  const groups = sqlite
    .prepare(
      `SELECT ${key} AS gkey, count(*) AS n, sum(v.status = 'held') AS held,
              sum(EXISTS (SELECT 1 FROM json_each(v.screening, '$.flags') f WHERE ${standing})) AS flagged
         FROM vacancies v WHERE ${where} GROUP BY gkey ORDER BY gkey`,
    )
    .all(params) as Record<string, unknown>[];
  // Aliases unlike json_each's own columns (key, type), which GROUP BY would otherwise pick.
  const byType = sqlite
    .prepare(
      `SELECT ${key} AS gkey, json_extract(f.value, '$.type') AS ftype, count(DISTINCT v.id) AS c
         FROM vacancies v, json_each(v.screening, '$.flags') f WHERE ${where} AND ${standing} GROUP BY gkey, ftype`,
    )
    .all(params) as Record<string, unknown>[];
  return { groups, byType };
}

async function pgCounts(pool: pg.Pool, q: AggregateQuery): Promise<Counts> {
  const key = PG_KEY_SQL[q.by];
  const where = `v.screening IS NOT NULL AND v.status <> 'draft'${q.country ? ' AND v.country = $2' : ''}`;
  const standing = "coalesce((f.value->>'dismissed')::boolean, false) = false";
  const params = [q.iscoLevel, ...(q.country ? [q.country] : [])];
  const groups = await pool.query(
    `SELECT ${key} AS gkey, count(*)::int AS n, sum(CASE WHEN v.status = 'held' THEN 1 ELSE 0 END)::int AS held,
            sum(CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(v.screening->'flags') f(value) WHERE ${standing}) THEN 1 ELSE 0 END)::int AS flagged
       FROM vacancies v WHERE ${where} AND $1::int IS NOT NULL GROUP BY gkey`,
    params,
  );
  // Ordered by code point, as SQLite orders (PostgreSQL's order follows the database's collation).
  groups.rows.sort((a: { gkey: string | null }, b: { gkey: string | null }) => ((a.gkey ?? '') < (b.gkey ?? '') ? -1 : (a.gkey ?? '') > (b.gkey ?? '') ? 1 : 0));
  const byType = await pool.query(
    `SELECT ${key} AS gkey, f.value->>'type' AS ftype, count(DISTINCT v.id)::int AS c
       FROM vacancies v, jsonb_array_elements(v.screening->'flags') f(value) WHERE ${where} AND $1::int IS NOT NULL AND ${standing} GROUP BY gkey, ftype`,
    params,
  );
  return { groups: groups.rows, byType: byType.rows };
}

/** Counts over screened vacancies that were submitted (drafts are private to their employer). */
export async function aggregateFlags(
  db: { sqlite: Database.Database } | { pool: pg.Pool },
  q: AggregateQuery,
  k: number,
  labelOf: (key: string) => string | null | Promise<string | null>,
) {
  const counts = 'pool' in db ? await pgCounts(db.pool, q) : sqliteCounts(db.sqlite, q);
  const groups = counts.groups.map((r) => {
      const { gkey, ...rest } = r as { gkey: string; n: number; held: number; flagged: number };
      return { key: gkey, ...rest };
    });
  const byType = counts.byType.map((r) => {
      const x = r as { gkey: string; ftype: string; c: number };
      return { key: x.gkey, type: x.ftype, c: x.c };
    });
  const typeCounts = new Map<string, Map<string, number>>();
  for (const r of byType) (typeCounts.get(r.key) ?? typeCounts.set(r.key, new Map()).get(r.key)!).set(r.type, r.c);

  const small = (c: number) => c > 0 && c < k;
  const cells = groups.map((g) => {
    const hidden = new Set<string>();
    const counts: Record<string, number> = { vacancies: g.n, flagged: g.flagged, held: g.held };
    for (const t of FLAG_TYPES) counts[t] = typeCounts.get(g.key)?.get(t) ?? 0;
    if (small(g.n)) for (const c of Object.keys(counts)) hidden.add(c);
    for (const [c, v] of Object.entries(counts)) if (small(v)) hidden.add(c);
    return { g, counts, hidden };
  });
  // Secondary suppression on the columns that have a published total.
  for (const col of ['vacancies', 'flagged', 'held']) {
    const hiddenCells = cells.filter((c) => c.hidden.has(col));
    if (hiddenCells.length !== 1) continue;
    const other = cells.filter((c) => !c.hidden.has(col) && c.counts[col]! > 0).sort((a, b) => a.counts[col]! - b.counts[col]! || (a.g.key < b.g.key ? -1 : 1))[0];
    if (other) other.hidden.add(col);
  }
  const shown = (c: (typeof cells)[number], col: string) => (c.hidden.has(col) ? null : c.counts[col]!);
  const labels = await Promise.all(cells.map((c) => labelOf(c.g.key)));
  const out: AggregateCell[] = cells.map((c, i) => ({
    key: c.g.key,
    label: labels[i]!,
    vacancies: shown(c, 'vacancies'),
    flagged: shown(c, 'flagged'),
    held: shown(c, 'held'),
    byFlag: Object.fromEntries(FLAG_TYPES.map((t) => [t, shown(c, t)])),
    suppressed: [...c.hidden],
  }));
  const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((s, g) => s + f(g), 0);
  const orNull = (v: number) => (small(v) ? null : v);
  const total = { vacancies: orNull(sum((g) => g.n)), flagged: orNull(sum((g) => g.flagged)), held: orNull(sum((g) => g.held)) };
  return { cells: out, total };
}
