import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso, openDatabase, type OpenedDatabase } from '../src/db/client.js';
import { employers } from '../src/db/schema/index.js';
import { CachedEmbedder, contentHash } from '../src/embedding/cache.js';
import { createInProcessUseLite, type Embedder } from '../src/embedding/index.js';
import { reindexAll, type ReindexSink } from '../src/embedding/reindex.js';
import { vectorIndexSink } from '../src/embedding/index-sink.js';
import { VectorIndexRegistry } from '../src/vector-index/registry.js';
import { vacancyEmbeddingText } from '../src/embedding/texts.js';
import { newId } from '../src/ids.js';
import { insertEmptyCandidate, putCandidate } from '../src/services/candidates.js';
import { insertVacancy } from '../src/services/vacancies.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import { sampleProfile, sampleVacancy } from './helper.js';

describe('reindex', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let model: Embedder;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-reindex-'));
    opened = openDatabase(join(dir, 'r.db'));
    const employerId = newId('emp');
    opened.db.insert(employers).values({ id: employerId, name: 'E', country: 'DE', createdAt: nowIso(), updatedAt: nowIso() }).run();
    const storage = new SqliteStorage(opened);
    await storage.transaction(async (tx) => {
      for (const title of ['Welder', 'Registered nurse', 'Truck driver', 'Chef', 'Electrician']) {
        await insertVacancy(tx, employerId, sampleVacancy({ title }) as never);
      }
      for (let i = 0; i < 3; i++) {
        const c = await insertEmptyCandidate(tx);
        await putCandidate(tx, c, sampleProfile({ experience: [{ title: `cook ${i}`, years: 3 }] }) as never);
      }
    });
    model = await createInProcessUseLite();
  });
  afterAll(async () => {
    await model?.close();
    opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('embeds every vacancy and candidate once, feeds the sink, and re-uses the cache on a second run', async () => {
    const embedder = new CachedEmbedder(model, opened.db);
    const seen: Record<string, string[]> = { vacancies: [], candidates: [] };
    const begun: string[] = [];
    const sink: ReindexSink = {
      begin: (c, modelId, dims) => void begun.push(`${c}:${modelId}:${dims}`),
      write: (c, rows, vectors) => {
        expect(vectors).toHaveLength(rows.length);
        seen[c]!.push(...rows.map((r) => r.id));
      },
    };
    const progress: number[] = [];
    const first = await reindexAll(opened.db, embedder, { sink, pageSize: 2, onProgress: (d) => progress.push(d) });
    expect(first).toMatchObject({ vacancies: 5, candidates: 3 });
    expect(first.embedded).toBe(8);
    expect(seen.vacancies).toHaveLength(5);
    expect(seen.candidates).toHaveLength(3);
    expect(begun).toEqual([`vacancies:${model.id}:512`, `candidates:${model.id}:512`]);
    expect(progress.at(-1)).toBe(8);
    const h = contentHash(vacancyEmbeddingText(sampleVacancy({ title: 'Chef' }) as never));
    expect(embedder.store.getMany([h]).size).toBe(1);

    const second = await reindexAll(opened.db, embedder);
    expect(second.embedded).toBe(0);
  });

  it('writes the vectors into the vector index, resetting a collection that held another model', async () => {
    const registry = new VectorIndexRegistry(opened.sqlite, {
      databasePath: join(dir, 'r.db'),
      indexDir: join(dir, 'index'),
      m: 16,
      efConstruction: 100,
      efSearch: 64,
      snapshotIntervalS: 0,
    });
    // The vacancies collection first holds 3-d vectors of an older model.
    const old = await registry.open('vacancies', { modelId: 'old-model@1', dims: 3 });
    old.upsert('vac_old', [1, 0, 0], { status: 'open' });
    await registry.close();

    const registry2 = new VectorIndexRegistry(opened.sqlite, { ...registry.settings });
    const embedder = new CachedEmbedder(model, opened.db);
    const sink = vectorIndexSink(registry2, opened.sqlite);
    await reindexAll(opened.db, embedder, { sink });
    const vac = (await registry2.get('vacancies'))!;
    expect(vac.status()).toMatchObject({ modelMismatch: false });
    const [q] = await model.embed(['nurse caring for patients in a hospital']);
    const hits = vac.search(q!, { k: 5 });
    expect(hits.items).toHaveLength(5);
    expect(hits.items.map((h) => h.id)).not.toContain('vac_old');
    const cand = (await registry2.get('candidates'))!;
    expect(cand.search(q!, { k: 10 }).items).toHaveLength(3);
    await registry2.close();
  });

  it('npm run reindex runs end to end with a progress bar', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/reindex.ts', '--prune'], {
      env: { ...process.env, DATABASE_PATH: join(dir, 'r.db'), INDEX_DIR: join(dir, 'index'), EMBED_WORKERS: '1' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/reindex done: 5 vacancies, 3 candidates, 0 texts embedded \(8 from cache\)/);
  });
});
