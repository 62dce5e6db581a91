import { createEmbedder, createInProcessUseLite } from '../src/embedding/index.js';
const mode = process.argv[2] ?? 'pool';
const inproc = mode.includes('inproc') ? await createInProcessUseLite() : undefined;
const e = await createEmbedder({ EMBEDDER: 'use-lite', EMBEDDER_MODEL: '', MODELS_DIR: './models', ALLOW_MODEL_DOWNLOAD: false, EMBED_WORKERS: 2 });
for (let round = 0; round < 20; round++) {
  const texts = Array.from({ length: 40 }, (_, i) => `job number ${i} in agriculture ${round}`);
  await Promise.all(texts.map((t) => e.embed([t])));
  if (inproc) await inproc.embed(texts.slice(0, 5));
  if (mode.includes('kill') && round % 5 === 4) {
    const p = e.embed(Array.from({ length: 32 }, (_, i) => `caregiver ${i} `.repeat(40))).catch((err) => err.code);
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all(e.workerThreads().map((w) => w.terminate()));
    console.log('killed ->', await p);
  }
}
await e.close();
console.log('done', mode);
