import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPgTransaction } from '../src/db/pg/client.js';
import { PgChangeLog } from '../src/replication/pg-change-log.js';
import { ReplicaSet, type ReplicaSetOptions } from '../src/replication/replica-set.js';
import { readLatest } from '../src/replication/shared-snapshots.js';
import { freePort } from './server-process.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * A process's replicas on PostgreSQL (issue 15): local collections fed from the log, read-only, searches refused until
 * the first catch-up, snapshots published to a shared directory and a new replica bootstrapped from them.
 */
const hasPg = await pgAvailable('pg.replica-set.test.ts');
const DIMS = 16;

function vectorFor(id: string): Float32Array {
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const v = new Float32Array(DIMS);
  for (let i = 0; i < DIMS; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    v[i] = (h / 0xffffffff) * 2 - 1;
  }
  return v;
}

describe.skipIf(!hasPg)('replica set on PostgreSQL', () => {
  let pgDb: ScratchPgDatabase;
  let dir: string;
  const log = new PgChangeLog('vacancies');
  const write = (id: string) => withPgTransaction(pgDb.pool, (tx) => log.upsert(tx, id, 'test-model', DIMS, vectorFor(id), { status: 'open' }));
  const options = (name: string, over: Partial<ReplicaSetOptions> = {}): ReplicaSetOptions => ({
    databaseUrl: pgDb.url,
    dir: join(dir, name),
    sharedDir: join(dir, 'shared'),
    publishIntervalS: 0,
    collections: [{ name: 'vacancies', modelId: 'test-model', dims: DIMS }],
    m: 16,
    efConstruction: 100,
    efSearch: 64,
    targetRecall: 0,
    pollMs: 50,
    readyMaxLag: 1000,
    replicaId: name,
    ...over,
  });
  beforeAll(async () => {
    pgDb = await scratchPgDatabase({ max: 10 });
    dir = mkdtempSync(join(tmpdir(), 'replica-set-'));
  });
  afterAll(async () => {
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the log, is read-only, waits for a seq, publishes a snapshot a new replica starts from', async () => {
    const a = await ReplicaSet.open(options('a'));
    await a.whenCaughtUp();
    expect(a.status().ready).toBe(true);
    let seq = 0;
    for (let i = 0; i < 60; i++) seq = await write(`vac_${i}`);
    expect(await a.waitFor('vacancies', seq, 5000)).toBe(true);
    const va = a.collection('vacancies');
    expect(va.size).toBe(60);
    expect(va.search(vectorFor('vac_7'), { k: 1 }).items[0]?.id).toBe('vac_7');
    // A local write would fork the replica from the log.
    expect(() => va.upsert('x', vectorFor('x'))).toThrow(/replica/);
    expect(() => va.delete('vac_7')).toThrow(/replica/);

    await a.publishAll(true);
    const latest = await readLatest(join(dir, 'shared'), 'vacancies');
    expect(latest?.seq).toBe(seq);
    expect(latest?.rowsSeq).toBeGreaterThanOrEqual(seq);
    expect(latest?.files.map((f) => f.name)).toContain('rows.sqlite');

    // After the snapshot: more writes and two deletes; B starts from the snapshot and replays only these from the log.
    for (let i = 60; i < 75; i++) seq = await write(`vac_${i}`);
    for (const id of ['vac_3', 'vac_61']) seq = (await withPgTransaction(pgDb.pool, (tx) => log.delete(tx, id)))!;
    const applied: string[] = [];
    const b = await ReplicaSet.open(options('b', { pollMs: 60_000, onApply: (_c, ids) => applied.push(...ids) }));
    await b.whenCaughtUp();
    const bs = b.status().collections[0]!;
    expect(bs.bootstrap.source).toBe('shared-snapshot');
    expect(bs.bootstrap.seq).toBe(latest!.seq);
    expect(b.collection('vacancies').rowsSource).toBe('snapshot');
    expect(await a.waitFor('vacancies', seq, 5000)).toBe(true);
    expect(await b.collection('vacancies').waitFor(seq, 5000)).toBe(true);
    expect(await b.collection('vacancies').waitFor(seq + 1000, 100)).toBe(false);
    const vb = b.collection('vacancies');
    expect(vb.size).toBe(73);
    for (const q of ['vac_1', 'vac_70', 'vac_3', 'vac_61']) {
      const ha = va.search(vectorFor(q), { k: 5 }).items.map((h) => h.id);
      const hb = vb.search(vectorFor(q), { k: 5 }).items.map((h) => h.id);
      expect(hb).toEqual(ha);
      if (q === 'vac_3' || q === 'vac_61') expect(hb).not.toContain(q);
      else expect(hb[0]).toBe(q);
    }
    // sync(): a write committed elsewhere is searchable here right after it (no notification wait, no poll).
    const late = await write('vac_late');
    await b.sync();
    expect(vb.status().lastSeq).toBeGreaterThanOrEqual(late);
    expect(vb.search(vectorFor('vac_late'), { k: 1 }).items[0]?.id).toBe('vac_late');
    expect(applied).toContain('vac_late');
    expect(applied).toContain('vac_61');
    // B publishes on top; latest moves forward, A's older directory stays until it ages out.
    await b.publishAll(true);
    expect((await readLatest(join(dir, 'shared'), 'vacancies'))?.seq).toBe(late);
    expect(readdirSync(join(dir, 'shared', 'vacancies')).filter((n) => !n.startsWith('latest')).length).toBe(2);
    await a.close();
    await b.close();
  });

  it('starts over when its local files or the shared snapshot come from another change log (a database recreated)', async () => {
    // A replica with files from the first database, then a new, empty database under the same files.
    const other = await scratchPgDatabase({ max: 4 });
    try {
      const w = (id: string) => withPgTransaction(other.pool, (tx) => log.upsert(tx, id, 'test-model', DIMS, vectorFor(id), { status: 'open' }));
      await log.ensureCollection(other.pool, 'test-model', DIMS);
      const seq = await w('vac_other');
      const e = await ReplicaSet.open(options('a', { databaseUrl: other.url }));
      await e.whenCaughtUp();
      expect(await e.waitFor('vacancies', seq, 5000)).toBe(true);
      const v = e.collection('vacancies');
      // Nothing of the first database's log survives: neither its local files (a) nor the shared snapshot is used.
      expect(v.size).toBe(1);
      expect(v.has('vac_7')).toBe(false);
      expect(v.search(vectorFor('vac_7'), { k: 1 }).items[0]?.id).toBe('vac_other');
      expect(e.status().collections[0]!.bootstrap.source).toBe('log');
      await e.close();
    } finally {
      await other.drop();
    }
  });

  it('refuses searches (503 NOT_READY) and reports not ready until it has caught up', async () => {
    // PostgreSQL "down" for this replica: a port nobody listens on.
    const port = await freePort();
    const down = await ReplicaSet.open(options('c', { databaseUrl: `postgres://x:y@127.0.0.1:${port}/none`, sharedDir: null }));
    try {
      const s = down.status();
      expect(s.ready).toBe(false);
      expect(s.collections[0]!.initialCatchUp).toBe(false);
      expect(() => down.collection('vacancies').search(vectorFor('vac_1'), { k: 1 })).toThrow(expect.objectContaining({ code: 'NOT_READY', statusCode: 503 }));
      expect(await down.ping(500)).toBe(false);
      expect(existsSync(join(dir, 'c', 'vacancies.sqlite'))).toBe(true);
    } finally {
      await down.close();
    }
  });
});
