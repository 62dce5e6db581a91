// Gradient-boosted regression trees on histograms (the LightGBM / XGBoost "hist" design), squared-error loss.
// Written here because no maintained GBDT package installs from npm on this machine (ml-xgboost is an unmaintained
// 2019 emscripten build); the algorithm is the textbook one (Friedman 2001; Chen & Guestrin 2016, eq. 6–7):
//   - every feature is cut into at most `bins` quantile bins once per fit (thresholds from the training rows);
//   - each tree grows depth-wise; a node's gradient histogram is built for the smaller child and the larger child's
//     is the parent's minus it (LightGBM's subtraction trick);
//   - split gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) (halved, as in XGBoost), leaf value −G/(H+λ), times the
//     learning rate; with squared error every row's gradient is (prediction − y) and its hessian 1 (× its weight).
// Pure functions, no I/O, deterministic (row subsampling uses a seeded generator).
import { mulberry32 } from '../seeded-random.js';
import { medianInPlace } from './median.js';

export interface GbdtOptions {
  trees: number;
  /** Maximum depth of every tree (depth 1 = a stump). */
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values (λ). */
  lambda: number;
  /** Minimum summed hessian (≈ rows) in a leaf. */
  minLeaf: number;
  /** Histogram bins per feature (≤ 255). */
  bins: number;
  /** Share of rows drawn (without replacement) for each tree; 1 = all. */
  subsample: number;
  seed: number;
  /** 'l2': squared error (mean); 'l1': absolute error (median; Friedman's LAD-TreeBoost: trees grown on the signs of
   * the residuals, each leaf set to the median residual of its rows). MASE scores absolute errors, whose best point
   * forecast is the median. */
  loss: 'l2' | 'l1';
}

export const DEFAULT_GBDT: GbdtOptions = { trees: 100, depth: 4, learningRate: 0.1, lambda: 1, minLeaf: 20, bins: 64, subsample: 1, seed: 1, loss: 'l2' };

/** A fitted tree in flat arrays: node i splits on feature[i] at value threshold[i] (x ≤ threshold goes left) or,
 * when feature[i] = −1, is a leaf worth value[i]. */
export interface GbdtTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export interface GbdtModel {
  features: number;
  base: number;
  trees: GbdtTree[];
}


/** Quantile cut points of each feature (at most bins − 1 distinct values, midpoints between neighbours). */
export function binEdges(x: Float64Array, n: number, p: number, bins: number): Float64Array[] {
  const edges: Float64Array[] = [];
  const step = Math.max(1, Math.floor(n / 20000)); // 20,000 rows are enough to place the cuts
  const col = new Float64Array(Math.ceil(n / step));
  for (let f = 0; f < p; f++) {
    let m = 0;
    for (let i = 0; i < n; i += step) col[m++] = x[i * p + f]!;
    const v = col.subarray(0, m).sort();
    const cuts: number[] = [];
    for (let b = 1; b < bins; b++) {
      const q = v[Math.min(m - 1, Math.floor((b * m) / bins))]!;
      const lo = v[Math.min(m - 1, Math.floor((b * m) / bins) - 1)] ?? q;
      if (q === lo) {
        // Several rows share the value: cut just above it if not already cut there.
        if (cuts.length === 0 || cuts[cuts.length - 1]! < q) {
          const next = v.find((z) => z > q);
          if (next !== undefined) cuts.push((q + next) / 2);
        }
        continue;
      }
      const c = (lo + q) / 2;
      if (cuts.length === 0 || cuts[cuts.length - 1]! < c) cuts.push(c);
    }
    edges.push(Float64Array.from(new Set(cuts)));
  }
  return edges;
}

