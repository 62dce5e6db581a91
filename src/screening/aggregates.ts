// What a ministry sees: how many screened vacancies carry each flag, by destination, occupation or employer. Counts
// below k are withheld, and each column gets complementary suppression so no withheld count can be derived.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { belowK, suppressCells } from '../cell-suppression.js';
import type { VacancyRow } from '../forecast/platform-signals.js';
import { hiddenMasses, linkedWithholding, type HiddenMass, type OffPlatformCount } from '../linked-suppression.js';
import { offPublicationGrid } from '../errors.js';
import { FLAG_TYPES } from './types.js';
import { vacanciesVersion, type AggregatesDb, type VacancyVersionCache } from './grid-cache.js';
import { prefix, type VacancyRows } from './vacancy-rows.js';

export interface AggregateQuery {
  by: 'destination' | 'occupation' | 'employer';
  iscoLevel: number;
  country?: string;
}

/**
 * A ministry's grid: ISCO sub-major groups (2 digits), no finer — and no coarser either, since the 1-digit major group
 * would be a published total of its 2-digit groups, a second table to subtract from — and the whole platform: a
 * `country` scope would make occupation × country (or employer × country) a cross-table whose margins are the other
 * groupings. `by=destination` gives the per-country counts.
 */
export const MINISTRY_ISCO_LEVEL = 2;

