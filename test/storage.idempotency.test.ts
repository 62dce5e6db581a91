import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { openPgDatabase } from '../src/db/pg/client.js';
import { claimKey, markCommitted, renew, runIdempotent, type IdempotencyClaim, type IdempotentOutcome } from '../src/services/idempotent-writes.js';
import { vacancyInsertRow } from '../src/services/vacancies.js';
import { CreateVacancySchema } from '../src/schemas/vacancy.js';
import { PgStorage } from '../src/storage/pg-storage.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import type { Storage } from '../src/storage/storage.js';
import { sql } from 'drizzle-orm';
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

  // Exactly once across a crash: a claim is tied to its holder's lease and every write of the holder is fenced by the
  // claim's token. Times are passed in, so "the lease ran out" is exact, not slept for.
  const LEASE = 15_000;
  const TTL = 24 * 3600_000;
  const titled = async (s: Storage, title: string) => (await s.read.rows<{ n: number }>(sql`select count(*) as n from vacancies where title = ${title}`)).map((x) => Number(x.n))[0];
  const insertMarked = (s: Storage, held: Parameters<typeof markCommitted>[1], title: string) =>
    s.transaction(async (uow) => {
      const row = await uow.vacancies.insert(vacancyInsertRow('emp_1', { ...vacancy, title }));
      if (!(await markCommitted(uow, held, new Date().toISOString(), JSON.stringify([row.id]), null, true))) throw new Error('claim lost');
      return row.id;
    });

  it('a holder whose lease ran out loses its claim to a retry: its late write rolls back, the retry’s commits, one object', async () => {
    const [a, b] = [r.storages[0]!, r.storages[r.storages.length - 1]!];
    const t0 = Date.now();
    const first = await claimKey(a, claimFor('key-stalled'), { now: t0, leaseMs: LEASE, ttlMs: TTL });
    expect(first.kind).toBe('claimed');
    // Within the lease the claim is in progress, on every replica.
    const early = await claimKey(b, claimFor('key-stalled'), { now: t0 + LEASE - 1, leaseMs: LEASE, ttlMs: TTL });
    expect(early.kind === 'existing' && early.leaseAlive && early.record.statusCode === 0).toBe(true);
    // The holder stalls past its lease without renewing; a retry takes the claim over and writes.
    const taken = await claimKey(b, claimFor('key-stalled'), { now: t0 + LEASE + 1, leaseMs: LEASE, ttlMs: TTL });
    expect(taken.kind).toBe('claimed');
    await expect(insertMarked(a, (first as { held: Parameters<typeof markCommitted>[1] }).held, 'Stalled holder')).rejects.toThrow('claim lost');
    await insertMarked(b, (taken as { held: Parameters<typeof markCommitted>[1] }).held, 'Stalled holder');
    expect(await titled(a, 'Stalled holder')).toBe(1);
  });

  it('a holder that renews its lease keeps its claim', async () => {
    const [a, b] = [r.storages[0]!, r.storages[r.storages.length - 1]!];
    const t0 = Date.now() - LEASE; // claimed a lease ago…
    const first = await claimKey(a, claimFor('key-renewed'), { now: t0, leaseMs: LEASE, ttlMs: TTL });
    expect(first.kind).toBe('claimed');
    await renew(a, [(first as { held: Parameters<typeof markCommitted>[1] }).held], new Date().toISOString()); // …and renewed now
    const retry = await claimKey(b, claimFor('key-renewed'), { now: Date.now() + 1, leaseMs: LEASE, ttlMs: TTL });
    expect(retry.kind === 'existing' && retry.leaseAlive).toBe(true);
  });

  it('a write that committed without its reply stored never runs again, even after its lease ran out (reply lost)', async () => {
    const [a, b] = [r.storages[0]!, r.storages[r.storages.length - 1]!];
    const t0 = Date.now();
    const first = await claimKey(a, claimFor('key-reply-lost'), { now: t0, leaseMs: LEASE, ttlMs: TTL });
    const id = await insertMarked(a, (first as { held: Parameters<typeof markCommitted>[1] }).held, 'Reply lost');
    // The process dies here: no reply stored. Much later (but within the record's 24 h), a retry:
    const later = { now: t0 + 10 * LEASE };
    const again = await runIdempotent(b, claimFor('key-reply-lost'), async () => {
      throw new Error('must not run');
    }, later);
    expect(again.kind).toBe('reply-lost');
    if (again.kind === 'reply-lost') expect(JSON.parse(again.record.resource!)).toEqual([id]);
    expect(await titled(a, 'Reply lost')).toBe(1);
  });
});
