/** Seeded synthetic embeddings for tests and benchmarks: unit vectors clustered around shared directions. */
import { mulberry32 } from '../seeded-random.js';

export { mulberry32 };

export function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  const inv = 1 / Math.sqrt(n || 1);
  for (let i = 0; i < v.length; i++) v[i]! *= inv;
  return v;
}

export interface ClusteredVectors {
  dims: number;
  centres: Float32Array[];
  /** n unit vectors, row-major. */
  data: Float32Array;
  clusterOf: Uint32Array;
  vector(i: number): Float32Array;
}

/**
 * n unit vectors: centre (random, or given real embeddings) + isotropic noise with per-dimension sigma `noise`,
 * normalised. noise≈1/sqrt(d)·spread keeps neighbours within a cluster close but not identical.
 */
export function clusteredVectors(
  n: number,
  dims: number,
  opts: { clusters?: number; noise?: number; seed?: number; centres?: Float32Array[]; /** back `data` with a SharedArrayBuffer (to hand to a worker) */ shared?: boolean } = {},
): ClusteredVectors {
  const rand = mulberry32(opts.seed ?? 42);
  const centres =
    opts.centres ??
    Array.from({ length: opts.clusters ?? 64 }, () => {
      const c = new Float32Array(dims);
      for (let i = 0; i < dims; i++) c[i] = gaussian(rand);
      return normalise(c);
    });
  const sigma = opts.noise ?? 0.9 / Math.sqrt(dims);
  const data = opts.shared ? new Float32Array(new SharedArrayBuffer(n * dims * 4)) : new Float32Array(n * dims);
  const clusterOf = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const c = Math.floor(rand() * centres.length);
    clusterOf[j] = c;
    const centre = centres[c]!;
    const off = j * dims;
    let norm = 0;
    for (let i = 0; i < dims; i++) {
      const x = centre[i]! + sigma * gaussian(rand);
      data[off + i] = x;
      norm += x * x;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dims; i++) data[off + i]! *= inv;
  }
  return { dims, centres, data, clusterOf, vector: (i) => data.subarray(i * dims, (i + 1) * dims) };
}

/** Exact top-k by inner product over row-major unit vectors (the ground truth). */
export function exactTopK(data: Float32Array, dims: number, q: Float32Array, k: number, allow?: (i: number) => boolean): number[] {
  const n = data.length / dims;
  const best: { i: number; s: number }[] = [];
  let floor = -Infinity;
  for (let j = 0; j < n; j++) {
    if (allow && !allow(j)) continue;
    let s = 0;
    const off = j * dims;
    for (let i = 0; i < dims; i++) s += q[i]! * data[off + i]!;
    if (best.length >= k && s <= floor) continue;
    best.push({ i: j, s });
    best.sort((a, b) => b.s - a.s);
    if (best.length > k) best.pop();
    floor = best[best.length - 1]!.s;
  }
  return best.map((b) => b.i);
}
