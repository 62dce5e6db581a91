import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, readdirSync, statSync, truncateSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { clusteredVectors, exactTopK } from '../src/vector-index/synthetic.js';
import { MAX_LABEL, VectorStore } from '../src/vector-index/store.js';
import { tempEnv, type TempEnv } from './vector-index-fixtures.js';

let env: TempEnv | null = null;
afterEach(() => {
  env?.cleanup();
  env = null;
});

const D = 32;

describe('vector collection basics', () => {
  it('upserts, searches by cosine, updates, deletes and reuses labels', async () => {
    env = tempEnv();
    const c = await env.open();
    const vs = clusteredVectors(200, D, { clusters: 8, seed: 1 });
    for (let i = 0; i < 200; i++) c.upsert(`vac_${i}`, vs.vector(i), { status: 'open' });
    const r = c.search(vs.vector(7), { k: 5 });
    expect(r.items[0]).toMatchObject({ id: 'vac_7' });
    expect(r.items[0]!.score).toBeCloseTo(1, 4);
    expect(r.stale).toBe(false);
    // update moves the vector
    c.upsert('vac_7', vs.vector(8));
    expect(c.search(vs.vector(8), { k: 2 }).items.map((h) => h.id).sort()).toEqual(['vac_7', 'vac_8']);
    const label = c.rawLabel('vac_9');
    c.delete('vac_9');
    expect(c.search(vs.vector(9), { k: 50 }).items.some((h) => h.id === 'vac_9')).toBe(false);
    c.upsert('vac_new', vs.vector(9));
    expect(c.rawLabel('vac_new')).toBe(label); // deleted slot reused
    expect(c.search(vs.vector(9), { k: 1 }).items[0]!.id).toBe('vac_new');
    expect(c.size).toBe(200);
    await c.close();
  });

  it('checks dimensions, caps k, breaks ties by id', async () => {
    env = tempEnv();
    const c = await env.open({ maxK: 10 });
    const v = new Float32Array(D).fill(1);
    for (const id of ['b', 'a', 'd', 'c']) c.upsert(id, v);
    expect(() => c.upsert('x', new Float32Array(D + 1))).toThrow(/dimensions/);
    expect(() => c.search(new Float32Array(D - 1), { k: 1 })).toThrow(/dimensions/);
    expect(() => c.upsert('x', new Float32Array(D))).toThrow(/non-zero/);
    expect(c.search(v, { k: 3 }).items.map((h) => h.id)).toEqual(['a', 'b', 'c']);
    expect(c.search(v, { k: 10_000 }).items).toHaveLength(4);
    await c.close();
  });

  it('commits the vector with the caller transaction, and not on rollback', async () => {
    env = tempEnv();
    const c = await env.open();
    const v = clusteredVectors(2, D, { seed: 3 });
    const { db } = env.db;
    expect(() =>
      db.transaction((tx) => {
        tx.run(sql`SELECT 1`);
        c.upsert('vac_rolled', v.vector(0), { status: 'open' }, { tx });
        // searches inside the open transaction do not apply uncommitted rows
        expect(c.search(v.vector(0), { k: 1 }).stale).toBe(true);
        throw new Error('rollback');
      }),
    ).toThrow('rollback');
    expect(c.search(v.vector(0), { k: 5 }).items.map((h) => h.id)).not.toContain('vac_rolled');
    db.transaction((tx) => {
      c.upsert('vac_kept', v.vector(1), { status: 'open' }, { tx });
    });
    expect(c.search(v.vector(1), { k: 1 }).items[0]!.id).toBe('vac_kept');
    expect(() => c.upsert('x', v.vector(1), undefined, { tx: {} })).toThrow(/no transaction/);
    await c.close();
  });

  it('refuses to wrap the uint32 label space', async () => {
    env = tempEnv();
    const c = await env.open();
    await c.close({ snapshot: false });
    // At the store level: the in-memory side indexes labels densely, and real labels stay dense (freed ones are reused).
    const store = new VectorStore(env.db.sqlite, 'vacancies');
    const v = new Float32Array(D).fill(1 / Math.sqrt(D));
    const label = (id: string) =>
      env!.db.sqlite.prepare('SELECT label FROM vector_items WHERE item_id = ? AND deleted = 0').pluck().get(id);
    store.setNextLabelForTest(MAX_LABEL);
    store.upsert('last', 'test-model', D, v, undefined); // label 2^32-1 is still valid
    expect(label('last')).toBe(MAX_LABEL);
    expect(() => store.upsert('overflow', 'test-model', D, v, undefined)).toThrow(/no free uint32 label/);
    expect(label('overflow')).toBeUndefined();
    store.delete('last');
    store.upsert('reuses', 'test-model', D, v, undefined); // a freed label is still available
    expect(label('reuses')).toBe(MAX_LABEL);
  });
});

