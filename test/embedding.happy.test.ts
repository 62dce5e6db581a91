import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, type CachedEmbedder } from '../src/embedding/cache.js';
import { cosine } from '../src/embedding/index.js';
import { candidateEmbeddingText, vacancyEmbeddingText } from '../src/embedding/texts.js';
import { buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

describe('embedder plugin in the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ EMBED_WORKERS: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('decorates app.embedder with the configured model and reports it on /readyz', async () => {
    expect(t.app.embedder.id).toMatch(/^use-lite@/);
    expect(t.app.embedder.dimensions).toBe(512);
    const res = await t.request(null, { method: 'GET', url: '/readyz' });
    expect(res.json().checks.embedder).toMatchObject({ ok: true, detail: { model: t.app.embedder.id, dims: 512, workers: 1 } });
  });

  it('embeds a vacancy created through the API and stores its vector', async () => {
    const { key } = t.employer();
    const body = sampleVacancy({ title: 'Registered nurse', description: 'Nursing care for patients on a surgical ward.' });
    const res = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: body });
    expect(res.statusCode).toBe(201);
    const store = (t.app.embedder as CachedEmbedder).store;
    const text = vacancyEmbeddingText(body);
    const stored = store.getMany([contentHash(text)]).get(contentHash(text));
    expect(stored?.length).toBe(512);
    const [nurse, dev] = await t.app.embedder.embed(['nursing care for patients', 'java software developer']);
    expect(cosine(stored!, nurse!)).toBeGreaterThan(cosine(stored!, dev!));
    // ...and in the vector index, in the same transaction as the row.
    const index = (await t.app.vectorIndex.get('vacancies'))!;
    const hit = index.search(nurse!, { k: 1 }).items[0];
    expect(hit?.id).toBe(res.json().id);
    expect(hit!.score).toBeCloseTo(cosine(stored!, nurse!), 4);
  });

  it('opens the vacancies and candidates collections with the embedder model, ready on /readyz', async () => {
    const res = await t.request(null, { method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const names = (res.json().checks.vectorIndex.detail as Array<{ name: string; modelMismatch: boolean }>).map((c) => [c.name, c.modelMismatch]);
    expect(names).toEqual(expect.arrayContaining([['vacancies', false], ['candidates', false]]));
  });

  it('embeds a candidate profile written through the API', async () => {
    const { key } = t.jobseeker();
    const body = sampleProfile();
    const res = await t.request(key, { method: 'PUT', url: '/v1/candidates/me', payload: body });
    expect(res.statusCode).toBe(200);
    const store = (t.app.embedder as CachedEmbedder).store;
    const h = contentHash(candidateEmbeddingText(body));
    const stored = store.getMany([h]).get(h);
    expect(stored?.length).toBe(512);
    const index = (await t.app.vectorIndex.get('candidates'))!;
    expect(index.search(stored!, { k: 1 }).items[0]?.id).toBe(res.json().id);
  });

  it('a profile with no skills and no experience is stored without a vector instead of failing', async () => {
    const { key } = t.jobseeker();
    const res = await t.request(key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ skills: [], experience: [] }) });
    expect(res.statusCode).toBe(200);
  });
});
