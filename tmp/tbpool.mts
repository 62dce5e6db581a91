import { createEmbedder } from '../src/embedding/index.js';
import { writeTinyBertModel } from '../src/embedding/tiny-bert.js';
writeTinyBertModel('/tmp/tbmodels');
const n = Number(process.argv[2] ?? 2);
const e = await createEmbedder({ EMBEDDER: 'transformers', EMBEDDER_MODEL: 'tiny-bert', MODELS_DIR: '/tmp/tbmodels', ALLOW_MODEL_DOWNLOAD: false, EMBED_WORKERS: n });
for (let r = 0; r < 30; r++) await Promise.all(Array.from({ length: 70 }, (_, i) => e.embed([`nurse ${i} ${r}`])));
console.log('ok', e.threads, e.stats);
await e.close();
