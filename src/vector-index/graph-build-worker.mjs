// Builds an HNSW graph over vectors 0..n-1 (label = row) in a worker thread and writes it with writeIndexSync.
// Used by read-only collections whose shipped graph is missing or does not verify, and by bench:index.
// Plain JS: runs in a worker_thread without a TypeScript loader. The vectors arrive in a SharedArrayBuffer (no copy).
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import hnswlibStock from 'hnswlib-node';

const { shared, n, dims, m, efConstruction, seed, addonPath, outPath, progressEvery = 50_000 } = workerData;
const lib = addonPath ? createRequire(import.meta.url)(addonPath) : hnswlibStock;
const data = new Float32Array(shared);
const rss0 = process.memoryUsage().rss;
const index = new lib.HierarchicalNSW('ip', dims);
index.initIndex({ maxElements: n, m, efConstruction, randomSeed: seed, allowReplaceDeleted: true });
const point = new Array(dims);
const t0 = performance.now();
for (let j = 0; j < n; j++) {
  const off = j * dims;
  for (let i = 0; i < dims; i++) point[i] = data[off + i];
  index.addPoint(point, j);
  if (j % progressEvery === 0 && j > 0) parentPort.postMessage({ type: 'progress', done: j, seconds: (performance.now() - t0) / 1000 });
}
const seconds = (performance.now() - t0) / 1000;
const rssDeltaMb = Math.round((process.memoryUsage().rss - rss0) / 2 ** 20);
const w0 = performance.now();
index.writeIndexSync(outPath);
parentPort.postMessage({ type: 'done', seconds, rssDeltaMb, writeSeconds: (performance.now() - w0) / 1000 });
