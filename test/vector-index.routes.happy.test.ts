import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { clusteredVectors } from '../src/vector-index/synthetic.js';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('vector index admin routes (happy)', () => {
  it('lists collection status with measured recall, rebuilds, and reports readiness', async () => {
    t = await buildTestApp();
    const c = await t.app.vectorIndex.open('synthetic', { modelId: 'test-model', dims: 16 });
    const vs = clusteredVectors(300, 16, { clusters: 5, seed: 3 });
    t.app.sqlite.transaction(() => {
      for (let i = 0; i < 300; i++) c.upsert(`vac_${i}`, vs.vector(i), { status: 'open' });
    })();
    c.delete('vac_0');
    const res = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/index?measureRecall=true' });
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((x: { collection: string }) => x.collection === 'synthetic');
    expect(item).toMatchObject({ collection: 'synthetic', state: 'ready', modelId: 'test-model', dims: 16, size: 299, modelMismatch: false });
    expect(item.recall.recallAt10).toBeGreaterThanOrEqual(0.9);
    expect(item.lastSeq).toBe(301);
    // Vacancies, candidates and the shipped taxonomy labels are collections of the same index.
    const names = res.json().items.map((x: { collection: string }) => x.collection);
    expect(names).toEqual(expect.arrayContaining(['vacancies', 'candidates', 'taxonomy-labels']));
    const labels = res.json().items.find((x: { collection: string }) => x.collection === 'taxonomy-labels');
    expect(labels).toMatchObject({ state: 'ready', readOnly: true, graphSource: 'shipped', modelMismatch: false });
    expect(labels.size).toBeGreaterThan(30_000);
    expect(labels.graphElements).toBe(labels.size);
    expect(labels.recall.recallAt10).toBeGreaterThanOrEqual(0.95);

    const rb = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/index/synthetic/rebuild' });
    expect(rb.statusCode).toBe(202);
    expect(rb.json()).toMatchObject({ collection: 'synthetic' });
    await c.whenReady();
    expect(c.state).toBe('ready');
    expect(c.search(vs.vector(5), { k: 1 }).items[0]!.id).toBe('vac_5');

    const ready = await t.request(null, { method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.vectorIndex.ok).toBe(true);
  });

  it('snapshots on close and reopens from the snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidx-app-'));
    try {
      const config = { DATABASE_PATH: join(dir, 'db.sqlite'), INDEX_DIR: join(dir, 'index'), PASSERELLE_DEMO: false, MAX_EVENT_LOOP_DELAY_MS: 0 };
      const vs = clusteredVectors(100, 16, { seed: 4 });
      const app1 = await buildApp({ logger: false, config });
      const c1 = await app1.vectorIndex.open('synthetic', { modelId: 'm1', dims: 16 });
      for (let i = 0; i < 100; i++) c1.upsert(`cand_${i}`, vs.vector(i));
      await app1.close();
      expect(readdirSync(join(dir, 'index'))).toContain('synthetic.meta.json');
      const app2 = await buildApp({ logger: false, config });
      const c2 = await app2.vectorIndex.open('synthetic', { modelId: 'm1', dims: 16 });
      expect(c2.status().lastSnapshotProblem).toBeNull();
      expect(c2.status().snapshot?.seq).toBe(100);
      expect(c2.search(vs.vector(9), { k: 1 }).items[0]!.id).toBe('cand_9');
      await app2.close();
      expect(existsSync(join(dir, 'index'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