describe('filtered search', () => {
  it('keeps recall under a 1% filter and never returns filtered-out ids', async () => {
    env = tempEnv();
    const N = 3000;
    const c = await env.open();
    const vs = clusteredVectors(N, D, { clusters: 20, seed: 5 });
    const country = (i: number) => (i % 100 === 0 ? 'MT' : i % 2 ? 'DE' : 'FR');
    env.db.sqlite.transaction(() => {
      for (let i = 0; i < N; i++) c.upsert(`v${i}`, vs.vector(i), { country: country(i), shortage: i % 3 === 0, status: 'open' });
    })();
    c.catchUp();
    c.drain();
    const qs = clusteredVectors(30, D, { clusters: 20, seed: 6, centres: vs.centres });
    for (const [filter, allow] of [
      [{ country: 'MT' }, (i: number) => country(i) === 'MT'],
      [{ country: ['DE', 'MT'], shortage: true }, (i: number) => (country(i) === 'DE' || country(i) === 'MT') && i % 3 === 0],
      [{ country: 'FR' }, (i: number) => country(i) === 'FR'],
    ] as const) {
      let hit = 0;
      let total = 0;
      for (let j = 0; j < 30; j++) {
        const q = qs.vector(j);
        const truth = exactTopK(vs.data, D, q, 10, allow).map((i) => `v${i}`);
        const got = c.search(q, { k: 10, filter });
        for (const h of got.items) expect(allow(Number(h.id.slice(1)))).toBe(true);
        const s = new Set(got.items.map((h) => h.id));
        hit += truth.filter((id) => s.has(id)).length;
        total += truth.length;
      }
      expect(hit / total).toBeGreaterThanOrEqual(0.95);
    }
    // the 1% filter is answered by an exact scan of the allowed vectors
    expect(c.search(qs.vector(0), { k: 10, filter: { country: 'MT' } }).source).toBe('exact');
    expect(c.search(qs.vector(0), { k: 10, filter: { country: 'FR' } }).source).toBe('hnsw');
    await c.close();
  });
});

describe('property: interleaved writes and searches agree with exact search', () => {
  it('recall >= 0.95, no deleted or filtered-out ids', async () => {
    env = tempEnv();
    const c = await env.open();
    const pool = clusteredVectors(400, D, { clusters: 10, seed: 9 });
    const model = new Map<string, { v: number; open: boolean }>();
    let hits = 0;
    let total = 0;
    const op = fc.oneof(
      fc.record({ t: fc.constant('put' as const), id: fc.integer({ min: 0, max: 150 }), v: fc.integer({ min: 0, max: 399 }), open: fc.boolean() }),
      fc.record({ t: fc.constant('del' as const), id: fc.integer({ min: 0, max: 150 }) }),
      fc.record({ t: fc.constant('search' as const), v: fc.integer({ min: 0, max: 399 }), filtered: fc.boolean(), k: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ t: fc.constant('drain' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 120 }), async (ops) => {
        for (const o of ops) {
          if (o.t === 'put') {
            c.upsert(`i${o.id}`, pool.vector(o.v), { status: o.open ? 'open' : 'closed' });
            model.set(`i${o.id}`, { v: o.v, open: o.open });
          } else if (o.t === 'del') {
            c.delete(`i${o.id}`);
            model.delete(`i${o.id}`);
          } else if (o.t === 'drain') {
            c.drain(2);
          } else {
            const q = pool.vector(o.v);
            const res = c.search(q, { k: o.k, filter: o.filtered ? { status: 'open' } : undefined });
            const allowed = [...model.entries()].filter(([, m]) => !o.filtered || m.open);
            for (const h of res.items) {
              const m = model.get(h.id);
              expect(m, `returned deleted id ${h.id}`).toBeDefined();
              if (o.filtered) expect(m!.open).toBe(true);
            }
            const scored = allowed
              .map(([id, m]) => {
                let s = 0;
                const v = pool.vector(m.v);
                for (let i = 0; i < D; i++) s += v[i]! * q[i]!;
                return { id, s };
              })
              .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1));
            const truth = scored.slice(0, o.k);
            // equal scores at the boundary are interchangeable
            const kth = truth.length ? truth[truth.length - 1]!.s : 0;
            const got = new Set(res.items.map((h) => h.id));
            expect(res.items.length).toBe(truth.length);
            for (const t of truth) {
              total++;
              if (got.has(t.id) || res.items.some((h) => Math.abs(h.score - kth) < 1e-5 && !truth.some((x) => x.id === h.id))) hits++;
            }
          }
        }
      }),
      { numRuns: 40, seed: 4242 },
    );
    expect(hits / total).toBeGreaterThanOrEqual(0.95);
    expect(new Set(c.ids())).toEqual(new Set(model.keys()));
    await c.close();
  });
});

