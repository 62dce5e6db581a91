import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { CachedEmbedder, EmbeddingStore, blobToVector, contentHash, vectorToBlob } from '../src/embedding/cache.js';
import { cosine, createInProcessUseLite, type Embedder } from '../src/embedding/index.js';

describe('CachedEmbedder over SQLite', () => {
  let dir: string;
  let model: Embedder;
  let calls: string[][];
  let counting: Embedder;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-embcache-'));
    model = await createInProcessUseLite();
    calls = [];
    // Records what reaches the real model.
    counting = {
      id: model.id,
      dimensions: model.dimensions,
      embed: (texts) => {
        calls.push(texts);
        return model.embed(texts);
      },
      close: () => Promise.resolve(),
    };
  });
  afterAll(async () => {
    await model.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips vectors through BLOBs exactly', () => {
    const v = Float32Array.from([0.1, -2.5, 3e-8, 1]);
    expect(Array.from(blobToVector(vectorToBlob(v)))).toEqual(Array.from(v));
    expect(contentHash('a')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('embeds each distinct text once and serves repeats from the table, across reopen', async () => {
    const path = join(dir, 'a.db');
    const first = openDatabase(path);
    const cached = new CachedEmbedder(counting, first.db);
    const texts = ['registered nurse', 'welder', 'registered nurse', 'truck driver'];
    const v1 = await cached.embed(texts);
    expect(calls).toEqual([['registered nurse', 'welder', 'truck driver']]);
    expect(cosine(v1[0]!, v1[2]!)).toBeCloseTo(1, 6);
    expect(cached.store.count()).toBe(3);
    first.close();

    const second = openDatabase(path);
    const again = new CachedEmbedder(counting, second.db);
    const v2 = await again.embed(['truck driver', 'welder', 'electrician']);
    expect(calls[1]).toEqual(['electrician']);
    expect(Array.from(v2[0]!)).toEqual(Array.from(v1[3]!));
    expect(again.stats).toEqual({ hits: 2, misses: 1 });
    second.close();
  });

  it('keeps vectors of different models apart and prunes the old model', async () => {
    const opened = openDatabase(join(dir, 'b.db'));
    const old = new EmbeddingStore(opened.db, 'old-model@1');
    old.putMany([{ hash: contentHash('welder'), vector: new Float32Array(4).fill(0.5) }]);
    const cached = new CachedEmbedder(counting, opened.db);
    calls.length = 0;
    await cached.embed(['welder']);
    expect(calls).toEqual([['welder']]); // the old model's vector is not reused
    expect(cached.store.pruneOtherModels()).toBe(1);
    expect(old.count()).toBe(0);
    opened.close();
  });
});
