import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await buildTestApp();
  key = t.keyFor('employer');
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, payload: unknown) => t.request(key, { method: 'POST', url, payload: payload as Record<string, unknown> });
const expectField = (res: { statusCode: number; json(): any }, field: string) => {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
  expect(JSON.stringify(res.json().error)).toContain(field);
};

describe('taxonomy routes: bad input', () => {
  it('rejects empty, oversize, binary titles and bad options, naming the field', async () => {
    const url = '/v1/taxonomy/occupations/normalize';
    expectField(await post(url, { title: '' }), 'title');
    expectField(await post(url, { title: '   ' }), 'title');
    expectField(await post(url, { title: 'x'.repeat(301) }), 'title');
    expectField(await post(url, { title: 'abc\u0000\u0001def' }), 'title');
    expectField(await post(url, { title: '\ufffd\ufffd\ufffd\ufffd' }), 'title');
    expectField(await post(url, { title: 'nurse', lang: 'xx' }), 'lang');
    expectField(await post(url, { title: 'nurse', scheme: 'soc' }), 'scheme');
    expectField(await post(url, { title: 'nurse', limit: 51 }), 'limit');
    expectField(await post(url, {}), 'title');
    expectField(await post(url, { title: 'a', titles: ['b'] }), 'title');
    expectField(await post(url, { titles: [] }), 'titles');
    expectField(await post(url, { titles: Array.from({ length: 257 }, () => 'cook') }), 'titles');
    expectField(await post(url, { title: 'nurse', extra: 1 }), 'extra');
  });

  it('rejects empty, oversize or binary text for extraction', async () => {
    const url = '/v1/taxonomy/skills/extract';
    expectField(await post(url, { text: '' }), 'text');
    expectField(await post(url, { text: 'a'.repeat(20_001) }), 'text');
    expectField(await post(url, { text: 'hello\u0007world' }), 'text');
    expectField(await post(url, { text: 'customer service', lang: 'english' }), 'lang');
  });

  it('answers 404 for unknown URIs and codes, 400 for an unknown lang', async () => {
    for (const id of ['http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000', '9999', '99-9999.99', 'nonsense']) {
      const res = await t.request(key, { method: 'GET', url: `/v1/taxonomy/occupations/${encodeURIComponent(id)}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const s = await t.request(key, { method: 'GET', url: `/v1/taxonomy/skills/${encodeURIComponent('http://data.europa.eu/esco/skill/nope')}` });
    expect(s.statusCode).toBe(404);
    const l = await t.request(key, { method: 'GET', url: '/v1/taxonomy/occupations/2221?lang=zz' });
    expectField(l, 'lang');
  });
});