const binOf = (e: Float64Array, v: number): number => {
  let lo = 0;
  let hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= e[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
};

/**
 * Fit on n rows of p features (row-major `x`), targets `y`, optional row weights. Returns the model; `trainPred` (if
 * given, length n) receives the final predictions on the training rows.
 */
export function fitGbdt(x: Float64Array, y: Float64Array, n: number, p: number, options: Partial<GbdtOptions> = {}, weights?: Float64Array, trainPred?: Float64Array): GbdtModel {
  const o = { ...DEFAULT_GBDT, ...options };
  if (o.bins > 256) throw new Error('at most 256 bins');
  const edges = binEdges(x, n, p, o.bins);
  const B = o.bins;
  const binned = new Uint8Array(n * p);
  for (let i = 0; i < n; i++) for (let f = 0; f < p; f++) binned[i * p + f] = binOf(edges[f]!, x[i * p + f]!);
  const w = weights ?? new Float64Array(n).fill(1);
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i]!;
    swy += w[i]! * y[i]!;
  }
  const base = o.loss === 'l1' ? medianOf(Float64Array.from(y.subarray(0, n))) : sw > 0 ? swy / sw : 0;
  const pred = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rand = mulberry32(o.seed);
  const trees: GbdtTree[] = [];
  // Row index buffer, partitioned in place node by node.
  const idx = new Int32Array(n);
  const tmp = new Int32Array(n);
  for (let t = 0; t < o.trees; t++) {
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (o.subsample < 1 && rand() >= o.subsample) continue;
      const r = pred[i]! - y[i]!;
      grad[i] = w[i]! * (o.loss === 'l1' ? Math.sign(r) : r);
      hess[i] = w[i]!;
      idx[m++] = i;
    }
    const { tree, leafOf, leaves } = growTree(binned, n, edges, grad, hess, idx, tmp, m, p, B, o);
    if (o.loss === 'l1') {
      // Leaf values: the median residual of the leaf's rows (unweighted), times the learning rate.
      for (const leaf of leaves) {
        const r = new Float64Array(leaf.hi - leaf.lo);
        for (let k = leaf.lo; k < leaf.hi; k++) r[k - leaf.lo] = y[idx[k]!]! - pred[idx[k]!]!;
        tree.value[leaf.id] = r.length ? o.learningRate * medianOf(r) : 0;
      }
    }
    trees.push(tree);
    if (m === n) {
      // Every row went down the tree while it grew: its leaf is known.
      for (let i = 0; i < n; i++) pred[i] = pred[i]! + tree.value[leafOf[i]!]!;
    } else {
      for (let i = 0; i < n; i++) pred[i] = pred[i]! + predictTreeBinned(tree, binned, p, i, edges);
    }
  }
  trainPred?.set(pred);
  return { features: p, base, trees };
}

interface Node {
  lo: number;
  hi: number;
  g: number;
  h: number;
  hist: Float64Array | null;
  id: number;
}

function buildHist(binned: Uint8Array, n: number, grad: Float64Array, hess: Float64Array, idx: Int32Array, lo: number, hi: number, p: number, B: number): Float64Array {
  // Layout: [feature][bin][g, h]; rows are row-major (one row's bins are adjacent), the histogram stays in L1.
  const hist = new Float64Array(p * B * 2);
  for (let r = lo; r < hi; r++) {
    const i = idx[r]!;
    const g = grad[i]!;
    const h = hess[i]!;
    const off = i * p;
    for (let f = 0, hb = 0; f < p; f++, hb += 2 * B) {
      const k = hb + binned[off + f]! * 2;
      hist[k] = hist[k]! + g;
      hist[k + 1] = hist[k + 1]! + h;
    }
  }
  return hist;
}

