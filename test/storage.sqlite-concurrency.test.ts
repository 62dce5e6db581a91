import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import { SeriesRepository } from '../src/forecast/series-repo.js';

// Issue 15: one better-sqlite3 connection, async transaction bodies. Other requests' code runs between a body's awaits;
// it must never see the open transaction's rows, never write into it, and never interleave with another transaction.
let dir: string;
let storage: SqliteStorage;
let opened: ReturnType<typeof openDatabase>;
const now = '2026-01-01T00:00:00.000Z';
const employer = (id: string) => ({ id, name: id, country: 'DE', createdAt: now, updatedAt: now });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-sqlite-conc-'));
  opened = openDatabase(join(dir, 'c.db'));
  storage = new SqliteStorage(opened);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = async () => (await storage.read.db.select({ id: storage.read.t.employers.id }).from(storage.read.t.employers)).map((r) => r.id).sort();

describe('SQLite storage under concurrency', () => {
  it('reads outside a transaction never see its uncommitted rows, and a second transaction waits for the first', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let aWrote!: () => void;
    const wroteA = new Promise<void>((r) => (aWrote = r));
    const order: string[] = [];
    const a = storage.transaction(async ({ db, t }) => {
      await db.insert(t.employers).values(employer('emp_a'));
      order.push('a wrote');
      aWrote();
      await gate; // a foreign await (bodies must not do this; here it holds the transaction open on purpose)
      throw new Error('a fails');
    });
    await wroteA;
    // Another request, while A is open: it sees the committed state only, and cannot write outside a transaction.
    expect(await names()).toEqual([]);
    await expect(storage.read.db.insert(storage.read.t.employers).values(employer('emp_sneak'))).rejects.toThrow(/readonly|read-only/i);
    const b = storage.transaction(async ({ db, t }) => {
      order.push('b started');
      await db.insert(t.employers).values(employer('emp_b'));
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual(['a wrote']); // B has not started while A holds the connection
    release();
    await expect(a).rejects.toThrow('a fails');
    await b;
    expect(order).toEqual(['a wrote', 'b started']);
    // A rolled back alone: B's row is committed, A's and the sneaked one are not.
    expect(await names()).toEqual(['emp_b']);
  });

  it('a served-forecast record written while another request holds a transaction open is not lost with its rollback', async () => {
    const repo = new SeriesRepository(storage, opened.sqlite);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let aWrote!: () => void;
    const wroteA = new Promise<void>((r) => (aWrote = r));
    const a = storage.transaction(async ({ db, t }) => {
      await db.insert(t.employers).values(employer('emp_a'));
      aWrote();
      await gate; // held open on purpose, as in the first test
      throw new Error('a fails');
    });
    await wroteA;
    const served = repo.recordServed([{ source: 'ivi', code: '1111', region: 'AUS', origin: '2021-12', model: 'ets', dataVersion: 'v1', forecast: [], lastValue: 1, lastYear: [], scale: 1 }]);
    release();
    await expect(a).rejects.toThrow('a fails');
    expect(await served).toBe(1);
    // A rolled back alone: the record a GET /v1/forecasts acknowledged is still there.
    expect(opened.sqlite.prepare('SELECT count(*) AS n FROM served_forecasts').get()).toEqual({ n: 1 });
    expect(await names()).toEqual([]);
  });

  it('serialises read-modify-write transactions: no lost update among 40 concurrent increments', async () => {
    await storage.transaction(({ db, t }) => db.insert(t.employers).values({ ...employer('emp_counter'), name: '0' }));
    await Promise.all(
      Array.from({ length: 40 }, () =>
        storage.transaction(async ({ db, t }) => {
          const [row] = await db.select().from(t.employers).where(eq(t.employers.id, 'emp_counter'));
          await Promise.resolve(); // other work is scheduled in between
          await db.update(t.employers).set({ name: String(Number(row!.name) + 1) }).where(eq(t.employers.id, 'emp_counter'));
        }),
      ),
    );
    const [row] = await storage.read.db.select().from(storage.read.t.employers).where(eq(storage.read.t.employers.id, 'emp_counter'));
    expect(row!.name).toBe('40');
  });

  it('reads see a transaction once it has committed', async () => {
    await storage.transaction(({ db, t }) => db.insert(t.employers).values(employer('emp_c')));
    expect(await names()).toEqual(['emp_c']);
  });
});
