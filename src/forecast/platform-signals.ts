// The platform's own shortage signals per occupation (ISCO) × country/region × month, from the service's tables.
// Ministries see only aggregates: every count below k is suppressed and marked.
import type Database from 'better-sqlite3';
import { median } from '../matching/fairness.js';
import { addMonths } from './reference-data.js';
import { suppressCells, type SuppressionLine } from '../cell-suppression.js';

export interface PlatformMonth {
  period: string;
  /** Vacancies opened (posted) in the month; null when suppressed. */
  posted: number | null;
  /** Vacancies open at some point in the month. */
  open: number | null;
  medianDaysOpen: number | null;
  medianTimeToFill: number | null;
  suppressed: string[];
}

export interface PlatformCell {
  isco: string;
  country: string;
  region: string;
  months: PlatformMonth[];
  /** Current snapshot: consenting candidates for this occupation and destination, per open vacancy. */
  candidatesPerVacancy: number | null;
  /** Share of currently open vacancies with fewer than k qualified (consenting, same ISCO unit, destination) candidates. */
  shareFewQualified: number | null;
  suppressed: string[];
}

export interface VacancyRow {
  isco: string;
  country: string;
  region: string | null;
  status: string;
  opened: string;
  closed: string | null;
}

const month = (iso: string): string => iso.slice(0, 7);
const days = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

const medianOrNull = (v: number[]): number | null => (v.length ? median(v) : null);
const nextMonth = (p: string): string => addMonths(p, 1);

/**
 * Aggregate vacancies (and consenting candidates) into platform signals. `k` is the small-cell threshold: a count or a
 * median over fewer than k vacancies is returned as null and listed in `suppressed`. The national cell uses region '*'.
 * `only` restricts the cells to one country and/or ISCO unit group in SQL, so a request does not aggregate them all.
 */
export function platformSignals(sqlite: Database.Database, k: number, now = new Date(), only: { country?: string; isco?: string } = {}): PlatformCell[] {
  const where = (country: boolean) =>
    `${country && only.country ? ' AND country = @country' : ''}${only.isco ? ' AND substr(occupation_isco, 1, 4) = @isco' : ''}`;
  const params = { ...(only.country ? { country: only.country } : {}), ...(only.isco ? { isco: only.isco } : {}) };
  const rows = sqlite
    .prepare(
      `SELECT substr(occupation_isco, 1, 4) AS isco, country, region, status,
              coalesce(opened_at, created_at) AS opened, closed_at AS closed
         FROM vacancies WHERE occupation_isco IS NOT NULL AND status <> 'draft'${where(true)}`,
    )
    .all(params) as VacancyRow[];
  const candidates = sqlite
    .prepare(`SELECT substr(occupation_isco, 1, 4) AS isco, destinations FROM candidates WHERE consent_matching = 1 AND occupation_isco IS NOT NULL${where(false)}`)
    .all(only.isco ? { isco: only.isco } : {}) as { isco: string; destinations: string }[];
  return aggregatePlatformSignals(rows, candidates, k, now);
}

/** The aggregation itself, from the vacancy and consenting-candidate rows (either back end: see forecast/series-repo.ts). */
export function aggregatePlatformSignals(rows: readonly VacancyRow[], candidates: readonly { isco: string; destinations: string | string[] }[], k: number, now = new Date()): PlatformCell[] {
  const supply = new Map<string, number>();
  for (const c of candidates) {
    let dest: string[] = [];
    if (Array.isArray(c.destinations)) dest = c.destinations;
    else {
      try {
        dest = JSON.parse(c.destinations) as string[];
      } catch {
        dest = [];
      }
    }
    for (const d of dest) supply.set(`${c.isco}|${d}`, (supply.get(`${c.isco}|${d}`) ?? 0) + 1);
  }
  const cells = new Map<string, VacancyRow[]>();
  for (const r of rows) {
    // Its region's cell and the national one ('*'); a vacancy without a region is in the national cell once.
    for (const region of r.region === null ? ['*'] : [r.region, '*']) {
      const key = `${r.isco}|${r.country}|${region}`;
      const list = cells.get(key) ?? [];
      list.push(r);
      cells.set(key, list);
    }
  }
  const nowMonth = month(now.toISOString());
  const out: PlatformCell[] = [];
  for (const [key, list] of cells) {
    const [isco, country, region] = key.split('|') as [string, string, string];
    const first = list.reduce((a, r) => (month(r.opened) < a ? month(r.opened) : a), nowMonth);
    const months: PlatformMonth[] = [];
    for (let p = first; p <= nowMonth; p = nextMonth(p)) {
      const end = nextMonth(p);
      const posted = list.filter((r) => month(r.opened) === p).length;
      const open = list.filter((r) => month(r.opened) <= p && (!r.closed || month(r.closed) >= p)).length;
      const closedHere = list.filter((r) => r.closed && month(r.closed) === p && r.closed < `${end}-01`);
      const daysOpen = closedHere.map((r) => days(r.opened, r.closed!));
      const fill = closedHere.filter((r) => r.status === 'filled').map((r) => days(r.opened, r.closed!));
      const suppressed: string[] = [];
      const keep = (name: string, n: number, v: number | null): number | null => {
        if (n < k) {
          suppressed.push(name);
          return null;
        }
        return v;
      };
      months.push({
        period: p,
        posted: keep('posted', posted, posted),
        open: keep('open', open, open),
        medianDaysOpen: keep('medianDaysOpen', daysOpen.length, medianOrNull(daysOpen)),
        medianTimeToFill: keep('medianTimeToFill', fill.length, medianOrNull(fill)),
        suppressed,
      });
    }
    const openNow = list.filter((r) => r.status === 'open').length;
    const qualified = supply.get(`${isco}|${country}`) ?? 0;
    const suppressed: string[] = [];
    let cpv: number | null = null;
    let few: number | null = null;
    if (openNow < k || qualified < k) suppressed.push('candidatesPerVacancy');
    else cpv = qualified / openNow;
    if (openNow < k) suppressed.push('shareFewQualified');
    else few = qualified < k ? 1 : 0;
    out.push({ isco, country, region, months, candidatesPerVacancy: cpv, shareFewQualified: few, suppressed });
  }
  suppressAcrossRegions(out, cells, k);
  return out.sort((a, b) => `${a.country}|${a.isco}|${a.region}`.localeCompare(`${b.country}|${b.isco}|${b.region}`));
}

