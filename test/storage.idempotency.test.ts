import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { openPgDatabase } from '../src/db/pg/client.js';
import { runIdempotent, type IdempotencyClaim, type IdempotentOutcome } from '../src/services/idempotent-writes.js';
import { vacancyInsertRow } from '../src/services/vacancies.js';
import { CreateVacancySchema } from '../src/schemas/vacancy.js';
import { PgStorage } from '../src/storage/pg-storage.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import type { Storage } from '../src/storage/storage.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * Idempotency across replicas (issue 15): the same Idempotency-Key sent to several replicas at once creates one
 * object; the others are told it is in progress or get the stored reply. On PostgreSQL the replicas are separate pools.
 */
const hasPg = await pgAvailable('storage.idempotency.test.ts');
const vacancy = CreateVacancySchema.parse({ title: 'Welder', description: 'MIG/TIG welding of steel frames.', country: 'FR', skills: [], languages: [] });
const claimFor = (key: string, requestHash = 'req-1'): IdempotencyClaim => ({ principal: 'p-employer', key, method: 'POST', path: '/v1/vacancies', requestHash, subjectId: null });

interface Replicas {
  storages: Storage[];
  close(): Promise<void>;
}
async function sqliteReplicas(): Promise<Replicas> {
  const s = new SqliteStorage(openDatabase(':memory:'));
  return { storages: [s], close: () => s.close() };
}
let scratch: ScratchPgDatabase | undefined;
async function pgReplicas(): Promise<Replicas> {
  scratch = await scratchPgDatabase();
  const other = await openPgDatabase(scratch.url, { max: 6, migrate: false });
  return {
    storages: [new PgStorage(scratch), new PgStorage(other)],
    async close() {
      await other.close();
      await scratch!.drop();
    },
  };
}
const backends: [string, () => Promise<Replicas>][] = [['sqlite', sqliteReplicas]];
if (hasPg) backends.push(['postgres', pgReplicas]);
else it.skip('postgres back end (no PostgreSQL: see the SKIPPED message)', () => undefined);

describe.each(backends)('idempotency on the storage port: %s', (_name, open) => {
  let r: Replicas;
  const createOnce = (storage: Storage, key: string, requestHash = 'req-1') =>
    runIdempotent(storage, claimFor(key, requestHash), async (uow) => {
      const row = await uow.vacancies.insert(vacancyInsertRow('emp_1', vacancy));
      return { value: row.id, reply: { statusCode: 201, responseBody: JSON.stringify({ id: row.id }), replayable: true } };
    });
  beforeAll(async () => {
    r = await open();
    await r.storages[0]!.transaction((uow) => uow.employers.insert({ id: 'emp_1', name: 'Atelier', country: 'FR', createdAt: '2026-11-30T00:00:00.000Z', updatedAt: '2026-11-30T00:00:00.000Z' }));
  });
  afterAll(async () => {
    await r?.close();
  });

  it('the same key sent to every replica at once creates one object', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => createOnce(r.storages[i % r.storages.length]!, 'key-at-once')));
    const executed = outcomes.filter((o): o is Extract<IdempotentOutcome<string>, { kind: 'executed' }> => o.kind === 'executed');
    expect(executed).toHaveLength(1);
    for (const o of outcomes) expect(['executed', 'in-progress', 'replay']).toContain(o.kind);
    const ids = await Promise.all(
      (await Promise.all(r.storages.map((s) => s.read.vacancies.get(executed[0]!.value)))).map(async (row) => row?.id),
    );
    expect(ids.every((id) => id === executed[0]!.value)).toBe(true);
    // Afterwards every replica replays the stored reply; the same key with another body is refused.
    for (const s of r.storages) {
      const again = await createOnce(s, 'key-at-once');
      expect(again.kind).toBe('replay');
      if (again.kind === 'replay') expect(JSON.parse(again.record.responseBody)).toEqual({ id: executed[0]!.value });
      expect((await createOnce(s, 'key-at-once', 'req-2')).kind).toBe('key-reused');
    }
  });

  it('a write that fails gives its claim up and leaves nothing; the key can then be used', async () => {
    const s = r.storages[0]!;
    await expect(
      runIdempotent(s, claimFor('key-fails'), async (uow) => {
        await uow.vacancies.insert(vacancyInsertRow('emp_1', { ...vacancy, title: 'Never stored' }));
        throw new Error('embedding failed');
      }),
    ).rejects.toThrow('embedding failed');
    const retry = await createOnce(r.storages[r.storages.length - 1]!, 'key-fails');
    expect(retry.kind).toBe('executed');
  });
});
