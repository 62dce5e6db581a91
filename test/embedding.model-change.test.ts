import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinyBertModel } from '../src/embedding/tiny-bert.js';
import { buildTestApp, sampleVacancy } from './helper.js';

// Changing the model: /readyz reports the mismatch and writes are refused until `npm run reindex` has run.
describe('embedding model change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-model-change-'));
  const shared = { DATABASE_PATH: join(dir, 'p.db'), INDEX_DIR: join(dir, 'index'), EMBED_WORKERS: 1 };
  const tiny = { ...shared, EMBEDDER: 'transformers' as const, EMBEDDER_MODEL: 'tiny-bert', MODELS_DIR: join(dir, 'models') };
  writeTinyBertModel(join(dir, 'models'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the mismatch on /readyz, refuses writes, and is ready again after reindex', async () => {
    const t1 = await buildTestApp(shared);
    const { key } = t1.employer();
    const created = await t1.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Registered nurse' }) });
    expect(created.statusCode).toBe(201);
    await t1.close();

    const t2 = await buildTestApp(tiny);
    const ready = await t2.request(null, { method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    const vac = (ready.json().checks.vectorIndex.detail as Array<{ name: string; modelMismatch: boolean }>).find((c) => c.name === 'vacancies');
    expect(vac?.modelMismatch).toBe(true);
    const refused = await t2.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Welder' }) });
    expect(refused.statusCode).toBe(503);
    await t2.close();

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/reindex.ts'], {
      env: { ...process.env, ...Object.fromEntries(Object.entries(tiny).map(([k, v]) => [k, String(v)])) },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/reindex done: 1 vacancies/);

    const t3 = await buildTestApp(tiny);
    expect((await t3.request(null, { method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const [q] = await t3.app.embedder.embed(['registered nurse']);
    const hit = (await t3.app.vectorIndex.get('vacancies'))!.search(q!, { k: 1 }).items[0];
    expect(hit?.id).toBe(created.json().id);
    expect((await t3.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Welder' }) })).statusCode).toBe(201);
    await t3.close();
  });
});
