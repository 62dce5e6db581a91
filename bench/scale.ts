// npm run bench:scale -- [--n 20000] [--dims 512] [--writes 1500] [--writers 4] [--sustained-s 10] [--http 1]
// (--http 1: then the real API processes part, bench/scale-replicas.ts: match throughput with 1/2/3 replicas, lag
//  under sustained API writes; its own options: --seed --secs --clients --http-sustained-s --rate; then
//  bench/scale-backends.ts: one process per back end on the same data, ingest and match-page latency, --reps --rounds)
// PostgreSQL against SQLite on the same data, in one run (issue 15). Needs a PostgreSQL it may create a database on:
// DATABASE_URL or TEST_DATABASE_URL (export TEST_DATABASE_URL=$(bash .ci/pg-up | tail -n 1)).
// Prints ratios measured side by side; absolute figures depend on this shared 2-core box.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { withPgTransaction } from '../src/db/pg/client.js';
import { LogFollower } from '../src/replication/log-follower.js';
import { PgChangeLog } from '../src/replication/pg-change-log.js';
import { VectorCollection } from '../src/vector-index/collection.js';
import { VectorStore } from '../src/vector-index/store.js';
import { clusteredVectors } from '../src/vector-index/synthetic.js';
import { scratchPgDatabase } from '../test/pg-helper.js';
import { numberArg } from './args.js';

const arg = (name: string, def: number): number => numberArg(name, def);
const N = arg('n', 20_000);
const D = arg('dims', 512);
const WRITES = arg('writes', 1500);
const WRITERS = arg('writers', 4);
const SUSTAINED_S = arg('sustained-s', 10);
if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waitUntil = async (cond: () => boolean, timeoutMs = 3_600_000) => {
  const t = Date.now();
  while (!cond()) {
    if (Date.now() - t > timeoutMs) throw new Error('timeout');
    await sleep(20);
  }
};

const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
const data = clusteredVectors(N + WRITES * 2, D, { seed: 7 });
const attrs = (i: number) => ({ status: 'open', country: ['DE', 'FR', 'ES', 'IT'][i % 4]!, shortage: i % 3 === 0 });
const pgDb = await scratchPgDatabase({ max: WRITERS + 4 });
const lite = openDatabase(join(dir, 'leader.sqlite'));
const liteStore = new VectorStore(lite.sqlite, 'vacancies');
liteStore.ensureCollection('bench', D);
const log = new PgChangeLog('vacancies');
await log.ensureCollection(pgDb.pool, 'bench', D);
console.log(`n ${fmt(N)}, d ${D}, single writes ${fmt(WRITES)}, concurrent writers ${WRITERS}; PostgreSQL ${(await pgDb.pool.query('SHOW server_version')).rows[0].server_version}`);

// 1. Single-row write transactions (one vector + its change sequence, committed durably), alternating back ends.
const liteMs: number[] = [];
const pgMs: number[] = [];
for (let round = 0; round < 3; round++) {
  const per = Math.floor(WRITES / 3);
  let t = performance.now();
  for (let i = 0; i < per; i++) {
    const k = round * per + i;
    liteStore.upsert(`vac_w${k}`, 'bench', D, data.vector(N + k), attrs(k));
  }
  liteMs.push(performance.now() - t);
  t = performance.now();
  for (let i = 0; i < per; i++) {
    const k = round * per + i;
    await withPgTransaction(pgDb.pool, (tx) => log.upsert(tx, `vac_w${k}`, 'bench', D, data.vector(N + k), attrs(k)));
  }
  pgMs.push(performance.now() - t);
}
const perRound = Math.floor(WRITES / 3);
const liteRate = (3 * perRound) / (liteMs.reduce((a, b) => a + b) / 1000);
const pgRate = (3 * perRound) / (pgMs.reduce((a, b) => a + b) / 1000);
console.log(`\n1. single-item write transactions, 1 writer: SQLite ${fmt(liteRate)}/s, PostgreSQL ${fmt(pgRate)}/s → PostgreSQL/SQLite ${fmt(pgRate / liteRate, 2)}`);

