import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VectorCollection } from '../src/vector-index/collection.js';
import { buildTestApp, sampleVacancy, type TestApp } from './helper.js';

let t: TestApp;
let c: VectorCollection;
let failNext = false;
const embed = async (text: string) => (await t.app.embedder.embed([text]))[0]!;
beforeAll(async () => {
  t = await buildTestApp();
  // The real pipeline: the embedding hook fills the vector, the collections plugin writes it in the transaction.
  c = t.app.collections.vacancies;
  t.app.vacancyWriter.hooks.push({
    name: 'failure-injection',
    inTransaction() {
      if (failNext) {
        failNext = false;
        throw new Error('injected failure after the vector was written');
      }
    },
  });
});
afterAll(async () => {
  await t.close();
});

describe('vector index joined to the vacancy writer', () => {
  it('a vacancy and its vector commit together; status changes reach filters; deletes tombstone', async () => {
    const emp = t.employer();
    const res = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Nurse' }) });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect(c.has(id)).toBe(true);
    const q = await embed('nurse');
    expect(c.search(q, { k: 1, filter: { status: 'open' } }).items[0]!.id).toBe(id);

    const closed = await t.request(emp.key, { method: 'PATCH', url: `/v1/vacancies/${id}`, payload: { status: 'closed' } });
    expect(closed.statusCode).toBe(200);
    expect(c.search(q, { k: 5, filter: { status: 'open' } }).items.map((h) => h.id)).not.toContain(id);
    expect(c.search(q, { k: 5, filter: { status: 'closed' } }).items[0]!.id).toBe(id);

    const del = await t.request(emp.key, { method: 'DELETE', url: `/v1/vacancies/${id}` });
    expect(del.statusCode).toBeLessThan(300);
    expect(c.has(id)).toBe(false);
    expect(c.search(q, { k: 5 }).items.map((h) => h.id)).not.toContain(id);
  });

  it('a failed transaction leaves neither the vacancy nor its vector', async () => {
    const emp = t.employer();
    const before = c.size;
    const seq = c.status().lastSeq;
    failNext = true;
    const res = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Welder' }) });
    expect(res.statusCode).toBe(500);
    expect(c.size).toBe(before);
    expect(c.status().lastSeq).toBe(seq);
  });
});
