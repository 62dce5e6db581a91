import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { vacancyAttrs } from '../src/plugins/collections.js';
import { LogFollower } from '../src/replication/log-follower.js';
import { CreateVacancySchema, type CreateVacancy } from '../src/schemas/vacancy.js';
import { VacancyStorageWriter } from '../src/services/vacancy-storage-writer.js';
import { PgStorage } from '../src/storage/pg-storage.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import type { Storage, VacancyRecord } from '../src/storage/storage.js';
import { VectorCollection } from '../src/vector-index/collection.js';
import { clusteredVectors } from '../src/vector-index/synthetic.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * The storage port's first vertical slice (issue 15), one test body for both back ends: vacancy create / update /
 * delete with the vector-log entry in the same transaction, and a replica serving search from the log (on SQLite the
 * collection on the same file; on PostgreSQL a follower replaying into its own collection).
 */
const hasPg = await pgAvailable('storage.vacancies.test.ts');
const DIMS = 32;
const MODEL = { modelId: 'test-model', dims: DIMS };
const vectors = clusteredVectors(50, DIMS, { seed: 3 });

interface Backend {
  storage: Storage;
  replica: VectorCollection;
  /** Resolves once the replica serves every change up to `seq`. */
  sync(seq: number): Promise<void>;
  close(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const opened = openDatabase(':memory:');
  const storage = new SqliteStorage(opened);
  const replica = await VectorCollection.open({ name: 'vacancies', ...MODEL, sqlite: opened.sqlite, dbPath: null, indexDir: null });
  return {
    storage,
    replica,
    sync: async () => void replica.catchUp(),
    async close() {
      await replica.close();
      await storage.close();
    },
  };
}

let scratch: ScratchPgDatabase | undefined;
async function pgBackend(): Promise<Backend> {
  scratch = await scratchPgDatabase();
  const storage = new PgStorage(scratch);
  await storage.read.vectorLog('vacancies').ensureCollection(MODEL.modelId, DIMS);
  const local = openDatabase(':memory:');
  const replica = await VectorCollection.open({ name: 'vacancies', ...MODEL, sqlite: local.sqlite, dbPath: null, indexDir: null });
  const follower = new LogFollower({ pool: scratch.pool, listenUrl: scratch.url, local: replica, pollMs: 50 });
  await follower.start();
  return {
    storage,
    replica,
    sync: (seq) => follower.waitFor(seq, 10_000),
    async close() {
      await follower.stop();
      await replica.close();
      local.close();
      await scratch!.drop();
    },
  };
}

const nurse: CreateVacancy = CreateVacancySchema.parse({
  title: 'Registered nurse, intensive care',
  description: 'Care for ICU patients in a 24-bed unit.',
  country: 'DE',
  region: 'Bavaria',
  skills: [{ label: 'monitor patient vital signs', essential: true }],
  languages: [{ code: 'de', level: 'B2' }],
  salary: { min: 3600.5, max: 4400.25, currency: 'EUR', period: 'month' },
  hoursPerWeek: 38.5,
  shortage: true,
  recruitmentFees: { chargedToWorker: false },
  lang: 'en',
});

/** What a back end stored, without the generated id and clock fields. */
const content = (r: VacancyRecord) => {
  const { id: _id, createdAt: _c, updatedAt: _u, openedAt: _o, closedAt: _cl, employerId: _e, ...rest } = r;
  return rest;
};
const stored: Record<string, ReturnType<typeof content>> = {};

const backends: [string, () => Promise<Backend>][] = [['sqlite', sqliteBackend]];
if (hasPg) backends.push(['postgres', pgBackend]);
else it.skip('postgres back end (no PostgreSQL: see the SKIPPED message)', () => undefined);

describe.each(backends)('vacancies on the storage port: %s', (name, open) => {
  let b: Backend;
  let writer: VacancyStorageWriter;
  beforeAll(async () => {
    b = await open();
    writer = new VacancyStorageWriter(b.storage, MODEL, vacancyAttrs);
    await b.storage.transaction((uow) => uow.employers.insert({ id: 'emp_1', name: 'Klinikum', country: 'DE', createdAt: '2026-11-30T00:00:00.000Z', updatedAt: '2026-11-30T00:00:00.000Z' }));
  });
  afterAll(async () => {
    await b?.close();
  });

  it('creates the row and its vector in one transaction; the replica finds it', async () => {
    const { row, seq } = await writer.create('emp_1', nurse, vectors.vector(0));
    expect(seq).toBeGreaterThan(0);
    const back = (await b.storage.read.vacancies.get(row.id))!;
    expect(back).toEqual(row);
    expect(back.salaryMin).toBe(3600.5);
    expect(back.shortage).toBe(true);
    expect(back.skills).toEqual([{ label: 'monitor patient vital signs', essential: true }]);
    stored[name] = content(back);
    await b.sync(seq!);
    expect(b.replica.search(vectors.vector(0), { k: 1, filter: { status: 'open', country: 'DE' } }).items[0]?.id).toBe(row.id);
  });

  it('an update that closes the vacancy moves only its attributes; a new vector moves it', async () => {
    const a = await writer.create('emp_1', { ...nurse, title: 'Nurse A' }, vectors.vector(1));
    const closed = await writer.update(a.row.id, { status: 'closed' });
    expect(closed.row.status).toBe('closed');
    expect(closed.row.closedAt).not.toBeNull();
    await b.sync(closed.seq!);
    expect(b.replica.search(vectors.vector(1), { k: 5, filter: { status: 'open' } }).items.map((h) => h.id)).not.toContain(a.row.id);
    expect(b.replica.search(vectors.vector(1), { k: 1, filter: { status: 'closed' } }).items[0]?.id).toBe(a.row.id);
    const moved = await writer.update(a.row.id, { status: 'open', title: 'Nurse A, night shifts' }, vectors.vector(40));
    await b.sync(moved.seq!);
    expect(b.replica.search(vectors.vector(40), { k: 1, filter: { status: 'open' } }).items[0]?.id).toBe(a.row.id);
  });

  it('a delete tombstones the vector: the replica never returns the id again', async () => {
    const d = await writer.create('emp_1', { ...nurse, title: 'Nurse D' }, vectors.vector(2));
    const seq = await writer.remove(d.row.id);
    expect(seq).toBeGreaterThan(d.seq!);
    await b.sync(seq!);
    expect(await b.storage.read.vacancies.get(d.row.id)).toBeUndefined();
    expect(b.replica.has(d.row.id)).toBe(false);
    expect(b.replica.search(vectors.vector(2), { k: 50 }).items.map((h) => h.id)).not.toContain(d.row.id);
    await expect(writer.remove(d.row.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a failure after the vector write rolls back the row and the log entry together', async () => {
    const log = b.storage.read.vectorLog('vacancies');
    const before = await log.lastSeq();
    let id = '';
    await expect(
      b.storage.transaction(async (uow) => {
        const row = await uow.vacancies.insert({ ...(await import('../src/services/vacancies.js')).vacancyInsertRow('emp_1', nurse) });
        id = row.id;
        await uow.vectorLog('vacancies').upsert(row.id, MODEL.modelId, DIMS, vectors.vector(3), vacancyAttrs(row));
        throw new Error('injected failure');
      }),
    ).rejects.toThrow('injected failure');
    expect(await b.storage.read.vacancies.get(id)).toBeUndefined();
    expect(await log.lastSeq()).toBe(before);
    // The next write takes the next sequence: nothing was burnt.
    const next = await writer.create('emp_1', nurse, vectors.vector(4));
    expect(next.seq).toBe(before + 1);
  });

  it('concurrent writers: every acknowledged write is served by the replica, no deleted id is', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => writer.create('emp_1', { ...nurse, title: `Nurse ${i}` }, vectors.vector(10 + i))));
    const removed = await Promise.all(results.filter((_, i) => i % 5 === 0).map((r) => writer.remove(r.row.id)));
    await b.sync(Math.max(...results.map((r) => r.seq!), ...removed.map((s) => s!)));
    for (const [i, r] of results.entries()) expect(b.replica.has(r.row.id), `write ${i}`).toBe(i % 5 !== 0);
  });
});

it.skipIf(!hasPg)('both back ends stored the same vacancy (types, JSON, doubles, booleans)', () => {
  expect(stored['postgres']).toEqual(stored['sqlite']);
});
