// npm run bench:embed [-- --quick]: USE-lite throughput and the cost of the service path, as ratios from one run.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEmbedder } from '../src/embedding/create.js';
import { UseLiteModel } from '../src/embedding/use-lite.js';

const quick = process.argv.includes('--quick');
const N_SINGLE = quick ? 64 : 256;
const N_BATCH = quick ? 256 : 1024;
const N_INGEST = quick ? 1000 : 10_000;

// Deterministic job-advert-like sentences (8–20 words), so every run embeds the same texts.
const ROLES = ['registered nurse', 'truck driver', 'java developer', 'welder', 'chef', 'farm worker', 'electrician', 'caregiver', 'accountant', 'plumber', 'warehouse operative', 'hotel receptionist'];
const DUTIES = ['caring for patients on a busy ward', 'driving heavy goods vehicles across europe', 'building web applications and apis', 'joining steel parts on construction sites', 'cooking meals for a large restaurant', 'harvesting fruit and vegetables in season', 'installing wiring in new buildings', 'supporting elderly people at home', 'preparing financial statements and tax returns', 'repairing pipes and heating systems', 'picking and packing orders with a forklift', 'welcoming guests and handling bookings'];
const EXTRAS = ['full time with overtime', 'night shifts available', 'housing provided by the employer', 'two years of experience required', 'language course offered', 'no recruitment fees charged to workers'];
function sentences(n: number, salt: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i * 7 + salt;
    return `${ROLES[k % ROLES.length]} ${DUTIES[(k >> 1) % DUTIES.length]}, ${EXTRAS[(k >> 2) % EXTRAS.length]} (ref ${i})`;
  });
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

const rows: Array<[string, string, string]> = [];
const fmt = (x: number, d = 1) => x.toFixed(d);

// 1. Raw model calls in this thread (the baseline).
const model = await UseLiteModel.load();
await model.embedBatch(sentences(32, 99)); // warm-up
const single = sentences(N_SINGLE, 1);
const tSingle = await timeIt(async () => {
  for (const s of single) await model.embedBatch([s]);
});
const batched = sentences(N_BATCH, 2);
const tBatch = await timeIt(async () => {
  for (let i = 0; i < batched.length; i += 32) await model.embedBatch(batched.slice(i, i + 32));
});
const rawB1 = N_SINGLE / tSingle;
const rawB32 = N_BATCH / tBatch;
rows.push(['raw model, batch 1 (1 thread)', `${fmt(rawB1)} sent/s`, '1.00×']);
rows.push(['raw model, batch 32 (1 thread)', `${fmt(rawB32)} sent/s`, `${fmt(rawB32 / rawB1, 2)}× batch 1`]);

// Event-loop delay while the raw model runs in this thread (what the pool avoids).
// The loop is given a turn between batches (setImmediate), the best an in-thread model can do.
const hRaw = monitorEventLoopDelay({ resolution: 5 });
hRaw.enable();
const rawIngest = sentences(quick ? 256 : 512, 3);
for (let i = 0; i < rawIngest.length; i += 32) {
  await model.embedBatch(rawIngest.slice(i, i + 32));
  await new Promise((r) => setImmediate(r));
}
hRaw.disable();
model.dispose();

// 2. Service path: PooledEmbedder (batching queue + piscina workers), fed by single-text calls as HTTP handlers would.
async function servicePath(workers: number, texts: string[]) {
  const e = await createEmbedder({ EMBEDDER: 'use-lite', EMBEDDER_MODEL: '', MODELS_DIR: './models', ALLOW_MODEL_DOWNLOAD: false, EMBED_WORKERS: workers });
  await e.embed(sentences(64, 98)); // warm-up
  const t = await timeIt(() => Promise.all(texts.map((s) => e.embed([s]))));
  await e.close();
  return texts.length / t;
}
const svc1 = await servicePath(1, sentences(N_BATCH, 4));
const svc2 = await servicePath(2, sentences(N_BATCH, 5));
rows.push(['service path, 1 worker, 1-text calls coalesced', `${fmt(svc1)} sent/s`, `overhead ${fmt((rawB32 / svc1 - 1) * 100)}% vs raw batch 32`]);
rows.push(['service path, 2 workers', `${fmt(svc2)} sent/s`, `${fmt(svc2 / svc1, 2)}× 1 worker`]);

// 3. Event-loop delay during a large ingest through the service path (2 workers), in chunks of 100 calls.
{
  const e = await createEmbedder({ EMBEDDER: 'use-lite', EMBEDDER_MODEL: '', MODELS_DIR: './models', ALLOW_MODEL_DOWNLOAD: false, EMBED_WORKERS: 2 });
  await e.embed(sentences(64, 97));
  const texts = sentences(N_INGEST, 6);
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t = await timeIt(() => Promise.all(texts.map((s) => e.embed([s]))));
  h.disable();
  await e.close();
  const p99 = h.percentile(99) / 1e6;
  const rawP99 = hRaw.percentile(99) / 1e6;
  rows.push([`ingest of ${N_INGEST} texts via service path (2 workers)`, `${fmt(N_INGEST / t)} sent/s`, `event-loop p99 ${fmt(p99)} ms, max ${fmt(h.max / 1e6)} ms`]);
  rows.push(['same, raw model in the event-loop thread (baseline)', '', `event-loop p99 ${fmt(rawP99)} ms (${fmt(rawP99 / p99, 1)}× worse)`]);
}

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`\nUSE-lite embedding benchmark (${quick ? 'quick' : 'full'}; cores: ${(await import('node:os')).availableParallelism()})\n`);
console.log(`| ${'measure'.padEnd(w0)} | ${'throughput'.padEnd(w1)} | ratio / note |`);
console.log(`|${'-'.repeat(w0 + 2)}|${'-'.repeat(w1 + 2)}|---|`);
for (const r of rows) console.log(`| ${r[0].padEnd(w0)} | ${r[1].padEnd(w1)} | ${r[2]} |`);
