// npm run bench:index-wrapper — the service wrapper's cost per query against the raw binding, on the SAME graph object
// (so only the wrapper differs), interleaved in rounds. [--n 30000] [--ef 32] [--rounds 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { VectorCollection } from '../src/vector-index/collection.js';
import { clusteredVectors } from '../src/vector-index/synthetic.js';

const argv = process.argv.slice(2);
const arg = (name: string, def: number): number => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def);
const N = arg('n', 30_000);
const EF = arg('ef', 32);
const ROUNDS = arg('rounds', 20);
const D = 512;
const Q = 500;
const dir = mkdtempSync(join(tmpdir(), 'wrapper-overhead-'));
try {
  const db = openDatabase(join(dir, 'db.sqlite'));
  const c = await VectorCollection.open({ name: 'bench', modelId: 'm', dims: D, sqlite: db.sqlite, dbPath: null, indexDir: null, m: 16, efConstruction: 100 });
  const vs = clusteredVectors(N + Q, D, { clusters: 2000, noise: 0.96 / Math.sqrt(D), seed: 5 });
  db.sqlite.transaction(() => {
    for (let i = 0; i < N; i++) c.upsert(`vac_${i}`, vs.vector(i), { status: 'open' });
  })();
  c.catchUp();
  c.drain();
  c.setEf(EF);
  const g = c.rawGraph()!;
  const qs = Array.from({ length: Q }, (_, i) => vs.vector(N + i));
  const qa = qs.map((q) => Array.from(q));
  const raw = () => {
    for (let i = 0; i < Q; i++) g.searchKnn(qa[i]!, 10);
  };
  const wrapped = () => {
    for (let i = 0; i < Q; i++) c.search(qs[i]!, { k: 10 });
  };
  const t = { raw: 0, wrapped: 0 };
  raw();
  wrapped();
  for (let r = 0; r < ROUNDS; r++) {
    let s = performance.now();
    raw();
    t.raw += performance.now() - s;
    s = performance.now();
    wrapped();
    t.wrapped += performance.now() - s;
  }
  const per = (ms: number) => (ms * 1000) / (ROUNDS * Q);
  console.log(`N=${N} ef=${EF}: raw ${per(t.raw).toFixed(1)} µs, wrapper ${per(t.wrapped).toFixed(1)} µs per query: +${(per(t.wrapped) - per(t.raw)).toFixed(1)} µs (${((t.wrapped / t.raw - 1) * 100).toFixed(1)} %)`);
  await c.close({ snapshot: false });
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