/** The additive counts of a month: the national cell ('*') is the sum of its regions' and the region-less vacancies'. */
const ADDITIVE = ['posted', 'open'] as const;

/**
 * Complementary suppression across the cells of one occupation and country: the national cell is published next to
 * its regions, so a lone withheld region would be the national count minus the others (12 − 10 = the 2 vacancies of
 * one employer in Berlin). Per month and per additive count, the regions (and the region-less vacancies, never
 * published on their own) are the parts and the national cell the total of one line (cell-suppression.ts).
 */
function suppressAcrossRegions(out: PlatformCell[], byKey: ReadonlyMap<string, readonly VacancyRow[]>, k: number): void {
  const groups = new Map<string, PlatformCell[]>();
  for (const c of out) {
    const g = `${c.isco}|${c.country}`;
    const group = groups.get(g);
    if (group) group.push(c);
    else groups.set(g, [c]);
  }
  for (const [g, cellsOf] of groups) {
    const national = cellsOf.find((c) => c.region === '*');
    if (!national) continue;
    const regions = cellsOf.filter((c) => c !== national);
    const noRegion = (byKey.get(`${g}|*`) ?? []).filter((r) => r.region === null);
    for (const [i, m] of national.months.entries()) {
      const values = new Map<string, number>();
      const primary: string[] = [];
      const lines: SuppressionLine[] = [];
      for (const col of ADDITIVE) {
        const count = (c: PlatformCell): number | null => c.months.find((x) => x.period === m.period)?.[col] ?? null;
        const trueCount = (rows: readonly VacancyRow[]) =>
          col === 'posted'
            ? rows.filter((r) => month(r.opened) === m.period).length
            : rows.filter((r) => month(r.opened) <= m.period && (!r.closed || month(r.closed) >= m.period)).length;
        const parts: string[] = [];
        for (const c of regions) {
          const id = `${c.region}|${col}`;
          values.set(id, trueCount(byKey.get(`${g}|${c.region}`) ?? []));
          if (count(c) === null) primary.push(id);
          parts.push(id);
        }
        const none = trueCount(noRegion);
        if (none > 0) {
          values.set(`~none|${col}`, none);
          primary.push(`~none|${col}`);
          parts.push(`~none|${col}`);
        }
        values.set(`*|${col}`, trueCount(byKey.get(`${g}|*`) ?? []));
        if (m[col] === null) primary.push(`*|${col}`);
        lines.push({ parts, total: `*|${col}` });
      }
      const hidden = suppressCells(values, lines, k, primary, new Set(), k);
      for (const c of [national, ...regions]) {
        const cm = c === national ? national.months[i]! : c.months.find((x) => x.period === m.period);
        if (!cm) continue;
        for (const col of ADDITIVE) {
          if (!hidden.has(`${c.region}|${col}`) || cm[col] === null) continue;
          cm[col] = null;
          cm.suppressed.push(col);
        }
      }
    }
    // Candidates per vacancy is one number of candidates (the same for every cell of the occupation and country) over
    // each cell's open vacancies, so it is a count in disguise: the open vacancies get the same line, and a cell whose
    // current open count is withheld does not show it (else K/6 gives back the 6 withheld above).
    const openNow = (rows: readonly VacancyRow[]) => rows.filter((r) => r.status === 'open').length;
    const values = new Map<string, number>();
    const primary: string[] = [];
    const parts: string[] = [];
    for (const c of [national, ...regions]) {
      const id = c === national ? '*' : c.region;
      values.set(id, openNow(byKey.get(`${g}|${c.region}`) ?? []));
      if (c.candidatesPerVacancy === null || c.months.at(-1)?.open === null) primary.push(id);
      if (c !== national) parts.push(id);
    }
    const none = openNow(noRegion);
    if (none > 0) {
      values.set('~none', none);
      primary.push('~none');
      parts.push('~none');
    }
    const hidden = suppressCells(values, [{ parts, total: '*' }], k, primary, new Set(), k);
    for (const c of [national, ...regions]) {
      if (!hidden.has(c === national ? '*' : c.region) || c.candidatesPerVacancy === null) continue;
      c.candidatesPerVacancy = null;
      if (!c.suppressed.includes('candidatesPerVacancy')) c.suppressed.push('candidatesPerVacancy');
    }
  }
}
