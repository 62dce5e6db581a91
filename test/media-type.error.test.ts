import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

// Issue 12, finding 8: a wrong content type answers 415 UNSUPPORTED_MEDIA_TYPE naming the expected type, everywhere.
// Over real HTTP (the app listens on a loopback port), as the finding was made.

let t: TestApp;
let base: string;
let employerKey: string;
beforeAll(async () => {
  t = await buildTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  employerKey = t.employer().key;
});
afterAll(async () => {
  await t.close();
});

const send = async (method: string, path: string, key: string | null, contentType: string | null, body: string) => {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (contentType) headers['content-type'] = contentType;
  // A byte body: fetch adds no content-type of its own to it.
  const res = await fetch(`${base}${path}`, { method, headers, body: new TextEncoder().encode(body) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; details?: any } } & Record<string, unknown> };
};

describe('415 for a wrong content type', () => {
  it('text/plain to POST /v1/vacancies (it was a 400)', async () => {
    const res = await send('POST', '/v1/vacancies', employerKey, 'text/plain', JSON.stringify(sampleVacancy()));
    expect(res.status).toBe(415);
    expect(res.body.error!.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error!.message).toBe('content-type text/plain is not accepted by POST /v1/vacancies; send application/json');
    expect(res.body.error!.details).toEqual({ received: 'text/plain', expected: ['application/json'] });
  });

  it('text/plain to the bulk import (it was accepted)', async () => {
    const res = await send('POST', '/v1/vacancies:bulk', employerKey, 'text/plain', JSON.stringify(sampleVacancy()));
    expect(res.status).toBe(415);
    expect(res.body.error!.message).toMatch(/send application\/x-ndjson$/);
  });

  it('application/json to the bulk import (it was a confusing 400): 415 naming application/x-ndjson', async () => {
    const res = await send('POST', '/v1/vacancies:bulk', employerKey, 'application/json', JSON.stringify([sampleVacancy()]));
    expect(res.status).toBe(415);
    expect(res.body.error!.details.expected).toEqual(['application/x-ndjson']);
  });

  it('a body without a content type, and other types on PUT and PATCH', async () => {
    const none = await send('POST', '/v1/vacancies', employerKey, null, JSON.stringify(sampleVacancy()));
    expect(none.status).toBe(415);
    expect(none.body.error!.message).toBe('the body has no content-type; send application/json');
    const seeker = t.jobseeker().key;
    expect((await send('PUT', '/v1/candidates/me', seeker, 'application/x-www-form-urlencoded', 'a=1')).status).toBe(415);
    expect((await send('POST', '/v1/matches/query', seeker, 'text/csv', 'a,b')).status).toBe(415);
    const created = await send('POST', '/v1/vacancies', employerKey, 'application/json', JSON.stringify(sampleVacancy()));
    expect((await send('PATCH', `/v1/vacancies/${created.body.id as string}`, employerKey, 'text/plain', '{"title":"x"}')).status).toBe(415);
  });

  it('accepts the right types with parameters and in any case', async () => {
    expect((await send('POST', '/v1/vacancies', employerKey, 'Application/JSON; charset=utf-8', JSON.stringify(sampleVacancy()))).status).toBe(201);
    const bulk = await send('POST', '/v1/vacancies:bulk', employerKey, 'application/x-ndjson; charset=utf-8', `${JSON.stringify(sampleVacancy())}\n{"bad":1}\n`);
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ created: 1, failed: 1 });
    const reg = await send('POST', '/v1/jobseekers', null, 'application/json', '{}');
    expect(reg.status).toBe(201);
    const seeker = reg.body.key as string;
    expect((await send('PUT', '/v1/candidates/me', seeker, 'application/json', JSON.stringify(sampleProfile()))).status).toBe(200);
  });

  it('authentication comes first: no key and a wrong type is a 401', async () => {
    const res = await send('POST', '/v1/vacancies', null, 'text/plain', 'x');
    expect(res.status).toBe(401);
  });
});
