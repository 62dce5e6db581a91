// t8-audit: findings of the attacker's pass that are not covered by a feature's own test file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

describe.each(BACKENDS)('t8-audit findings (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ backend });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers personal data with cache-control: no-store, unless the route chose its own policy', async () => {
    const seeker = t.jobseeker();
    const put = await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ contact: { email: 'cache@example.org' } }) });
    expect(put.statusCode, put.body).toBe(200);
    for (const [key, url] of [
      [seeker.key, '/v1/candidates/me'],
      [seeker.key, '/v1/candidates/me/contact-requests'],
      [t.admin.key, `/v1/candidates/${seeker.candidateId}`],
      [t.admin.key, '/v1/candidates'],
      [t.admin.key, '/v1/admin/keys'],
    ] as const) {
      const res = await t.request(key, { method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      // Before: no cache-control at all on these (only the export said no-store).
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const exported = await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/export' });
    expect(exported.headers['cache-control']).toBe('no-store');
    // Errors for authenticated callers too (they may name ids).
    const other = await t.request(seeker.key, { method: 'GET', url: '/v1/candidates' });
    expect(other.statusCode).toBe(403);
    expect(other.headers['cache-control']).toBe('no-store');
    // Public probes are not touched.
    expect((await t.request(null, { method: 'GET', url: '/healthz' })).headers['cache-control']).toBeUndefined();
  });

  it('hides an accepted contact’s name and e-mail from the employer once she withdraws consent, and shows them again if she consents again', async () => {
    const employer = t.employer('DE');
    const vacancy = await t.request(employer.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy() });
    expect(vacancy.statusCode, vacancy.body).toBe(201);
    const seeker = t.jobseeker();
    const profile = sampleProfile({ displayName: 'Awa T8', contact: { email: 'awa.t8@example.org' } });
    expect((await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: profile })).statusCode).toBe(200);
    const ranking = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancy.json().id}/matches?limit=20` })).json();
    expect(ranking.items.map((i: { candidateId: string }) => i.candidateId)).toContain(seeker.candidateId);
    const ask = await t.request(employer.key, {
      method: 'POST',
      url: `/v1/vacancies/${vacancy.json().id}/contact-requests`,
      payload: { candidateId: seeker.candidateId, auditId: ranking.auditId },
    });
    expect(ask.statusCode, ask.body).toBe(201);
    expect((await t.request(seeker.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${ask.json().id}/accept` })).statusCode).toBe(200);
    const shown = async () => (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancy.json().id}/contact-requests` })).json().items[0];
    expect((await shown()).candidate).toEqual({ displayName: 'Awa T8', email: 'awa.t8@example.org', phone: null });
    const consent = async (c: { matching: boolean; visibleToEmployers: boolean }) =>
      expect((await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...profile, consent: c } })).statusCode).toBe(200);
    await consent({ matching: true, visibleToEmployers: false });
    // Before: { displayName: 'Awa T8', email: … } for as long as the acceptance stood.
    expect(await shown()).toMatchObject({ status: 'accepted', candidate: null });
    await consent({ matching: false, visibleToEmployers: true });
    expect(await shown()).toMatchObject({ status: 'accepted', candidate: null });
    await consent({ matching: true, visibleToEmployers: true });
    expect((await shown()).candidate).toMatchObject({ displayName: 'Awa T8' });
  });

  it('refuses bidi overrides in free texts (a vacancy title could reorder what a seeker reads), naming the field; Arabic with marks passes', async () => {
    const employer = t.employer('DE');
    for (const [over, path] of [
      [{ title: 'Nurse \u202E00.81 RUE' }, 'body.title'],
      [{ description: 'Pay: \u202D1200 EUR' }, 'body.description'],
      [{ skills: [{ label: 'MIG \u202Ewelding', essential: true }] }, 'body.skills.0.label'],
    ] as const) {
      const res = await t.request(employer.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy(over) });
      // Before: 201, the override stored and served to seekers.
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ path });
    }
    const arabic = await t.request(employer.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'ممرض\u200F (عناية مركزة)', description: 'رعاية المرضى \u2067ICU\u2069 في مستشفى.' }) });
    expect(arabic.statusCode, arabic.body).toBe(201);
  });

  it('lets no vacancy held by fair-recruitment screening, nor a draft, approach people; she cannot hand her details to one held since', async () => {
    const FEE = ' Placement fee of USD 1,500 payable by the worker before departure.';
    const employer = t.employer('DE');
    const seeker = t.jobseeker();
    const profile = sampleProfile({ displayName: 'Mariam T8', contact: { email: 'mariam.t8@example.org' } });
    expect((await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: profile })).statusCode).toBe(200);
    const post = async (over: Record<string, unknown>) => {
      const res = await t.request(employer.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy(over) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; status: string };
    };
    const rankAndAsk = async (vacancyId: string) => {
      const ranking = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/matches?limit=20` })).json();
      expect(ranking.items.map((i: { candidateId: string }) => i.candidateId)).toContain(seeker.candidateId);
      return t.request(employer.key, { method: 'POST', url: `/v1/vacancies/${vacancyId}/contact-requests`, payload: { candidateId: seeker.candidateId, auditId: ranking.auditId, message: 'Pay the fee and come.' } });
    };
    const held = await post({ description: `MIG welding of steel structures.${FEE}` });
    expect(held.status).toBe('held');
    const draft = await post({ description: `MIG welding of steel structures.${FEE}`, status: 'draft' });
    expect(draft.status).toBe('draft');
    for (const v of [held, draft]) {
      // Before: the owner ranked people for it and asked to contact them (201, the recruiter's message in her inbox).
      // Now it ranks no one, so there is no ranking to ask from (the contact-request refusal: test/vacancy-state.test.ts).
      const ranking = await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${v.id}/matches?limit=20` });
      expect(ranking.statusCode, ranking.body).toBe(409);
      expect(ranking.json().error).toMatchObject({ code: 'VACANCY_NOT_OPEN', details: { vacancyId: v.id, status: v.status } });
    }
    const inbox = async () => (await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/contact-requests' })).json().items as { id: string; status: string }[];
    expect(await inbox()).toEqual([]);

    // Asked while open; the employer then adds a fee for the worker and screening holds the vacancy: she cannot accept.
    const open = await post({});
    const ask = await rankAndAsk(open.id);
    expect(ask.statusCode, ask.body).toBe(201);
    const patch = await t.request(employer.key, { method: 'PATCH', url: `/v1/vacancies/${open.id}`, payload: { description: `MIG welding of steel structures.${FEE}` } });
    expect(patch.json().status).toBe('held');
    const accept = await t.request(seeker.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${ask.json().id}/accept` });
    expect(accept.statusCode, accept.body).toBe(409);
    expect(accept.json().error).toMatchObject({ code: 'VACANCY_NOT_OPEN', details: { vacancyId: open.id, status: 'held' } });
    const list = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${open.id}/contact-requests` })).json().items;
    expect(list[0]).toMatchObject({ status: 'pending', candidate: null });
    // The held vacancy is invisible to her, and so is its request (title, employer, message); before, it stayed listed.
    expect(await inbox()).toEqual([]);
    // Declining is always possible; once the fee is gone the vacancy is open again and she may accept.
    await t.request(employer.key, { method: 'PATCH', url: `/v1/vacancies/${open.id}`, payload: { description: 'MIG welding of steel structures. We pay all recruitment costs.' } });
    expect((await inbox()).map((r) => r.id)).toEqual([ask.json().id]);
    expect((await t.request(seeker.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${ask.json().id}/accept` })).statusCode).toBe(200);
  });
});
