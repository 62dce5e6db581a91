import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { crc32, gzipSync } from 'node:zlib';
import { loadTaxonomy } from '../src/taxonomy/index.js';
import type { LabelVectors } from '../src/taxonomy/label-vectors.js';
import { FrozenCollection, buildFrozenGraph, decodeGraphFile, thawGraph } from '../src/vector-index/frozen.js';
import { clusteredVectors, exactTopK } from '../src/vector-index/synthetic.js';

const tax = loadTaxonomy();
const lv = tax.labelVectors as LabelVectors;

/** A query near label `i`: its vector plus half of another label's, normalised. */
function queryNear(i: number, j: number): Float32Array {
  const a = new Float32Array(lv.dim);
  const b = new Float32Array(lv.dim);
  lv.vectorOf(i, a);
  lv.vectorOf(j, b);
  let n = 0;
  for (let d = 0; d < lv.dim; d++) n += (a[d] = a[d]! + 0.5 * b[d]!) ** 2;
  for (let d = 0; d < lv.dim; d++) a[d]! /= Math.sqrt(n);
  return a;
}

describe('taxonomy labels on the HNSW index (read-only taxonomy-labels collection)', () => {
  it('opens the shipped links-only graph, rebuilt byte for byte from the label vectors', () => {
    const idx = lv.index!;
    expect(idx).toBeDefined();
    expect(idx.graphSource).toBe('shipped');
    expect(idx.state).toBe('ready');
    expect(idx.size).toBe(lv.size);
    const s = idx.status();
    expect(s).toMatchObject({ collection: 'taxonomy-labels', readOnly: true, graphElements: lv.size, modelId: lv.modelId });
    // The thawed file is exactly the one the pipeline built (its CRC-32 is recorded in the shipped header).
    const { header, stripped } = decodeGraphFile(readFileSync('data/taxonomy/occupation-label-graph.bin.gz'));
    expect(crc32(thawGraph(stripped, lv.dim, lv.vectorOf))).toBe(header.crc32);
    expect(tax.manifest.labelGraph?.crc32).toBe(header.crc32);
  });

  it('finds the nearest labels with recall@10 >= 0.95 and the 300 nearest with recall >= 0.95', () => {
    let hit10 = 0;
    let hit300 = 0;
    const n = 40;
    for (let t = 0; t < n; t++) {
      const q = queryNear((t * 7919) % lv.size, (t * 104729) % lv.size);
      const exact = lv.exactSearch(q, 300);
      const got = lv.search(q, 300);
      expect(lv.index!.search(q, 300).source).toBe('hnsw');
      const g10 = new Set(got.slice(0, 10).map((h) => h.label));
      const g300 = new Set(got.map((h) => h.label));
      hit10 += exact.slice(0, 10).filter((h) => g10.has(h.label)).length;
      hit300 += exact.filter((h) => g300.has(h.label)).length;
      // scores are the exact cosines of the labels returned
      for (const h of got.slice(0, 5)) expect(h.score).toBeCloseTo(lv.score(q, h.label), 4);
    }
    expect(hit10 / (10 * n)).toBeGreaterThanOrEqual(0.95);
    expect(hit300 / (300 * n)).toBeGreaterThanOrEqual(0.95);
    expect(lv.index!.measureRecall(30)).toBeGreaterThanOrEqual(0.95);
  });

  it('ranks titles through the graph as the exact full scan does', () => {
    const titles = ['nurse', 'software developer', 'truck driver', 'chef de cuisine', 'welder', 'electricista', 'aide-soignant', 'data scientist', 'bricklayer', 'accountant'];
    let sameTop = 0;
    let total = 0;
    titles.forEach((title, t) => {
      const q = queryNear((t * 3331) % lv.size, (t * 17) % lv.size);
      const served = tax.rankTitle(title, { queryVector: q, limit: 5 });
      const exact = tax.rankTitle(title, { queryVector: q, semScores: lv.scoreAll(q), limit: 5 });
      total += 1;
      if (served[0]?.id === exact[0]?.id) sameTop++;
      expect(served.map((r) => r.id).slice(0, 3)).toEqual(exact.map((r) => r.id).slice(0, 3));
    });
    expect(sameTop).toBe(total);
  });
});

describe('FrozenCollection', () => {
  const D = 24;
  const vs = clusteredVectors(1500, D, { clusters: 12, seed: 9 });
  const vectorOf = (i: number, out: Float32Array) => out.set(vs.vector(i));
  const shipped = buildFrozenGraph(vectorOf, { modelId: 'm', dims: D, count: 1500, m: 12, efConstruction: 100 });

  it('answers exactly while a damaged graph is rebuilt in a worker, then from the rebuilt graph', async () => {
    const broken = decodeGraphFile(shipped);
    const bytes = Buffer.from(broken.stripped);
    bytes[200]! ^= 0x5a; // a link id inside the level-0 block
    // re-encode with the flipped byte: same header, so the CRC check must catch it
    const h = Buffer.from(JSON.stringify(broken.header));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(h.length);
    const file = gzipSync(Buffer.concat([len, h, bytes]));
    const c = FrozenCollection.open({ name: 'frozen-test', modelId: 'm', dims: D, count: 1500, vectorOf, graphFile: file, m: 12, efConstruction: 100 });
    expect(c.problem).toBe('checksum mismatch');
    expect(c.state).toBe('building');
    const q = vs.vector(77);
    const during = c.search(q, 5);
    expect(during.source).toBe('exact');
    expect(during.items[0]).toMatchObject({ label: 77 });
    expect(c.rebuildRefusal()).toBeNull();
    await c.whenReady();
    expect(c.graphSource).toBe('built');
    expect(c.rebuildRefusal()).toBeNull();
    const after = c.search(q, 10);
    expect(after.source).toBe('hnsw');
    expect(after.items[0]!.label).toBe(77);
    expect(c.measureRecall(30)).toBeGreaterThanOrEqual(0.95);
    c.close();
  });

  it('refuses a graph built for another model or size, checks dimensions, caps k and breaks ties by row', () => {
    const other = FrozenCollection.open({ name: 'frozen-test', modelId: 'other', dims: D, count: 1500, vectorOf, graphFile: shipped, rebuild: false });
    expect(other.problem).toMatch(/model mismatch/);
    expect(other.search(vs.vector(3), 1).source).toBe('exact');
    const c = FrozenCollection.open({ name: 'frozen-test', modelId: 'm', dims: D, count: 1500, vectorOf, graphFile: shipped });
    expect(c.graphSource).toBe('shipped');
    // The verified shipped graph is never replaced by an explicit rebuild (the route answers 409).
    expect(c.rebuildRefusal()).toMatch(/shipped graph/);
    expect(() => c.search(new Float32Array(D + 1), 3)).toThrow(/dimensions/);
    expect(c.search(vs.vector(3), 5000).items.length).toBeLessThanOrEqual(1000);
    const truth = exactTopK(vs.data, D, vs.vector(3), 10);
    const got = c.search(vs.vector(3), 10).items.map((h) => h.label);
    expect(got.filter((l) => truth.includes(l)).length).toBeGreaterThanOrEqual(9);
    const items = c.search(vs.vector(3), 50).items;
    for (let i = 1; i < items.length; i++) {
      expect(items[i - 1]!.score > items[i]!.score || (items[i - 1]!.score === items[i]!.score && items[i - 1]!.label < items[i]!.label)).toBe(true);
    }
    c.close();
    other.close();
  });
});
