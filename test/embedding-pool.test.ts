import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { cosine, createEmbedder, createInProcessUseLite, type Embedder, type PooledEmbedder } from '../src/embedding/index.js';

const config = { EMBEDDER: 'use-lite', EMBEDDER_MODEL: '', MODELS_DIR: './models', ALLOW_MODEL_DOWNLOAD: false, EMBED_WORKERS: 2 } as const;

describe('pooled USE-lite embedder (worker threads under vitest)', () => {
  let pooled: PooledEmbedder;
  let inProcess: Embedder;
  beforeAll(async () => {
    pooled = await createEmbedder(config, { batchWindowMs: 5 });
    inProcess = await createInProcessUseLite();
  });
  afterAll(async () => {
    await pooled?.close();
    await inProcess?.close();
  });

  it('starts the configured number of workers and reports id and dimensions', () => {
    expect(pooled.threads).toBe(2);
    expect(pooled.id).toBe(inProcess.id);
    expect(pooled.dimensions).toBe(512);
  });

  it('gives the same vectors as the in-process model', async () => {
    const texts = ['registered nurse', 'java software developer', 'truck driver'];
    const [a, b] = [await pooled.embed(texts), await inProcess.embed(texts)];
    texts.forEach((_, i) => expect(cosine(a[i]!, b[i]!)).toBeGreaterThanOrEqual(0.9999));
  });

  it('coalesces concurrent calls into batches of at most 32', async () => {
    const before = { ...pooled.stats };
    const texts = Array.from({ length: 40 }, (_, i) => `job number ${i} in agriculture`);
    const results = await Promise.all(texts.map((t) => pooled.embed([t])));
    const batches = pooled.stats.batches - before.batches;
    expect(results).toHaveLength(40);
    expect(batches).toBeLessThanOrEqual(3);
    expect(batches).toBeGreaterThanOrEqual(2);
    // Vectors are returned to the right caller: compare with single calls on the in-process model.
    const single = await inProcess.embed([texts[17]!]);
    expect(cosine(results[17]![0]!, single[0]!)).toBeGreaterThanOrEqual(0.9999);
  });

  it('handles empty input lists, empty strings and long strings', async () => {
    expect(await pooled.embed([])).toEqual([]);
    const [empty, long] = await pooled.embed(['  ', 'welding and metal fabrication. '.repeat(500)]);
    expect(empty!.every((x) => x === 0)).toBe(true);
    expect(cosine(long!, long!)).toBeCloseTo(1, 4);
  });

  it('a worker crash fails the request with a retryable 503 and the pool recovers', async () => {
    const inflight = pooled
      .embed(Array.from({ length: 32 }, (_, i) => `caregiver for elderly people ${i} `.repeat(40)))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    await new Promise((r) => setTimeout(r, 20)); // past the batching window: the batch is running in a worker
    await Promise.all(pooled.workerThreads().map((w) => w.terminate()));
    const err = await inflight;
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('EMBEDDER_UNAVAILABLE');
    expect((err as AppError).statusCode).toBe(503);
    // Replacement workers load the model and serve the next request.
    const [v] = await pooled.embed(['registered nurse']);
    expect(cosine(v!, v!)).toBeCloseTo(1, 4);
    expect(pooled.threads).toBe(2);
  });

  it('a batch that exceeds the timeout fails with 503 instead of hanging, and the worker is replaced', async () => {
    const e = await createEmbedder({ ...config, EMBED_WORKERS: 1 }, { taskTimeoutMs: 5 });
    try {
      const long = Array.from({ length: 32 }, (_, i) => `seasonal farm worker picking fruit ${i} `.repeat(30));
      await expect(e.embed(long)).rejects.toMatchObject({ code: 'EMBEDDER_UNAVAILABLE', statusCode: 503 });
    } finally {
      await e.close();
    }
  });

  it('the timeout applies to running batches only: a long ingest queued at once does not time out', async () => {
    // 2 s per running batch: one batch of 32 short texts takes tens of ms idle, but 0.8 s was exceeded on this 2-core
    // host at load 15 (a real timeout, not the bug this test is about). 80 batches queued at once take longer than
    // one timeout in all, which is the point.
    const timeoutMs = 2000;
    const e = await createEmbedder({ ...config, EMBED_WORKERS: 1 }, { taskTimeoutMs: timeoutMs });
    try {
      const texts = Array.from({ length: 2560 }, (_, i) => `cook ${i}`);
      const t0 = performance.now();
      const out = await e.embed(texts);
      expect(out).toHaveLength(2560);
      expect(e.stats.failures).toBe(0);
      expect(e.stats.batches).toBeGreaterThanOrEqual(80);
      // Only meaningful if the whole ingest took longer than one timeout.
      if (performance.now() - t0 < timeoutMs) console.warn('ingest finished within one timeout; test is weak on this machine');
    } finally {
      await e.close();
    }
  });

  it('a closed embedder rejects with EMBEDDER_UNAVAILABLE instead of hanging', async () => {
    const e = await createEmbedder({ ...config, EMBED_WORKERS: 1 });
    await e.close();
    await expect(e.embed(['x'])).rejects.toMatchObject({ code: 'EMBEDDER_UNAVAILABLE' });
  });
});
