/**
 * The learned title model: per occupation, how many training titles carry it and the sum of their embeddings
 * (a nearest-centroid classifier). Only aggregates are kept, never the titles.
 */
import { existsSync } from 'node:fs';
import { ESCO_OCC_PREFIX, readGzJson } from './files.js';
import { FEATURES } from './reranker.js';

export interface TitleModel {
  dim: number;
  counts: Float32Array;
  /** nOcc × dim sums (unit centroids once shipped) */
  sums: Float32Array;
  /** squared norms of the sums */
  norms2: Float32Array;
}

/** Leave-one-out: remove one training title (its occupation and vector) from the model while computing its features. */
export interface LeaveOut {
  occ: number;
  vec: Float32Array;
}

interface OccupationList {
  readonly occupations: readonly { uri: string }[];
}

/** Read the shipped model (int8 unit centroids keyed by ESCO short id); undefined when the file is absent. */
export function loadTitleModel(path: string, occById: ReadonlyMap<string, number>, nOcc: number): TitleModel | undefined {
  if (!existsSync(path)) return undefined;
  const raw = readGzJson<{ dim: number; centroids: Record<string, { n: number; c: number[] }> }>(path);
  const m: TitleModel = { dim: raw.dim, counts: new Float32Array(nOcc), sums: new Float32Array(nOcc * raw.dim), norms2: new Float32Array(nOcc) };
  for (const [id, { n, c }] of Object.entries(raw.centroids)) {
    const o = occById.get(id);
    if (o === undefined) continue;
    m.counts[o] = n;
    let n2 = 0;
    for (let j = 0; j < raw.dim; j++) {
      const v = c[j]! / 127;
      m.sums[o * raw.dim + j] = v;
      n2 += v * v;
    }
    m.norms2[o] = n2;
  }
  return m;
}

/** Cosine of the query to every occupation's centroid (0 where no title); leave-one-out removes one training title. */
export function centroidScores(tm: TitleModel, queryVector: Float32Array, nOcc: number, leaveOut?: LeaveOut): Float32Array {
  const centroid = new Float32Array(nOcc);
  for (let o = 0; o < nOcc; o++) {
    let cnt = tm.counts[o]!;
    if (!cnt) continue;
    let dot = 0;
    const off = o * tm.dim;
    for (let j = 0; j < tm.dim; j++) dot += queryVector[j]! * tm.sums[off + j]!;
    let n2 = tm.norms2[o]!;
    if (leaveOut && leaveOut.occ === o) {
      cnt -= 1;
      if (cnt <= 0) continue;
      let sv = 0;
      let vv = 0;
      let qv = 0;
      for (let j = 0; j < tm.dim; j++) {
        sv += tm.sums[off + j]! * leaveOut.vec[j]!;
        vv += leaveOut.vec[j]! * leaveOut.vec[j]!;
        qv += queryVector[j]! * leaveOut.vec[j]!;
      }
      n2 = n2 - 2 * sv + vv;
      dot -= qv;
    }
    centroid[o] = n2 > 1e-9 ? dot / Math.sqrt(n2) : 0;
  }
  return centroid;
}

/** Aggregate a title model (counts + embedding sums per occupation) from labelled titles. */
export function buildTitleModel(tax: OccupationList, examples: { gold: string }[], vectors: Float32Array[]): TitleModel {
  const nOcc = tax.occupations.length;
  const dim = vectors[0]?.length ?? 512;
  const counts = new Float32Array(nOcc);
  const sums = new Float32Array(nOcc * dim);
  const index = new Map(tax.occupations.map((o, i) => [o.uri, i]));
  examples.forEach((e, i) => {
    const o = index.get(e.gold);
    if (o === undefined) return;
    counts[o]!++;
    const v = vectors[i]!;
    for (let j = 0; j < dim; j++) sums[o * dim + j]! += v[j]!;
  });
  const norms2 = new Float32Array(nOcc);
  for (let o = 0; o < nOcc; o++) {
    let n = 0;
    for (let j = 0; j < dim; j++) n += sums[o * dim + j]! ** 2;
    norms2[o] = n;
  }
  return { dim, counts, sums, norms2 };
}

/** Shipped form: counts and unit centroids rounded to int8 (aggregates only). */
export function serialiseTitleModel(tax: OccupationList, m: TitleModel, meta: Record<string, unknown>): unknown {
  const centroids: Record<string, { n: number; c: number[] }> = {};
  tax.occupations.forEach((o, i) => {
    const n = m.counts[i]!;
    if (!n) return;
    const norm = Math.sqrt(m.norms2[i]!) || 1;
    const c: number[] = [];
    for (let j = 0; j < m.dim; j++) c.push(Math.round((m.sums[i * m.dim + j]! / norm) * 127));
    centroids[o.uri.slice(ESCO_OCC_PREFIX.length)] = { n, c };
  });
  return { ...meta, dim: m.dim, centroids };
}

const PRIOR = FEATURES.indexOf('titlePrior');
const CENTROID = FEATURES.indexOf('titleCentroid');
const HAS_TITLES = FEATURES.indexOf('hasTitles');

/**
 * The English re-ranker reads an occupation without training titles as *missing* title-model evidence, not as
 * evidence against it: its popularity (log count) and its centroid cosine are set to the mean over the candidates that
 * have titles (and the English weights keep `hasTitles` at weight 0, see ENGLISH_FROZEN). JobBERT has no titles for
 * 1,630 of the 3,007 ESCO occupations (*cook*, *security guard*, *electrician*); with the raw features they lost about
 * 3 logits to the popular ones whatever the title said. In place; a group where no candidate has titles is left as is.
 */
export function imputeUnseenTitleModel(xs: Float64Array[]): void {
  let n = 0;
  let prior = 0;
  let centroid = 0;
  for (const x of xs) {
    if (!x[HAS_TITLES]) continue;
    n++;
    prior += x[PRIOR]!;
    centroid += x[CENTROID]!;
  }
  if (!n) return;
  for (const x of xs) {
    if (x[HAS_TITLES]) continue;
    x[PRIOR] = prior / n;
    x[CENTROID] = centroid / n;
  }
}
