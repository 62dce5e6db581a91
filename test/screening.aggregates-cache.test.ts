// The ministry's screening aggregates are kept per vacancies version (src/screening/grid-cache.ts). Across creates,
// closes and deletes between requests, every response must be the one the per-request computation gives (same bytes
// as a cold computation, same table as aggregateFlags without a cache), its figures must move with the data, and a
// write by another replica (PostgreSQL) or another connection (SQLite) must invalidate. Both back ends, over HTTP.
// After a write only the changed vacancies' derived rows are re-read (vacancy-rows.ts): updates that move a vacancy's
// occupation, country, status or flags, and deletes, must still give the uncached table, and the other rows stay.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateFlags, type AggregateQuery } from '../src/screening/aggregates.js';
import { VacancyVersionCache } from '../src/screening/grid-cache.js';
import { BACKENDS, buildTestApp, sampleVacancy, type TestApp } from './helper.js';

const K = 3;
const VIEWS: { url: string; q: AggregateQuery }[] = [
  { url: '/v1/screening/aggregates?by=occupation&iscoLevel=2', q: { by: 'occupation', iscoLevel: 2 } },
  { url: '/v1/screening/aggregates?by=destination', q: { by: 'destination', iscoLevel: 2 } },
  { url: '/v1/screening/aggregates?by=employer', q: { by: 'employer', iscoLevel: 2 } },
];

interface Cell {
  key: string;
  label: string | null;
  vacancies: number | null;
}
interface Table {
  cells: Cell[];
  total: { vacancies: number | null };
}

