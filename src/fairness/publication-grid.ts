// The publication grid of ministry fairness reports. A ministry that could pick any period or scope could ask for two
// overlapping tables (January–March and January–February, all employers and all but one) and subtract them: each is
// above the suppression threshold, their difference is a handful of people. On the grid every table a ministry can get
// is one closed calendar quarter of the whole platform, so two tables never overlap and never nest.
import { offPublicationGrid as offGrid } from '../errors.js';

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/** The top-k of the grid: another k would give a second, nested top-k table (ranks k+1 … k′) of the same people. */
export const GRID_TOP_K = 10;

/** `2026-Q3` → [2026-07-01, 2026-10-01) in UTC. */
export function quarterPeriod(quarter: string): { from: string; to: string } {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(year, q * 3, 1)).toISOString(), to: new Date(Date.UTC(year, q * 3 + 3, 1)).toISOString() };
}

/** The last quarter that has ended at `now`, e.g. 2026-Q3 on 2026-12-01. */
export function lastClosedQuarter(now: Date): string {
  const q = Math.floor(now.getUTCMonth() / 3); // the current quarter, 0-based; the one before it has ended
  return q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
}

export interface GridQuery {
  period?: string;
  from?: string;
  to?: string;
  employer?: string;
  occupation?: string;
  country?: string;
  k: number;
}

/** A ministry's period on the grid, or PUBLICATION_GRID naming the first field off it. */
export function ministryGridPeriod(q: GridQuery, now: Date): { from: string; to: string } {
  for (const field of ['from', 'to'] as const) {
    if (q[field] !== undefined) throw offGrid(`query.${field}`, `a ministry's report covers one closed calendar quarter: use period (e.g. period=${lastClosedQuarter(now)}) instead of from/to`);
  }
  for (const field of ['employer', 'occupation', 'country'] as const) {
    if (q[field] !== undefined) throw offGrid(`query.${field}`, 'a ministry\'s report covers the whole platform: no employer, occupation or country scope');
  }
  if (q.k !== GRID_TOP_K) throw offGrid('query.k', `a ministry's report uses top-k = ${GRID_TOP_K}`);
  if (q.period === undefined) throw offGrid('query.period', `required for a ministry: one closed calendar quarter, e.g. period=${lastClosedQuarter(now)}`);
  const p = quarterPeriod(q.period);
  if (Date.parse(p.to) > now.getTime()) throw offGrid('query.period', `${q.period} has not ended yet; the last closed quarter is ${lastClosedQuarter(now)}`);
  return p;
}
