import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScriptEmbedder } from '../../embedding/index.js';
import { defaultSharedDir } from '../../pipeline/build-taxonomy.js';
import { writeGzJson } from '../files.js';
import { logit, trainReranker } from '../reranker.js';
import { Taxonomy, buildTitleModel, defaultDataDir, serialiseTitleModel } from '../taxonomy.js';
import { buildTitleGroups, embedCached, loadJobbertDev, queryTexts, rankMetrics } from './title-dataset.js';

/**
 * Trains the title re-ranker (17 weights, listwise logistic) on the JobBERT dev titles and writes
 * data/taxonomy/title-reranker.json. The bench never reports these weights on the dev set: it re-trains per fold.
 */
export async function trainTitleReranker(dataDir: string, sharedDir: string, cacheDir: string): Promise<void> {
  const tax = new Taxonomy(dataDir, { semantic: true });
  tax.reranker = undefined;
  tax.titleModel = undefined;
  if (!tax.labelVectors) throw new Error('label vectors missing: run npm run data:build:taxonomy first');
  const examples = loadJobbertDev(join(sharedDir, 'jobbert', 'titles.dev.csv'));
  const embedder = await createScriptEmbedder();
  let vectors: Float32Array[];
  try {
    vectors = await embedCached(queryTexts(examples), join(cacheDir, 'jobbert-dev-queries.f32'), embedder);
  } finally {
    await embedder.close();
  }
  // 1. title model: per-occupation counts and embedding centroids of the training titles (aggregates only)
  tax.titleModel = buildTitleModel(tax, examples, vectors);
  // 2. re-ranker over the fused candidates, each training title featurised leave-one-out
  const groups = await buildTitleGroups(tax, examples, vectors, true);
  const w = trainReranker(groups, { trainedOn: `JobBERT dev titles (${examples.length}), all folds, leave-one-out title-model features; listwise logistic over fused top-50`, epochs: 60 });
  w.modelId = tax.labelVectors.modelId;
  const m = rankMetrics(groups, (g) => g.x.map((x) => logit(w, x)));
  console.log(JSON.stringify({ trainingFitNotAnEvaluation: m, weights: Object.fromEntries(w.features.map((f, i) => [f, Math.round(w.weights[i]! * 1000) / 1000])) }, null, 2));
  writeFileSync(join(dataDir, 'title-reranker.json'), JSON.stringify(w, null, 2) + '\n');
  const model = serialiseTitleModel(tax, tax.titleModel, {
    modelId: tax.labelVectors.modelId,
    trainedOn: `counts and unit mean embeddings per ESCO occupation of ${examples.length} JobBERT dev titles (aggregates only, no titles)`,
  });
  writeGzJson(join(dataDir, 'title-model.json.gz'), model);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await trainTitleReranker(resolve(process.argv[2] ?? defaultDataDir()), resolve(process.argv[3] ?? defaultSharedDir()), resolve('bench/out'));
}
