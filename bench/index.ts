// npm run bench:index -- [--n 100000] [--queries 200] [--m 16] [--efc 200] [--data esco|clustered] [--noise 0.964]
//   [--cache var/bench-index] [--usearch-threads 2] [--variants avx512] [--rounds 3]
//   [--skip-usearch] [--skip-wrapper] [--skip-rebuild] [--skip-native] [--skip-filters]
// Every speed is quoted as a ratio against a baseline measured in the same run (the box is shared and noisy).
// The expensive artefacts (graph, usearch index, exact ground truth, the SQLite rows) are cached under --cache by
// their parameters, so a re-run after a code change measures again without rebuilding for half an hour.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../src/db/client.js';
import { loadLabelVectors } from '../src/taxonomy/label-vectors.js';
import { VectorCollection } from '../src/vector-index/collection.js';
import { loadHnsw, nativeBuilds, usableBuild, type HnswLib } from '../src/vector-index/hnsw-binding.js';
import { commitSnapshot } from '../src/vector-index/snapshot.js';
import { VectorStore } from '../src/vector-index/store.js';
import { clusteredVectors, exactTopK, normalise } from '../src/vector-index/synthetic.js';

const argv = process.argv.slice(2);
const arg = (name: string, def: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const argStr = (name: string, def: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : def;
};
const flag = (name: string): boolean => argv.includes(`--${name}`);
const N = arg('n', 100_000);
const Q = arg('queries', 200);
const M = arg('m', 16);
const EFC = arg('efc', 200);
const DATA = argStr('data', 'esco') as 'esco' | 'clustered';
const D = DATA === 'esco' ? 512 : arg('dims', 512);
const K = 10;
// Per-dimension noise in units of 1/sqrt(d). esco default 0.964: an item's cosine to its ESCO label is then ~0.72,
// the median cosine of a real ESCO description embedding to its occupation's preferred label (USE-lite, measured).
const NOISE = arg('noise', DATA === 'esco' ? 0.964 : 0.75);
const EFS = [10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768];
const cache = resolve(argStr('cache', 'var/bench-index'), `${DATA}-n${N}-d${D}-noise${NOISE}-m${M}-efc${EFC}-q${Q}`);
mkdirSync(cache, { recursive: true });
const outDir = 'bench/out';
mkdirSync(outDir, { recursive: true });
const report: Record<string, unknown> = { n: N, dims: D, data: DATA, queries: Q, m: M, efConstruction: EFC, noise: NOISE, startedAt: new Date().toISOString() };
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const mb = (b: number) => Math.round(b / 2 ** 20);
const toArr = (v: Float32Array): number[] => {
  const a = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) a[i] = v[i]!;
  return a;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const readJson = <T>(p: string): T | null => (existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as T) : null);

// ------------------------------------------------------------------ data
/**
 * esco: every vector is a real USE-lite embedding of an ESCO occupation label (the 36,085 shipped label vectors,
 * preferred, alternative, hidden and label+description) plus isotropic Gaussian noise, normalised. Real structure
 * (synonyms close together, occupations grouped by field) with ~28 items per label at 1M.
 * clustered: the older fully synthetic generator (200 random topics, 5,000 centres).
 */
const generate = (n: number, seed: number, centres: Float32Array[]) =>
  clusteredVectors(n, D, { centres, noise: NOISE / Math.sqrt(D), seed, shared: true });

log(`generating ${N} x ${D} (${DATA}, noise ${NOISE})`);
let data: Float32Array;
let queryData: Float32Array;
if (DATA === 'esco') {
  const lv = loadLabelVectors('data/taxonomy/occupation-label-vectors.json.gz', 'data/taxonomy/occupation-label-vectors.bin.gz');
  if (!lv) throw new Error('data/taxonomy/occupation-label-vectors.* missing');
  const dense = lv.denseMatrix();
  const centres = Array.from({ length: lv.size }, (_, r) => normalise(dense.subarray(r * D, (r + 1) * D)));
  const items = generate(N, 11, centres);
  data = items.data;
  queryData = generate(Q, 12, centres).data;
  // How close an item stays to its label: compare with the real 0.72 (description vs preferred label).
  const cosines: number[] = [];
  for (let j = 0; j < Math.min(N, 2000); j++) {
    const c = centres[items.clusterOf[j]!]!;
    let s = 0;
    for (let i = 0; i < D; i++) s += c[i]! * data[j * D + i]!;
    cosines.push(s);
  }
  cosines.sort((a, b) => a - b);
  report.itemToLabelCosineMedian = cosines[cosines.length >> 1];
  log(`median cosine item→its ESCO label: ${cosines[cosines.length >> 1]!.toFixed(3)} (real description→label: 0.72)`);
} else {
  const topics = clusteredVectors(5000, D, { clusters: 200, noise: 1.02 / Math.sqrt(D), seed: 7 });
  const centres = Array.from({ length: 5000 }, (_, i) => topics.vector(i));
  data = generate(N, 11, centres).data;
  queryData = generate(Q, 12, centres).data;
}
const vec = (arr: Float32Array, i: number) => arr.subarray(i * D, (i + 1) * D);
const qArrays = Array.from({ length: Q }, (_, i) => toArr(vec(queryData, i)));

