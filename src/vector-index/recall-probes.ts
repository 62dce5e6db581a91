import { mulberry32 } from '../seeded-random.js';

/** The ef values tried when tuning a graph to a target recall, smallest first. */
export const EF_LADDER = [10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512] as const;

/**
 * Recall probes for a collection of `count` stored vectors: each query mixes two of them (a + 0.5·b, normalised),
 * picked with a seeded RNG, so a sampled recall is repeatable and never an exact hit on a stored vector.
 */
export function mixedQueries(count: number, samples: number, dims: number, vectorOf: (i: number, out: Float32Array) => void, seed: number): Float32Array[] {
  const rand = mulberry32(seed);
  const a = new Float32Array(dims);
  const b = new Float32Array(dims);
  const out: Float32Array[] = [];
  for (let s = 0; s < samples; s++) {
    vectorOf(Math.floor(rand() * count), a);
    vectorOf(Math.floor(rand() * count), b);
    const q = new Float32Array(dims);
    let n = 0;
    for (let i = 0; i < dims; i++) n += (q[i] = a[i]! + 0.5 * b[i]!) ** 2;
    const inv = 1 / (Math.sqrt(n) || 1);
    for (let i = 0; i < dims; i++) q[i]! *= inv;
    out.push(q);
  }
  return out;
}
