import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmbedder } from '../../embedding/index.js';
import { defaultSharedDir } from '../../pipeline/build-taxonomy.js';
import { trainReranker } from '../reranker.js';
import { Taxonomy, defaultDataDir } from '../taxonomy.js';
import { buildTitleGroups, embedCached, loadJobbertDev, queryTexts, rankMetrics } from './title-dataset.js';

/**
 * Trains the title re-ranker (17 weights, listwise logistic) on the JobBERT dev titles and writes
 * data/taxonomy/title-reranker.json. The bench never reports these weights on the dev set: it re-trains per fold.
 */
export async function trainTitleReranker(dataDir: string, sharedDir: string, cacheDir: string): Promise<void> {
  const tax = new Taxonomy(dataDir, { semantic: true });
  if (!tax.labelVectors) throw new Error('label vectors missing: run npm run data:build:taxonomy first');
  const examples = loadJobbertDev(join(sharedDir, 'jobbert', 'titles.dev.csv'));
  const embedder = await createEmbedder({ EMBEDDER: 'use-lite', EMBEDDER_MODEL: '', MODELS_DIR: './models', ALLOW_MODEL_DOWNLOAD: false, EMBED_WORKERS: 2 }, { batchSize: 8, taskTimeoutMs: 600_000 });
  let vectors: Float32Array[];
  try {
    vectors = await embedCached(queryTexts(examples), join(cacheDir, 'jobbert-dev-queries.f32'), embedder);
  } finally {
    await embedder.close();
  }
  const groups = await buildTitleGroups(tax, examples, vectors);
  const w = trainReranker(groups, { trainedOn: `JobBERT dev titles (${examples.length}), all folds; listwise logistic over fused top-50`, epochs: 60 });
  w.modelId = tax.labelVectors.modelId;
  const m = rankMetrics(groups, (g) => g.x.map((x) => x.reduce((s, v, i) => s + w.weights[i]! * ((v - w.mean[i]!) / w.std[i]!), 0)));
  console.log(JSON.stringify({ trainingFit: m, weights: Object.fromEntries(w.features.map((f, i) => [f, Math.round(w.weights[i]! * 1000) / 1000])) }, null, 2));
  writeFileSync(join(dataDir, 'title-reranker.json'), JSON.stringify(w, null, 2) + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await trainTitleReranker(resolve(process.argv[2] ?? defaultDataDir()), resolve(process.argv[3] ?? defaultSharedDir()), resolve('bench/out'));
}