// ------------------------------------------------------------------ builds: hnswlib (worker) and usearch (main), side by side
const stock = loadHnsw('stock');
const variantsArg = argv.includes('--variants') ? argv[argv.indexOf('--variants') + 1]!.split(',') : null;
const natives = flag('skip-native') ? [] : nativeBuilds().filter((b) => usableBuild(b) && (!variantsArg || variantsArg.includes(b.profile)));
const serving = loadHnsw(); // what the service uses
const file = join(cache, 'graph.hnsw');
const buildJson = join(cache, 'graph.json');
let buildDone: Promise<void> = Promise.resolve();
if (!existsSync(buildJson)) {
  log(`building hnswlib-node (${serving.variant}) M=${M} efC=${EFC} in a worker thread`);
  buildDone = new Promise<void>((res, rej) => {
    const w = new Worker(new URL('../src/vector-index/graph-build-worker.mjs', import.meta.url), {
      workerData: { shared: data.buffer, n: N, dims: D, m: M, efConstruction: EFC, seed: 100, addonPath: serving.addonPath, outPath: `${file}.tmp` },
    });
    w.on('message', (msg: { type: string; done?: number; seconds: number; rssDeltaMb?: number; writeSeconds?: number }) => {
      if (msg.type === 'progress') log(`  hnswlib: ${msg.done} added, ${msg.seconds.toFixed(0)} s`);
      else {
        copyFileSync(`${file}.tmp`, file);
        rmSync(`${file}.tmp`);
        writeFileSync(buildJson, JSON.stringify({ variant: serving.variant, threads: 1, seconds: msg.seconds, perSecond: N / msg.seconds, rssDeltaMb: msg.rssDeltaMb, writeSeconds: msg.writeSeconds, concurrentWithUsearch: !flag('skip-usearch') }));
        log(`hnswlib built ${N} in ${msg.seconds.toFixed(0)} s`);
        res();
      }
    });
    w.on('error', rej);
  });
}

