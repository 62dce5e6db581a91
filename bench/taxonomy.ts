/**
 * npm run bench:taxonomy — quality of title normalisation, O*NET titles, cross-lingual lookup and skill extraction.
 * Reads the evaluation sets from the shared data directory at bench time only (never copied into the repository).
 * `--quick`: every 5th JobBERT title. `--half dev|test`: score the served normalizeTitle on that half of the JobBERT
 * titles only (without it, both halves are reported: reading that output reads the test half). `--jobbert-only`: stop
 * after the JobBERT section. `--onet-only`: only the O*NET section (the bench's quick or full test titles).
 * `--onet-dev`: only the O*NET section, on the dev titles (held-out titles in neither test subset, the ones the
 * classifier's temperature is fitted on), and each dev title's gold and served top 3 written to bench/out for error analysis.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createScriptEmbedder } from '../src/embedding/index.js';
import { defaultSharedDir } from '../src/pipeline/build-taxonomy.js';
import { ENGLISH_FROZEN, EXACT_PREF_BONUS_ENGLISH, calibratedProbabilities, fitCalibration, logit, reliability, titleLogit, trainReranker } from '../src/taxonomy/reranker.js';
import { crossLingualSet, isOnetHeldOut, lexicalGroups, occupationHalf, onetBenchTest, onetCalibrationTitles } from '../src/taxonomy/train/title-training.js';
import { onetLogits } from '../src/taxonomy/crosswalks.js';
import { OnetTitleIndex, Taxonomy, buildTitleModel, defaultDataDir, type Lang } from '../src/taxonomy/taxonomy.js';
import { foldText } from '../src/taxonomy/text.js';
import { LabelVectors } from '../src/taxonomy/label-vectors.js';
import { type TitleExample, type TitleGroup, buildTitleGroups, withLabelScores, embedCached, loadJobbertDev, queryTexts, rankMetrics } from '../src/taxonomy/train/title-dataset.js';

const shared = resolve(process.env.TAXONOMY_SOURCE_DIR ?? defaultSharedDir());
const dataDir = resolve(process.env.TAXONOMY_DIR ?? defaultDataDir());
const outDir = resolve('bench/out');
mkdirSync(outDir, { recursive: true });
const quick = process.argv.includes('--quick');
// --half dev|test: score the served normalizeTitle on one half of the JobBERT titles only (halves by
// hash('t13:' + folded title), as the t13/t14 shifts split them: dev is looked at while working, test read once at the end)
const halfArg = process.argv.includes('--half') ? process.argv[process.argv.indexOf('--half') + 1] : undefined;
if (halfArg !== undefined && halfArg !== 'dev' && halfArg !== 'test') throw new Error('--half takes dev or test');
const jobbertOnly = process.argv.includes('--jobbert-only');
// --dump (with --half dev only): write each dev title's gold and served top 3 to bench/out for error analysis
const dump = process.argv.includes('--dump');
if (dump && halfArg !== 'dev') throw new Error('--dump needs --half dev (the test half is never listed)');
const onetDev = process.argv.includes('--onet-dev');
const onetOnly = onetDev || process.argv.includes('--onet-only');
const dumped: string[] = [];
const log = (m: string) => console.error(`[bench:taxonomy] ${m}`);
const fmt = (x: number) => x.toFixed(3);
const hash = (s: string) => createHash('sha1').update(s).digest().readUInt32BE(0);

const t0 = performance.now();
const tax = new Taxonomy(dataDir);
const loadMs = performance.now() - t0;
log(`taxonomy loaded in ${loadMs.toFixed(0)} ms; label vectors: ${tax.labelVectors?.size ?? 0}`);
if (!tax.labelVectors) throw new Error('label vectors missing: run npm run data:build:taxonomy');

const embedder = await createScriptEmbedder();
const results: Record<string, unknown> = { loadMs: Math.round(loadMs) };
const lines: string[] = [];
let printed = 0;
const flush = () => { console.log(lines.slice(printed).join('\n')); printed = lines.length; };

try {
  let modes: Record<string, ReturnType<typeof rankMetrics>> = {};
  let lexMs = 0, fullMs = 0, graphMs = 0, scanMs = 0;
  let dev: TitleExample[] = [];
  if (!onetOnly) {
  // ---------------------------------------------------------------- 1. JobBERT dev titles → ESCO
  dev = loadJobbertDev(join(shared, 'jobbert', 'titles.dev.csv'));
  if (quick) dev = dev.filter((_, i) => i % 5 === 0);
  const vecs = await embedCached(queryTexts(dev), join(outDir, `jobbert-dev-queries${quick ? '-quick' : ''}.f32`), embedder, log);
  const tg = performance.now();
  // 2-fold cross-validation by title hash (identical titles stay in one fold). Per fold: the title model
  // (per-occupation counts + embedding centroids) and the re-ranker are fitted on the other fold only; the
  // re-ranker's own training groups are featurised leave-one-out so it never sees a title's own vote.
  const fold = dev.map((e) => hash(foldText(e.title)) % 2);
  const testGroups: TitleGroup[] = [];
  const learned = new Map<TitleGroup, number[]>();
  const servedGroups: TitleGroup[] = [];
  const learnedServed = new Map<TitleGroup, number[]>();
  const rerankOnly = new Map<TitleGroup, number[]>();
  const calibItems: { conf: number; correct: boolean }[] = [];
  const calibItemsT: { conf: number; correct: boolean }[] = [];
  const lexLearned = new Map<TitleGroup, number[]>();
  const lexTestGroups: TitleGroup[] = [];
  const learnedNoBonus = new Map<TitleGroup, number[]>();
  const learnedBefore = new Map<TitleGroup, number[]>();
  // what a user gets: the served normalizeTitle (language detection, the title's segment, glossary readings, the label
  // a modifier hides, the client group put first) with the fold's title model and weights, rank of the gold in its top 10
  const servedPath: { rank: number; half: 'dev' | 'test' }[] = [];
  const viewed = tax.withEmbedder(embedder);
  const shippedReranker = tax.reranker;
  const zeroModel = (g: TitleGroup): TitleGroup => ({ ...g, x: g.x.map((x) => { const y = x.slice(); y[17] = 0; y[18] = 0; y[19] = 0; return y; }) });
  for (const f of [0, 1]) {
    const trIdx = dev.map((_, i) => i).filter((i) => fold[i] !== f);
    const teIdx = dev.map((_, i) => i).filter((i) => fold[i] === f);
    const trEx = trIdx.map((i) => dev[i]!);
    const trVec = trIdx.map((i) => vecs[i]!);
    tax.titleModel = buildTitleModel(tax, trEx, trVec);
    const trGroups = await buildTitleGroups(tax, trEx, trVec, true);
    const teGroups = await buildTitleGroups(tax, teIdx.map((i) => dev[i]!), teIdx.map((i) => vecs[i]!));
    const w = trainReranker(trGroups, { trainedOn: `jobbert fold != ${f}`, epochs: 60, freeze: ENGLISH_FROZEN });
    const w0 = trainReranker(trGroups.map(zeroModel), { trainedOn: `jobbert fold != ${f}, no title model`, epochs: 60 });
    // The same held-out titles featurised as the service does: semantic candidates from the HNSW label graph.
    const teServed = await buildTitleGroups(tax, teIdx.map((i) => dev[i]!), teIdx.map((i) => vecs[i]!), false, { served: true });
    for (const g of teServed) {
      servedGroups.push(g);
      learnedServed.set(g, g.x.map((x) => titleLogit(w, x, EXACT_PREF_BONUS_ENGLISH)));
    }
    for (const g of teGroups) {
      testGroups.push(g);
      learned.set(g, g.x.map((x) => titleLogit(w, x, EXACT_PREF_BONUS_ENGLISH)));
      learnedNoBonus.set(g, g.x.map((x) => logit(w, x)));
      learnedBefore.set(g, g.x.map((x) => titleLogit(w, x, EXACT_PREF_BONUS_ENGLISH, false)));
      rerankOnly.set(g, zeroModel(g).x.map((x) => logit(w0, x)));
    }
    // the served path: the fold's weights with a calibration fitted on the fold's own (leave-one-out) training titles
    tax.reranker = { ...w, calibration: fitCalibration(trGroups.map((g) => ({ zs: g.x.map((x) => titleLogit(w, x, EXACT_PREF_BONUS_ENGLISH)), gold: g.gold })), `jobbert fold != ${f}, leave-one-out`), byLang: shippedReranker?.byLang };
    for (const i of teIdx) {
      if (halfArg && (hash(`t13:${foldText(dev[i]!.title)}`) % 2 === 0 ? 'dev' : 'test') !== halfArg) continue;
      const r = await viewed.normalizeTitle(dev[i]!.title, { queryVector: vecs[i], limit: 10 });
      servedPath.push({ rank: r.findIndex((x) => x.id === dev[i]!.gold) + 1, half: hash(`t13:${foldText(dev[i]!.title)}`) % 2 === 0 ? 'dev' : 'test' });
      if (dump) dumped.push([dev[i]!.title, r.findIndex((x) => x.id === dev[i]!.gold) + 1, tax.occupation(dev[i]!.gold)?.labels.en?.pref ?? dev[i]!.gold, ...r.slice(0, 3).map((x) => `${tax.occupation(x.id)?.labels.en?.pref ?? x.id} ${x.score}`)].join('\t'));
    }
    tax.reranker = shippedReranker;
    // calibration: fitted on one half of the held-out fold, its reliability read on the other half (and swapped)
    const half = teIdx.map((i) => hash(`cal:${foldText(dev[i]!.title)}`) % 2);
    for (const h of [0, 1]) {
      const fitOn = teGroups.filter((_, j) => half[j] !== h).map((g) => ({ zs: learned.get(g)!, gold: g.gold }));
      const cal = fitCalibration(fitOn, 'bench half');
      const calT = fitCalibration(fitOn, 'bench half, temperature only', { topMap: false });
      teGroups.forEach((g, j) => {
        if (half[j] !== h) return;
        for (const [c, items] of [[cal, calibItems], [calT, calibItemsT]] as const) {
          const { p } = calibratedProbabilities(learned.get(g)!, c);
          let bi = 0;
          for (let k = 1; k < p.length; k++) if (p[k]! > p[bi]!) bi = k;
          items.push({ conf: p[bi] ?? 0, correct: bi === g.gold });
        }
      });
    }
    // the lexical re-ranker (no query vector: other languages, or no embedder) on the same held-out titles
    const lexTr = lexicalGroups(tax, trEx, true);
    const wl = trainReranker(lexTr, { trainedOn: `jobbert fold != ${f}, lexical`, epochs: 60 });
    for (const g of lexicalGroups(tax, teIdx.map((i) => dev[i]!), false)) {
      lexTestGroups.push(g);
      lexLearned.set(g, g.x.map((x) => titleLogit(wl, x, EXACT_PREF_BONUS_ENGLISH)));
    }
    log(`fold ${f}: ${trGroups.length} train / ${teGroups.length} test titles featurised (${((performance.now() - tg) / 1000).toFixed(0)} s)`);
  }
  tax.titleModel = undefined;
  const groups = testGroups;
  const lexicalMode = rankMetrics(groups, (g) => g.lex);
  modes = {
    lexical: lexicalMode,
    semantic: rankMetrics(groups, (g) => g.sem),
    fused: rankMetrics(groups, (g) => g.fused),
    'fused + re-ranker (ESCO/O*NET features)': rankMetrics(groups, (g) => rerankOnly.get(g)!),
    'learned (re-ranker + title model), without the exact-label bonus': rankMetrics(groups, (g) => learnedNoBonus.get(g)!),
    'learned + exact-label bonus, the title model counted against exact labels it has no titles for (before 2026-11-30 pm)': rankMetrics(groups, (g) => learnedBefore.get(g)!),
    'learned (re-ranker + title model + exact-label bonus), served': rankMetrics(groups, (g) => learned.get(g)!),
    'learned, served path (HNSW label graph)': rankMetrics(servedGroups, (g) => learnedServed.get(g)!),
    'lexical re-ranker (no query vector)': rankMetrics(lexTestGroups, (g) => lexLearned.get(g)!),
  };
  const rel = reliability(calibItems);
  const relT = reliability(calibItemsT);
  results.calibration = { n: calibItems.length, ece: rel.ece, table: rel.table, eceTemperatureOnly: relT.ece };
  // out-of-fold logits of every title (weights from the other fold), for the shipped calibration (npm run train:taxonomy -- --calibrate-from bench/out)
  {
    writeFileSync(join(outDir, `title-oof-calibration${quick ? '-quick' : ''}.json`), JSON.stringify({
      english: fitCalibration(testGroups.map((g) => ({ zs: learned.get(g)!, gold: g.gold })), `out-of-fold logits (exact-label bonus included) of ${testGroups.length} JobBERT dev titles, 2 folds`),
      lexical: fitCalibration(lexTestGroups.map((g) => ({ zs: lexLearned.get(g)!, gold: g.gold })), `out-of-fold logits (exact-label bonus included) of ${lexTestGroups.length} JobBERT dev titles without query vectors, 2 folds`),
    }, null, 2));
  }
  const rankSummary = (rs: { rank: number }[]) => ({
    n: rs.length,
    acc1: rs.filter((r) => r.rank === 1).length / rs.length,
    acc5: rs.filter((r) => r.rank >= 1 && r.rank <= 5).length / rs.length,
    mrr10: rs.reduce((a, r) => a + (r.rank > 0 ? 1 / r.rank : 0), 0) / rs.length,
  });
  const servedMetrics = rankSummary(servedPath);
  const byHalf = halfArg ? undefined : { dev: rankSummary(servedPath.filter((r) => r.half === 'dev')), test: rankSummary(servedPath.filter((r) => r.half === 'test')) };
  results.jobbert = { n: dev.length, ...modes, servedNormalizeTitle: { ...servedMetrics, half: halfArg ?? 'both', byHalf } };
  lines.push(`### Job title → ESCO occupation (JobBERT dev, ${dev.length} titles; learned = 2-fold CV, scored only on the held-out fold)`, '');
  lines.push('| method | Acc@1 | Acc@5 | MRR@10 | gold in top-50 | MRR@10 vs lexical |', '|---|---:|---:|---:|---:|---:|');
  for (const [name, m] of Object.entries(modes)) {
    lines.push(`| ${name} | ${fmt(m.acc1)} | ${fmt(m.acc5)} | ${fmt(m.mrr10)} | ${fmt(m.recall50)} | ×${(m.mrr10 / lexicalMode.mrr10).toFixed(2)} |`);
  }
  lines.push(`| **what a user gets: served \`normalizeTitle\`**${halfArg ? ` — ${halfArg} half only (${servedPath.length} titles)` : ''} (language detection, the title's segment, glossary readings, the label after a modifier, client group first; same folds, weights and title model; top 10 as served) | ${fmt(servedMetrics.acc1)} | ${fmt(servedMetrics.acc5)} | **${fmt(servedMetrics.mrr10)}** | – | ×${(servedMetrics.mrr10 / lexicalMode.mrr10).toFixed(2)} |`);
  if (byHalf) lines.push(`| — served, dev half (${byHalf.dev.n}) / test half (${byHalf.test.n}) by \`hash('t13:' + title)\` | ${fmt(byHalf.dev.acc1)} / ${fmt(byHalf.test.acc1)} | ${fmt(byHalf.dev.acc5)} / ${fmt(byHalf.test.acc5)} | **${byHalf.dev.mrr10.toFixed(4)} / ${byHalf.test.mrr10.toFixed(4)}** | – | – |`);
  lines.push('');
  lines.push(`Calibration of the top-1 probability (held-out fold; temperature and "other" fitted on one half, read on the other, both ways; ${calibItems.length} titles): **ECE ${fmt(rel.ece)}** (goal ≤ 0.05) with the top map (served); temperature and "other" alone ${fmt(relT.ece)}.`, '');
  lines.push('| confidence bin | titles | mean confidence | accuracy |', '|---|---:|---:|---:|');
  for (const b of rel.table) if (b.n) lines.push(`| ${b.lo.toFixed(1)}–${b.hi.toFixed(1)} | ${b.n} | ${fmt(b.conf)} | ${fmt(b.acc)} |`);
  lines.push('');
  flush();
  if (dump) writeFileSync(join(outDir, 'jobbert-served-dev.tsv'), dumped.join('\n') + '\n');
  if (jobbertOnly) {
    writeFileSync(join(outDir, `taxonomy-results-jobbert${quick ? '-quick' : ''}${halfArg ? `-${halfArg}` : ''}.json`), JSON.stringify(results, null, 2));
    process.exit(0);
  }
  }

  // From here on the shipped model is used (npm run train:taxonomy: re-ranker + title model fitted on the whole dev
  // set); it is only evaluated on the O*NET and cross-lingual sets below, never on the JobBERT titles it saw.
  for (let waited = 0; !existsSync(join(dataDir, 'title-model.json.gz')) && waited < 1800; waited += 10) {
    if (waited % 60 === 0) log('waiting for the shipped title model (npm run train:taxonomy)');
    await new Promise((r) => setTimeout(r, 10_000));
  }
  const shipped = new Taxonomy(dataDir);
  log(`shipped model: reranker ${shipped.reranker ? 'yes' : 'no'}, title model ${shipped.titleModel ? 'yes' : 'no'}`);

  const slv = shipped.labelVectors as LabelVectors;
  if (!onetOnly) {
  // latency: lexical-only vs learned (query embedding included), same run, same titles
  const sample = dev.filter((_, i) => i % 50 === 0).slice(0, 200);
  let ta = performance.now();
  for (const e of sample) shipped.rankTitle(e.title, { mode: 'lexical' });
  lexMs = (performance.now() - ta) / sample.length;
  shipped.embedder = embedder;
  ta = performance.now();
  for (const e of sample) await shipped.normalizeTitle(e.title);
  fullMs = (performance.now() - ta) / sample.length;
  shipped.embedder = undefined;
  // Label search alone, same titles and vectors, side by side: the HNSW graph vs the full int8 scan it replaced.
  const sampleVecs = await embedCached(queryTexts(sample), join(outDir, 'latency-sample-queries.f32'), embedder, log);
  let tg0 = performance.now();
  for (let r = 0; r < 5; r++) sampleVecs.forEach((v, i) => shipped.rankTitle(sample[i]!.title, { queryVector: v, limit: 10 }));
  graphMs = (performance.now() - tg0) / (5 * sampleVecs.length);
  tg0 = performance.now();
  for (let r = 0; r < 5; r++) sampleVecs.forEach((v, i) => shipped.rankTitle(sample[i]!.title, { queryVector: v, semScores: slv.scoreAll(v), limit: 10 }));
  scanMs = (performance.now() - tg0) / (5 * sampleVecs.length);
  results.latency = { lexicalMsPerTitle: lexMs, learnedMsPerTitle: fullMs, semanticRankGraphMs: graphMs, semanticRankScanMs: scanMs, labelGraph: slv.index?.graphSource ?? null };
  log(`semantic ranking per title: graph ${graphMs.toFixed(2)} ms vs full scan ${scanMs.toFixed(2)} ms (×${(scanMs / graphMs).toFixed(1)})`);
  }

  // ---------------------------------------------------------------- 2. O*NET alternate title → O*NET-SOC (held out)
  const onetAll: TitleExample[] = [];
  for (const o of tax.onetOccupations()) for (const a of o.alternateTitles) onetAll.push({ title: a, gold: o.code });
  const held = onetAll.filter((e) => isOnetHeldOut(e.gold, e.title));
  // the test titles (quick or full subset), or with --onet-dev the dev titles: held-out titles in neither test subset
  const onetTest = onetDev ? onetCalibrationTitles(held) : onetBenchTest(held, quick);
  const heldSet = new Set(held.map((e) => `${e.gold}\t${e.title}`));
  const onetIdx = new OnetTitleIndex(tax, (code, title) => heldSet.has(`${code}\t${title}`));
  const onetVecs = await embedCached(queryTexts(onetTest), join(outDir, `onet-heldout-queries${onetDev ? '-dev' : quick ? '-quick' : ''}.f32`), embedder, log);
  // what a user gets: the served normalizeTitle(title, { scheme: 'onet' }) (its segment, typo repair and rewrites, the
  // ESCO reading, then the O*NET reading), with every held-out title removed from the O*NET title index it reads
  const servedView = shipped.withOnetTitleIndex(onetIdx).withEmbedder(embedder);
  const pathRank: number[] = [];
  const onetDump: string[] = [];
  let o1 = 0, o5 = 0, l1 = 0, l5 = 0, c1 = 0, c5 = 0, s1 = 0, s5 = 0, n1 = 0, n5 = 0;
  const onetCal: { conf: number; correct: boolean }[] = [];
  const onetServedHit: boolean[] = onetTest.map(() => false);
  const onetServedTop: string[] = onetTest.map(() => '');
  const clf = shipped.onetClassifier;
  await withLabelScores(shipped.labelVectors as LabelVectors, onetVecs, (i, semScores) => {
    const e = onetTest[i]!;
    const direct = onetIdx.search(e.title, 5).map((r) => r.code);
    const esco = shipped.rankTitle(e.title, { queryVector: onetVecs[i], semScores, limit: 50 });
    const fusedR = shipped.onetFromEsco(e.title, esco, 5, onetIdx).map((r) => r.id);
    if (direct[0] === e.gold) l1++;
    if (direct.includes(e.gold)) l5++;
    if (fusedR[0] === e.gold) o1++;
    if (fusedR.includes(e.gold)) o5++;
    if (clf) {
      const lp = clf.logProbabilities(onetVecs[i]!);
      const top = [...lp.keys()].sort((a, b) => lp[b]! - lp[a]!).slice(0, 5).map((k) => clf.codes[k]);
      if (top[0] === e.gold) c1++;
      if (top.includes(e.gold)) c5++;
      // before the word model: classifier + char n-grams only
      const zNoWords = onetLogits(clf, lp, new Map(onetIdx.search(e.title, 100).map((d) => [d.code, d])));
      const goldK = clf.codes.indexOf(e.gold);
      const above = zNoWords.filter((z) => z > zNoWords[goldK]!).length;
      if (above === 0) n1++;
      if (above < 5) n5++;
      const served = shipped.onetFromEsco(e.title, esco, 5, onetIdx, onetVecs[i]);
      if (served[0]?.id === e.gold) s1++;
      onetServedHit[i] = served[0]?.id === e.gold;
      onetServedTop[i] = served[0]?.id ?? '';
      if (served.some((r) => r.id === e.gold)) s5++;
      onetCal.push({ conf: served[0]?.score ?? 0, correct: served[0]?.id === e.gold });
    }
  });
  for (let i = 0; i < onetTest.length; i++) {
    const e = onetTest[i]!;
    const r = await servedView.normalizeTitle(e.title, { scheme: 'onet', queryVector: onetVecs[i], limit: 5 });
    pathRank.push(r.findIndex((x) => x.id === e.gold) + 1);
    if (onetDev) onetDump.push([e.title, pathRank[i], e.gold, shipped.onetOccupation(e.gold)?.title ?? '', ...r.slice(0, 3).map((x) => `${x.id} ${x.label} ${x.score} [${x.evidence.matchedLabel}]`)].join('\t'));
  }
  if (onetDev) writeFileSync(join(outDir, 'onet-served-dev.tsv'), onetDump.join('\n') + '\n');
  const on = onetTest.length;
  const p1 = pathRank.filter((r) => r === 1).length, p5 = pathRank.filter((r) => r >= 1).length;
  const onetRel = reliability(onetCal);
  results.onet = { n: on, heldOut: held.length, lexical: { acc1: l1 / on, acc5: l5 / on }, withEsco: { acc1: o1 / on, acc5: o5 / on }, ...(clf ? { classifier: { acc1: c1 / on, acc5: c5 / on }, served: { acc1: s1 / on, acc5: s5 / on, ece: onetRel.ece } } : {}) };
  // a held-out title that O*NET also lists, spelt the same, under another code cannot be told apart by any reading
  const codesByTitle = new Map<string, Set<string>>();
  for (const e of onetAll) { const k = foldText(e.title); (codesByTitle.get(k) ?? codesByTitle.set(k, new Set()).get(k)!).add(e.gold); }
  const isAmbiguous = (e: TitleExample) => codesByTitle.get(foldText(e.title))!.size > 1;
  const ambiguous = onetTest.filter(isAmbiguous).length;
  const servedUnamb = onetServedHit.filter((hit, i) => hit && !isAmbiguous(onetTest[i]!)).length / Math.max(1, on - ambiguous);
  const servedAmb = onetServedHit.filter((hit, i) => hit && isAmbiguous(onetTest[i]!)).length / Math.max(1, ambiguous);
  // what a user of the title → SOC path gets: the served code is one O*NET lists this title under (the held-out copy's
  // code or another), and the served code's SOC 2018 detailed occupation (the O*NET-SOC code's first 7 characters) is the gold's
  const listedHit = onetTest.filter((e, i) => codesByTitle.get(foldText(e.title))!.has(onetServedTop[i]!)).length / Math.max(1, on);
  const listedAmb = onetTest.filter((e, i) => isAmbiguous(e) && codesByTitle.get(foldText(e.title))!.has(onetServedTop[i]!)).length / Math.max(1, ambiguous);
  const socHit = onetTest.filter((e, i) => onetServedTop[i]!.slice(0, 7) === e.gold.slice(0, 7)).length / Math.max(1, on);
  results.onet = { ...(results.onet as object), ambiguous, servedAcc1Unambiguous: servedUnamb, servedAcc1Ambiguous: servedAmb, servedPath: { acc1: p1 / on, acc5: p5 / on, acc1Unambiguous: pathRank.filter((r, i) => r === 1 && !isAmbiguous(onetTest[i]!)).length / Math.max(1, on - ambiguous) }, ...(clf ? { servedNoWords: { acc1: n1 / on, acc5: n5 / on }, servedListedCodeAcc1: listedHit, servedListedCodeAcc1Ambiguous: listedAmb, servedSoc2018Acc1: socHit } : {}) };
  lines.push(`### O*NET alternate title → O*NET-SOC 2019 (${on} ${onetDev ? 'DEV titles (held-out titles in neither test subset)' : 'titles'} from a 10 % held-out split of ${onetAll.length}; the ${held.length} held-out titles are removed from the index and from the classifier's training)`, '');
  lines.push('| method | Acc@1 | Acc@5 |', '|---|---:|---:|');
  lines.push(`| O*NET titles, char n-grams (baseline) | ${fmt(l1 / on)} | ${fmt(l5 / on)} |`);
  lines.push(`| + ESCO learned ranking through the crosswalk (before) | ${fmt(o1 / on)} | ${fmt(o5 / on)} |`);
  if (clf) {
    lines.push(`| O*NET title classifier (USE-lite vector, softmax regression) | ${fmt(c1 / on)} | ${fmt(c5 / on)} |`);
    lines.push(`| classifier + O*NET char n-grams (served before the word model) | ${fmt(n1 / on)} | ${fmt(n5 / on)} |`);
    lines.push(`| classifier + char n-grams + O*NET word model (the classifier path on the raw title, as measured before) | ${fmt(s1 / on)} | ${fmt(s5 / on)} |`);
  }
  lines.push(`| **what a user gets: served \`normalizeTitle(title, { scheme: 'onet' })\`** (the title's segment, typo repair, rewrites, then the O*NET reading) | **${fmt(p1 / on)}** | ${fmt(p5 / on)} |`);
  lines.push('', `${ambiguous} of the ${on} held-out titles (${fmt(ambiguous / on)}) are also listed, spelt the same, under another O*NET code (e.g. "Delegate": legislators and counselors); no reading can tell which one the held-out copy belonged to.${clf ? ` Classifier path Acc@1 on the ${on - ambiguous} titles listed under one code only: ${fmt(servedUnamb)}; on the ${ambiguous} listed under several: ${fmt(servedAmb)}. Served \`normalizeTitle\` Acc@1 on the ${on - ambiguous}: ${fmt(pathRank.filter((r, i) => r === 1 && !isAmbiguous(onetTest[i]!)).length / Math.max(1, on - ambiguous))}; on the ${ambiguous}: ${fmt(pathRank.filter((r, i) => r === 1 && isAmbiguous(onetTest[i]!)).length / Math.max(1, ambiguous))}. ECE of the served top-1 probability: ${fmt(onetRel.ece)}. Not the goal figure, said separately: the served code is one O*NET lists the title under (the held-out copy's or the other) for ${fmt(listedHit)} of all ${on} (${fmt(listedAmb)} of the ambiguous); the served code names the gold's SOC 2018 detailed occupation (first 7 characters of the code, what a US destination asks for) for ${fmt(socHit)}.` : ''}`, '');
  flush();
  if (onetOnly) {
    writeFileSync(join(outDir, `taxonomy-results-onet${onetDev ? '-dev' : quick ? '-quick' : ''}.json`), JSON.stringify(results, null, 2));
    process.exit(0);
  }

  // ---------------------------------------------------------------- 3. cross-lingual: held-out ESCO labels
  // The evaluation half of the ESCO occupations (the shipped lexical re-ranker trained on the other half): each
  // label's first form is the query; every label of that occupation reading the same is removed from the index and the
  // bilingual lexicons are learnt without those occupations.
  lines.push('### Cross-lingual: ESCO preferred label (first gendered form) → occupation, evaluation half of the occupations', '');
  lines.push('Every label of the occupation reading the same is removed from the index; the lexicons are learnt without these occupations; the lexical re-ranker was trained on the other half.', '');
  lines.push('| language | n | Acc@1 lexical (labels + lexicon, no re-ranker) | Acc@1 served (lexical re-ranker + lexicon) | Acc@5 served |', '|---|---:|---:|---:|---:|');
  const xl: Record<string, unknown> = {};
  const { xtax, examples: xlAll } = crossLingualSet(dataDir, (uri) => occupationHalf(uri) === 1);
  xtax.titleModel = shipped.titleModel;
  xtax.lexicalReranker = shipped.lexicalReranker;
  for (const lang of ['fr', 'es', 'nl', 'ar'] as Lang[]) {
    const sub0 = xlAll.filter((e) => e.lang === lang);
    const sub = quick ? sub0.filter((_, i) => i % 5 === 0) : sub0;
    let lx = 0, ln1 = 0, ln5 = 0;
    for (const e of sub) {
      const a = xtax.rankTitle(e.title, { readLang: lang, mode: 'lexical', limit: 1 });
      if (a[0]?.id === e.gold) lx++;
      const b = xtax.rankTitle(e.title, { readLang: lang, limit: 5 }).map((r) => r.id);
      if (b[0] === e.gold) ln1++;
      if (b.includes(e.gold)) ln5++;
    }
    xl[lang] = { n: sub.length, lexicalAcc1: lx / sub.length, servedAcc1: ln1 / sub.length, servedAcc5: ln5 / sub.length };
    lines.push(`| ${lang} | ${sub.length} | ${fmt(lx / sub.length)} | ${fmt(ln1 / sub.length)} | ${fmt(ln5 / sub.length)} |`);
  }
  results.crossLingual = xl;
  lines.push('');
  flush();

  // ---------------------------------------------------------------- 4. skill extraction on SkillSpan postings (span overlap)
  const ssPath = join(shared, 'postings', 'skillspan_train_postings.jsonl');
  if (existsSync(ssPath)) {
    const posts = readFileSync(ssPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { description: string; skill_spans: string[]; knowledge_spans: string[] });
    let predN = 0, predHit = 0, goldN = 0, goldHit = 0, chars = 0;
    const te = performance.now();
    for (const p of posts) {
      const text = p.description;
      chars += text.length;
      const gold: [number, number][] = [];
      for (const s of [...p.skill_spans, ...p.knowledge_spans]) {
        const at = text.indexOf(s);
        if (at >= 0) gold.push([at, at + s.length]);
      }
      const pred = tax.extractSkills(text).flatMap((s) => s.spans);
      const ov = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];
      predN += pred.length;
      predHit += pred.filter((s) => gold.some((g) => ov(s, g))).length;
      goldN += gold.length;
      goldHit += gold.filter((g) => pred.some((s) => ov(s, g))).length;
    }
    const ms = performance.now() - te;
    results.skillspan = { postings: posts.length, spanPrecision: predHit / predN, spanRecall: goldHit / goldN, msPerKChar: ms / (chars / 1000) };
    lines.push(`### Skill extraction on SkillSpan train postings (${posts.length} postings; evaluation only, span overlap with expert skill + knowledge spans)`, '');
    lines.push('| span precision | span recall | ms per 1k chars |', '|---:|---:|---:|');
    lines.push(`| ${fmt(predHit / predN)} | ${fmt(goldHit / goldN)} | ${(ms / (chars / 1000)).toFixed(1)} |`, '');
  }

  lines.push(`Taxonomy load: ${Math.round(loadMs)} ms. Per title: lexical only ${lexMs.toFixed(1)} ms; learned incl. query embedding ${fullMs.toFixed(1)} ms (×${(fullMs / lexMs).toFixed(1)}).`);
  lines.push(`Ranking a title from its query vector (embedding excluded): label candidates from the HNSW graph ${graphMs.toFixed(2)} ms vs a full scan of the ${slv.size} label vectors ${scanMs.toFixed(2)} ms (×${(scanMs / graphMs).toFixed(1)}, same run).`);
  writeFileSync(join(outDir, `taxonomy-results${quick ? '-quick' : ''}.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(outDir, `taxonomy-table${quick ? '-quick' : ''}.md`), lines.join('\n') + '\n');
  writeFileSync(join(outDir, `taxonomy-figure${quick ? '-quick' : ''}.svg`), barChart(modes));
  flush();
} finally {
  await embedder.close();
}

function barChart(modes: Record<string, { acc1: number; acc5: number; mrr10: number }>): string {
  const names = Object.keys(modes);
  const metrics = ['acc1', 'acc5', 'mrr10'] as const;
  const colors = ['#4c78a8', '#f58518', '#54a24b'];
  const W = 720, H = 270, x0 = 40, y0 = 220, bw = 28;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`;
  s += `<text x="${x0}" y="16">JobBERT dev titles → ESCO (Acc@1, Acc@5, MRR@10)</text>`;
  s += `<line x1="${x0}" y1="${y0}" x2="${W - 10}" y2="${y0}" stroke="#333"/>`;
  names.forEach((n, i) => {
    const gx = x0 + 10 + i * 130;
    metrics.forEach((m, j) => {
      const v = modes[n]![m];
      const h = v * 300;
      s += `<rect x="${gx + j * bw}" y="${y0 - h}" width="${bw - 4}" height="${h}" fill="${colors[j]}"/>`;
      s += `<text x="${gx + j * bw}" y="${y0 - h - 3}" font-size="9">${v.toFixed(2)}</text>`;
    });
    s += `<text x="${gx}" y="${y0 + 15}" font-size="9">${n.split(" ")[0]}${n.includes("title model") ? " + title model" : n.includes("re-ranker") ? " + re-ranker" : ""}</text>`;
  });
  metrics.forEach((m, j) => { s += `<rect x="${W - 90}" y="${30 + j * 15}" width="10" height="10" fill="${colors[j]}"/><text x="${W - 75}" y="${39 + j * 15}">${m}</text>`; });
  return s + '</svg>\n';
}