describe.each(BACKENDS)('screening aggregates cached per vacancies version (%s)', (backend) => {
  let t: TestApp;
  let ministry: string;
  let de: { employerId: string; key: string };
  let nl: { employerId: string; key: string };

  const post = async (key: string, country: string, region: string, isco: string, n: number): Promise<string[]> => {
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify(sampleVacancy({ title: `Worker ${isco} ${region} ${i}`, country, region, occupation: { isco } })));
    const res = await t.request(key, { method: 'POST', url: '/v1/vacancies:bulk', headers: { 'content-type': 'application/x-ndjson' }, payload: lines.join('\n') });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results as { status: number; id?: string }[];
    expect(results.every((r) => r.status === 201), res.body).toBe(true);
    return results.map((r) => r.id!);
  };

  beforeAll(async () => {
    t = await buildTestApp({ backend, SUPPRESSION_K: K, REFERENCE_SERIES_LOAD: false });
    ministry = t.keyFor('ministry');
    de = t.employer('DE');
    nl = t.employer('NL');
    await post(de.key, 'DE', 'Bavaria', '7212', 8);
    await post(de.key, 'DE', 'Bavaria', '2512', 4);
    await post(de.key, 'DE', 'Bavaria', '5120', 4);
    await post(nl.key, 'NL', 'Noord-Holland', '7212', 1);
    await post(nl.key, 'AT', 'Wien', '7231', 1);
    await post(nl.key, 'NL', 'Noord-Holland', '2512', 3);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => (backend === 'postgres' ? { pool: t.app.pgDb.pool } : { sqlite: t.app.sqlite });

  /** Each view read twice (the second from the cache), checked against aggregateFlags without a cache. */
  const readAll = async (on: TestApp = t, key = ministry): Promise<Table[]> => {
    const tables: Table[] = [];
    for (const v of VIEWS) {
      const first = await on.request(key, { method: 'GET', url: v.url });
      expect(first.statusCode, first.body).toBe(200);
      const again = await on.request(key, { method: 'GET', url: v.url });
      expect(again.body).toBe(first.body);
      const table = first.json() as Table;
      const labels = new Map(table.cells.map((c) => [c.key, c.label]));
      const uncached = await aggregateFlags(db(), v.q, K, (key) => labels.get(key) ?? null);
      expect(table.cells).toStrictEqual(uncached.cells);
      expect(table.total).toStrictEqual(uncached.total);
      tables.push(table);
    }
    return tables;
  };
  const count = (table: Table, key: string) => table.cells.find((c) => c.key === key)?.vacancies;

  it('follows creates, closes and deletes, and matches the uncached computation after each', async () => {
    const [occ0, dest0] = await readAll();
    expect(count(occ0!, '51')).toBe(4);
    expect(count(dest0!, 'DE')).toBe(16);
    // The link to platform signals withholds group 72 (two single vacancies behind it), as before caching.
    expect(count(occ0!, '72')).toBeNull();

    const [created] = await post(de.key, 'DE', 'Bavaria', '5120', 1);
    const [occ1, dest1] = await readAll();
    expect(count(occ1!, '51')).toBe(5);
    expect(count(dest1!, 'DE')).toBe(17);
    if (occ0!.total.vacancies !== null && occ1!.total.vacancies !== null) expect(occ1!.total.vacancies).toBe(occ0!.total.vacancies + 1);

    // A close keeps the vacancy in the counts, but changes platform signals' open counts the link reads.
    const closed = await t.request(de.key, { method: 'PATCH', url: `/v1/vacancies/${created}`, payload: { status: 'closed' } });
    expect(closed.statusCode, closed.body).toBe(200);
    const [occ2] = await readAll();
    expect(count(occ2!, '51')).toBe(5);

    const deleted = await t.request(de.key, { method: 'DELETE', url: `/v1/vacancies/${created}` });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const [occ3, dest3] = await readAll();
    expect(count(occ3!, '51')).toBe(4);
    expect(count(dest3!, 'DE')).toBe(16);
  });

  it('a repeated request with no write in between is served without reading the vacancies', async () => {
    const before = await readAll();
    // A write that bypasses the change counter is not seen: the answer came from the cache.
    if (backend === 'postgres') {
      await t.query('ALTER TABLE vacancies DISABLE TRIGGER vacancy_changes_row');
      await t.query("UPDATE vacancies SET country = 'FR' WHERE country = 'AT'");
      await t.query('ALTER TABLE vacancies ENABLE TRIGGER vacancy_changes_row');
    } else {
      t.app.sqlite.exec('DROP TRIGGER vacancy_changes_update');
      t.app.sqlite.exec("UPDATE vacancies SET country = 'FR' WHERE country = 'AT'");
      t.app.sqlite.exec('CREATE TRIGGER `vacancy_changes_update` AFTER UPDATE ON `vacancies` BEGIN UPDATE `vacancy_changes` SET `seq` = `seq` + 1 WHERE `id` = 1; END');
    }
    const stale = await t.request(ministry, { method: 'GET', url: VIEWS[1]!.url });
    expect(stale.json()).toStrictEqual(before[1]);
    // Any counted write invalidates (and puts the row back).
    const putBack = "UPDATE vacancies SET country = 'AT' WHERE country = 'FR'";
    if (backend === 'postgres') await t.query(putBack);
    else t.app.sqlite.prepare(putBack).run();
    const after = await readAll();
    expect(after).toStrictEqual(before);
  });

  it("another replica's (or connection's) write invalidates this one's cache", async () => {
    const before = await readAll();
    const [moved] = await t.query<{ id: string }>("SELECT id FROM vacancies WHERE country = 'NL' AND occupation_isco = '2512' ORDER BY id LIMIT 1");
    if (backend === 'postgres') {
      const other = await buildTestApp({ backend, SUPPRESSION_K: K, REFERENCE_SERIES_LOAD: false, sameDatabaseAs: t });
      try {
        const otherMinistry = other.keyFor('ministry');
        await readAll(other, otherMinistry);
        // Written through this replica, read on the other one whose cache is warm.
        const res = await t.request(nl.key, { method: 'DELETE', url: `/v1/vacancies/${moved!.id}` });
        expect(res.statusCode, res.body).toBe(204);
        const [, dest] = await readAll(other, otherMinistry);
        expect(dest!.total.vacancies === null || dest!.total.vacancies === before[1]!.total.vacancies! - 1).toBe(true);
        expect(dest!.cells.reduce((a, c) => a + (c.vacancies ?? 0), 0)).toBeLessThanOrEqual(before[1]!.cells.reduce((a, c) => a + (c.vacancies ?? 0), 0));
      } finally {
        await other.close();
      }
    } else {
      // Another process on the same file: its own connection, the same triggers.
      const outside = new Database(t.app.config.DATABASE_PATH);
      try {
        outside.prepare('DELETE FROM vacancies WHERE id = ?').run(moved!.id);
      } finally {
        outside.close();
      }
    }
    const after = await readAll();
    expect(after[0]!.total.vacancies === null || after[0]!.total.vacancies === before[0]!.total.vacancies! - 1).toBe(true);
    expect(after).not.toStrictEqual(before);
  });
  it('after writes that move an occupation, a country, a status or a flag, and a delete, only those rows are re-read', async () => {
    const cache = new VacancyVersionCache();
    const direct = async () => {
      const out = [];
      for (const v of VIEWS) {
        const cached = await aggregateFlags(db(), v.q, K, () => null, cache);
        expect(cached).toStrictEqual(await aggregateFlags(db(), v.q, K, () => null));
        out.push(cached);
      }
      return out;
    };
    await direct();
    await readAll();
    const [a, b, c] = (await t.query<{ id: string }>("SELECT id FROM vacancies WHERE country = 'DE' AND occupation_isco = '7212' ORDER BY id LIMIT 3")).map((r) => r.id);
    const [bystander] = (await t.query<{ id: string }>("SELECT id FROM vacancies WHERE country = 'DE' AND occupation_isco = '2512' ORDER BY id LIMIT 1")).map((r) => r.id);
    const kept = cache.rows.rows.get(bystander!);
    expect(kept).toBeDefined();

    // Occupation (72 → 51) and country (DE → NL), in one write, outside the API.
    await t.query("UPDATE vacancies SET occupation_isco = '5120', country = 'NL' WHERE id = ? RETURNING id", a);
    await direct();
    await readAll();
    expect(cache.rows.rows.get(a!)).toMatchObject({ occ: '5120', country: 'NL' });
    // Status through the API (held, then a draft is not submitted: out of every count).
    const held = await t.request(de.key, { method: 'PATCH', url: `/v1/vacancies/${b}`, payload: { status: 'closed' } });
    expect(held.statusCode, held.body).toBe(200);
    await direct();
    await readAll();
    await t.query("UPDATE vacancies SET status = 'held' WHERE id = ? RETURNING id", b);
    const [, , byHeld] = await direct();
    await readAll();
    expect(byHeld!.cells.find((x) => x.key === de.employerId)?.held ?? null).not.toBe(0);
    await t.query("UPDATE vacancies SET status = 'draft' WHERE id = ? RETURNING id", b);
    await direct();
    await readAll();
    expect(cache.rows.rows.get(b!)?.screened).toBe(false);
    // A standing flag added, then dismissed.
    const flags = (dismissed: boolean) => JSON.stringify({ flags: [{ type: 'pay_below_minimum', severity: 'high', dismissed }] });
    await t.query('UPDATE vacancies SET screening = ? WHERE id = ? RETURNING id', flags(false), c);
    await direct();
    await readAll();
    expect(cache.rows.rows.get(c!)).toMatchObject({ flagged: true, flagTypes: ['pay_below_minimum'] });
    await t.query('UPDATE vacancies SET screening = ? WHERE id = ? RETURNING id', flags(true), c);
    await direct();
    await readAll();
    expect(cache.rows.rows.get(c!)?.flagged).toBe(false);
    // A delete evicts the row.
    const deleted = await t.request(de.key, { method: 'DELETE', url: `/v1/vacancies/${c}` });
    expect(deleted.statusCode, deleted.body).toBe(204);
    await direct();
    await readAll();
    expect(cache.rows.rows.has(c!)).toBe(false);
    // The bystander's derived row was never re-read: the work after each write was the changed rows'.
    expect(cache.rows.rows.get(bystander!)).toBe(kept);
  });
  it('a counter that went back (a restored database) reloads every row', async () => {
    const cache = new VacancyVersionCache();
    const q = VIEWS[1]!.q;
    await aggregateFlags(db(), q, K, () => null, cache);
    const [moved] = await t.query<{ id: string }>("SELECT id FROM vacancies WHERE country = 'DE' ORDER BY id LIMIT 1");
    // The counter set back, and a write the row changes record below the rows' version.
    await t.query('UPDATE vacancy_changes SET seq = 0 WHERE id = 1 RETURNING id');
    await t.query("UPDATE vacancy_row_changes SET seq = 0 WHERE seq > 0 RETURNING vacancy_id");
    if (backend === 'postgres') await t.query('ALTER TABLE vacancies DISABLE TRIGGER vacancy_changes_row');
    else t.app.sqlite.exec('DROP TRIGGER vacancy_row_changes_update');
    await t.query("UPDATE vacancies SET country = 'AT' WHERE id = ? RETURNING id", moved!.id);
    if (backend === 'postgres') await t.query('ALTER TABLE vacancies ENABLE TRIGGER vacancy_changes_row');
    else
      t.app.sqlite.exec(
        'CREATE TRIGGER `vacancy_row_changes_update` AFTER UPDATE ON `vacancies` BEGIN INSERT INTO `vacancy_row_changes` (`vacancy_id`, `seq`) VALUES (NEW.`id`, (SELECT `seq` FROM `vacancy_changes` WHERE `id` = 1)), (OLD.`id`, (SELECT `seq` FROM `vacancy_changes` WHERE `id` = 1)) ON CONFLICT (`vacancy_id`) DO UPDATE SET `seq` = excluded.`seq`; END',
      );
    const after = await aggregateFlags(db(), q, K, () => null, cache);
    expect(after).toStrictEqual(await aggregateFlags(db(), q, K, () => null));
    expect(cache.rows.rows.get(moved!.id)?.country).toBe('AT');
  });
});
