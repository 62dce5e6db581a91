import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScriptEmbedder } from '../../embedding/index.js';
import { defaultSharedDir } from '../../pipeline/build-taxonomy.js';
import { writeGzJson } from '../files.js';
import { ENGLISH_FROZEN, EXACT_PREF_BONUS, EXACT_PREF_BONUS_ENGLISH, FEATURES, loadReranker, logit, type Calibration, type RerankerWeights } from '../reranker.js';
import { Taxonomy, buildTitleModel, defaultDataDir, serialiseTitleModel } from '../taxonomy.js';
import { embedCached, loadJobbertDev, queryTexts, rankMetrics, type TitleExample, type TitleGroup } from './title-dataset.js';
import { LEXICON_LANGS } from '../lexicon.js';
import type { Lang } from '../files.js';
import { crossLingualSet, englishGroups, hash32, lexicalGroups, occupationHalf, titleFold, trainCalibrated } from './title-training.js';

/**
 * Trains the title re-rankers (listwise logistic over the candidates, with a probability calibration fitted on
 * out-of-fold logits) and the title model, and writes data/taxonomy/title-reranker.json (English titles with a query
 * vector), title-reranker-lexical.json (other languages, or no embedder) and title-model.json.gz.
 * Training data: the JobBERT dev titles, and for the lexical weights also the cross-lingual held-out labels of the
 * training half of the ESCO occupations (the other half is bench:taxonomy's cross-lingual evaluation set).
 */
export async function trainTitleReranker(dataDir: string, sharedDir: string, cacheDir: string, log = (m: string) => console.error(`[train:taxonomy] ${m}`), opts: { englishOnly?: boolean } = {}): Promise<void> {
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
  const w = trainCalibrated(groups, fold, `JobBERT dev titles (${examples.length}), leave-one-out title-model features, an occupation without titles read as the candidates' mean (hasTitles frozen at 0); listwise logistic over fused top-50`, 60, ENGLISH_FROZEN, () => EXACT_PREF_BONUS_ENGLISH);
  w.modelId = tax.labelVectors.modelId;
  log(`English fit (not an evaluation): ${JSON.stringify(rankMetrics(groups, (g) => g.x.map((x) => logit(w, x))))} calibration ${JSON.stringify(w.calibration)}`);
  const model = serialiseTitleModel(tax, tax.titleModel, {
    modelId: tax.labelVectors.modelId,
    trainedOn: `counts and unit mean embeddings per ESCO occupation of ${examples.length} JobBERT dev titles (aggregates only, no titles)`,
  });
  if (opts.englishOnly) {
    // the lexical weights read no title-model feature that changed (their titles have no query vector): kept, with the
    // features added since given weight 0
    const path = join(dataDir, 'title-reranker-lexical.json');
    writeFileSync(path, JSON.stringify(withFeatures(JSON.parse(readFileSync(path, 'utf8')) as RerankerWeights), null, 2) + '\n');
    writeFileSync(join(dataDir, 'title-reranker.json'), JSON.stringify(w, null, 2) + '\n');
    writeGzJson(join(dataDir, 'title-model.json.gz'), model);
    return;
  }
  // 3. lexical re-ranker: JobBERT titles without a query vector + cross-lingual labels of the training half
  const lexJob = lexicalGroups(tax, examples, true);
  const { xtax, examples: xl } = crossLingualSet(dataDir, (uri) => occupationHalf(uri) === 0);
  xtax.titleModel = tax.titleModel;
  const lexXl = lexicalGroups(xtax, xl, false);
  log(`lexical groups: ${lexJob.length} JobBERT + ${lexXl.length} cross-lingual`);
  const lexAll = [...lexJob, ...lexXl];
  const englishJob = new Set<TitleGroup>(lexJob);
  const wl = trainCalibrated(lexAll, (i) => (i < lexJob.length ? fold(i) : hash32(`xlf:${xl[i - lexJob.length]!.gold}`) % 2), `JobBERT dev titles (${examples.length}) without query vectors + ${xl.length} fr/es/nl/ar preferred labels of the training half of ESCO occupations, held out of the index and the lexicons (query form only, and every form); exact-label features frozen at 0 (the query never reads as its own label here: exact matches get the fixed bonus)`, 60, ['exact', 'exactPref', 'exactShare'], (g) => (englishJob.has(g) ? EXACT_PREF_BONUS_ENGLISH : EXACT_PREF_BONUS));
  log(`lexical calibration ${JSON.stringify(wl.calibration)}`);
  wl.byLang = lexicalByLang(...byLangSet(dataDir, tax), log);
  writeFileSync(join(dataDir, 'title-reranker.json'), JSON.stringify(w, null, 2) + '\n');
  writeFileSync(join(dataDir, 'title-reranker-lexical.json'), JSON.stringify(wl, null, 2) + '\n');
  writeGzJson(join(dataDir, 'title-model.json.gz'), model);
}

/**
 * Weights written for an older feature list, carried to FEATURES: a feature they lack gets weight 0 (mean 0, std 1),
 * so their logits are unchanged; a feature they have that FEATURES no longer lists is an error.
 */
export function withFeatures(w: RerankerWeights): RerankerWeights {
  const at = new Map(w.features.map((f, i) => [f, i]));
  for (const f of w.features) if (!(FEATURES as readonly string[]).includes(f)) throw new Error(`weights use a feature no longer computed: ${f}`);
  const pick = (arr: number[], dflt: number) => FEATURES.map((f) => (at.has(f) ? arr[at.get(f)!]! : dflt));
  const out: RerankerWeights = { ...w, features: [...FEATURES], weights: pick(w.weights, 0), mean: pick(w.mean, 0), std: pick(w.std, 1) };
  if (w.byLang) out.byLang = Object.fromEntries(Object.entries(w.byLang).map(([l, lw]) => [l, withFeatures(lw)]));
  return out;
}