// 2. Concurrent writers on PostgreSQL: one collection's log serialises them; separate collections do not.
async function concurrent(collections: number): Promise<number> {
  const logs = Array.from({ length: collections }, (_, c) => new PgChangeLog(`bench_c${c}`));
  for (const l of logs) await l.ensureCollection(pgDb.pool, 'bench', D);
  const per = Math.floor(WRITES / WRITERS);
  const t = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const l = logs[w % collections]!;
      for (let i = 0; i < per; i++) {
        const k = w * per + i;
        await withPgTransaction(pgDb.pool, (tx) => l.upsert(tx, `vac_c${w}_${i}`, 'bench', D, data.vector(N + WRITES + (k % WRITES)), attrs(k)));
      }
    }),
  );
  return (WRITERS * per) / ((performance.now() - t) / 1000);
}
const oneColl = await concurrent(1);
const manyColl = await concurrent(WRITERS);
console.log(`2. PostgreSQL, ${WRITERS} concurrent writers: one collection ${fmt(oneColl)}/s (${fmt(oneColl / pgRate, 2)}× 1 writer), ${WRITERS} collections (partitions) ${fmt(manyColl)}/s (${fmt(manyColl / pgRate, 2)}×)`);

// 3. Bulk-load N vectors into both (5,000 per transaction), then read the whole log back.
let t = performance.now();
for (let s = 0; s < N; s += 5000) {
  lite.sqlite.transaction(() => {
    for (let i = s; i < Math.min(N, s + 5000); i++) liteStore.upsert(`vac_${i}`, 'bench', D, data.vector(i), attrs(i));
  })();
}
const liteLoad = N / ((performance.now() - t) / 1000);
t = performance.now();
const half = Math.floor(N / 2);
for (let s = 0; s < half; s += 5000) {
  await withPgTransaction(pgDb.pool, async (tx) => {
    for (let i = s; i < Math.min(half, s + 5000); i++) await log.upsert(tx, `vac_${i}`, 'bench', D, data.vector(i), attrs(i));
  });
}
const pgLoad = half / ((performance.now() - t) / 1000);
t = performance.now();
for (let s = half; s < N; s += 1000) {
  const items: { itemId: string; vector: Float32Array; attrs: ReturnType<typeof attrs> }[] = [];
  for (let i = s; i < Math.min(N, s + 1000); i++) items.push({ itemId: `vac_${i}`, vector: data.vector(i), attrs: attrs(i) });
  await withPgTransaction(pgDb.pool, (tx) => log.upsertMany(tx, 'bench', D, items));
}
const pgBulk = (N - half) / ((performance.now() - t) / 1000);
console.log(
  `3. bulk load: SQLite (5,000 per transaction) ${fmt(liteLoad)}/s; PostgreSQL one call per row (5,000 per transaction) ${fmt(pgLoad)}/s → ${fmt(pgLoad / liteLoad, 2)}, ` +
    `upsertMany (1,000 per call and transaction) ${fmt(pgBulk)}/s → ${fmt(pgBulk / liteLoad, 2)}`,
);
t = performance.now();
let read = 0;
for (let after = 0; ; ) {
  const rows = liteStore.changesSince(after, 2000);
  read += rows.length;
  if (rows.length < 2000) break;
  after = rows[rows.length - 1]!.seq;
}
const liteRead = read / ((performance.now() - t) / 1000);
t = performance.now();
read = 0;
for (let after = 0; ; ) {
  const rows = await log.changesSince(pgDb.pool, after, 2000);
  read += rows.length;
  if (rows.length < 2000) break;
  after = rows[rows.length - 1]!.seq;
}
const pgRead = read / ((performance.now() - t) / 1000);
console.log(`   reading the whole log (${fmt(read)} rows, 2,000 a page): SQLite ${fmt(liteRead)}/s, PostgreSQL ${fmt(pgRead)}/s → ${fmt(pgRead / liteRead, 2)}`);
const { rows: sz } = await pgDb.pool.query("SELECT pg_total_relation_size('vector_items') AS b");
const liteBytes = (lite.sqlite.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'vector_items%' OR name LIKE 'sqlite_autoindex_vector_items%'").get() as { b: number } | undefined)?.b;
const total = N + WRITES + WRITERS * Math.floor(WRITES / WRITERS);
console.log(`   bytes per logged item (vector_items + indexes): PostgreSQL ${fmt(Number(sz[0].b) / (N + WRITES))} (TOAST-compressed float32 is barely compressible), SQLite ${liteBytes ? fmt(liteBytes / (N + WRITES)) : 'n/a (no dbstat)'}; ${fmt(total)} rows in PostgreSQL over all collections`);

// 4. Catch-up of a new replica to the same N items: follower from PostgreSQL vs a collection opened on the SQLite file
//    (no snapshot: rows, then the graph built). Both end with a drained HNSW graph over the same vectors.
const replicaDb = openDatabase(join(dir, 'replica.sqlite'));
const replica = await VectorCollection.open({ name: 'vacancies', modelId: 'bench', dims: D, sqlite: replicaDb.sqlite, dbPath: join(dir, 'replica.sqlite'), indexDir: null, efConstruction: 100 });
t = performance.now();
const follower = new LogFollower({ pool: pgDb.pool, listenUrl: pgDb.url, local: replica, pollMs: 200 });
await follower.start();
const pgRows = performance.now() - t;
await waitUntil(() => replica.status().state === 'ready' && replica.status().pending === 0);
const pgCatchUp = performance.now() - t;
t = performance.now();
const reopened = await VectorCollection.open({ name: 'vacancies', modelId: 'bench', dims: D, sqlite: lite.sqlite, dbPath: join(dir, 'leader.sqlite'), indexDir: join(dir, 'idx'), efConstruction: 100 });
await waitUntil(() => reopened.status().state === 'ready' && reopened.status().pending === 0);
const liteCatchUp = performance.now() - t;
console.log(
  `4. new replica to ${fmt(replica.size)} items: follower from PostgreSQL ${fmt(pgCatchUp / 1000, 1)} s (rows read and stored locally in ${fmt(pgRows / 1000, 1)} s, then the graph built in a worker), ` +
    `SQLite open + worker rebuild ${fmt(liteCatchUp / 1000, 1)} s → ${fmt(pgCatchUp / liteCatchUp, 2)}; follower replay ${fmt(replica.size / (pgCatchUp / 1000))} items/s`,
);
t = performance.now();
const snap = await reopened.snapshot();
const snapBytes = (snap?.size ?? 0) + (snap?.rows?.mapsSize ?? 0);
console.log(`   snapshot of ${fmt(reopened.size)} items: graph ${fmt((snap?.size ?? 0) / 1e6, 1)} MB + rows sidecar ${fmt((snap?.rows?.mapsSize ?? 0) / 1e6, 1)} MB = ${fmt(snapBytes / reopened.size)} bytes per vector at M 16, d ${D}; written in ${fmt((performance.now() - t) / 1000, 1)} s`);

// 5. Sustained writes on PostgreSQL while the follower replays: lag from commit to searchable on the replica.
const lags: number[] = [];
const end = Date.now() + SUSTAINED_S * 1000;
let k = 0;
while (Date.now() < end) {
  const id = `vac_s${k}`;
  const v = data.vector(N + (k % WRITES));
  const t0 = performance.now();
  const seq = await withPgTransaction(pgDb.pool, (tx) => log.upsert(tx, id, 'bench', D, v, attrs(k)));
  await follower.waitFor(seq, 30_000);
  lags.push(performance.now() - t0);
  k++;
  await sleep(5);
}
lags.sort((a, b) => a - b);
console.log(`5. sustained writes for ${SUSTAINED_S} s (${fmt(k)} writes, one at a time): commit → applied on the follower p50 ${fmt(pct(lags, 0.5), 1)} ms, p99 ${fmt(pct(lags, 0.99), 1)} ms`);

await follower.stop();
await replica.close();
await reopened.close();
replicaDb.close();
lite.close();
await pgDb.drop();
rmSync(dir, { recursive: true, force: true });

// 6. Real API processes (bench/scale-replicas.ts): HTTP match throughput with 1, 2 and 3 replicas, lag under API writes.
if (arg('http', 1)) {
  const { runReplicaBench } = await import('./scale-replicas.js');
  await runReplicaBench({ seed: arg('seed', 600), secs: arg('secs', 10), clients: arg('clients', 12), sustainedS: arg('http-sustained-s', 15), rate: arg('rate', 8) });
  // 7. One API process per back end, same data (bench/scale-backends.ts): ingest and match-page latency, PostgreSQL / SQLite.
  const { runBackendBench } = await import('./scale-backends.js');
  await runBackendBench({ reps: arg('reps', 3), rounds: arg('rounds', 7) });
}
