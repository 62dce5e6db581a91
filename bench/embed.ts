// npm run bench:embed [-- --quick]: USE-lite throughput and the cost of the service path, as ratios from one run.
// The machine is shared and noisy, so the compared variants run interleaved in rounds (rotating order) and each ratio
// is the median of its per-round ratios.
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEmbedder } from '../src/embedding/create.js';
import { UseLiteModel } from '../src/embedding/use-lite.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 2 : 5;
const N_SINGLE = quick ? 24 : 48;
const N_BATCH = quick ? 96 : 192;
const N_SERVICE = quick ? 128 : 256;
const N_INGEST = quick ? 1000 : 10_000;
const config = { EMBEDDER: 'use-lite', EMBEDDER_MODEL: '', MODELS_DIR: './models', ALLOW_MODEL_DOWNLOAD: false } as const;

// Deterministic job-advert-like sentences (≈15–25 words), so every run embeds the same texts.
const ROLES = ['registered nurse', 'truck driver', 'java developer', 'welder', 'chef', 'farm worker', 'electrician', 'caregiver', 'accountant', 'plumber', 'warehouse operative', 'hotel receptionist'];
const DUTIES = ['caring for patients on a busy ward', 'driving heavy goods vehicles across europe', 'building web applications and apis', 'joining steel parts on construction sites', 'cooking meals for a large restaurant', 'harvesting fruit and vegetables in season', 'installing wiring in new buildings', 'supporting elderly people at home', 'preparing financial statements and tax returns', 'repairing pipes and heating systems', 'picking and packing orders with a forklift', 'welcoming guests and handling bookings'];
const EXTRAS = ['full time with overtime', 'night shifts available', 'housing provided by the employer', 'two years of experience required', 'language course offered', 'no recruitment fees charged to workers'];
function sentences(n: number, salt: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i * 7 + salt;
    return `${ROLES[k % ROLES.length]} ${DUTIES[(k >> 1) % DUTIES.length]}, ${EXTRAS[(k >> 2) % EXTRAS.length]} (ref ${i})`;
  });
}

async function rate(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return n / ((performance.now() - t0) / 1000);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number, d = 1): string => x.toFixed(d);

const model = await UseLiteModel.load();
const svc1 = await createEmbedder({ ...config, EMBED_WORKERS: 1 });
const svc2 = await createEmbedder({ ...config, EMBED_WORKERS: 2 });
await Promise.all([model.embedBatch(sentences(32, 99)), svc1.embed(sentences(64, 98)), svc2.embed(sentences(64, 97))]);

const variants = {
  rawB1: (texts: string[]) => rate(texts.length, async () => {
    for (const s of texts) await model.embedBatch([s]);
  }),
  rawB32: (texts: string[]) => rate(texts.length, async () => {
    for (let i = 0; i < texts.length; i += 32) await model.embedBatch(texts.slice(i, i + 32));
  }),
  svc1: (texts: string[]) => rate(texts.length, () => Promise.all(texts.map((s) => svc1.embed([s])))),
  svc2: (texts: string[]) => rate(texts.length, () => Promise.all(texts.map((s) => svc2.embed([s])))),
};
type Variant = keyof typeof variants;
const sizes: Record<Variant, number> = { rawB1: N_SINGLE, rawB32: N_BATCH, svc1: N_SERVICE, svc2: N_SERVICE };
const results: Record<Variant, number[]> = { rawB1: [], rawB32: [], svc1: [], svc2: [] };
const order: Variant[] = ['rawB1', 'rawB32', 'svc1', 'svc2'];
for (let r = 0; r < ROUNDS; r++) {
  for (let j = 0; j < order.length; j++) {
    const v = order[(j + r) % order.length]!;
    results[v].push(await variants[v](sentences(sizes[v], r * 13 + j)));
  }
  process.stderr.write(`round ${r + 1}/${ROUNDS} done\n`);
}
const perRound = (a: Variant, b: Variant) => median(results[a].map((x, i) => x / results[b][i]!));
await svc1.close();
model.dispose();

// Event-loop delay during a large ingest through the service path (2 workers), all calls issued at once.
const hSvc = monitorEventLoopDelay({ resolution: 5 });
hSvc.enable();
const ingestRate = await rate(N_INGEST, () => Promise.all(sentences(N_INGEST, 6).map((s) => svc2.embed([s]))));
hSvc.disable();
await svc2.close();
// Baseline: the raw model in the event-loop thread, yielding to the loop between batches (the best it can do).
const inThread = await UseLiteModel.load();
const hRaw = monitorEventLoopDelay({ resolution: 5 });
hRaw.enable();
const rawTexts = sentences(quick ? 128 : 320, 3);
for (let i = 0; i < rawTexts.length; i += 32) {
  await inThread.embedBatch(rawTexts.slice(i, i + 32));
  await new Promise((r) => setImmediate(r));
}
hRaw.disable();
inThread.dispose();

const rows: Array<[string, string, string]> = [
  ['raw model, batch 1 (this thread)', `${fmt(median(results.rawB1))} sent/s`, 'baseline'],
  ['raw model, batch 32 (this thread)', `${fmt(median(results.rawB32))} sent/s`, `${fmt(perRound('rawB32', 'rawB1'), 2)}× batch 1`],
  ['service path, 1 worker (1-text calls, coalesced)', `${fmt(median(results.svc1))} sent/s`, `overhead ${fmt((1 / perRound('svc1', 'rawB32') - 1) * 100)}% vs raw batch 32`],
  ['service path, 2 workers', `${fmt(median(results.svc2))} sent/s`, `${fmt(perRound('svc2', 'svc1'), 2)}× 1 worker`],
  [`ingest of ${N_INGEST} texts, service path, 2 workers`, `${fmt(ingestRate)} sent/s`, `event-loop delay p99 ${fmt(hSvc.percentile(99) / 1e6)} ms, max ${fmt(hSvc.max / 1e6)} ms`],
  ['raw model in the event-loop thread (baseline)', '', `event-loop delay p99 ${fmt(hRaw.percentile(99) / 1e6)} ms (${fmt(hRaw.percentile(99) / hSvc.percentile(99))}× the service path)`],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`\nUSE-lite embedding benchmark (${quick ? 'quick' : 'full'}, ${ROUNDS} interleaved rounds, medians; cores: ${availableParallelism()})\n`);
console.log(`| ${'measure'.padEnd(w0)} | ${'throughput'.padEnd(w1)} | ratio / note |`);
console.log(`|${'-'.repeat(w0 + 2)}|${'-'.repeat(w1 + 2)}|---|`);
for (const r of rows) console.log(`| ${r[0].padEnd(w0)} | ${r[1].padEnd(w1)} | ${r[2]} |`);
console.log(`\nper-round sent/s: ${Object.entries(results).map(([k, v]) => `${k} [${v.map((x) => fmt(x)).join(', ')}]`).join('; ')}`);