const ufile = join(cache, 'usearch.bin');
const uJson = join(cache, 'usearch.json');
if (!flag('skip-usearch') && !existsSync(uJson)) {
  const usearch = await import('usearch');
  // One thread while hnswlib builds on the other core; two when it does not.
  const threads = arg('usearch-threads', existsSync(buildJson) ? 2 : 1);
  const u = new usearch.Index({ dimensions: D, metric: usearch.MetricKind.IP, quantization: usearch.ScalarKind.F32, connectivity: M, expansion_add: EFC, expansion_search: 64, multi: false });
  const keys = new BigUint64Array(N);
  for (let i = 0; i < N; i++) keys[i] = BigInt(i);
  log(`building usearch on ${threads} thread(s)`);
  const t0 = performance.now();
  for (let at = 0; at < N; at += 50_000) {
    const end = Math.min(N, at + 50_000);
    u.add(keys.subarray(at, end), data.subarray(at * D, end * D), threads);
    log(`  usearch: ${end} added, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    await sleep(1); // let the worker's progress messages through
  }
  const seconds = (performance.now() - t0) / 1000;
  u.save(ufile);
  writeFileSync(uJson, JSON.stringify({ seconds, threads, bytes: statSync(ufile).size }));
  log(`usearch built in ${seconds.toFixed(0)} s`);
}

// ------------------------------------------------------------------ exact baseline (this run) and ground truth (cached)
{
  const nq = Math.min(Q, N >= 500_000 ? 10 : 40);
  const t0 = performance.now();
  for (let i = 0; i < nq; i++) exactTopK(data, D, vec(queryData, i), K);
  report.exactQps = nq / ((performance.now() - t0) / 1000);
  log(`exact JS brute force: ${(report.exactQps as number).toFixed(2)} QPS (${nq} queries)`);
}
const exactQps = report.exactQps as number;
const truthPath = join(cache, 'truth.json');
let truth = readJson<number[][]>(truthPath);
if (!truth) {
  log(`exact ground truth for ${Q} queries`);
  truth = [];
  for (let i = 0; i < Q; i++) truth.push(exactTopK(data, D, vec(queryData, i), K));
  writeFileSync(truthPath, JSON.stringify(truth));
}
{
  // The synthetic set's neighbourhood, next to the real one (3,007 ESCO description vectors: 1-NN 0.82, 10-NN 0.71).
  let s1 = 0;
  let s10 = 0;
  for (let i = 0; i < Q; i++) {
    const q = vec(queryData, i);
    const dot = (j: number) => { let s = 0; for (let d = 0; d < D; d++) s += q[d]! * data[j * D + d]!; return s; };
    s1 += dot(truth[i]![0]!);
    s10 += dot(truth[i]![K - 1]!);
  }
  report.queryNeighbourCosine = { nn1: s1 / Q, nn10: s10 / Q };
  log(`query→1st / 10th neighbour cosine: ${(s1 / Q).toFixed(3)} / ${(s10 / Q).toFixed(3)}`);
}

// The SQLite rows for the service wrapper (also cached): 1M upserts through VectorStore, as the service writes them.
const dbPath = join(cache, 'db.sqlite');
const dbJson = join(cache, 'db.json');
if (!flag('skip-wrapper') && !existsSync(dbJson)) {
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(dbPath);
  const store = new VectorStore(db.sqlite, 'bench');
  store.ensureCollection('bench-model', D);
  log(`inserting ${N} rows into SQLite`);
  const t0 = performance.now();
  for (let at = 0; at < N; at += 20_000) {
    db.sqlite.transaction(() => {
      for (let i = at; i < Math.min(N, at + 20_000); i++) {
        store.upsert(`vac_${String(i).padStart(7, '0')}`, 'bench-model', D, vec(data, i), { p1: i % 100 === 0, p10: i % 10 === 0, p50: i % 2 === 0, status: 'open' });
      }
    })();
    await sleep(1);
  }
  const seconds = (performance.now() - t0) / 1000;
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(dbJson, JSON.stringify({ seconds, bytes: statSync(dbPath).size }));
  log(`SQLite rows in ${seconds.toFixed(0)} s`);
}
await buildDone;
report.build = readJson(buildJson);
report.usearch = readJson(uJson);
report.sqliteRows = readJson(dbJson);

const recallOf = (got: ArrayLike<number>[]): number => {
  let hit = 0;
  for (let i = 0; i < Q; i++) {
    const s = new Set(Array.from(got[i]!).map(Number));
    for (const t of truth![i]!) if (s.has(t)) hit++;
  }
  return hit / (Q * K);
};

interface Point {
  ef: number;
  recall: number;
  qps: number;
  p50us: number;
  p99us: number;
}

/** Run all queries (at least twice, and for >= 0.4 s) and time each call. */
function measure(search: (i: number) => ArrayLike<number>, truthFor = truth!): { recall: number; qps: number; p50us: number; p99us: number } {
  const got: ArrayLike<number>[] = new Array(Q);
  for (let i = 0; i < Q; i++) got[i] = search(i);
  const saved = truth;
  truth = truthFor;
  const recall = recallOf(got);
  truth = saved;
  const lat: number[] = [];
  const start = performance.now();
  let passes = 0;
  while (passes < 2 || performance.now() - start < 400) {
    for (let i = 0; i < Q; i++) {
      const a = performance.now();
      search(i);
      lat.push(performance.now() - a);
    }
    passes++;
  }
  const total = performance.now() - start;
  lat.sort((a, b) => a - b);
  return {
    recall,
    qps: lat.length / (total / 1000),
    p50us: Math.round(lat[Math.floor(lat.length * 0.5)]! * 1000),
    p99us: Math.round(lat[Math.floor(lat.length * 0.99)]! * 1000),
  };
}

function atTargets(points: Point[]): Record<string, Point | null> {
  const out: Record<string, Point | null> = {};
  for (const target of [0.9, 0.95, 0.99]) out[String(target)] = points.find((p) => p.recall >= target) ?? null;
  return out;
}

// ------------------------------------------------------------------ file, load
report.file = { bytes: statSync(file).size };
{
  let t0 = performance.now();
  let g: InstanceType<HnswLib['HierarchicalNSW']> | null = new serving.lib.HierarchicalNSW('ip', D);
  g.readIndexSync(file, true);
  const syncS = (performance.now() - t0) / 1000;
  g = null;
  await sleep(200); // a dropped index is freed only after the loop turns
  t0 = performance.now();
  g = new serving.lib.HierarchicalNSW('ip', D);
  await g.readIndex(file, true);
  const asyncS = (performance.now() - t0) / 1000;
  g = null;
  await sleep(200);
  report.load = { readIndexSyncSeconds: syncS, readIndexAsyncSeconds: asyncS };
  log(`graph file ${mb(statSync(file).size)} MB, readIndexSync ${syncS.toFixed(2)} s, readIndex ${asyncS.toFixed(2)} s`);
}

// ------------------------------------------------------------------ build-time ratio, native vs stock (same subset)
const point = new Array<number>(D);
if (natives.length) {
  const sub = Math.min(N, 10_000);
  const timeBuild = (lib: HnswLib) => {
    const g = new lib.HierarchicalNSW('ip', D);
    g.initIndex({ maxElements: sub, m: M, efConstruction: EFC, randomSeed: 100 });
    const s = performance.now();
    for (let j = 0; j < sub; j++) {
      const off = j * D;
      for (let i = 0; i < D; i++) point[i] = data[off + i]!;
      g.addPoint(point, j);
    }
    return (performance.now() - s) / 1000;
  };
  const rows: Record<string, number> = { stock: timeBuild(stock.lib) };
  for (const b of natives) rows[b.profile] = timeBuild(loadHnsw(b.profile).lib);
  report.buildSubset = { points: sub, seconds: rows };
  log(`build of ${sub}: ${JSON.stringify(rows)}`);
}

// ------------------------------------------------------------------ engines, measured interleaved
// The box is shared: each ef point runs every engine in turn, several rounds, so load drift hits all of them alike.
interface Engine {
  name: string;
  setEf(ef: number): void;
  /** Result as data-set row numbers (for recall). */
  search(i: number): ArrayLike<number>;
  /** What is timed, if not search (the wrapper's own result, without the bench's id → row mapping). */
  time?(i: number): unknown;
}
const engines: Engine[] = [];
const curves: Record<string, Point[]> = {};
const ROUNDS = arg('rounds', 3);
function runLadder(): void {
  for (const e of engines) curves[e.name] = [];
  const done = new Set<string>();
  for (const ef of EFS) {
    const active = engines.filter((e) => !done.has(e.name));
    if (active.length === 0) break;
    const lat = new Map<string, number[]>();
    const time = new Map<string, number>();
    const recall = new Map<string, number>();
    for (const e of active) {
      e.setEf(ef);
      const got: ArrayLike<number>[] = [];
      for (let i = 0; i < Q; i++) got.push(e.search(i));
      recall.set(e.name, recallOf(got));
      lat.set(e.name, []);
      time.set(e.name, 0);
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const e of active) {
        e.setEf(ef);
        const l = lat.get(e.name)!;
        const start = performance.now();
        for (let i = 0; i < Q; i++) {
          const a = performance.now();
          if (e.time) e.time(i);
          else e.search(i);
          l.push(performance.now() - a);
        }
        time.set(e.name, time.get(e.name)! + performance.now() - start);
      }
    }
    for (const e of active) {
      const l = lat.get(e.name)!.sort((x, y) => x - y);
      const pt = {
        ef,
        recall: recall.get(e.name)!,
        qps: l.length / (time.get(e.name)! / 1000),
        p50us: Math.round(l[Math.floor(l.length * 0.5)]! * 1000),
        p99us: Math.round(l[Math.floor(l.length * 0.99)]! * 1000),
      };
      curves[e.name]!.push(pt);
      if (pt.recall > 0.995) done.add(e.name);
    }
    log(`ef ${ef}: ${active.map((e) => { const p = curves[e.name]!.at(-1)!; return `${e.name} ${p.recall.toFixed(3)}@${p.qps.toFixed(0)}`; }).join(' | ')}`);
  }
}

for (const variant of ['stock', ...natives.map((b) => b.profile)]) {
  const lib = loadHnsw(variant).lib;
  const g = new lib.HierarchicalNSW('ip', D);
  g.readIndexSync(file, true);
  engines.push({ name: `hnswlib-${variant}`, setEf: (ef) => g.setEf(ef), search: (i) => g.searchKnn(qArrays[i]!, K).neighbors });
}

// ------------------------------------------------------------------ usearch (peer), same vectors, same M/efC
if (!flag('skip-usearch')) {
  const usearch = await import('usearch');
  let view: InstanceType<typeof usearch.Index> | null = null;
  let viewEf = -1;
  engines.push({
    name: 'usearch',
    setEf: (ef) => {
      // expansion_search is fixed at construction: view the saved file (mmap) with the wanted ef.
      if (view && viewEf === ef) return;
      view = new usearch.Index({ dimensions: D, metric: usearch.MetricKind.IP, quantization: usearch.ScalarKind.F32, connectivity: M, expansion_add: EFC, expansion_search: ef, multi: false });
      view.view(ufile);
      viewEf = ef;
    },
    search: (i) => Array.from(view!.search(vec(queryData, i), K, 1).keys, Number),
  });
}

// ------------------------------------------------------------------ the service wrapper (VectorCollection) on the same graph
let collection: VectorCollection | null = null;
if (!flag('skip-wrapper')) {
  const indexDir = join(cache, 'snap');
  rmSync(indexDir, { recursive: true, force: true });
  mkdirSync(indexDir, { recursive: true });
  let db = openDatabase(dbPath);
  const store = new VectorStore(db.sqlite, 'bench');
  // The allocator handed out labels 0..n-1 in order, so the raw graph is a valid snapshot of these rows.
  const tmpCopy = join(indexDir, 'bench.import.hnsw.tmp');
  copyFileSync(file, tmpCopy);
  await commitSnapshot(indexDir, tmpCopy, {
    collection: 'bench',
    modelId: 'bench-model',
    dims: D,
    seq: store.lastSeq(),
    elementCount: N,
    deletedLabels: [],
    pendingLabels: [],
    m: M,
    efConstruction: EFC,
  });
  const openOpts = { name: 'bench', modelId: 'bench-model', dims: D, dbPath, indexDir, m: M, efConstruction: EFC, workerMinItems: 1000 };
  // First open: an imported graph without a rows sidecar, so the rows come from SQLite; then a service snapshot.
  let t0 = performance.now();
  let first: VectorCollection | null = await VectorCollection.open({ ...openOpts, sqlite: db.sqlite });
  const firstOpenS = (performance.now() - t0) / 1000;
  // A snapshot while queries keep coming: how long the loop is held (hnswlib writes on a libuv thread).
  const snapDelay = monitorEventLoopDelay({ resolution: 10 });
  snapDelay.enable();
  let servedDuringSnapshot = 0;
  const f0 = first;
  const ticker = setInterval(() => {
    f0.search(vec(queryData, servedDuringSnapshot % Q), { k: K });
    servedDuringSnapshot++;
  }, 5);
  t0 = performance.now();
  await first.snapshot();
  const snapshotS = (performance.now() - t0) / 1000;
  clearInterval(ticker);
  snapDelay.disable();
  report.snapshotLoop = { seconds: snapshotS, queriesServed: servedDuringSnapshot, loopDelayP99ms: snapDelay.percentile(99) / 1e6, loopDelayMaxMs: snapDelay.max / 1e6 };
  log(`snapshot of ${N}: ${snapshotS.toFixed(1)} s, ${servedDuringSnapshot} queries answered meanwhile, loop delay p99 ${(snapDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(snapDelay.max / 1e6).toFixed(0)} ms`);
  await first.close({ snapshot: false });
  first = null;
  db.close();
  await sleep(500);
  // A restart: the measured open (snapshot header, sidecar, graph, replay).
  const rss0 = process.memoryUsage().rss;
  db = openDatabase(dbPath);
  t0 = performance.now();
  let openPhases: unknown = null;
  collection = await VectorCollection.open({ ...openOpts, sqlite: db.sqlite, log: (obj, msg) => {
    if (msg === 'snapshot loaded') openPhases = obj.ms;
  } });
  const openS = (performance.now() - t0) / 1000;
  const snapBytes = collection.status().snapshot?.bytes ?? 0;
  report.wrapperOpen = {
    seconds: openS,
    firstOpenFromSqliteSeconds: firstOpenS,
    snapshotSeconds: snapshotS,
    rowsSource: collection.rowsSource,
    state: collection.state,
    variant: collection.hnswVariant,
    problem: collection.status().lastSnapshotProblem,
    rssDeltaMb: mb(process.memoryUsage().rss - rss0),
    phasesMs: openPhases,
    snapshotBytes: snapBytes,
  };
  log(`VectorCollection: first open from SQLite ${firstOpenS.toFixed(1)} s, snapshot ${snapshotS.toFixed(1)} s, open after restart ${openS.toFixed(2)} s (rows from ${collection.rowsSource}, ${collection.state}; ms at the end of each phase ${JSON.stringify(openPhases)})`);
  const idToIdx = (id: string) => Number(id.slice(4));
  const c0 = collection;
  // The wrapper against the raw binding on the very same graph object, so only the wrapper differs.
  const sameGraph = c0.rawGraph()!;
  engines.push({ name: `raw-same-graph-${c0.hnswVariant}`, setEf: (ef) => c0.setEf(ef), search: (i) => sameGraph.searchKnn(qArrays[i]!, K).neighbors });
  engines.push({
    name: `wrapper-${c0.hnswVariant}`,
    setEf: (ef) => c0.setEf(ef),
    search: (i) => c0.search(vec(queryData, i), { k: K }).items.map((h) => idToIdx(h.id)),
    time: (i) => c0.search(vec(queryData, i), { k: K }),
  });
  runLadder();

  if (!flag('skip-filters')) {
    // Filtered search: exact scan of the allowed set below 3 %, filter callback above.
    collection.setEf(64);
    const filt: Record<string, unknown>[] = [];
    for (const [name, filter, allow] of [
      ['1%', { p1: true }, (i: number) => i % 100 === 0],
      ['10%', { p10: true }, (i: number) => i % 10 === 0],
      ['50%', { p50: true }, (i: number) => i % 2 === 0],
    ] as const) {
      const ft = Array.from({ length: Q }, (_, i) => exactTopK(data, D, vec(queryData, i), K, allow));
      const c = collection;
      const r = measure((i) => c.search(vec(queryData, i), { k: K, filter }).items.map((h) => idToIdx(h.id)), ft);
      const source = c.search(vec(queryData, 0), { k: K, filter }).source;
      filt.push({ filter: name, source, ...r, vsExact: r.qps / exactQps });
    }
    report.filtered = filt;
    console.table(filt);
  }

  // Rebuild in a worker while queries are served: event-loop delay seen by the main thread.
  if (!flag('skip-rebuild')) {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    let served = 0;
    let exactAnswers = 0;
    t0 = performance.now();
    const p = collection.rebuild();
    const c = collection;
    const timer = setInterval(() => {
      const r = c.search(vec(queryData, served % Q), { k: K });
      served++;
      if (r.source === 'exact') exactAnswers++;
    }, 5);
    await p;
    clearInterval(timer);
    h.disable();
    report.rebuild = {
      seconds: (performance.now() - t0) / 1000,
      queriesServedDuring: served,
      exactAnswers,
      loopDelayP50ms: h.percentile(50) / 1e6,
      loopDelayP99ms: h.percentile(99) / 1e6,
      loopDelayMaxMs: h.max / 1e6,
    };
    log(`rebuild: ${JSON.stringify(report.rebuild)}`);
  }
  await collection.close({ snapshot: false });
  db.close();
}

// ------------------------------------------------------------------ summary
if (flag('skip-wrapper')) runLadder();
report.curves = curves;
const summary: Record<string, unknown>[] = [];
for (const [name, pts] of Object.entries(curves)) {
  const at = atTargets(pts);
  for (const [target, p] of Object.entries(at)) {
    const u = curves.usearch ? atTargets(curves.usearch)[target] : null;
    const raw = name.startsWith('wrapper-') ? curves[`raw-same-graph-${name.slice(8)}`] : null;
    const rawAt = raw ? raw.find((r) => r.ef === p?.ef) : null;
    summary.push({
      engine: name,
      target,
      ef: p?.ef ?? '-',
      recall: p ? p.recall.toFixed(3) : 'not reached',
      qps: p ? Math.round(p.qps) : '-',
      p50us: p?.p50us ?? '-',
      p99us: p?.p99us ?? '-',
      'x exact': p ? Math.round(p.qps / exactQps) : '-',
      'x usearch': p && u ? (p.qps / u.qps).toFixed(2) : '-',
      'x raw, same graph and ef': p && rawAt ? (p.qps / rawAt.qps).toFixed(3) : '-',
    });
  }
}
report.summary = summary;
console.table(summary);
const out = join(outDir, `index-${DATA}-${N}.json`);
writeFileSync(out, JSON.stringify(report, null, 2));
log(`wrote ${out}`);


