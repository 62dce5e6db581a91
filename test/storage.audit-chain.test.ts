import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { appendAuditRecord } from '../src/services/audit-chain-writer.js';
import { GENESIS_HASH, nextAuditRecord, recordHash, recordMac, type AuditInput } from '../src/services/audit.js';
import { PgStorage } from '../src/storage/pg-storage.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import type { AuditRecord, Storage } from '../src/storage/storage.js';
import { openPgDatabase } from '../src/db/pg/client.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * The bias-audit hash chain on the storage port (issue 15): one head whichever replica appends. Several writers (on
 * PostgreSQL: three separate pools, as three API replicas would have) append at once; the chain must verify end to end.
 */
const hasPg = await pgAvailable('storage.audit-chain.test.ts');
const mac = { id: 'mac_test', key: randomBytes(32) };
const input = (n: number, replica: string): AuditInput => ({
  actorRole: 'jobseeker',
  actorKeyId: `key_${replica}`,
  tenantId: null,
  kind: 'seeker-matches',
  subjectId: `cand_${n}`,
  modelId: 'use-lite',
  indexVersion: '1',
  weightsVersion: 'w1',
  inputHash: `h${n}`,
  candidateSetSize: 3,
  removed: { closed: 1, expired: 0 },
  results: [
    { id: 'vac_a', rank: 1, score: 0.91 },
    { id: 'vac_b', rank: 2, score: 0.5 },
  ],
  ranking: { tieBreak: { method: 'seeded-shuffle', seed: `s${n}` } },
});

/** Verify the whole chain as stored: contiguous seqs from 1, each linked to the previous hash, hashes and MACs. */
async function verifyChain(storage: Storage): Promise<AuditRecord[]> {
  const rows: AuditRecord[] = [];
  for (let after = 0; ; ) {
    const page = await storage.read.audit.page(after, 500);
    rows.push(...page);
    if (page.length < 500) break;
    after = page[page.length - 1]!.seq;
  }
  let prev = GENESIS_HASH;
  rows.forEach((r, i) => {
    expect(r.seq, `seq at ${i}`).toBe(i + 1);
    expect(r.prevHash, `link at seq ${r.seq}`).toBe(prev);
    expect(recordHash(r), `hash of seq ${r.seq} recomputed from the stored row`).toBe(r.hash);
    expect(r.mac).toBe(recordMac(mac.key, r.hash));
    prev = r.hash;
  });
  return rows;
}

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
  const others = await Promise.all([1, 2].map(() => openPgDatabase(scratch!.url, { max: 4, migrate: false })));
  const storages = [new PgStorage(scratch), ...others.map((o) => new PgStorage(o))];
  return {
    storages,
    async close() {
      for (const o of others) await o.close();
      await scratch!.drop();
    },
  };
}

const backends: [string, () => Promise<Replicas>][] = [['sqlite', sqliteReplicas]];
if (hasPg) backends.push(['postgres', pgReplicas]);
else it.skip('postgres back end (no PostgreSQL: see the SKIPPED message)', () => undefined);

describe.each(backends)('audit chain on the storage port: %s', (name, open) => {
  let r: Replicas;
  beforeAll(async () => {
    r = await open();
  });
  afterAll(async () => {
    await r?.close();
  });

  it('appends from every writer at once form one chain that verifies', async () => {
    const PER = 30;
    const CONCURRENT = 4;
    await Promise.all(
      r.storages.flatMap((storage, ri) =>
        Array.from({ length: CONCURRENT }, async (_, c) => {
          for (let i = 0; i < PER; i++) await storage.transaction((uow) => appendAuditRecord(uow, { currentMac: mac }, input(i, `r${ri}c${c}`)));
        }),
      ),
    );
    const rows = await verifyChain(r.storages[0]!);
    expect(rows.length).toBe(r.storages.length * CONCURRENT * PER);
    expect(new Set(rows.map((x) => x.actorKeyId)).size).toBe(r.storages.length * CONCURRENT);
    // JSON columns come back as written (jsonb reorders keys; the hash is over canonical JSON, so it still verifies).
    expect(rows[0]!.results).toEqual(input(0, 'x').results);
  });

  it('an append rolled back with its transaction leaves no record and no gap', async () => {
    const before = (await r.storages[0]!.read.audit.tip())!;
    await expect(
      r.storages[0]!.transaction(async (uow) => {
        await appendAuditRecord(uow, { currentMac: mac }, input(999, 'rollback'));
        throw new Error('the ranking failed after its audit record');
      }),
    ).rejects.toThrow('ranking failed');
    expect(await r.storages[0]!.read.audit.tip()).toEqual(before);
    await r.storages[r.storages.length - 1]!.transaction((uow) => appendAuditRecord(uow, { currentMac: mac }, input(1000, 'after')));
    await verifyChain(r.storages[0]!);
  });

  it.skipIf(name !== 'postgres')('the lock is what keeps one head: two appends that read the same tip cannot both commit', async () => {
    // Without lockChain(): both read the tip before either inserts; the second insert conflicts on the seq key.
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((res) => (release = res));
    const unlocked = (storage: Storage, tag: string) =>
      storage.transaction(async (uow) => {
        const tip = await uow.audit.tip();
        if (++arrived === 2) release();
        await bothRead;
        await uow.audit.insert(nextAuditRecord(tip, input(0, tag), mac));
      });
    const results = await Promise.allSettled([unlocked(r.storages[0]!, 'x'), unlocked(r.storages[1]!, 'y')]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const reason = (results.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason as { cause?: { code?: string } };
    expect(reason.cause?.code).toBe('23505'); // unique violation on the seq primary key
    await verifyChain(r.storages[0]!);
  });
});
