// Rebuilds one collection's HNSW graph off the main thread, from SQLite (the source of truth), and writes it to a
// temp file with writeIndexSync. Plain JS so it runs in a worker_thread without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import hnswlibStock from 'hnswlib-node';

const { dbPath, collection, dims, m, efConstruction, outPath, seed, addonPath } = workerData;
// The same addon build as the main thread (a CPU-specific one if loadHnsw picked it); the file format is identical.
const hnswlib = addonPath ? createRequire(import.meta.url)(addonPath) : hnswlibStock;
const db = new Database(dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

// One read transaction: the rows and last_seq come from the same consistent snapshot.
db.exec('BEGIN');
const seq = db.prepare('SELECT last_seq FROM vector_collections WHERE name = ?').pluck().get(collection) ?? 0;
const total = db.prepare('SELECT count(*) FROM vector_items WHERE collection = ? AND deleted = 0').pluck().get(collection);
const index = new hnswlib.HierarchicalNSW('ip', dims);
index.initIndex({ maxElements: Math.max(1024, Math.ceil(total * 1.1) + 16), m, efConstruction, randomSeed: seed, allowReplaceDeleted: true });
const point = new Array(dims);
// Every label added, handed back so the main thread need not ask hnswlib for them (a 1M array through N-API).
let labels = new Uint32Array(Math.max(1024, total));
let done = 0;
let lastReport = Date.now();
for (const row of db
  .prepare('SELECT label, vector FROM vector_items WHERE collection = ? AND deleted = 0 ORDER BY label')
  .iterate(collection)) {
  const buf = row.vector;
  if (!buf || buf.byteLength !== dims * 4) continue;
  const f = new Float32Array(dims);
  new Uint8Array(f.buffer).set(buf);
  for (let i = 0; i < dims; i++) point[i] = f[i];
  index.addPoint(point, row.label);
  if (done >= labels.length) {
    const grown = new Uint32Array(labels.length * 2);
    grown.set(labels);
    labels = grown;
  }
  labels[done] = row.label;
  done++;
  if (Date.now() - lastReport > 250) {
    lastReport = Date.now();
    parentPort.postMessage({ type: 'progress', done, total });
  }
}
db.exec('COMMIT');
db.close();
index.writeIndexSync(outPath);
const added = labels.slice(0, done);
parentPort.postMessage({ type: 'done', seq, count: done, elementCount: index.getCurrentCount(), labels: added }, [added.buffer]);
