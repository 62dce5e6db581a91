import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedEmbedder } from '../src/embedding/cache.js';
import type { PooledEmbedder } from '../src/embedding/pool.js';
import { buildTestApp, sampleVacancy, type TestApp } from './helper.js';

describe('embedder failures through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ EMBED_WORKERS: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a worker crash during a bulk import answers 503 EMBEDDER_UNAVAILABLE and writes nothing; the next request works', async () => {
    const { key } = t.employer();
    const lines = Array.from({ length: 64 }, (_, i) =>
      JSON.stringify(sampleVacancy({ title: `Seasonal fruit picker ${i}`, description: 'Harvesting apples and pears in orchards. '.repeat(10) })),
    ).join('\n');
    const pending = t.request(key, { method: 'POST', url: '/v1/vacancies:bulk', headers: { 'content-type': 'application/x-ndjson' }, payload: lines });
    // Kill the workers while one holds a batch of this import (not after a fixed delay, which on a loaded box could
    // fall before the import reaches the embedder or after it is done).
    const pool = (t.app.embedder as CachedEmbedder).inner as PooledEmbedder;
    const before = pool.stats.batches;
    for (const t0 = Date.now(); !(pool.batchesInFlight > 0 && pool.stats.batches > before); ) {
      if (Date.now() - t0 > 20_000) throw new Error('the bulk import never reached the embedder');
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(pool.workerThreads().map((w) => w.terminate()));
    const res = await pending;
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('EMBEDDER_UNAVAILABLE');
    const list = await t.request(key, { method: 'GET', url: '/v1/vacancies?limit=100' });
    expect(list.json().items.filter((v: { title: string }) => v.title.startsWith('Seasonal fruit picker'))).toHaveLength(0);

    const again = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy() });
    expect(again.statusCode).toBe(201);
  });

  it('start-up fails with a message naming the missing model file', async () => {
    await expect(buildTestApp({ EMBEDDER: 'transformers', EMBEDDER_MODEL: 'no-such-model', MODELS_DIR: '/nonexistent' })).rejects.toThrow(
      /missing config\.json/,
    );
  });
});