/**
 * Languages served by their own lexical weights. Measured on the cross-lingual evaluation half (Acc@1, shared weights →
 * own weights): fr 0.475 → 0.505, es 0.495 → 0.520, nl 0.590 → 0.653, ar 0.116 → 0.332; on the hand-judged realistic
 * titles (test split) own weights for every language lost (0.600 → 0.500: French and Spanish titles that read close to
 * a label), with Arabic unchanged. Arabic, where the shared weights did worse than no re-ranker at all (plain lexical
 * 0.211), is the one kept.
 */
const PER_LANGUAGE_WEIGHTS: readonly Lang[] = ['ar'];

/**
 * Training titles of the per-language weights: the training half of the occupations twice, once with every form of the
 * queried preferred label held out of the index and the lexicons (unseen wording: the lexicon's English reading must
 * carry it) and once with only the queried form held out (a variant of a label the index holds). Trained on the first
 * alone, the weights learnt that a close match in the title's own language is a wrong answer, and realistic Arabic
 * and French titles that read almost as their label went wrong.
 */
function byLangSet(dataDir: string, tax: Taxonomy): [TitleGroup[], TitleExample[]] {
  const groups: TitleGroup[] = [];
  const examples: TitleExample[] = [];
  for (const onlyQueryForm of [false, true]) {
    const { xtax, examples: xl } = crossLingualSet(dataDir, (uri) => occupationHalf(uri) === 0, LEXICON_LANGS, { onlyQueryForm });
    xtax.titleModel = tax.titleModel;
    groups.push(...lexicalGroups(xtax, xl, false));
    examples.push(...xl);
  }
  return [groups, examples];
}

/**
 * Weights per reading language, each fitted (with its out-of-fold calibration) on that language's held-out labels of
 * the training half of the ESCO occupations only.
 */
function lexicalByLang(groups: TitleGroup[], examples: TitleExample[], log: (m: string) => void): Record<string, RerankerWeights> {
  const out: Record<string, RerankerWeights> = {};
  for (const lang of PER_LANGUAGE_WEIGHTS) {
    const idx = examples.map((e, i) => (e.lang === lang ? i : -1)).filter((i) => i >= 0);
    if (idx.length < 200) continue;
    const g = idx.map((i) => groups[i]!);
    const ex = idx.map((i) => examples[i]!);
    out[lang] = trainCalibrated(g, (i) => hash32(`xlf:${ex[i]!.gold}`) % 2, `${ex.length} ${lang} preferred labels of the training half of ESCO occupations, held out of the index and the lexicons (query form only, and every form); exact-label features frozen at 0 (the query never reads as its own label here: exact matches get the fixed bonus)`, 60, ['exact', 'exactPref', 'exactShare']);
    log(`lexical ${lang}: ${ex.length} labels, calibration ${JSON.stringify(out[lang]!.calibration)}`);
  }
  return out;
}

/** Refit only the per-language lexical weights (the English and default lexical weights and the title model kept). */
export function trainLexicalByLang(dataDir: string, log = (m: string) => console.error(`[train:taxonomy] ${m}`)): void {
  const path = join(dataDir, 'title-reranker-lexical.json');
  const wl = loadReranker(path);
  if (!wl) throw new Error(`${path} missing: run npm run train:taxonomy`);
  const tax = new Taxonomy(dataDir, { semantic: true });
  wl.byLang = lexicalByLang(...byLangSet(dataDir, tax), log);
  writeFileSync(path, JSON.stringify(wl, null, 2) + '\n');
}

/**
 * Set the shipped calibrations (English and default lexical weights) from the out-of-fold calibration file that
 * bench:taxonomy writes (its logits come from weights that never saw those titles), without refitting the weights.
 */
export function calibrateFrom(dataDir: string, file: string, log = (m: string) => console.error(`[train:taxonomy] ${m}`)): void {
  const oof = JSON.parse(readFileSync(file, 'utf8')) as { english: Calibration; lexical: Calibration };
  for (const [name, cal] of [['title-reranker.json', oof.english], ['title-reranker-lexical.json', oof.lexical]] as const) {
    const path = join(dataDir, name);
    const w = loadReranker(path);
    if (!w) throw new Error(`${path} missing: run npm run train:taxonomy`);
    w.calibration = { ...cal, fittedOn: `${cal.fittedOn} (bench:taxonomy, ${file.split('/').pop()})` };
    writeFileSync(path, JSON.stringify(w, null, 2) + '\n');
    log(`${name}: calibration ${JSON.stringify({ T: cal.temperature, other: cal.otherLogit, top: cal.top?.length ?? 0 })}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--lexical-langs')) {
    trainLexicalByLang(resolve(defaultDataDir()));
    process.exit(0);
  }
  const from = process.argv.indexOf('--calibrate-from');
  if (from > 0) {
    calibrateFrom(resolve(defaultDataDir()), resolve(process.argv[from + 1] ?? 'bench/out/title-oof-calibration.json'));
    process.exit(0);
  }
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  await trainTitleReranker(resolve(args[0] ?? defaultDataDir()), resolve(args[1] ?? defaultSharedDir()), resolve('bench/out'), undefined, { englishOnly: process.argv.includes('--english-only') });
}
