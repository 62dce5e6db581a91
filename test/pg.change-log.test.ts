import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../src/db/client.js';
import { withPgTransaction } from '../src/db/pg/client.js';
import { PgChangeLog } from '../src/replication/pg-change-log.js';
import { LogFollower } from '../src/replication/log-follower.js';
import { VectorCollection } from '../src/vector-index/collection.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * The change log on PostgreSQL (issue 15): transactions that commit out of order must never make a follower miss a
 * change. Real PostgreSQL, real concurrent connections, a real HNSW collection on the follower.
 */
const hasPg = await pgAvailable('pg.change-log.test.ts');
const DIMS = 16;

function vectorFor(id: string): Float32Array {
  // Deterministic, distinct per id: a hash-seeded pseudo-random unit vector.
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const v = new Float32Array(DIMS);
  for (let i = 0; i < DIMS; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    v[i] = (h / 0xffffffff) * 2 - 1;
  }
  return v;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openReplica(): Promise<{ db: OpenedDatabase; collection: VectorCollection }> {
  const db = openDatabase(':memory:');
  const collection = await VectorCollection.open({ name: 'vacancies', modelId: 'test-model', dims: DIMS, sqlite: db.sqlite, dbPath: null, indexDir: null, m: 16, efConstruction: 100 });
  return { db, collection };
}

describe.skipIf(!hasPg)('change log on PostgreSQL', () => {
  let pgDb: ScratchPgDatabase;
  const log = new PgChangeLog('vacancies');
  beforeAll(async () => {
    pgDb = await scratchPgDatabase({ max: 20 });
    await log.ensureCollection(pgDb.pool, 'test-model', DIMS);
  });
  afterAll(async () => {
    await pgDb?.drop();
  });

  it('the hazard is real here: with a plain sequence, "everything after n" misses a transaction that commits late', async () => {
    const pool = pgDb.pool;
    await pool.query('CREATE TABLE naive_log (seq bigserial PRIMARY KEY, item text NOT NULL)');
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('BEGIN');
      await a.query("INSERT INTO naive_log (item) VALUES ('a')"); // takes seq 1, commits late
      await b.query('BEGIN');
      await b.query("INSERT INTO naive_log (item) VALUES ('b')"); // takes seq 2
      await b.query('COMMIT');
      const seen: string[] = [];
      let after = 0;
      const read = async () => {
        const { rows } = await pool.query('SELECT seq, item FROM naive_log WHERE seq > $1 ORDER BY seq', [after]);
        for (const r of rows) {
          seen.push(r.item);
          after = Number(r.seq);
        }
      };
      await read();
      await a.query('COMMIT');
      await read();
      expect(seen).toEqual(['b']); // 'a' (seq 1) is committed but the follower, now after 2, never reads it
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM naive_log');
      expect(rows[0].n).toBe(2);
    } finally {
      a.release();
      b.release();
    }
  });

  it('the log hands out sequences in commit order: a second writer waits for the first to commit or roll back', async () => {
    const pool = pgDb.pool;
    const start = await log.lastSeq(pool);
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('BEGIN');
      const seqA = await log.upsert(a, 'vac_order_a', 'test-model', DIMS, vectorFor('a'), { status: 'open' });
      expect(seqA).toBe(start + 1);
      await b.query('BEGIN');
      let seqB: number | null = null;
      const pendingB = log.upsert(b, 'vac_order_b', 'test-model', DIMS, vectorFor('b'), { status: 'open' }).then((s) => (seqB = s));
      await sleep(300);
      expect(seqB, 'B must not get a sequence while A is open').toBeNull();
      expect((await log.changesSince(pool, start, 10)).map((r) => r.itemId)).toEqual([]);
      await a.query('ROLLBACK'); // A's seq is handed out again, so no gap is left either
      await pendingB;
      expect(seqB).toBe(start + 1);
      await b.query('COMMIT');
      const rows = await log.changesSince(pool, start, 10);
      expect(rows.map((r) => [r.itemId, r.seq])).toEqual([['vac_order_b', start + 1]]);
    } finally {
      a.release();
      b.release();
    }
  });

  it('many writers committing out of order (random delays, rollbacks): the follower sees every committed change, contiguous, and serves them from its HNSW graph', async () => {
    const pool = pgDb.pool;
    const replica = await openReplica();
    const follower = new LogFollower({ pool, listenUrl: pgDb.url, local: replica.collection, pollMs: 5 });
    const start = await log.lastSeq(pool);
    await follower.start();
    const observed: number[] = [];
    // A second, independent reader that records every seq it sees, polling as fast as it can while writers run.
    let after = start;
    let writing = true;
    const reader = (async () => {
      while (writing || after < (await log.lastSeq(pool))) {
        const rows = await log.changesSince(pool, after, 500);
        for (const r of rows) {
          observed.push(r.seq);
          after = r.seq;
        }
        await sleep(1);
      }
    })();
    const WRITERS = 6;
    const PER_WRITER = 40;
    const committed = new Set<string>();
    let rolledBack = 0;
    let rng = 12345;
    const rand = () => ((rng = (Math.imul(rng, 1103515245) + 12345) >>> 0) / 0xffffffff);
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < PER_WRITER; i++) {
          const id = `vac_w${w}_${i}`;
          const abort = rand() < 0.1;
          const delay = Math.floor(rand() * 12);
          await withPgTransaction(pool, async (tx) => {
            await tx.query('SELECT pg_sleep($1)', [delay / 1000 / 2]); // work before the log write
            await log.upsert(tx, id, 'test-model', DIMS, vectorFor(id), { status: 'open', writer: w });
            await tx.query('SELECT pg_sleep($1)', [delay / 1000 / 2]); // and after it, holding the lock
            if (abort) throw new Error('rollback');
          }).then(
            () => committed.add(id),
            () => rolledBack++,
          );
        }
      }),
    );
    writing = false;
    await reader;
    const head = await log.lastSeq(pool);
    await follower.waitFor(head);
    expect(committed.size + rolledBack).toBe(WRITERS * PER_WRITER);
    expect(rolledBack).toBeGreaterThan(0);
    // Insert-only traffic: no row is overwritten, so every committed seq must have been observed, in order, no gap.
    expect(head - start).toBe(committed.size);
    expect(observed).toEqual(Array.from({ length: committed.size }, (_, i) => start + 1 + i));
    // The follower's graph holds exactly the committed items, and finds each by its own vector.
    const ids = new Set(replica.collection.ids().filter((id) => id.startsWith('vac_w')));
    expect(ids).toEqual(committed);
    for (const id of [...committed].slice(0, 50)) {
      const res = replica.collection.search(vectorFor(id), { k: 1 });
      expect(res.items[0]?.id).toBe(id);
    }
    const st = follower.status();
    expect(st.caughtUp).toBe(true);
    expect(st.lagSeq).toBe(0);
    console.log(`change log: ${committed.size} committed, ${rolledBack} rolled back by ${WRITERS} writers; follower lag p50 ${st.lagMs?.p50} ms, p99 ${st.lagMs?.p99} ms`);
    await follower.stop();
    await replica.collection.close();
    replica.db.close();
  });

  it('updates and deletes replay too: the follower never returns a deleted id and converges on the primary state', async () => {
    const pool = pgDb.pool;
    const replica = await openReplica();
    const follower = new LogFollower({ pool, listenUrl: pgDb.url, local: replica.collection, pollMs: 5 });
    await follower.start();
    const ids = Array.from({ length: 60 }, (_, i) => `vac_mix_${i}`);
    await withPgTransaction(pool, async (tx) => {
      for (const id of ids) await log.upsert(tx, id, 'test-model', DIMS, vectorFor(id), { status: 'open' });
    });
    const deleted = new Set<string>();
    await Promise.all(
      [0, 1, 2].map(async (w) => {
        for (let i = w; i < ids.length; i += 3) {
          const id = ids[i]!;
          await withPgTransaction(pool, async (tx) => {
            if (i % 4 === 0) {
              await log.delete(tx, id);
              deleted.add(id);
            } else if (i % 4 === 1) await log.setAttrs(tx, id, { status: 'closed' });
            else await log.upsert(tx, id, 'test-model', DIMS, vectorFor(`${id}-moved`), { status: 'open' });
          });
        }
      }),
    );
    await follower.waitFor(await log.lastSeq(pool));
    for (const id of deleted) expect(replica.collection.has(id)).toBe(false);
    const open = replica.collection.search(vectorFor('vac_mix_2-moved'), { k: 1000, filter: { status: 'open' } });
    expect(open.items[0]?.id).toBe('vac_mix_2');
    const mixHits = open.items.filter((h) => h.id.startsWith('vac_mix_'));
    expect(mixHits.length).toBe(ids.filter((_, i) => i % 4 >= 2).length);
    for (const hit of mixHits) {
      expect(deleted.has(hit.id)).toBe(false);
      expect(Number(hit.id.split('_')[2]) % 4, `${hit.id} is closed`).not.toBe(1);
    }
    const { rows } = await pool.query("SELECT item_id FROM vector_items WHERE collection = 'vacancies' AND deleted = 0 AND item_id LIKE 'vac_mix_%' ORDER BY item_id");
    expect(replica.collection.ids().filter((id) => id.startsWith('vac_mix_')).sort()).toEqual(rows.map((r: { item_id: string }) => r.item_id));
    await follower.stop();
    await replica.collection.close();
    replica.db.close();
  });

  it('labels: a deleted item frees its label for the next insert, and the allocator refuses to pass 2^32-1', async () => {
    const pool = pgDb.pool;
    const labels = new PgChangeLog('labels');
    await labels.ensureCollection(pool, 'test-model', DIMS);
    const label = async (id: string) => (await pool.query("SELECT label FROM vector_items WHERE collection = 'labels' AND item_id = $1", [id])).rows[0].label;
    await withPgTransaction(pool, (tx) => labels.upsert(tx, 'a', 'test-model', DIMS, vectorFor('a'), undefined));
    await withPgTransaction(pool, (tx) => labels.upsert(tx, 'b', 'test-model', DIMS, vectorFor('b'), undefined));
    const la = await label('a');
    expect(await withPgTransaction(pool, (tx) => labels.delete(tx, 'a'))).not.toBeNull();
    expect(await withPgTransaction(pool, (tx) => labels.delete(tx, 'a'))).toBeNull();
    await withPgTransaction(pool, (tx) => labels.upsert(tx, 'c', 'test-model', DIMS, vectorFor('c'), undefined));
    expect(await label('c')).toBe(la);
    expect(await withPgTransaction(pool, (tx) => labels.setAttrs(tx, 'a', { status: 'open' }))).toBeNull();
    await labels.setNextLabelForTest(pool, 0xffff_ffff + 1);
    await expect(withPgTransaction(pool, (tx) => labels.upsert(tx, 'd', 'test-model', DIMS, vectorFor('d'), undefined))).rejects.toMatchObject({ code: 'CONFLICT' });
    await labels.setNextLabelForTest(pool, 0xffff_ffff);
    await withPgTransaction(pool, (tx) => labels.upsert(tx, 'd', 'test-model', DIMS, vectorFor('d'), undefined));
    expect(Number(await label('d'))).toBe(0xffff_ffff);
  });

  it('a replica restarts from its own file and snapshot, and a new replica bootstraps from a copy of them', async () => {
    const pool = pgDb.pool;
    const boot = new PgChangeLog('boot');
    await boot.ensureCollection(pool, 'test-model', DIMS);
    const dir = mkdtempSync(join(tmpdir(), 'pg-replica-'));
    const openAt = async (name: string) => {
      const file = join(dir, `${name}.sqlite`);
      const db = openDatabase(file);
      const collection = await VectorCollection.open({ name: 'boot', modelId: 'test-model', dims: DIMS, sqlite: db.sqlite, dbPath: file, indexDir: join(dir, `${name}-index`), m: 16, efConstruction: 100 });
      const follower = new LogFollower({ pool, listenUrl: pgDb.url, local: collection, pollMs: 20 });
      return { db, collection, follower };
    };
    const write = (id: string) => withPgTransaction(pool, (tx) => boot.upsert(tx, id, 'test-model', DIMS, vectorFor(id), { status: 'open' }));
    try {
      let a = await openAt('a');
      await a.follower.start();
      let seq = 0;
      for (let i = 0; i < 30; i++) seq = await write(`vac_boot_${i}`);
      await a.follower.waitFor(seq);
      const snap = await a.collection.snapshot();
      expect(snap?.seq).toBe(seq); // the snapshot is in the leader's sequence space
      await a.follower.stop();
      await a.collection.close({ snapshot: false });
      a.db.close();
      // While A is down: more writes and two deletes.
      for (let i = 30; i < 40; i++) seq = await write(`vac_boot_${i}`);
      for (const id of ['vac_boot_3', 'vac_boot_33']) seq = (await withPgTransaction(pool, (tx) => boot.delete(tx, id)))!;
      // B starts from a copy of A's files (as from a shared snapshot directory), A from its own.
      cpSync(join(dir, 'a.sqlite'), join(dir, 'b.sqlite'));
      cpSync(join(dir, 'a-index'), join(dir, 'b-index'), { recursive: true });
      a = await openAt('a');
      const b = await openAt('b');
      for (const r of [a, b]) {
        expect(r.collection.rowsSource).toBe('snapshot');
        expect(r.collection.store.lastSeq()).toBe(snap!.seq);
        await r.follower.start();
        await r.follower.waitFor(seq);
        expect(r.follower.status().caughtUp).toBe(true);
        expect(r.collection.has('vac_boot_39')).toBe(true);
        expect(r.collection.has('vac_boot_3')).toBe(false);
        expect(r.collection.has('vac_boot_33')).toBe(false);
      }
      for (const q of ['vac_boot_1', 'vac_boot_35', 'vac_boot_3']) {
        const hitsA = a.collection.search(vectorFor(q), { k: 5 }).items;
        const hitsB = b.collection.search(vectorFor(q), { k: 5 }).items;
        // Same ids in the same order; scores agree to float32 precision (a write not yet in a graph is scored exactly).
        expect(hitsB.map((h) => h.id)).toEqual(hitsA.map((h) => h.id));
        hitsB.forEach((h, i) => expect(h.score).toBeCloseTo(hitsA[i]!.score, 5));
        if (q !== 'vac_boot_3') expect(hitsA[0]?.id).toBe(q);
        else expect(hitsA.map((h) => h.id)).not.toContain(q);
      }
      for (const r of [a, b]) {
        await r.follower.stop();
        await r.collection.close({ snapshot: false });
        r.db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('LISTEN/NOTIFY wakes the follower: a commit elsewhere is searchable here within a measured lag', async () => {
    const pool = pgDb.pool;
    const replica = await openReplica();
    // Polling every 10 s: only the notification can make this fast.
    const follower = new LogFollower({ pool, listenUrl: pgDb.url, local: replica.collection, pollMs: 10_000 });
    await follower.start();
    expect(follower.status().listening).toBe(true);
    const lags: number[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `vac_notify_${i}`;
      const t0 = performance.now();
      const seq = await withPgTransaction(pool, (tx: pg.PoolClient) => log.upsert(tx, id, 'test-model', DIMS, vectorFor(id), { status: 'open' }));
      await follower.waitFor(seq, 5000);
      lags.push(performance.now() - t0);
      expect(replica.collection.search(vectorFor(id), { k: 1 }).items[0]?.id).toBe(id);
    }
    lags.sort((a, b) => a - b);
    console.log(`notify lag (commit → searchable on the follower): p50 ${lags[19]!.toFixed(1)} ms, max ${lags[39]!.toFixed(1)} ms`);
    expect(lags[19]).toBeLessThan(1000);
    await follower.stop();
    await replica.collection.close();
    replica.db.close();
  });
});