function growTree(binned: Uint8Array, n: number, edges: Float64Array[], grad: Float64Array, hess: Float64Array, idx: Int32Array, tmp: Int32Array, m: number, p: number, B: number, o: GbdtOptions): { tree: GbdtTree; leafOf: Int32Array; leaves: Node[] } {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const newNode = (): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    return feature.length - 1;
  };
  let G = 0;
  let H = 0;
  for (let r = 0; r < m; r++) {
    G += grad[idx[r]!]!;
    H += hess[idx[r]!]!;
  }
  const leaves: Node[] = [];
  let level: Node[] = [{ lo: 0, hi: m, g: G, h: H, hist: buildHist(binned, n, grad, hess, idx, 0, m, p, B), id: newNode() }];
  const lambda = o.lambda;
  const minLeaf = o.minLeaf;
  for (let d = 0; d < o.depth && level.length > 0; d++) {
    const next: Node[] = [];
    for (const node of level) {
      const hist = node.hist!;
      node.hist = null;
      let bestGain = 1e-12;
      let bestF = -1;
      let bestB = -1;
      let bestGL = 0;
      let bestHL = 0;
      const nodeG = node.g;
      const nodeH = node.h;
      const parent = (nodeG * nodeG) / (nodeH + lambda);
      for (let f = 0; f < p; f++) {
        const nb = edges[f]!.length; // bins 0..nb; a cut after bin b (b < nb)
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < nb; b++) {
          const k = (f * B + b) * 2;
          gl += hist[k]!;
          hl += hist[k + 1]!;
          if (hl < minLeaf) continue;
          const hr = nodeH - hl;
          if (hr < minLeaf) break;
          const gr = nodeG - gl;
          const gain = 0.5 * ((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent);
          if (gain > bestGain) {
            bestGain = gain;
            bestF = f;
            bestB = b;
            bestGL = gl;
            bestHL = hl;
          }
        }
      }
      if (bestF < 0) {
        value[node.id] = (-o.learningRate * node.g) / (node.h + o.lambda);
        leaves.push(node);
        continue;
      }
      // Partition the node's rows: bin ≤ bestB left.
      let a = node.lo;
      let z = node.hi;
      let c = node.lo;
      for (let r = node.lo; r < node.hi; r++) {
        const i = idx[r]!;
        if (binned[i * p + bestF]! <= bestB) idx[a++] = i;
        else tmp[c++] = i;
      }
      for (let r = node.lo; r < c; r++) idx[a + r - node.lo] = tmp[r]!;
      z = node.hi;
      feature[node.id] = bestF;
      threshold[node.id] = edges[bestF]![bestB]!;
      const l: Node = { lo: node.lo, hi: a, g: bestGL, h: bestHL, hist: null, id: newNode() };
      const rgt: Node = { lo: a, hi: z, g: node.g - bestGL, h: node.h - bestHL, hist: null, id: newNode() };
      left[node.id] = l.id;
      right[node.id] = rgt.id;
      if (d + 1 < o.depth) {
        // Histogram of the smaller child; the larger one's by subtraction.
        const [small, large] = l.hi - l.lo <= rgt.hi - rgt.lo ? [l, rgt] : [rgt, l];
        small.hist = buildHist(binned, n, grad, hess, idx, small.lo, small.hi, p, B);
        const lh = new Float64Array(hist.length);
        for (let k = 0; k < hist.length; k++) lh[k] = hist[k]! - small.hist[k]!;
        large.hist = lh;
      }
      next.push(l, rgt);
    }
    if (d + 1 >= o.depth) {
      for (const node of next) {
        value[node.id] = (-o.learningRate * node.g) / (node.h + o.lambda);
        leaves.push(node);
      }
    }
    level = d + 1 < o.depth ? next : [];
  }
  const leafOf = new Int32Array(n);
  for (const leaf of leaves) for (let r = leaf.lo; r < leaf.hi; r++) leafOf[idx[r]!] = leaf.id;
  return {
    tree: { feature: Int32Array.from(feature), threshold: Float64Array.from(threshold), left: Int32Array.from(left), right: Int32Array.from(right), value: Float64Array.from(value) },
    leafOf,
    leaves,
  };
}

/** Median of a (reordered in place); 0 when empty. */
function medianOf(a: Float64Array): number {
  return a.length ? medianInPlace(a, a.length) : 0;
}

function predictTreeBinned(tree: GbdtTree, binned: Uint8Array, p: number, row: number, edges: Float64Array[]): number {
  let i = 0;
  while (tree.feature[i]! >= 0) {
    const f = tree.feature[i]!;
    const b = binned[row * p + f]!;
    // The threshold is the cut's edge: a row in bin b goes left exactly when edges[f][b] ≤ threshold.
    i = b < edges[f]!.length && edges[f]![b]! <= tree.threshold[i]! ? tree.left[i]! : tree.right[i]!;
  }
  return tree.value[i]!;
}

/** Prediction for one row of p raw feature values (offset `off` in `x`). */
export function predictGbdt(model: GbdtModel, x: ArrayLike<number>, off = 0): number {
  let s = model.base;
  for (const tree of model.trees) {
    let i = 0;
    while (tree.feature[i]! >= 0) i = x[off + tree.feature[i]!]! <= tree.threshold[i]! ? tree.left[i]! : tree.right[i]!;
    s += tree.value[i]!;
  }
  return s;
}
