// npm run bench:index -- [--n 100000] [--dims 512] [--queries 200] [--m 16] [--efc 200] [--build-cap-s 1800]
//   [--skip-usearch] [--skip-wrapper] [--skip-rebuild] [--skip-native]
// Every speed is quoted as a ratio against a baseline measured in the same run (the box is shared and noisy).
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../src/db/client.js';
import { VectorCollection } from '../src/vector-index/collection.js';
import { loadHnsw, nativeBuilds, usableBuild, type HnswLib } from '../src/vector-index/hnsw-binding.js';
import { commitSnapshot } from '../src/vector-index/snapshot.js';
import { VectorStore } from '../src/vector-index/store.js';
import { clusteredVectors, exactTopK } from '../src/vector-index/synthetic.js';

const argv = process.argv.slice(2);
const arg = (name: string, def: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const flag = (name: string): boolean => argv.includes(`--${name}`);
const N = arg('n', 100_000);
const D = arg('dims', 512);
const Q = arg('queries', 200);
const M = arg('m', 16);
const EFC = arg('efc', 200);
const BUILD_CAP_S = arg('build-cap-s', 1800);
const K = 10;
// Item spread around its centre, in units of 1/sqrt(d): 0.75 → cos ~0.8 to the centre (easy); 1.0 → cos ~0.7 (harder).
const NOISE = arg('noise', 0.75);
const EFS = [10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512];
const work = mkdtempSync(join(tmpdir(), 'bench-index-'));
const outDir = 'bench/out';
mkdirSync(outDir, { recursive: true });
const report: Record<string, unknown> = { n: N, dims: D, queries: Q, m: M, efConstruction: EFC, startedAt: new Date().toISOString() };
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const mb = (b: number) => Math.round(b / 2 ** 20);
const toArr = (v: Float32Array): number[] => {
  const a = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) a[i] = v[i]!;
  return a;
};

// ------------------------------------------------------------------ data
// Embedding-like structure: 200 topic directions, 5,000 "label" centres around them (cos ~0.7 to their topic),
// items around the centres (cos ~0.8 to their centre). Queries come from the same process with another seed.
log(`generating ${N} x ${D}`);
const topics = clusteredVectors(5000, D, { clusters: 200, noise: 1.02 / Math.sqrt(D), seed: 7 });
const centres = Array.from({ length: 5000 }, (_, i) => topics.vector(i));
const data = clusteredVectors(N, D, { centres, noise: NOISE / Math.sqrt(D), seed: 11 });
const queries = clusteredVectors(Q, D, { centres, noise: NOISE / Math.sqrt(D), seed: 12 });
report.noise = NOISE;
const qArrays = Array.from({ length: Q }, (_, i) => toArr(queries.vector(i)));

// ------------------------------------------------------------------ exact baseline and ground truth
log('exact search (ground truth)');
const truth: number[][] = [];
let t0 = performance.now();
for (let i = 0; i < Q; i++) truth.push(exactTopK(data.data, D, queries.vector(i), K));
const exactQps = Q / ((performance.now() - t0) / 1000);
report.exactQps = exactQps;
log(`exact JS brute force: ${exactQps.toFixed(1)} QPS`);

