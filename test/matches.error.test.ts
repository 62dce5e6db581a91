import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

// Issue 15: the same suite on each storage back end (test/helper.ts BACKENDS).
describe.each(BACKENDS)('%s', (backend) => {
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ backend });
});
afterAll(async () => {
  await t.close();
});

describe('matching errors', () => {
  it('409 CONSENT_REQUIRED without matching consent, 409 PROFILE_INCOMPLETE for an empty profile', async () => {
    const s = t.jobseeker();
    const empty = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches' });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe('CONSENT_REQUIRED');
    await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ skills: [], experience: [] }) });
    const incomplete = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches' });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.code).toBe('PROFILE_INCOMPLETE');
    await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ consent: { matching: false, visibleToEmployers: false } }) });
    const noConsent = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches' });
    expect(noConsent.json().error).toMatchObject({ code: 'CONSENT_REQUIRED', details: { missing: ['consent.matching'] } });
  });

  it("404 for another tenant's vacancy; 400 for a forged or stale cursor and bad filters", async () => {
    const a = t.employer();
    const b = t.employer();
    const v = (await t.request(a.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy() })).json();
    expect((await t.request(b.key, { method: 'GET', url: `/v1/vacancies/${v.id}/matches` })).statusCode).toBe(404);
    const s = t.jobseeker();
    await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
    await t.request(a.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Second welder' }) });
    const page = (await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=1' })).json();
    expect(page.nextCursor).toBeTruthy();
    const forged = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?cursor=abc' });
    expect(forged.json().error.code).toBe('INVALID_CURSOR');
    // New data changes the ranking: the old cursor is refused rather than silently skipping or repeating items.
    await t.request(a.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Third welder' }) });
    const stale = await t.request(s.key, { method: 'GET', url: `/v1/candidates/me/matches?limit=1&cursor=${page.nextCursor}` });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error).toMatchObject({ code: 'INVALID_CURSOR', details: [{ rule: 'stale' }] });
    const bad = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?destination=XX' });
    expect(bad.statusCode).toBe(400);
    expect((await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?minScore=2' })).statusCode).toBe(400);
  });

  it('400 for an invalid ad-hoc profile, 409 for an empty one', async () => {
    const k = t.keyFor('jobseeker');
    const bad = await t.request(k, { method: 'POST', url: '/v1/matches/query', payload: { skills: [{ label: '' }] } });
    expect(bad.statusCode).toBe(400);
    const empty = await t.request(k, { method: 'POST', url: '/v1/matches/query', payload: { skills: [] } });
    expect(empty.statusCode).toBe(409);
    const protectedField = await t.request(k, { method: 'POST', url: '/v1/matches/query', payload: { skills: [{ label: 'x' }], nationality: 'MA' } });
    expect(protectedField.statusCode).toBe(400);
  });
});
});
