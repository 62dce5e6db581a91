import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessUseLite, type Embedder } from '../src/embedding/index.js';

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

// [anchor, closer, farther]: occupations across fields.
const TRIPLES: Array<[string, string, string]> = [
  ['registered nurse', 'nursing care for patients', 'java software developer'],
  ['java software developer', 'writing code for web applications', 'nursing care for patients'],
  ['truck driver', 'driving heavy goods vehicles', 'teaching mathematics to children'],
  ['electrician', 'installing electrical wiring in buildings', 'baking bread and pastries'],
  ['chef', 'cooking meals in a restaurant kitchen', 'repairing car engines'],
  ['farm worker', 'harvesting crops and tending livestock', 'preparing financial statements'],
  ['accountant', 'preparing financial statements', 'harvesting crops and tending livestock'],
  ['welder', 'joining metal parts with a welding torch', 'caring for elderly people at home'],
  ['home care aide', 'caring for elderly people at home', 'joining metal parts with a welding torch'],
];

describe('USE-lite in-process: semantic sanity', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await createInProcessUseLite();
  });
  afterAll(async () => {
    await embedder.close();
  });

  it('has the documented id and dimensions', () => {
    expect(embedder.id).toMatch(/^use-lite@energetic-ai-\d+\.\d+\.\d+$/);
    expect(embedder.dimensions).toBe(512);
  });

  it.each(TRIPLES)('%s is closer to "%s" than to "%s"', async (anchor, near, far) => {
    const [a, n, f] = await embedder.embed([anchor, near, far]);
    expect(cos(a!, n!)).toBeGreaterThan(cos(a!, f!) + 0.05);
  });

  it('returns unit vectors, and zero vectors for empty or whitespace-only text', async () => {
    const out = await embedder.embed(['welder', '', '   \n', 'Welder']);
    expect(cos(out[0]!, out[0]!)).toBeCloseTo(1, 5);
    expect(out[1]!.every((x) => x === 0)).toBe(true);
    expect(out[2]!.every((x) => x === 0)).toBe(true);
    // Input is lowercased on purpose: case does not change the vector.
    expect(cos(out[0]!, out[3]!)).toBeCloseTo(1, 5);
  });

  it('truncates very long text instead of failing', async () => {
    const long = 'experienced nurse caring for patients in hospital wards. '.repeat(400);
    const [v] = await embedder.embed([long]);
    expect(v!.length).toBe(512);
    expect(cos(v!, v!)).toBeCloseTo(1, 5);
  });

  it('batching does not change vectors (cosine >= 0.9999 against single calls)', async () => {
    const texts = TRIPLES.flat().slice(0, 20);
    const batched = await embedder.embed(texts);
    for (let i = 0; i < texts.length; i++) {
      const [single] = await embedder.embed([texts[i]!]);
      expect(cos(batched[i]!, single!)).toBeGreaterThanOrEqual(0.9999);
    }
  });
});
