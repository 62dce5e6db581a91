import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

// Issue 15: the same suite on each storage back end (test/helper.ts BACKENDS).
describe.each(BACKENDS)('%s', (backend) => {
let t: TestApp;
let employerKey: string;
beforeAll(async () => {
  t = await buildTestApp({ backend, BODY_LIMIT_BYTES: 64 * 1024 });
  employerKey = t.employer().key;
});
afterAll(async () => {
  await t.close();
});

const postVacancy = (payload: unknown) => t.request(employerKey, { method: 'POST', url: '/v1/vacancies', payload: payload as object });

function expectValidation(res: { statusCode: number; json(): any }, path: string) {
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body.error.code).toBe('VALIDATION_FAILED');
  expect(body.error.requestId).toMatch(/^req_/);
  expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  expect(body.error.details.every((d: { rule: string }) => typeof d.rule === 'string')).toBe(true);
}

describe('vacancy validation names the field and the rule', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['wrong type', { positions: 'two' }, 'body.positions'],
    ['unknown field', { colour: 'blue' }, 'body.colour'],
    ['oversize title', { title: 'x'.repeat(201) }, 'body.title'],
    ['empty title', { title: '   ' }, 'body.title'],
    ['invalid country', { country: 'XX' }, 'body.country'],
    ['lower-case country', { country: 'de' }, 'body.country'],
    ['invalid CEFR level', { languages: [{ code: 'de', level: 'B3' }] }, 'body.languages.0.level'],
    ['invalid language code', { languages: [{ code: 'xx', level: 'B1' }] }, 'body.languages.0.code'],
    ['invalid ISCO code', { occupation: { isco: '72A1' } }, 'body.occupation.isco'],
    ['invalid ESCO URI', { occupation: { esco: 'http://example.org/x' } }, 'body.occupation.esco'],
    ['salary min above max', { salary: { min: 5000, max: 3000, currency: 'EUR', period: 'month' } }, 'body.salary.min'],
    ['bad currency', { salary: { min: 1, max: 3, currency: 'euro', period: 'month' } }, 'body.salary.currency'],
    ['expiry before start', { startDate: '2027-05-01', expiresAt: '2027-04-01' }, 'body.expiresAt'],
    ['bad date', { startDate: '2027-13-01' }, 'body.startDate'],
    ['bad status', { status: 'archived' }, 'body.status'],
    ['control characters', { title: 'Weld\u0000er' }, 'body.title'],
  ];
  for (const [name, over, path] of cases) {
    it(name, async () => expectValidation(await postVacancy(sampleVacancy(over)), path));
  }

  it('missing required fields', async () => {
    expectValidation(await postVacancy({ title: 'x' }), 'body.description');
  });

  it('keeps the date rule on partial updates against stored values', async () => {
    const v = (await postVacancy(sampleVacancy())).json();
    const res = await t.request(employerKey, { method: 'PATCH', url: `/v1/vacancies/${v.id}`, payload: { expiresAt: '2026-01-01' } });
    expectValidation(res, 'body.expiresAt');
  });
});

describe('candidate validation', () => {
  it('rejects an invalid ISCED level, bad e-mail, bad destination and unknown protected attribute', async () => {
    const { key } = t.jobseeker();
    const put = (p: object) => t.request(key, { method: 'PUT', url: '/v1/candidates/me', payload: p });
    expectValidation(await put(sampleProfile({ educationLevel: 9 })), 'body.educationLevel');
    expectValidation(await put(sampleProfile({ contact: { email: 'not-an-email' } })), 'body.contact.email');
    expectValidation(await put(sampleProfile({ destinations: ['ZZ'] })), 'body.destinations.0');
    expectValidation(await put(sampleProfile({ protected: { religion: 'x' } })), 'body.protected.religion');
    expectValidation(await put(sampleProfile({ experience: [{ title: 'welder', years: -1 }] })), 'body.experience.0.years');
  });
});

describe('transport-level errors use the same envelope', () => {
  it('413 for a body over the limit', async () => {
    const res = await postVacancy(sampleVacancy({ description: 'x'.repeat(70 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('400 for malformed JSON', async () => {
    const res = await t.request(employerKey, { method: 'POST', url: '/v1/vacancies', headers: { 'content-type': 'application/json' }, payload: '{"title": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('415 for an unsupported content type', async () => {
    const res = await t.request(employerKey, { method: 'POST', url: '/v1/vacancies', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('404 for an unknown route and for a bad path id', async () => {
    expect((await t.request(employerKey, { method: 'GET', url: '/v1/nothing' })).json().error.code).toBe('NOT_FOUND');
    expectValidation(await t.request(employerKey, { method: 'GET', url: '/v1/vacancies/12' }), 'params.id');
  });

  it('400 for a forged or stale cursor, and for an out-of-range limit', async () => {
    const forged = await t.request(employerKey, { method: 'GET', url: '/v1/vacancies?cursor=bm9wZQ' });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('INVALID_CURSOR');
    expectValidation(await t.request(employerKey, { method: 'GET', url: '/v1/vacancies?limit=1000' }), 'querystring.limit');
    expectValidation(await t.request(employerKey, { method: 'GET', url: '/v1/vacancies?color=red' }), 'querystring.color');
  });

  it('422 when an Idempotency-Key is reused with another body, 400 for a malformed key', async () => {
    const headers = { 'idempotency-key': 'reuse-key-0001' };
    expect((await t.request(employerKey, { method: 'POST', url: '/v1/vacancies', headers, payload: sampleVacancy() })).statusCode).toBe(201);
    const res = await t.request(employerKey, { method: 'POST', url: '/v1/vacancies', headers, payload: sampleVacancy({ title: 'Other' }) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const bad = await t.request(employerKey, { method: 'POST', url: '/v1/vacancies', headers: { 'idempotency-key': 'x' }, payload: sampleVacancy() });
    expect(bad.statusCode).toBe(400);
  });

  it('rejects an empty or oversized bulk import', async () => {
    const empty = await t.request(employerKey, { method: 'POST', url: '/v1/vacancies:bulk', headers: { 'content-type': 'application/x-ndjson' }, payload: '\n' });
    expect(empty.statusCode).toBe(400);
    const asJson = await t.request(employerKey, { method: 'POST', url: '/v1/vacancies:bulk', payload: { a: 1 } });
    expect(asJson.statusCode).toBe(415);
  });
});

describe('property: any malformed vacancy body yields a 4xx, never a 5xx', () => {
  it('holds for random JSON values and random field corruption', async () => {
    const base = sampleVacancy();
    const keys = Object.keys(base);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ key: fc.constantFrom(...keys), value: fc.jsonValue() }).map(({ key, value }) => ({ ...base, [key]: value })),
        ),
        async (payload) => {
          const res = await t.request(employerKey, {
            method: 'POST',
            url: '/v1/vacancies',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toBeTypeOf('string');
        },
      ),
      { numRuns: 150 },
    );
  });
});
});