export function checkMinistryGrid(q: { iscoLevel: number; country?: string }): void {
  if (q.iscoLevel !== MINISTRY_ISCO_LEVEL) throw offPublicationGrid('query.iscoLevel', `a ministry reads occupations at ISCO level ${MINISTRY_ISCO_LEVEL} (sub-major groups)`);
  if (q.country !== undefined) throw offPublicationGrid('query.country', 'a ministry reads the whole platform; by=destination gives the counts per country');
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

export interface GroupCounts {
  key: string;
  n: number;
  flagged: number;
  held: number;
  /** Vacancies carrying each standing flag type (absent: 0). */
  byFlag: ReadonlyMap<string, number>;
}

/** The columns whose grand total is published in `total`; the per-flag sums are not, but another grouping gives them. */
const TOTALLED = ['vacancies', 'flagged', 'held'] as const;

/**
 * The published table: every count from 1 to k − 1 withheld, and every count of a group with fewer than k vacancies
 * (its zeros too: "none of the 3 flagged" is about those 3); then complementary suppression down each column, so no
 * withheld count is a published (or, for the per-flag columns, derivable) total minus published cells. Rows have no
 * additive relation (a vacancy can carry several flags), so the columns are the table's lines.
 */
export function publishAggregates(
  groups: readonly GroupCounts[],
  k: number,
  link?: VacancyLink,
): { cells: (Omit<AggregateCell, 'label'>)[]; total: Record<(typeof TOTALLED)[number], number | null> } {
  const columns = [...TOTALLED, ...FLAG_TYPES];
  const countsOf = (g: GroupCounts): Record<string, number> => ({
    vacancies: g.n,
    flagged: g.flagged,
    held: g.held,
    ...Object.fromEntries(FLAG_TYPES.map((t) => [t, g.byFlag.get(t) ?? 0])),
  });
  const values = new Map<string, number>();
  const primary: string[] = [];
  for (const g of groups) {
    for (const [col, v] of Object.entries(countsOf(g))) {
      values.set(`${g.key}|${col}`, v);
      if (belowK(g.n, k)) primary.push(`${g.key}|${col}`);
    }
  }
  for (const col of TOTALLED) values.set(`*|${col}`, groups.reduce((a, g) => a + countsOf(g)[col]!, 0));
  const lines = columns.map((col) => ({ parts: groups.map((g) => `${g.key}|${col}`), ...((TOTALLED as readonly string[]).includes(col) ? { total: `*|${col}` } : {}) }));
  const hidden = suppressCells(values, lines, k, primary, new Set(), k);
  // The vacancy counts linked to platform signals (linked-suppression.ts), withheld on top of this table's own rule.
  for (const key of link?.hidden ?? []) hidden.add(`${key}|vacancies`);
  if (link?.totalHidden) hidden.add('*|vacancies');
  const shown = (id: string) => (hidden.has(id) ? null : values.get(id)!);
  return {
    cells: groups.map((g) => ({
      key: g.key,
      vacancies: shown(`${g.key}|vacancies`),
      flagged: shown(`${g.key}|flagged`),
      held: shown(`${g.key}|held`),
      byFlag: Object.fromEntries(FLAG_TYPES.map((t) => [t, shown(`${g.key}|${t}`)])),
      suppressed: columns.filter((col) => hidden.has(`${g.key}|${col}`)),
    })),
    total: { vacancies: shown('*|vacancies'), flagged: shown('*|flagged'), held: shown('*|held') },
  };
}

/** The vacancy counts a view withholds because of platform signals, and whether the grand total goes too. */
export interface VacancyLink {
  hidden: ReadonlySet<string>;
  totalHidden: boolean;
}

/** What the link needs: platform signals' rows (the whole platform), the screened vacancies they do not count, and
 * the vacancy counts of the two views that are sums of platform cells (ISCO-2 groups and countries). */
interface LinkData {
  rows: VacancyRow[];
  off: OffPlatformCount[];
  byOccupation: { key: string; n: number }[];
  byDestination: { key: string; n: number }[];
}

const SCREENED = "v.screening IS NOT NULL AND v.status <> 'draft'";
const PLATFORM_ROWS =
  "SELECT substr(occupation_isco, 1, 4) AS isco, country, region, status, coalesce(opened_at, created_at) AS opened, closed_at AS closed FROM vacancies WHERE occupation_isco IS NOT NULL AND status <> 'draft'";

function sqliteLinkData(sqlite: Database.Database): LinkData {
  const suggested = "json_extract(v.suggestions, '$.occupation.isco')";
  const n = (sql: string) => (sqlite.prepare(sql).all() as { key: string; n: number }[]).map((r) => ({ key: r.key, n: Number(r.n) }));
  return {
    rows: sqlite.prepare(PLATFORM_ROWS).all() as VacancyRow[],
    off: (sqlite.prepare(`SELECT substr(coalesce(${suggested}, '?'), 1, 2) AS isco2, v.country AS country, count(*) AS n FROM vacancies v WHERE ${SCREENED} AND v.occupation_isco IS NULL GROUP BY isco2, country`).all() as OffPlatformCount[]).map((r) => ({ ...r, n: Number(r.n) })),
    byOccupation: n(`SELECT substr(coalesce(v.occupation_isco, ${suggested}, '?'), 1, 2) AS key, count(*) AS n FROM vacancies v WHERE ${SCREENED} GROUP BY 1`),
    byDestination: n(`SELECT v.country AS key, count(*) AS n FROM vacancies v WHERE ${SCREENED} GROUP BY 1`),
  };
}

async function pgLinkData(pool: pg.Pool): Promise<LinkData> {
  const suggested = "v.suggestions->'occupation'->>'isco'";
  const n = async (sql: string) => (await pool.query(sql)).rows.map((r: { key: string; n: number }) => ({ key: r.key, n: Number(r.n) }));
  return {
    rows: (await pool.query(PLATFORM_ROWS)).rows as VacancyRow[],
    off: (await pool.query(`SELECT substr(coalesce(${suggested}, '?'), 1, 2) AS isco2, v.country AS country, count(*)::int AS n FROM vacancies v WHERE ${SCREENED} AND v.occupation_isco IS NULL GROUP BY 1, 2`)).rows.map(
      (r: OffPlatformCount) => ({ ...r, n: Number(r.n) }),
    ),
    byOccupation: await n(`SELECT substr(coalesce(v.occupation_isco, ${suggested}, '?'), 1, 2) AS key, count(*)::int AS n FROM vacancies v WHERE ${SCREENED} GROUP BY 1`),
    byDestination: await n(`SELECT v.country AS key, count(*)::int AS n FROM vacancies v WHERE ${SCREENED} GROUP BY 1`),
  };
}

/** Both linked views' withheld counts (by ISCO-2 group and by country) and whether the grand total they share goes. */
interface LinkedViews {
  occupation: ReadonlySet<string>;
  destination: ReadonlySet<string>;
  totalHidden: boolean;
}

/**
 * The publication grid's link to platform signals (linked-suppression.ts): both linked views are worked out together,
 * since the grand total they share must be withheld in all views or in none.
 */
function linkedViews(data: LinkData, k: number, now: Date): LinkedViews {
  return linkedViewsOf(hiddenMasses(data.rows, data.off, k, now), data, k);
}

function linkedViewsOf(masses: readonly HiddenMass[], data: Pick<LinkData, 'byOccupation' | 'byDestination'>, k: number): LinkedViews {
  const ownHidden = (groups: { key: string; n: number }[]) =>
    new Set(publishAggregates(groups.map((g) => ({ ...g, flagged: 0, held: 0, byFlag: new Map() })), k).cells.filter((c) => c.vacancies === null).map((c) => c.key));
  const index = (key: (m: HiddenMass) => string) => {
    const map = new Map<string, HiddenMass[]>();
    for (const m of masses) (map.get(key(m)) ?? map.set(key(m), []).get(key(m))!).push(m);
    return map;
  };
  const byIsco2 = index((m) => m.isco2);
  const byCountry = index((m) => m.country);
  const occupation = linkedWithholding(data.byOccupation, ownHidden(data.byOccupation), (key) => byIsco2.get(key), masses, k);
  const destination = linkedWithholding(data.byDestination, ownHidden(data.byDestination), (key) => byCountry.get(key), masses, k);
  return { occupation: occupation.hidden, destination: destination.hidden, totalHidden: occupation.totalHidden || destination.totalHidden };
}

function linkOf(views: LinkedViews, by: AggregateQuery['by']): VacancyLink {
  if (by === 'occupation') return { hidden: views.occupation, totalHidden: views.totalHidden };
  if (by === 'destination') return { hidden: views.destination, totalHidden: views.totalHidden };
  return { hidden: new Set(), totalHidden: views.totalHidden };
}

type Published = ReturnType<typeof publishAggregates>;

/** The published table of one query, labels aside; `views` gives the linked views (read or cached once per version). */
async function publishFlags(db: AggregatesDb, q: AggregateQuery, k: number, views: () => Promise<LinkedViews>): Promise<Published> {
  const counts = 'pool' in db ? await pgCounts(db.pool, q) : sqliteCounts(db.sqlite, q);
  const byFlag = new Map<string, Map<string, number>>();
  for (const r of counts.byType) {
    const x = r as { gkey: string; ftype: string; c: number };
    (byFlag.get(x.gkey) ?? byFlag.set(x.gkey, new Map()).get(x.gkey)!).set(x.ftype, Number(x.c));
  }
  const groups: GroupCounts[] = counts.groups.map((r) => {
    const g = r as { gkey: string; n: number; held: number; flagged: number };
    return { key: g.gkey, n: Number(g.n), flagged: Number(g.flagged), held: Number(g.held), byFlag: byFlag.get(g.gkey) ?? new Map() };
  });
  return publishGroups(groups, q, k, views);
}

/** The published table of one query from its group counts. */
async function publishGroups(groups: GroupCounts[], q: AggregateQuery, k: number, views: () => Promise<LinkedViews> | LinkedViews): Promise<Published> {
  // The publication grid (ISCO-2, the whole platform) is what a ministry reads next to platform signals.
  const grid = q.iscoLevel === MINISTRY_ISCO_LEVEL && q.country === undefined;
  if (!grid) return publishAggregates(groups, k);
  const link = linkOf(await views(), q.by);
  const own = publishAggregates(groups, k, link);
  // With the total withheld, a view whose counts were all published would add it back up.
  if (link.totalHidden && own.cells.every((c) => c.vacancies !== null) && groups.length > 0) {
    const first = [...groups].sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : 1))[0]!;
    return publishAggregates(groups, k, { ...link, hidden: new Set([...link.hidden, first.key]) });
  }
  return own;
}

