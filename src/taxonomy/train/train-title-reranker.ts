import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScriptEmbedder } from '../../embedding/index.js';
import { defaultSharedDir } from '../../pipeline/build-taxonomy.js';
import { writeGzJson } from '../files.js';
import { logit } from '../reranker.js';
import { Taxonomy, buildTitleModel, defaultDataDir, serialiseTitleModel } from '../taxonomy.js';
import { embedCached, loadJobbertDev, queryTexts, rankMetrics } from './title-dataset.js';
import { crossLingualSet, englishGroups, hash32, lexicalGroups, occupationHalf, titleFold, trainCalibrated } from './title-training.js';

/**
 * Trains the title re-rankers (listwise logistic over the candidates, with a probability calibration fitted on
 * out-of-fold logits) and the title model, and writes data/taxonomy/title-reranker.json (English titles with a query
 * vector), title-reranker-lexical.json (other languages, or no embedder) and title-model.json.gz.
 * Training data: the JobBERT dev titles, and for the lexical weights also the cross-lingual held-out labels of the
 * training half of the ESCO occupations (the other half is bench:taxonomy's cross-lingual evaluation set).
 */
export async function trainTitleReranker(dataDir: string, sharedDir: string, cacheDir: string, log = (m: string) => console.error(`[train:taxonomy] ${m}`)): Promise<void> {
  const tax = new Taxonomy(dataDir, { semantic: true });
  tax.reranker = undefined;
  tax.lexicalReranker = undefined;
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
  const fold = (i: number) => titleFold(examples[i]!.title);
  // 2. English re-ranker over the fused candidates, each training title featurised leave-one-out
  const groups = await englishGroups(tax, examples, vectors, true);
  log(`English groups: ${groups.length}`);
  const w = trainCalibrated(groups, fold, `JobBERT dev titles (${examples.length}), leave-one-out title-model features; listwise logistic over fused top-50`);
  w.modelId = tax.labelVectors.modelId;
  log(`English fit (not an evaluation): ${JSON.stringify(rankMetrics(groups, (g) => g.x.map((x) => logit(w, x))))} calibration ${JSON.stringify(w.calibration)}`);
  // 3. lexical re-ranker: JobBERT titles without a query vector + cross-lingual labels of the training half
  const lexJob = lexicalGroups(tax, examples, true);
  const { xtax, examples: xl } = crossLingualSet(dataDir, (uri) => occupationHalf(uri) === 0);
  xtax.titleModel = tax.titleModel;
  const lexXl = lexicalGroups(xtax, xl, false);
  log(`lexical groups: ${lexJob.length} JobBERT + ${lexXl.length} cross-lingual`);
  const lexAll = [...lexJob, ...lexXl];
  const wl = trainCalibrated(lexAll, (i) => (i < lexJob.length ? fold(i) : hash32(`xlf:${xl[i - lexJob.length]!.gold}`) % 2), `JobBERT dev titles (${examples.length}) without query vectors + ${xl.length} fr/es/nl/ar preferred labels of the training half of ESCO occupations, held out of the index and the lexicons`);
  log(`lexical calibration ${JSON.stringify(wl.calibration)}`);
  writeFileSync(join(dataDir, 'title-reranker.json'), JSON.stringify(w, null, 2) + '\n');
  writeFileSync(join(dataDir, 'title-reranker-lexical.json'), JSON.stringify(wl, null, 2) + '\n');
  const model = serialiseTitleModel(tax, tax.titleModel, {
    modelId: tax.labelVectors.modelId,
    trainedOn: `counts and unit mean embeddings per ESCO occupation of ${examples.length} JobBERT dev titles (aggregates only, no titles)`,
  });
  writeGzJson(join(dataDir, 'title-model.json.gz'), model);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await trainTitleReranker(resolve(process.argv[2] ?? defaultDataDir()), resolve(process.argv[3] ?? defaultSharedDir()), resolve('bench/out'));
}
