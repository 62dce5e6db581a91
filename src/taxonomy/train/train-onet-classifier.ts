/**
 * npm run train:onet — fits the O*NET title classifier (softmax regression over USE-lite title vectors) on O*NET's
 * titles and alternate titles, except the 10 % that bench:taxonomy holds out, and writes
 * data/taxonomy/onet-title-classifier.json.gz. Plain Adam with hand-written gradients on the tfjs wasm backend.
 * Then fits the temperature of the served softmax on held-out titles that neither bench subset tests.
 * Options: --epochs N (12), --lr X (0.01); --calibrate-only (keep the shipped weights, refit the temperature).
 * TAXONOMY_DIR=<copy of data/taxonomy> writes there instead.
 */
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createScriptEmbedder } from '../../embedding/index.js';
import { ensureWasmBackend } from '../../embedding/use-lite.js';
import { readGzJson, writeGzJson } from '../files.js';
import { OnetTitleIndex, onetLogits, onetWordScores } from '../crosswalks.js';
import { calibratedProbabilities, fitTopMap } from '../reranker.js';
import { ONET_CLASSIFIER_FILE, OnetClassifier, quantiseOnetClassifier, type OnetClassifierFile } from '../onet-classifier.js';
import { Taxonomy, defaultDataDir } from '../taxonomy.js';
import { embedCached, queryTexts } from './title-dataset.js';
import { isOnetHeldOut, onetCalibrationTitles, onetTitleExamples } from './title-training.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const epochs = arg('epochs', 12);
const lr = arg('lr', 0.01);
// TAXONOMY_DIR: write into a copy of data/taxonomy (experiments), as bench:taxonomy reads it
const dataDir = resolve(process.env.TAXONOMY_DIR ?? defaultDataDir());
const log = (m: string) => console.error(`[train:onet] ${m}`);

