// Contests go to a person's review queue: one open contest per ranking, and a bounded number per person in a rolling
// window, so one key cannot flood the queue every other person's contest waits in. Both backends, through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contestLimits, fileContest } from '../src/services/contests.js';
import type { Principal } from '../src/services/api-keys.js';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

const LIMIT = 3;

describe.each(BACKENDS)('contest limits (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ backend, CONTEST_LIMIT_MAX: LIMIT });
    const employer = t.employer('DE');
    for (const title of ['Welder', 'Pipe welder']) {
      const res = await t.request(employer.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title }) });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A job seeker with a profile; each call of `ranking` is a new ranking (a new audit record) that concerns her. */
  const person = async () => {
    const s = t.jobseeker();
    const put = await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
    expect(put.statusCode, put.body).toBe(200);
    const ranking = async (): Promise<string> => {
      const res = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=5' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.length).toBeGreaterThan(0);
      return res.json().auditId as string;
    };
    const contest = (auditId: string, message = 'My welding certificate was not read.') =>
      t.request(s.key, { method: 'POST', url: `/v1/matches/${auditId}/contest`, payload: { message } });
    return { ...s, ranking, contest };
  };
  it('a second contest of a ranking still unanswered is 409 CONTEST_ALREADY_OPEN naming the open one; once answered, it can be contested again', async () => {
    const p = await person();
    const auditId = await p.ranking();
    const first = await p.contest(auditId);
    expect(first.statusCode, first.body).toBe(201);
    const again = await p.contest(auditId, 'Still: my certificate was not read.');
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONTEST_ALREADY_OPEN', details: { contestId: first.json().id, auditId } });
    expect(again.json().error.message).toContain(first.json().id);
    // Nothing was written by the refused one: the person has one contest.
    const mine = (await t.request(p.key, { method: 'GET', url: '/v1/candidates/me/export' })).json();
    expect(mine.contests.map((c: { id: string }) => c.id)).toEqual([first.json().id]);

    const resolved = await t.request(t.admin.key, { method: 'POST', url: `/v1/admin/contests/${first.json().id}/resolve`, payload: { resolution: 'Certificate read by hand; ranking unchanged.' } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const afterAnswer = await p.contest(auditId, 'I still disagree with the answer.');
    expect(afterAnswer.statusCode, afterAnswer.body).toBe(201);
    expect(afterAnswer.json().id).not.toBe(first.json().id);
  });

  it(`the ${LIMIT + 1}th contest in the window is 429 CONTEST_LIMIT with Retry-After; other people are not affected; the window rolls`, async () => {
    const p = await person();
    const filed: string[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const res = await p.contest(await p.ranking());
      expect(res.statusCode, res.body).toBe(201);
      filed.push(res.json().id);
    }
    const over = await p.contest(await p.ranking());
    expect(over.statusCode, over.body).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'CONTEST_LIMIT', details: { limit: LIMIT, windowMs: t.app.config.CONTEST_LIMIT_WINDOW_MS } });
    const retryAfter = Number(over.headers['retry-after']);
    // The oldest contest leaves the 24 h window in just under 24 h.
    expect(retryAfter).toBeGreaterThan(t.app.config.CONTEST_LIMIT_WINDOW_MS / 1000 - 600);
    expect(retryAfter).toBeLessThanOrEqual(t.app.config.CONTEST_LIMIT_WINDOW_MS / 1000);
    expect(over.json().error.details.retryAfterSeconds).toBe(retryAfter);
    const exported = (await t.request(p.key, { method: 'GET', url: '/v1/candidates/me/export' })).json();
    expect(exported.contests.map((c: { id: string }) => c.id).sort()).toEqual([...filed].sort());

    // Someone else files as usual.
    const q = await person();
    expect((await q.contest(await q.ranking())).statusCode).toBe(201);

    // A window later the oldest contests have left it: the same person may file again (service clock moved forward).
    const auditId = await p.ranking();
    const principal = { candidateId: p.candidateId, role: 'jobseeker' } as unknown as Principal;
    const limits = contestLimits(t.app.config);
    const later = await t.app.storage.transaction((tx) => fileContest(tx, principal, auditId, 'A day later.', limits, Date.now() + limits.windowMs + 1000));
    expect(later.status).toBe('open');
  });

  it('eight contests of one ranking filed at once: exactly one is kept, the others are CONTEST_ALREADY_OPEN', async () => {
    const p = await person();
    const auditId = await p.ranking();
    // Through HTTP, the requests' own work spreads them out; straight on the service they start in the same tick,
    // each in its own transaction (on PostgreSQL each on its own pooled connection), so only the lock orders them.
    const principal = { candidateId: p.candidateId, role: 'jobseeker' } as unknown as Principal;
    const limits = contestLimits(t.app.config);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => t.app.storage.transaction((tx) => fileContest(tx, principal, auditId, `Copy ${i + 1}.`, limits))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('CONTEST_ALREADY_OPEN');
    const exported = (await t.request(p.key, { method: 'GET', url: '/v1/candidates/me/export' })).json();
    expect(exported.contests.filter((c: { auditId: string }) => c.auditId === auditId)).toHaveLength(1);
    // And through the API, at once: one 201, seven 409.
    const again = await person();
    const other = await again.ranking();
    const statuses = (await Promise.all(Array.from({ length: 8 }, (_, i) => again.contest(other, `Copy ${i + 1}.`)))).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(7).fill(409)]);
  });

  it('the web form says so in the seeker\'s language, with the same status codes', async () => {
    const p = await person();
    const auditId = await p.ranking();
    const form = async (message: string) => {
      const page = await t.app.inject({ method: 'GET', url: `/app/contest?audit=${auditId}&lang=fr`, headers: { accept: 'text/html', authorization: `Bearer ${p.key}` } });
      expect(page.statusCode, page.body).toBe(200);
      const csrf = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
      return t.app.inject({
        method: 'POST',
        url: '/app/contest?lang=fr',
        headers: { accept: 'text/html', authorization: `Bearer ${p.key}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, audit: auditId, message }).toString(),
      });
    };
    expect((await form('Mon certificat de soudure n’a pas été lu.')).statusCode).toBe(303);
    const again = await form('Toujours pas lu.');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Vous contestez déjà ce classement');
    for (let i = 1; i < LIMIT; i++) expect((await p.contest(await p.ranking())).statusCode).toBe(201);
    const other = await p.ranking();
    const page = await t.app.inject({ method: 'GET', url: `/app/contest?audit=${other}&lang=fr`, headers: { accept: 'text/html', authorization: `Bearer ${p.key}` } });
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const limited = await t.app.inject({
      method: 'POST',
      url: '/app/contest?lang=fr',
      headers: { accept: 'text/html', authorization: `Bearer ${p.key}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, audit: other, message: 'Encore une.' }).toString(),
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toContain(`Vous avez déposé ${LIMIT} contestations ces 24 dernières heures`);
  });

  it('the OpenAPI document lists both refusals on the contest route', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/openapi.json' })).json();
    const responses = doc.paths['/v1/matches/{auditId}/contest'].post.responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['201', '409', '429']));
  });
});
