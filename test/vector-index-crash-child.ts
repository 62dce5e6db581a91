// Child process for the crash tests: ingests, updates, deletes and snapshots until it is killed with SIGKILL.
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { VectorCollection } from '../src/vector-index/collection.js';
import { mulberry32, gaussian } from '../src/vector-index/synthetic.js';

const [dir, seedArg, dimsArg] = process.argv.slice(2);
const seed = Number(seedArg);
const dims = Number(dimsArg ?? 64);
const rand = mulberry32(seed);
const dbPath = join(dir!, 'db.sqlite');
const db = openDatabase(dbPath);
const c = await VectorCollection.open({
  name: 'vacancies',
  modelId: 'crash-model',
  dims,
  sqlite: db.sqlite,
  dbPath,
  indexDir: join(dir!, 'index'),
  efConstruction: 64,
  workerMinItems: 1_000_000,
});
await c.whenReady();
process.stdout.write('ready\n');
const vec = () => Float32Array.from({ length: dims }, () => gaussian(rand));
let op = 0;
for (;;) {
  // Batches in one transaction, like a bulk import; single writes, like the API.
  const batch = rand() < 0.5 ? 1 + Math.floor(rand() * 50) : 1;
  db.sqlite.transaction(() => {
    for (let i = 0; i < batch; i++) {
      const id = `vac_${Math.floor(rand() * 4000)}`;
      if (rand() < 0.2) c.delete(id, { tx: true });
      else c.upsert(id, vec(), { status: rand() < 0.5 ? 'open' : 'closed' }, { tx: true });
    }
  })();
  c.catchUp();
  if (rand() < 0.3) c.search(vec(), { k: 10 });
  if (++op % 20 === 0) await c.snapshot();
  if (op % 5 === 0) await new Promise((r) => setImmediate(r));
}