const tax = new Taxonomy(dataDir, { semantic: false });
const all = onetTitleExamples(tax);
const embedder = await createScriptEmbedder();
const V = await embedCached(queryTexts(all), join('bench/out', 'onet-all-titles.f32'), embedder, log);
await embedder.close();
const outPath = join(dataDir, ONET_CLASSIFIER_FILE);
if (process.argv.includes('--calibrate-only')) {
  writeGzJson(outPath, calibrate(readGzJson<OnetClassifierFile>(outPath)));
  process.exit(0);
}
const train = all.map((_, i) => i).filter((i) => !all[i]!.alternate || !isOnetHeldOut(all[i]!.gold, all[i]!.title));
const codes = [...new Set(all.map((e) => e.gold))].sort();
const ci = new Map(codes.map((c, i) => [c, i]));
const D = V[0]!.length;
const K = codes.length;
await ensureWasmBackend();
const W = tf.variable(tf.zeros([D, K]));
const B = tf.variable(tf.zeros([K]));
const mW = tf.variable(tf.zeros([D, K])), vW = tf.variable(tf.zeros([D, K]));
const mB = tf.variable(tf.zeros([K])), vB = tf.variable(tf.zeros([K]));
const N = train.length;
const bs = 512;
let step = 0;
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const order = [...train];
const t0 = Date.now();
for (let ep = 0; ep < epochs; ep++) {
  for (let i = N - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let tot = 0;
  for (let a = 0; a < N; a += bs) {
    const ids = order.slice(a, a + bs);
    const xb = new Float32Array(ids.length * D);
    ids.forEach((r, k) => xb.set(V[r]!, k * D));
    const yb = new Int32Array(ids.map((r) => ci.get(all[r]!.gold)!));
    step++;
    const loss = tf.tidy(() => {
      const x = tf.tensor2d(xb, [ids.length, D]);
      const logits = tf.add(tf.matMul(x, W), B);
      const oh = tf.oneHot(tf.tensor1d(yb, 'int32'), K);
      // softmax cross-entropy: d loss / d logits = (softmax − one-hot) / batch
      const dz = tf.div(tf.sub(tf.softmax(logits), oh), ids.length);
      const grads: [tf.Variable, tf.Tensor, tf.Variable, tf.Variable][] = [[W, tf.matMul(x, dz, true, false), mW, vW], [B, tf.sum(dz, 0), mB, vB]];
      for (const [v, g, m, s] of grads) {
        m.assign(tf.add(tf.mul(0.9, m), tf.mul(0.1, g)));
        s.assign(tf.add(tf.mul(0.999, s), tf.mul(0.001, tf.square(g))));
        const mh = tf.div(m, 1 - 0.9 ** step);
        const vh = tf.div(s, 1 - 0.999 ** step);
        v.assign(tf.sub(v, tf.div(tf.mul(lr, mh), tf.add(tf.sqrt(vh), 1e-8))));
      }
      return tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, oh), 1)));
    });
    tot += (await loss.data())[0]! * ids.length;
    loss.dispose();
  }
  log(`epoch ${ep + 1}/${epochs}: loss ${(tot / N).toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
const file = quantiseOnetClassifier((await W.data()) as Float32Array, (await B.data()) as Float32Array, codes, D, embedder.id,
  `O*NET 29.3 titles + alternate titles (${N} of ${all.length}; the bench's 10 % held-out alternate titles excluded), softmax regression, ${epochs} epochs, Adam lr ${lr}, batch ${bs}`);
writeGzJson(outPath, calibrate(file));
log(`wrote ${outPath} (${K} codes)`);

/**
 * Temperature of the served softmax by maximum likelihood on held-out titles that neither bench subset tests, ranked
 * as the bench ranks them (every held-out title removed from the O*NET title index and its word model).
 */
function calibrate(file: OnetClassifierFile): OnetClassifierFile {
  const clf = new OnetClassifier({ ...file, calibration: undefined });
  const heldIdx = all.map((_, i) => i).filter((i) => all[i]!.alternate && isOnetHeldOut(all[i]!.gold, all[i]!.title));
  const calIdx = onetCalibrationTitles(heldIdx);
  const heldSet = new Set(heldIdx.map((i) => `${all[i]!.gold}\t${all[i]!.title}`));
  const idx = new OnetTitleIndex(tax, (code, title) => heldSet.has(`${code}\t${title}`));
  const rows = calIdx.map((i) => {
    const lp = clf.logProbabilities(V[i]!);
    const z = onetLogits(clf, lp, new Map(idx.search(all[i]!.title, 100).map((d) => [d.code, d])), onetWordScores(idx, all[i]!.title));
    return { z, gold: clf.codes.indexOf(all[i]!.gold) };
  });
  const nll = (T: number) => {
    let loss = 0;
    for (const { z, gold } of rows) {
      let m = -Infinity;
      for (const v of z) m = Math.max(m, v / T);
      let sum = 0;
      for (const v of z) sum += Math.exp(v / T - m);
      loss -= z[gold]! / T - m - Math.log(sum);
    }
    return loss / rows.length;
  };
  let best = { T: 1, loss: nll(1) };
  for (let T = 0.3; T <= 3.001; T += 0.05) {
    const loss = nll(T);
    if (loss < best.loss) best = { T, loss };
  }
  const T = Math.round(best.T * 1000) / 1000;
  log(`temperature ${T} (NLL ${nll(1).toFixed(3)} at 1 → ${best.loss.toFixed(3)}) on ${rows.length} held-out calibration titles`);
  // no "other" outcome: every code is a candidate
  const cal = { temperature: T, otherLogit: -1e9, fittedOn: `${rows.length} held-out O*NET alternate titles in neither bench test subset (held-out titles removed from the O*NET title index): temperature by maximum likelihood, then the top map` };
  const items = rows.map(({ z, gold }) => {
    const { p } = calibratedProbabilities(z, cal);
    let bi = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[bi]!) bi = k;
    return { conf: p[bi]!, correct: bi === gold };
  });
  return { ...file, calibration: { ...cal, top: fitTopMap(items) } };
}