/**
 * Counts over screened vacancies that were submitted (drafts are private to their employer). With a `cache`, the
 * table is computed once per vacancies version (grid-cache.ts); without one, on every call.
 */
export async function aggregateFlags(
  db: AggregatesDb,
  q: AggregateQuery,
  k: number,
  labelOf: (key: string) => string | null | Promise<string | null>,
  cache?: VacancyVersionCache,
  now = new Date(),
) {
  const loadViews = async () => linkedViews('pool' in db ? await pgLinkData(db.pool) : sqliteLinkData(db.sqlite), k, now);
  let published: Published;
  // Read before any data, so a cached table is never older than the version it is kept under (grid-cache.ts).
  const version = cache ? await vacanciesVersion(db) : null;
  if (cache && version !== null) {
    // Platform signals' months run to the current one, so the month is part of every key.
    const month = now.toISOString().slice(0, 7);
    // A miss (a write since) brings the derived rows forward by what changed, then counts over them in memory.
    published = await cache.memo(version, `flags|${q.by}|${q.iscoLevel}|${q.country ?? ''}|${k}|${month}`, async () => {
      const rows = await cache.rows.advance(db, version);
      return publishGroups(groupsOf(rows, q, 'pool' in db ? 'utf16' : 'codepoint'), q, k, () => viewsOf(rows, k, now));
    });
  } else published = await publishFlags(db, q, k, loadViews);
  const { cells, total } = published;
  const labels = await Promise.all(cells.map((c) => labelOf(c.key)));
  return { cells: cells.map((c, i): AggregateCell => ({ ...c, label: labels[i]! })), total };
}

