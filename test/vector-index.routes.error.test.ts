import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  const c = await t.app.vectorIndex.open('synthetic', { modelId: 'test-model', dims: 8 });
  c.upsert('vac_a', [1, 0, 0, 0, 0, 0, 0, 0]);
});
afterAll(async () => {
  await t.close();
});

describe('vector index admin routes (errors)', () => {
  it('404 for an unknown collection', async () => {
    const res = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/index/nope/rebuild' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('400 for a malformed collection name or an unknown query parameter', async () => {
    const bad = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/index/Bad%20Name!/rebuild' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const q = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/index?foo=1' });
    expect(q.statusCode).toBe(400);
    const v = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/index?measureRecall=maybe' });
    expect(v.statusCode).toBe(400);
  });

  it('409 when the collection holds vectors of another model, and readiness says so', async () => {
    // Another embedder model opens the same stored collection: its vectors must be re-embedded first.
    const other = await t.app.vectorIndex.open('taxonomy_skills', { modelId: 'old-model', dims: 8 });
    other.upsert('skill_1', [0, 1, 0, 0, 0, 0, 0, 0]);
    t.app.sqlite.prepare("UPDATE vector_collections SET model_id = 'new-model' WHERE name = 'taxonomy_skills'").run();
    await other.close({ snapshot: false });
    // Reopen through a fresh registry entry: the stored model now differs from the configured one.
    const { VectorCollection } = await import('../src/vector-index/collection.js');
    const c = await VectorCollection.open({ name: 'taxonomy_skills', modelId: 'old-model', dims: 8, sqlite: t.app.sqlite, dbPath: null, indexDir: null });
    expect(c.status().modelMismatch).toBe(true);
    expect(() => c.upsert('skill_2', [1, 0, 0, 0, 0, 0, 0, 0])).toThrow(/reset it first/);
    await c.close();
  });

  it('409 for a rebuild of the shipped taxonomy-labels graph, which stays the shipped one for every app of the process', async () => {
    // The collection belongs to the taxonomy loaded once per process: a rebuild here used to make every later app's
    // graph 'built' (the route fuzz sent it; a later file sharing the process then found graphSource 'built').
    const res = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/index/taxonomy-labels/rebuild' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/shipped graph/) });
    const labels = t.app.vectorIndex.getFrozen('taxonomy-labels')!;
    expect(labels.status()).toMatchObject({ graphSource: 'shipped', rebuild: null, state: 'ready' });
  });

  it('a vector of the wrong dimension is rejected, never stored', async () => {
    const c = t.app.vectorIndex.getOpen('synthetic')!;
    expect(() => c.upsert('vac_b', [1, 2, 3])).toThrow(/8 dimensions/);
    expect(c.has('vac_b')).toBe(false);
  });
});
