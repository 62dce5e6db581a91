// Linked tables (sec14): screening aggregates (GET /v1/screening/aggregates) count the same vacancies as platform
// signals (GET /v1/forecasts/shortages?source=platform). A screening count by ISCO-2 group or by country is the sum,
// over months, of the platform's national cells of that group or country, plus screened vacancies the platform does not
// count (no coded ISCO unit). So ISCO-2 group 72 = 14 next to DE 7212 = 12 and two listed-but-withheld 72xx cells
// (each at least 1) gave 1 and 1 back. The platform table is the finer one and keeps its own suppression; the
// screening counts adapt to it here. Pure.
import { belowK } from './cell-suppression.js';
import { aggregatePlatformSignals, type VacancyRow } from './forecast/platform-signals.js';

/**
 * A count behind a screening count that the platform table does not publish: one withheld national month of an ISCO
 * unit and country (`leaves`: its withheld regions and its region-less vacancies, which are never published), or the
 * screened vacancies without a coded ISCO unit of one ISCO-2 group and country.
 */
export interface HiddenMass {
  isco2: string;
  country: string;
  value: number;
  /** What a reader can prove it is at least: published regions, 1 per listed withheld part, an open-count step. */
  lb: number;
  /** The withheld parts under it, each with the lower bound of its siblings (published regions count exactly). */
  leaves: { value: number; siblingsLb: number }[];
}

/** Screened vacancies that platform signals do not count (no coded ISCO unit), per ISCO-2 group (suggested, or '?') and country. */
export interface OffPlatformCount {
  isco2: string;
  country: string;
  n: number;
}

const month = (iso: string): string => iso.slice(0, 7);

/** The hidden masses of the whole platform, from the same rows and the same suppression as platform signals. */
export function hiddenMasses(rows: readonly VacancyRow[], offPlatform: readonly OffPlatformCount[], k: number, now = new Date()): HiddenMass[] {
  const cells = aggregatePlatformSignals(rows, [], k, now);
  const posted = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.isco}|${r.country}|${r.region ?? '~none'}|${month(r.opened)}`;
    posted.set(key, (posted.get(key) ?? 0) + 1);
  }
  const out: HiddenMass[] = [];
  for (const national of cells) {
    if (national.region !== '*') continue;
    const regions = cells.filter((c) => c.isco === national.isco && c.country === national.country && c.region !== '*');
    for (const [i, m] of national.months.entries()) {
      if (m.posted !== null) continue;
      let published = 0;
      const withheld: number[] = [];
      for (const rc of regions) {
        const v = posted.get(`${national.isco}|${national.country}|${rc.region}|${m.period}`) ?? 0;
        if (rc.months.find((x) => x.period === m.period)?.posted != null) published += v;
        else if (v > 0) withheld.push(v);
      }
      const none = posted.get(`${national.isco}|${national.country}|~none|${m.period}`) ?? 0;
      if (none > 0) withheld.push(none);
      const value = published + withheld.reduce((a, v) => a + v, 0);
      if (value === 0) continue;
      // An open count next to a withheld posted one: posted(m) ≥ open(m) − open(m − 1), and the first month opens all.
      const prev = i > 0 ? national.months[i - 1]!.open : 0;
      const step = m.open !== null && prev !== null ? m.open - prev : 0;
      const partsLb = published + withheld.length;
      out.push({
        isco2: national.isco.slice(0, 2),
        country: national.country,
        value,
        lb: Math.max(partsLb, step, i === 0 ? 1 : 0),
        leaves: withheld.map((v) => ({ value: v, siblingsLb: partsLb - 1 })),
      });
    }
  }
  for (const o of offPlatform) if (o.n > 0) out.push({ isco2: o.isco2, country: o.country, value: o.n, lb: 1, leaves: [] });
  return out;
}

/**
 * Whether publishing the sum of these masses (with everything else in the sum known) leaves every small count among
 * them an upper bound of at least k: a mass is at most the sum less the others' lower bounds, and a withheld region
 * at most that less its siblings'. A small count with an upper bound below k is as good as published.
 */
export function massSafe(masses: readonly HiddenMass[], k: number): boolean {
  const sum = masses.reduce((a, m) => a + m.value, 0);
  const lbs = masses.reduce((a, m) => a + m.lb, 0);
  for (const m of masses) {
    const upper = sum - (lbs - m.lb);
    if (belowK(m.value, k) && upper < k) return false;
    for (const leaf of m.leaves) if (belowK(leaf.value, k) && upper - leaf.siblingsLb < k) return false;
  }
  return true;
}

/**
 * The screening vacancy counts to withhold on top of a view's own suppression (`hidden`: group keys whose count is
 * withheld already), and whether the grand total must go too. A group's count is withheld when publishing it would
 * bound a hidden mass below k (massSafe); then the withheld counts of the view together are a published total minus
 * published counts, so they must be safe together, and further counts (the largest hidden mass first) are withheld
 * until they are. If even the whole platform's hidden mass is not safe, the grand total is withheld, in every view
 * (it is the same number), and each view keeps at least one count withheld so the total cannot be added up.
 * `massesOf(key)` is undefined for a view not linked to the platform (by employer).
 */
export function linkedWithholding(
  groups: readonly { key: string; n: number }[],
  hidden: ReadonlySet<string>,
  massesOf: (key: string) => readonly HiddenMass[] | undefined,
  all: readonly HiddenMass[],
  k: number,
): { hidden: Set<string>; totalHidden: boolean } {
  const out = new Set(hidden);
  const mass = (key: string) => (massesOf(key) ?? []).reduce((a, m) => a + m.value, 0);
  for (const g of groups) if (!out.has(g.key) && !massSafe(massesOf(g.key) ?? [], k)) out.add(g.key);
  let totalHidden = !massSafe(all, k);
  const byMass = (a: { key: string; n: number }, b: { key: string; n: number }) => mass(b.key) - mass(a.key) || a.n - b.n || (a.key < b.key ? -1 : 1);
  while (!totalHidden && out.size > 0) {
    if (massSafe(groups.filter((g) => out.has(g.key)).flatMap((g) => massesOf(g.key) ?? []), k)) break;
    const next = groups.filter((g) => !out.has(g.key) && mass(g.key) > 0).sort(byMass)[0];
    if (!next) totalHidden = true;
    else out.add(next.key);
  }
  if (totalHidden && out.size === 0 && groups.length > 0) out.add([...groups].sort(byMass)[0]!.key);
  return { hidden: out, totalHidden };
}