describe('snapshots', () => {
  async function seeded(n = 500): Promise<{ ids: Set<string>; vs: ReturnType<typeof clusteredVectors> }> {
    const c = await env!.open();
    const vs = clusteredVectors(n, D, { clusters: 10, seed: 11 });
    for (let i = 0; i < n; i++) c.upsert(`v${i}`, vs.vector(i), { k: i % 7 });
    for (let i = 0; i < n; i += 10) c.delete(`v${i}`);
    await c.close(); // snapshot on close
    return { ids: new Set(env!.db.sqlite.prepare("SELECT item_id FROM vector_items WHERE deleted = 0").pluck().all() as string[]), vs };
  }

  it('reopens from the snapshot, replaying writes made after it', async () => {
    env = tempEnv();
    const { ids, vs } = await seeded();
    // writes after the snapshot, by another "process" (no collection open)
    const c0 = await env.open();
    c0.upsert('late', vs.vector(3));
    c0.delete('v1');
    ids.add('late');
    ids.delete('v1');
    await c0.close({ snapshot: false });
    const c = await env.open();
    expect(c.status().lastSnapshotProblem).toBeNull();
    expect(c.rowsSource).toBe('snapshot'); // ids and attributes from the sidecar, vectors from the graph file, then replay
    expect(c.state).toBe('ready');
    expect(new Set(c.ids())).toEqual(ids);
    expect(c.search(vs.vector(1), { k: 20 }).items.some((h) => h.id === 'v1')).toBe(false);
    expect(c.search(vs.vector(3), { k: 2 }).items.map((h) => h.id)).toContain('late');
    expect(c.measureRecall(20)).toBeGreaterThanOrEqual(0.9);
    const tuned = (await c.tuneInBackground(0.95))!;
    expect(tuned.recall).toBeGreaterThanOrEqual(0.95);
    expect(c.getEf()).toBe(tuned.ef);
    expect(c.status().recall?.ef).toBe(tuned.ef);
    await c.close();
  });

  it('takes vectors back from the graph file, and from SQLite for writes the graph had not absorbed', async () => {
    env = tempEnv();
    const c0 = await env.open();
    const vs = clusteredVectors(400, D, { clusters: 10, seed: 5 });
    for (let i = 0; i < 200; i++) c0.upsert(`v${i}`, vs.vector(i), { k: i % 3 });
    c0.drain();
    // 200 fresh writes and 50 updates, snapshotted with no time to drain them: recorded as pending
    for (let i = 200; i < 400; i++) c0.upsert(`v${i}`, vs.vector(i), { k: i % 3 });
    for (let i = 0; i < 50; i++) c0.upsert(`v${i}`, vs.vector(399 - i), { k: 9 });
    const meta = await c0.snapshot({ drainBudgetMs: 0 });
    expect(meta!.pendingLabels.length).toBeGreaterThan(100);
    await c0.close({ snapshot: false });
    const c = await env.open();
    expect(c.rowsSource).toBe('snapshot');
    expect(c.status().lastSnapshotProblem).toBeNull();
    // Exact scans read the in-memory slab: every item's own (latest) vector scores 1 against itself.
    for (let i = 0; i < 400; i++) {
      const want = i < 50 ? vs.vector(399 - i) : vs.vector(i);
      const hit = c.search(want, { k: 1, exact: true, filter: { k: i < 50 ? 9 : i % 3 } }).items[0]!;
      expect(hit.score).toBeCloseTo(1, 5);
      expect([`v${i}`, `v${399 - i}`]).toContain(hit.id);
    }
    c.drain();
    expect(c.search(vs.vector(123), { k: 1 }).items[0]!.id).toBe('v123');
    await c.close();
  });

  for (const damage of ['truncate', 'flip', 'header', 'missing-file'] as const) {
    it(`detects a ${damage} snapshot and rebuilds from SQLite`, async () => {
      env = tempEnv();
      const { ids, vs } = await seeded();
      const file = readdirSync(env.indexDir).find((f) => f.endsWith('.hnsw'))!;
      const path = join(env.indexDir, file);
      if (damage === 'truncate') truncateSync(path, Math.floor(statSync(path).size / 2));
      if (damage === 'flip') {
        const buf = readFileSync(path);
        buf[buf.length - 100]! ^= 0xff;
        writeFileSync(path, buf);
      }
      if (damage === 'header') appendFileSync(join(env.indexDir, 'vacancies.meta.json'), 'garbage');
      if (damage === 'missing-file') writeFileSync(path, '');
      const c = await env.open();
      expect(c.status().lastSnapshotProblem).toMatch(/truncated|checksum|unreadable|mismatch/);
      await c.whenReady();
      expect(c.state).toBe('ready');
      expect(new Set(c.ids())).toEqual(ids);
      expect(c.search(vs.vector(5), { k: 1 }).items[0]!.id).toBe('v5');
      await c.close();
    });
  }

  it('a corrupt rows sidecar falls back to reading rows from SQLite (the graph snapshot is still used)', async () => {
    env = tempEnv();
    const { ids, vs } = await seeded();
    const maps = readdirSync(env.indexDir).find((f) => f.endsWith('.maps.json'))!;
    const buf = readFileSync(join(env.indexDir, maps));
    buf[17]! ^= 0x55;
    writeFileSync(join(env.indexDir, maps), buf);
    const c = await env.open();
    expect(c.rowsSource).toBe('sqlite');
    expect(c.status().lastSnapshotProblem).toBeNull();
    expect(new Set(c.ids())).toEqual(ids);
    expect(c.search(vs.vector(5), { k: 1 }).items[0]!.id).toBe('v5');
    await c.close();
  });

  it('rebuilds on a model-id or dimension mismatch', async () => {
    env = tempEnv();
    await seeded();
    // the collection switches model: the old snapshot must not be used
    const c1 = await env.open({ modelId: 'other-model', dims: 16 });
    expect(c1.status().modelMismatch).toBe(true);
    await c1.resetModel('other-model', 16);
    const v = new Float32Array(16).fill(0.25);
    c1.upsert('fresh', v);
    await c1.close({ snapshot: false });
    const c2 = await env.open({ modelId: 'other-model', dims: 16 });
    expect(c2.status().lastSnapshotProblem).toMatch(/model mismatch/);
    await c2.whenReady();
    expect(c2.ids()).toEqual(['fresh']);
    expect(c2.search(v, { k: 1 }).items[0]!.id).toBe('fresh');
    await c2.close();
  });

  it('rebuilds in a worker thread while queries are answered', async () => {
    env = tempEnv();
    const c = await env.open({ workerMinItems: 100 });
    const vs = clusteredVectors(2000, D, { clusters: 10, seed: 12 });
    env.db.sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) c.upsert(`v${i}`, vs.vector(i));
    })();
    c.catchUp();
    c.drain();
    const p = c.rebuild();
    expect(c.state).toBe('rebuilding');
    expect(c.status().rebuild?.mode).toBe('worker');
    c.upsert('during', vs.vector(42));
    c.delete('v43');
    const mid = c.search(vs.vector(42), { k: 3 });
    expect(mid.items.map((h) => h.id)).toContain('during');
    expect(mid.state).toBe('rebuilding');
    await p;
    expect(c.state).toBe('ready');
    expect(c.search(vs.vector(42), { k: 3 }).items.map((h) => h.id)).toContain('during');
    expect(c.search(vs.vector(43), { k: 20 }).items.map((h) => h.id)).not.toContain('v43');
    expect(c.status().snapshot).not.toBeNull();
    await c.close();
  });
});

