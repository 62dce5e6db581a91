// The web app's forms take the same text rules as the API (sec13): a display name registered through /app/register
// and a contest filed through /app/contest refuse control, invisible and bidi-override characters exactly as
// POST /v1/jobseekers, PUT /v1/candidates/me and POST /v1/matches/:id/contest do. Before, the forms checked only the
// length, so "Dr\u202Eevil" or a BEL reached employers' and reviewers' screens (and a name the API refuses then broke
// every later profile save of that seeker). Both back ends, through the app's HTTP stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';
import { WebClient } from './web-client.js';

const PASS = 'a long enough passphrase';

describe.each(BACKENDS)('web forms refuse what the API refuses (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ backend, REFERENCE_SERIES_LOAD: false });
    const res = await t.request(t.employer('DE').key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Welder' }) });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const exportOf = async (key: string) => (await t.request(key, { method: 'GET', url: '/v1/candidates/me/export' })).json();

  it.each([
    ['a bidi override', 'Dr\u202Eevil\u202C Carol', 'bad.name.bidi'],
    ['a zero-width space', 'Ca\u200Brol', 'bad.name.zwsp'],
    ['a control character', 'Carol\u0007', 'bad.name.bel'],
  ])('registration refuses a display name with %s (400, no account), as the API does', async (_what, name, login) => {
    const api = await t.request(null, { method: 'POST', url: '/v1/jobseekers', payload: { displayName: name } });
    expect(api.statusCode).toBe(400);
    const c = new WebClient(t.app);
    await c.get('/app/register');
    const res = await c.post('/app/register', { displayName: name, login, password: PASS, password2: PASS });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain('invisible or control characters');
    expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/psl_sid=[^;]+;.*Max-Age=604800/);
    // No account under that sign-in name: a sign-in with it fails.
    const s = new WebClient(t.app);
    await s.get('/app/signin');
    expect((await s.post('/app/signin', { login, password: PASS })).statusCode).toBe(401);
  });

  it('registration stores the display name as the API would (NFC, single spaces)', async () => {
    const c = new WebClient(t.app);
    await c.get('/app/register');
    const res = await c.post('/app/register', { displayName: '  Jose\u0301   Ruiz ', login: 'nfc.name', password: PASS, password2: PASS });
    expect(res.statusCode, res.body).toBe(303);
    const page = await c.get('/app/data/export');
    expect(JSON.parse(page.body).candidate.displayName).toBe('José Ruiz');
  });

  it('a contest filed through the form refuses a bidi override or a control character (400, nothing filed), as the API does', async () => {
    const s = t.jobseeker();
    expect((await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() })).statusCode).toBe(200);
    const ranking = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=5' });
    expect(ranking.statusCode, ranking.body).toBe(200);
    const auditId = ranking.json().auditId as string;
    const api = await t.request(s.key, { method: 'POST', url: `/v1/matches/${auditId}/contest`, payload: { message: 'pay \u202E00.81 RUE' } });
    expect(api.statusCode).toBe(400);

    const form = (message: string) =>
      t.app.inject({
        method: 'POST',
        url: '/app/contest',
        headers: { authorization: `Bearer ${s.key}`, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ audit: auditId, message }).toString(),
      });
    for (const message of ['pay \u202E00.81 RUE', 'ring \u0007 bell']) {
      const res = await form(message);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain('invisible or control characters');
    }
    expect((await exportOf(s.key)).contests).toEqual([]);
    const admin = (await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/contests?limit=100' })).json();
    expect(JSON.stringify(admin)).not.toMatch(/\u202E|\u0007/);

    // A clean message (Arabic with its marks) is filed, trimmed, and the form redirects.
    const ok = await form('  ترتيبي غير صحيح \u200F ');
    expect(ok.statusCode, ok.body).toBe(303);
    expect((await exportOf(s.key)).contests.map((c: { message: string }) => c.message)).toEqual(['ترتيبي غير صحيح \u200F'.trim()]);
  });
});
