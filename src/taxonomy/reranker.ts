import { existsSync, readFileSync } from 'node:fs';

/** Feature names, in order; the weights file must list the same names. */
export const FEATURES = [
  'lex', // best lexical cosine of the concept's labels
  'lexGap', // lex − best lex among candidates
  'lexRr', // 1 / lexical rank
  'sem', // best semantic cosine
  'semGap',
  'semRr',
  'fused', // weighted min-max fusion (0.3 lex + 0.7 sem)
  'prefLabel', // best lexical label is a preferred label
  'hiddenLabel',
  'headAgree', // last query word (stemmed) equals the head word of the concept's best label
  'headAny', // last query word appears as head of any label of the concept
  'coverage', // share of query words found in the concept's labels
  'exact', // query equals one of the labels
  'langMatch', // best label is in the query language
  'generic', // ESCO code depth: 1 for ISCO-level generic occupations, smaller for narrow ones
  'logLabels', // log(1 + number of labels), a popularity proxy
  'onetAlt', // log(1 + O*NET alternate titles via the crosswalk)
  'titlePrior', // log(1 + training titles tagged with this occupation) — learned title model
  'titleCentroid', // cosine of the query to the mean embedding of the occupation's training titles
  'hasTitles', // the occupation has training titles at all
] as const;

export type FeatureVector = Float64Array;

export interface RerankerWeights {
  features: string[];
  weights: number[];
  bias: number;
  mean: number[];
  std: number[];
  trainedOn: string;
  modelId?: string;
}

export function loadReranker(path: string): RerankerWeights | undefined {
  if (!existsSync(path)) return undefined;
  const w = JSON.parse(readFileSync(path, 'utf8')) as RerankerWeights;
  if (w.features.join(',') !== FEATURES.join(',')) return undefined;
  return w;
}

export function logit(w: RerankerWeights, x: FeatureVector): number {
  let z = w.bias;
  for (let i = 0; i < x.length; i++) z += w.weights[i]! * ((x[i]! - w.mean[i]!) / (w.std[i]! || 1));
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Listwise (softmax over each query's candidates) logistic model trained with Adam.
 * groups: for each query, the candidate feature vectors and the index of the gold (or -1 when absent).
 */
export function trainReranker(
  groups: { x: FeatureVector[]; gold: number }[],
  opts: { epochs?: number; lr?: number; l2?: number; trainedOn: string },
): RerankerWeights {
  const F = FEATURES.length;
  const mean = new Array<number>(F).fill(0);
  const std = new Array<number>(F).fill(0);
  let n = 0;
  for (const g of groups) for (const x of g.x) { for (let i = 0; i < F; i++) mean[i]! += x[i]!; n++; }
  for (let i = 0; i < F; i++) mean[i] = mean[i]! / Math.max(1, n);
  for (const g of groups) for (const x of g.x) for (let i = 0; i < F; i++) std[i]! += (x[i]! - mean[i]!) ** 2;
  for (let i = 0; i < F; i++) std[i] = Math.sqrt(std[i]! / Math.max(1, n)) || 1;
  const w: RerankerWeights = { features: [...FEATURES], weights: new Array(F).fill(0), bias: 0, mean, std, trainedOn: opts.trainedOn };
  const usable = groups.filter((g) => g.gold >= 0 && g.x.length > 1);
  const epochs = opts.epochs ?? 30;
  const lr = opts.lr ?? 0.05;
  const l2 = opts.l2 ?? 1e-4;
  const m = new Float64Array(F);
  const v = new Float64Array(F);
  let t = 0;
  for (let ep = 0; ep < epochs; ep++) {
    const grad = new Float64Array(F);
    for (const g of usable) {
      const zs = g.x.map((x) => logit(w, x));
      const mx = Math.max(...zs);
      const es = zs.map((z) => Math.exp(z - mx));
      const sum = es.reduce((a, b) => a + b, 0);
      g.x.forEach((x, j) => {
        const p = es[j]! / sum - (j === g.gold ? 1 : 0);
        for (let i = 0; i < F; i++) grad[i]! += p * ((x[i]! - mean[i]!) / std[i]!);
      });
    }
    t++;
    for (let i = 0; i < F; i++) {
      const gi = grad[i]! / usable.length + l2 * w.weights[i]!;
      m[i] = 0.9 * m[i]! + 0.1 * gi;
      v[i] = 0.999 * v[i]! + 0.001 * gi * gi;
      const mh = m[i]! / (1 - 0.9 ** t);
      const vh = v[i]! / (1 - 0.999 ** t);
      w.weights[i]! -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  // Calibrate the absolute score: bias so that sigmoid(top logit) tracks top-1 precision on the training groups.
  w.bias = calibrateBias(w, usable.length ? groups : []);
  return w;
}

function calibrateBias(w: RerankerWeights, groups: { x: FeatureVector[]; gold: number }[]): number {
  let best = 0;
  let bestLoss = Infinity;
  const tops = groups.map((g) => {
    let bi = 0;
    let bz = -Infinity;
    g.x.forEach((x, j) => { const z = logit({ ...w, bias: 0 }, x); if (z > bz) { bz = z; bi = j; } });
    return { z: bz, y: bi === g.gold ? 1 : 0 };
  });
  for (let b = -10; b <= 10; b += 0.1) {
    let loss = 0;
    for (const { z, y } of tops) {
      const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(z + b)));
      loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    }
    if (loss < bestLoss) { bestLoss = loss; best = b; }
  }
  return best;
}