describe('ef tuning', () => {
  it('tunes ef in the background to the target recall after the graph is built, without blocking for long', async () => {
    env = tempEnv();
    const c = await env.open({ targetRecall: 0.97, efSearch: 400 });
    const vs = clusteredVectors(3000, D, { clusters: 30, noise: 1.0 / Math.sqrt(D), seed: 21 });
    env.db.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) c.upsert(`t${i}`, vs.vector(i));
    })();
    expect(c.status().targetRecall).toBe(0.97);
    await c.rebuild();
    await c.whenTuned();
    const s = c.status();
    expect(s.recall).not.toBeNull();
    expect(s.recall!.recallAt10).toBeGreaterThanOrEqual(0.97);
    expect(s.ef).toBe(s.recall!.ef);
    expect(s.ef).toBeLessThan(400); // tuned down from the configured ef
    expect(c.measureRecall(40)).toBeGreaterThanOrEqual(0.9);
    await c.close();
  });
});

describe('hnswlib addon builds', () => {
  it('every usable build (the fast-load patched one included) reads back the same graph and refuses damaged files', async () => {
    const { loadHnsw, nativeBuilds, usableBuild } = await import('../src/vector-index/hnsw-binding.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hnsw-builds-'));
    try {
      const vs = clusteredVectors(2000, D, { clusters: 20, seed: 31 });
      const stock = loadHnsw('stock').lib;
      const g = new stock.HierarchicalNSW('ip', D);
      g.initIndex({ maxElements: 2000, m: 12, efConstruction: 100, randomSeed: 100 });
      for (let i = 0; i < 2000; i++) g.addPoint(Array.from(vs.vector(i)), i);
      g.markDelete(5);
      const file = join(dir, 'g.hnsw');
      g.writeIndexSync(file);
      const bytes = readFileSync(file);
      const q = Array.from(vs.vector(17));
      const want = g.searchKnn(q, 10).neighbors;
      const variants = ['stock', ...nativeBuilds().filter((b) => usableBuild(b)).map((b) => b.profile)];
      for (const v of variants) {
        const lib = loadHnsw(v).lib;
        const back = new lib.HierarchicalNSW('ip', D);
        back.readIndexSync(file, true);
        expect(back.getCurrentCount()).toBe(2000);
        expect(back.searchKnn(q, 10).neighbors).toEqual(want);
        expect(back.searchKnn(Array.from(vs.vector(5)), 20).neighbors).not.toContain(5);
        // truncated, one byte too many, and a level-0 block cut short: every build refuses them
        for (const damaged of [bytes.subarray(0, bytes.length - 1), Buffer.concat([bytes, Buffer.from([0])]), bytes.subarray(0, 96 + 1000)]) {
          const path = join(dir, `bad-${v}.hnsw`);
          writeFileSync(path, damaged);
          expect(() => new lib.HierarchicalNSW('ip', D).readIndexSync(path, true)).toThrow(/corrupted|unsupported|Error/);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('snapshot writes off the event loop', () => {
  it('keeps answering while hnswlib writes the graph; deletes made meanwhile never come back; the result reopens exactly', async () => {
    env = tempEnv();
    const c = await env.open();
    const vs = clusteredVectors(3200, D, { clusters: 20, seed: 41 });
    env.db.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) c.upsert(`s${i}`, vs.vector(i));
    })();
    c.catchUp();
    c.drain();
    const writing = c.snapshot();
    // during the write: deletes and new items
    for (let i = 0; i < 300; i++) c.delete(`s${i}`);
    for (let i = 3000; i < 3200; i++) c.upsert(`s${i}`, vs.vector(i));
    for (let i = 0; i < 300; i += 7) {
      const ids = c.search(vs.vector(i), { k: 10 }).items.map((h) => h.id);
      expect(ids).not.toContain(`s${i}`);
      expect(ids).toHaveLength(10);
    }
    expect(c.search(vs.vector(3100), { k: 1 }).items[0]!.id).toBe('s3100');
    const meta = await writing;
    expect(meta!.elementCount).toBe(3000);
    c.drain();
    expect(c.status().pending).toBe(0);
    for (let i = 0; i < 300; i += 7) expect(c.search(vs.vector(i), { k: 20 }).items.map((h) => h.id)).not.toContain(`s${i}`);
    await c.close({ snapshot: false });
    const back = await env.open();
    expect(back.status().lastSnapshotProblem).toBeNull();
    expect(back.rowsSource).toBe('snapshot');
    const live = new Set(env.db.sqlite.prepare('SELECT item_id FROM vector_items WHERE deleted = 0').pluck().all() as string[]);
    expect(new Set(back.ids())).toEqual(live);
    expect(back.search(vs.vector(3150), { k: 1 }).items[0]!.id).toBe('s3150');
    expect(back.search(vs.vector(14), { k: 20 }).items.map((h) => h.id)).not.toContain('s14');
    await back.close();
  });

  it('reports a snapshot that cannot be written instead of committing it', async () => {
    env = tempEnv();
    const c = await env.open();
    const vs = clusteredVectors(50, D, { seed: 2 });
    for (let i = 0; i < 50; i++) c.upsert(`u${i}`, vs.vector(i));
    const { rmSync: rm } = await import('node:fs');
    rm(env.indexDir, { recursive: true, force: true });
    writeFileSync(env.indexDir, 'not a directory');
    await expect(c.snapshot()).rejects.toThrow();
    expect(c.status().lastSnapshotProblem).toMatch(/write failed/);
    expect(c.search(vs.vector(3), { k: 1 }).items[0]!.id).toBe('u3');
    await c.close({ snapshot: false });
    rm(env.indexDir, { force: true });
  });
});