/** SQLite's ORDER BY on text (BINARY: UTF-8 bytes, which is code point order); PostgreSQL's rows are sorted with `<`. */
const ORDER = {
  codepoint: (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')),
  utf16: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0),
};

/** sqliteCounts / pgCounts over the derived rows: the same groups, counts and order (a tally kept across writes). */
function groupsOf(rows: VacancyRows, q: AggregateQuery, order: keyof typeof ORDER): GroupCounts[] {
  const { by, iscoLevel: level, country } = q;
  const tally = rows.tally(`${by}|${level}|${country ?? ''}`, (r) => {
    if (!r.screened || (country !== undefined && r.country !== country)) return null;
    return by === 'destination' ? r.country : by === 'employer' ? r.employer : level === 2 ? r.isco2 : prefix(r.occ, level);
  });
  const cmp = ORDER[order];
  return [...tally.entries()].sort((a, b) => cmp(a[0], b[0])).map(([key, g]) => ({ key, n: g.n, flagged: g.flagged, held: g.held, byFlag: new Map(g.byFlag) }));
}

/** linkedViews over the derived rows: each platform group's hidden masses kept until one of its rows changes. */
function viewsOf(rows: VacancyRows, k: number, now: Date): LinkedViews {
  const tag = `${k}|${now.toISOString().slice(0, 7)}`;
  return rows.memo(`views|${tag}`, () => {
    const masses: HiddenMass[] = [];
    for (const group of rows.groups.keys()) masses.push(...rows.groupMemo(group, tag, (platform) => hiddenMasses(platform, [], k, now)));
    // The screened vacancies platform signals do not count (no coded ISCO unit), by ISCO-2 group and country.
    const off = rows.tally('off-platform', (r) => (r.screened && !r.coded ? `${r.isco2}\u0000${r.country}` : null));
    masses.push(
      ...hiddenMasses(
        [],
        [...off].map(([key, g]) => {
          const [isco2, country] = key.split('\u0000') as [string, string];
          return { isco2, country, n: g.n };
        }),
        k,
        now,
      ),
    );
    const list = (by: AggregateQuery['by']) => groupsOf(rows, { by, iscoLevel: MINISTRY_ISCO_LEVEL }, 'utf16').map((g) => ({ key: g.key, n: g.n }));
    return linkedViewsOf(masses, { byOccupation: list('occupation'), byDestination: list('destination') }, k);
  });
}
