// What a ministry sees: how many screened vacancies carry each flag, by destination, occupation or employer. Counts
// below k are withheld, and where a column has a total, one more cell is withheld so no count can be derived.
import type Database from 'better-sqlite3';
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

/** Counts over screened vacancies that were submitted (drafts are private to their employer). */
export function aggregateFlags(sqlite: Database.Database, q: AggregateQuery, k: number, labelOf: (key: string) => string | null) {
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
    .all(params)
    .map((r) => {
      const { gkey, ...rest } = r as { gkey: string; n: number; held: number; flagged: number };
      return { key: gkey, ...rest };
    });
  // Aliases unlike json_each's own columns (key, type), which GROUP BY would otherwise pick.
  const byType = sqlite
    .prepare(
      `SELECT ${key} AS gkey, json_extract(f.value, '$.type') AS ftype, count(DISTINCT v.id) AS c
         FROM vacancies v, json_each(v.screening, '$.flags') f WHERE ${where} AND ${standing} GROUP BY gkey, ftype`,
    )
    .all(params)
    .map((r) => {
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
  const out: AggregateCell[] = cells.map((c) => ({
    key: c.g.key,
    label: labelOf(c.g.key),
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