const recallOf = (got: ArrayLike<number>[]): number => {
  let hit = 0;
  for (let i = 0; i < Q; i++) {
    const s = new Set(Array.from(got[i]!).map(Number));
    for (const t of truth[i]!) if (s.has(t)) hit++;
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
function measure(search: (i: number) => ArrayLike<number>): { recall: number; qps: number; p50us: number; p99us: number } {
  const got: ArrayLike<number>[] = new Array(Q);
  for (let i = 0; i < Q; i++) got[i] = search(i); // warm-up + recall
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
    recall: recallOf(got),
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

// ------------------------------------------------------------------ hnswlib-node build (stock), file, load
const stock = loadHnsw('stock');
const variantsArg = argv.includes('--variants') ? argv[argv.indexOf('--variants') + 1]!.split(',') : null;
const natives = flag('skip-native') ? [] : nativeBuilds().filter((b) => usableBuild(b) && (!variantsArg || variantsArg.includes(b.profile)));
log(`building hnswlib-node (stock) M=${M} efC=${EFC}, cap ${BUILD_CAP_S}s`);
const rss0 = process.memoryUsage().rss;
const index = new stock.lib.HierarchicalNSW('ip', D);
index.initIndex({ maxElements: N, m: M, efConstruction: EFC, randomSeed: 100, allowReplaceDeleted: true });
t0 = performance.now();
let built = 0;
const point = new Array<number>(D);
for (; built < N; built++) {
  const off = built * D;
  for (let i = 0; i < D; i++) point[i] = data.data[off + i]!;
  index.addPoint(point, built);
  if (built % 10_000 === 0 && built > 0) {
    const s = (performance.now() - t0) / 1000;
    log(`  ${built} added, ${s.toFixed(0)} s`);
    if (s > BUILD_CAP_S) break;
  }
}
const buildS = (performance.now() - t0) / 1000;
const indexRssMb = mb(process.memoryUsage().rss - rss0);
report.build = { variant: 'stock', built, seconds: buildS, perSecond: built / buildS, rssDeltaMb: indexRssMb };
log(`built ${built} in ${buildS.toFixed(1)} s (${(built / buildS).toFixed(0)}/s), +${indexRssMb} MB RSS`);
if (built < N) {
  log(`build capped at ${built}: ground truth restricted to the built prefix`);
  for (let i = 0; i < Q; i++) truth[i] = exactTopK(data.data.subarray(0, built * D), D, queries.vector(i), K);
}
const file = join(work, 'index.hnsw');
t0 = performance.now();
index.writeIndexSync(file);
report.file = { bytes: statSync(file).size, writeSeconds: (performance.now() - t0) / 1000 };
t0 = performance.now();
let loaded: InstanceType<HnswLib['HierarchicalNSW']> | null = new stock.lib.HierarchicalNSW('ip', D);
loaded.readIndexSync(file, true);
const loadSyncS = (performance.now() - t0) / 1000;
loaded = null;
await new Promise((r) => setTimeout(r, 50)); // a dropped index is freed only after the loop turns
t0 = performance.now();
loaded = new stock.lib.HierarchicalNSW('ip', D);
await loaded.readIndex(file, true);
loaded = null;
await new Promise((r) => setTimeout(r, 50));
report.load = { readIndexSyncSeconds: loadSyncS, readIndexAsyncSeconds: (performance.now() - t0) / 1000 };
log(`file ${mb(statSync(file).size)} MB, readIndexSync ${loadSyncS.toFixed(2)} s`);

// ------------------------------------------------------------------ build-time ratio, native vs stock (same subset)
if (natives.length) {
  const sub = Math.min(built, 10_000);
  const timeBuild = (lib: HnswLib) => {
    const g = new lib.HierarchicalNSW('ip', D);
    g.initIndex({ maxElements: sub, m: M, efConstruction: EFC, randomSeed: 100 });
    const s = performance.now();
    for (let j = 0; j < sub; j++) {
      const off = j * D;
      for (let i = 0; i < D; i++) point[i] = data.data[off + i]!;
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
  search(i: number): ArrayLike<number>;
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
          e.search(i);
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
  const threads = 2;
  const u = new usearch.Index({ dimensions: D, metric: usearch.MetricKind.IP, quantization: usearch.ScalarKind.F32, connectivity: M, expansion_add: EFC, expansion_search: 64, multi: false });
  const keys = new BigUint64Array(built);
  for (let i = 0; i < built; i++) keys[i] = BigInt(i);
  t0 = performance.now();
  let uAdded = 0;
  // In chunks, so a capped run stops in time; the same prefix hnswlib built.
  while (uAdded < built) {
    const end = Math.min(built, uAdded + 50_000);
    u.add(keys.subarray(uAdded, end), data.data.subarray(uAdded * D, end * D), threads);
    uAdded = end;
    if ((performance.now() - t0) / 1000 > BUILD_CAP_S) break;
  }
  const uBuild = (performance.now() - t0) / 1000;
  if (uAdded < built) log(`usearch build capped at ${uAdded}: its recall is against the full prefix and will be low`);
  const ufile = join(work, 'index.usearch');
  u.save(ufile);
  report.usearch = { buildSeconds: uBuild, threads, added: uAdded, bytes: statSync(ufile).size };
  log(`usearch build ${uBuild.toFixed(1)} s on ${threads} threads`);
  let view: InstanceType<typeof usearch.Index> | null = null;
  engines.push({
    name: 'usearch',
    setEf: (ef) => {
      // expansion_search is fixed at construction: view the saved file (mmap) with the wanted ef.
      if (view && (view as unknown as { __ef: number }).__ef === ef) return;
      view = new usearch.Index({ dimensions: D, metric: usearch.MetricKind.IP, quantization: usearch.ScalarKind.F32, connectivity: M, expansion_add: EFC, expansion_search: ef, multi: false });
      view.view(ufile);
      (view as unknown as { __ef: number }).__ef = ef;
    },
    search: (i) => Array.from(view!.search(queries.vector(i), K, 1).keys, Number),
  });
}

// ------------------------------------------------------------------ the service wrapper (VectorCollection) on the same graph
let collection: VectorCollection | null = null;
if (!flag('skip-wrapper')) {
  const dbPath = join(work, 'db.sqlite');
  const indexDir = join(work, 'snap');
  mkdirSync(indexDir, { recursive: true });
  let db = openDatabase(dbPath);
  const store = new VectorStore(db.sqlite, 'bench');
  store.ensureCollection('bench-model', D);
  t0 = performance.now();
  db.sqlite.transaction(() => {
    for (let i = 0; i < built; i++) {
      store.upsert(`vac_${String(i).padStart(7, '0')}`, 'bench-model', D, data.vector(i), {
        p1: i % 100 === 0,
        p10: i % 10 === 0,
        p50: i % 2 === 0,
        status: 'open',
      });
    }
  })();
  report.sqliteInsertSeconds = (performance.now() - t0) / 1000;
  // The allocator handed out labels 0..n-1 in order, so the raw graph is a valid snapshot of these rows.
  const tmpCopy = join(indexDir, 'bench.import.hnsw.tmp');
  copyFileSync(file, tmpCopy);
  await commitSnapshot(indexDir, tmpCopy, {
    collection: 'bench',
    modelId: 'bench-model',
    dims: D,
    seq: store.lastSeq(),
    elementCount: built,
    deletedLabels: [],
    pendingLabels: [],
    m: M,
    efConstruction: EFC,
  });
  db.close();
  db = openDatabase(dbPath);
  t0 = performance.now();
  collection = await VectorCollection.open({
    name: 'bench',
    modelId: 'bench-model',
    dims: D,
    sqlite: db.sqlite,
    dbPath,
    indexDir,
    m: M,
    efConstruction: EFC,
    workerMinItems: 1000,
  });
  const openS = (performance.now() - t0) / 1000;
  report.wrapperOpen = { seconds: openS, state: collection.state, variant: collection.hnswVariant, problem: collection.status().lastSnapshotProblem };
  log(`VectorCollection.open (rows + verified snapshot): ${openS.toFixed(2)} s, variant ${collection.hnswVariant}`);
  const rawVariant = collection.hnswVariant;
  const idToIdx = (id: string) => Number(id.slice(4));
  const c0 = collection;
  engines.push({ name: `wrapper-${rawVariant}`, setEf: (ef) => c0.setEf(ef), search: (i) => c0.search(queries.vector(i), { k: K }).items.map((h) => idToIdx(h.id)) });
  runLadder();
  void rawVariant;

  // Filtered search: exact scan of the allowed set below 10%, filter callback above.
  collection.setEf(64);
  const filt: Record<string, unknown>[] = [];
  for (const [name, filter, allow] of [
    ['1%', { p1: true }, (i: number) => i % 100 === 0],
    ['10%', { p10: true }, (i: number) => i % 10 === 0],
    ['50%', { p50: true }, (i: number) => i % 2 === 0],
  ] as const) {
    const ft = Array.from({ length: Q }, (_, i) => exactTopK(data.data.subarray(0, built * D), D, queries.vector(i), K, allow));
    const saved = truth.splice(0, Q, ...ft);
    const c = collection;
    const r = measure((i) => c.search(queries.vector(i), { k: K, filter }).items.map((h) => idToIdx(h.id)));
    const source = c.search(queries.vector(0), { k: K, filter }).source;
    truth.splice(0, Q, ...saved);
    filt.push({ filter: name, source, ...r, vsExact: r.qps / exactQps });
  }
  report.filtered = filt;
  console.table(filt);

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
      const r = c.search(queries.vector(served % Q), { k: K });
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
    summary.push({
      engine: name,
      target,
      ef: p?.ef ?? '-',
      recall: p ? p.recall.toFixed(3) : 'not reached',
      qps: p ? Math.round(p.qps) : '-',
      p50us: p?.p50us ?? '-',
      p99us: p?.p99us ?? '-',
      'x exact': p ? Math.round(p.qps / exactQps) : '-',
      'x usearch': p && curves.usearch ? (() => {
        const u = atTargets(curves.usearch)[target];
        return u ? (p.qps / u.qps).toFixed(2) : '-';
      })() : '-',
    });
  }
}
report.summary = summary;
console.table(summary);
const out = join(outDir, `index-${N}.json`);
writeFileSync(out, JSON.stringify(report, null, 2));
log(`wrote ${out}`);
rmSync(work, { recursive: true, force: true });
