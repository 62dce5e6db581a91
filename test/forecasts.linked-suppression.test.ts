// Linked-table differencing (sec13, closed in sec14). A ministry reads platform signals (ISCO-4 × country, per month)
// and the screening aggregates (by ISCO-2 group and by country, the whole platform), which count the same vacancies.
// Before: group 72 = 14 next to DE 7212 = 12 and two listed-but-withheld 72xx cells (NL 7212, AT 7231; a listed cell
// holds at least one vacancy) pinned each at 1. This test plays the attacker over HTTP: it reads both routes, writes
// every published count as an equation over the withheld platform cells, and enumerates what each withheld cell can
// be. No withheld cell may be confined below k. Both back ends, through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, sampleVacancy, type TestApp } from './helper.js';

const K = 5;

interface PlatformItem {
  occupation: { code: string };
  region: string;
  country: string;
  signals: { months: { period: string; posted: number | null }[] };
}
interface Aggregates {
  cells: { key: string; vacancies: number | null }[];
  total: { vacancies: number | null };
}

/** What a reader can solve: each withheld national platform cell's lifetime count, given every published count. */
interface Unknown {
  id: string;
  isco2: string;
  country: string;
  known: number;
  lb: number;
}

function feasibleValues(unknowns: Unknown[], equations: { vars: number[]; rhs: number }[], max: number): Set<number>[] {
  const seen = unknowns.map(() => new Set<number>());
  const x: number[] = [];
  const go = (i: number): void => {
    // An equation whose unknowns are all set must hold.
    for (const e of equations) if (e.vars.every((v) => v < i) && e.vars.reduce((a, v) => a + x[v]!, 0) !== e.rhs) return;
    if (i === unknowns.length) {
      x.forEach((v, j) => seen[j]!.add(v));
      return;
    }
    for (let v = unknowns[i]!.lb; v <= max; v++) {
      x[i] = v;
      go(i + 1);
    }
    x.length = i;
  };
  go(0);
  return seen;
}

describe.each(BACKENDS)('platform signals next to screening aggregates: no withheld cell can be derived (%s)', (backend) => {
  let t: TestApp;
  let ministry: string;
  beforeAll(async () => {
    t = await buildTestApp({ backend, SUPPRESSION_K: K, REFERENCE_SERIES_LOAD: false });
    ministry = t.keyFor('ministry');
    const a = t.employer('DE');
    const b = t.employer('NL');
    const post = async (key: string, country: string, region: string, isco: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: `Worker ${isco} ${region} ${i}`, country, region, occupation: { isco } }) });
        expect(res.statusCode, res.body).toBe(201);
      }
    };
    await post(a.key, 'DE', 'Bavaria', '7212', 12);
    await post(a.key, 'DE', 'Bavaria', '2512', 6);
    await post(a.key, 'DE', 'Bavaria', '5120', 6);
    await post(b.key, 'NL', 'Noord-Holland', '7212', 1);
    await post(b.key, 'AT', 'Wien', '7231', 1);
    await post(b.key, 'FR', 'Occitanie', '2512', 4);
    await post(b.key, 'NL', 'Noord-Holland', '2512', 4);
  });
  afterAll(async () => {
    await t?.close();
  });

  const read = async (url: string) => {
    const res = await t.request(ministry, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('every withheld platform cell can still be k or more, given both routes\' published counts', async () => {
    const platform: PlatformItem[] = [];
    for (const country of ['DE', 'NL', 'AT', 'FR']) platform.push(...((await read(`/v1/forecasts/shortages?country=${country}&source=platform`)).items as PlatformItem[]));
    const byOccupation = (await read('/v1/screening/aggregates?by=occupation&iscoLevel=2')) as Aggregates;
    const byDestination = (await read('/v1/screening/aggregates?by=destination')) as Aggregates;

    // The national cells (region = the country): a lifetime count is known if every month is published.
    const national = platform.filter((p) => p.region === p.country);
    expect(national.map((p) => `${p.country} ${p.occupation.code}`).sort()).toEqual(['AT 7231', 'DE 2512', 'DE 5120', 'DE 7212', 'FR 2512', 'NL 2512', 'NL 7212']);
    const cells = national.map((p) => {
      const months = p.signals.months;
      const known = months.reduce((a, m) => a + (m.posted ?? 0), 0);
      return { id: `${p.country} ${p.occupation.code}`, isco2: p.occupation.code.slice(0, 2), country: p.country, known, hidden: months.some((m) => m.posted === null) };
    });
    // The useful part stays: DE's cells are published (12, 6, 6).
    expect(cells.filter((c) => !c.hidden).map((c) => `${c.id}=${c.known}`).sort()).toEqual(['DE 2512=6', 'DE 5120=6', 'DE 7212=12']);
    const unknowns: Unknown[] = cells.filter((c) => c.hidden).map((c) => ({ ...c, lb: Math.max(1, c.known) }));

    // Every published screening count is an equation: its platform cells add up to it (every vacancy here is coded).
    const equations: { vars: number[]; rhs: number }[] = [];
    const equation = (inGroup: (c: { isco2: string; country: string }) => boolean, published: number) => {
      const vars = unknowns.flatMap((u, i) => (inGroup(u) ? [i] : []));
      const rhs = published - cells.filter((c) => !c.hidden && inGroup(c)).reduce((a, c) => a + c.known, 0);
      equations.push({ vars, rhs });
    };
    for (const g of byOccupation.cells) if (g.vacancies !== null) equation((c) => c.isco2 === g.key, g.vacancies);
    for (const g of byDestination.cells) if (g.vacancies !== null) equation((c) => c.country === g.key, g.vacancies);
    for (const tot of [byOccupation.total.vacancies, byDestination.total.vacancies]) if (tot !== null) equation(() => true, tot);

    const feasible = feasibleValues(unknowns, equations, 3 * K);
    const derived = unknowns.map((u, i) => `${u.id} ∈ {${[...feasible[i]!].sort((a, b) => a - b).join(',')}}`);
    console.info(`derivable (${backend}): ${derived.join('; ')}`);
    // Before sec14: group 72 = 14, so NL 7212 + AT 7231 = 14 − 12 = 2 and each is exactly 1.
    for (const [i, u] of unknowns.entries()) {
      expect(feasible[i]!.size, derived.join('; ')).toBeGreaterThan(0);
      expect(Math.max(...feasible[i]!), `${u.id}: ${derived.join('; ')}`).toBeGreaterThanOrEqual(K);
    }
    // Still useful: group 51 (DE 5120 only, published in platform signals) and DE's count stay published, and so do
    // the grand totals (28 + 6 = 34 vacancies).
    expect(byOccupation.cells.find((c) => c.key === '51')?.vacancies).toBe(6);
    expect(byDestination.cells.find((c) => c.key === 'DE')?.vacancies).toBe(24);
    expect(byOccupation.total.vacancies).toBe(34);
    expect(byDestination.total.vacancies).toBe(34);
    // And what the link costs here: group 72 (two single vacancies behind it) and one partner group are withheld.
    expect(byOccupation.cells.find((c) => c.key === '72')?.vacancies).toBeNull();
  });

  it('the grand total is the same in every view, withheld in all or none', async () => {
    const totals = [];
    for (const by of ['occupation&iscoLevel=2', 'destination', 'employer']) totals.push(((await read(`/v1/screening/aggregates?by=${by}`)) as Aggregates).total.vacancies);
    expect(new Set(totals).size).toBe(1);
  });
});
