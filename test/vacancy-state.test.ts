// A vacancy that is not open (draft, held, closed, filled) ranks no one and reaches no one new; seekers never see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

const FEE = ' Placement fee of USD 1,500 payable by the worker before departure.';

describe.each(BACKENDS)('vacancy state (%s)', (backend) => {
  let t: TestApp;
  let employer: { employerId: string; key: string };
  let seeker: { candidateId: string; key: string };
  beforeAll(async () => {
    t = await buildTestApp({ backend });
    employer = t.employer('DE');
    seeker = t.jobseeker();
    const put = await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = async (over: Record<string, unknown>) => {
    const res = await t.request(employer.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy(over) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; status: string };
  };
  const patchStatus = async (id: string, status: string) => {
    const res = await t.request(employer.key, { method: 'PATCH', url: `/v1/vacancies/${id}`, payload: { status } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe(status);
  };
  const count = async (sql: string, ...params: unknown[]) => Number((await t.query<{ n: number }>(sql, ...params))[0]!.n);
  const rank = (id: string) => t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${id}/matches?limit=20` });

  /** One vacancy in each state that is not open: draft, held (a fee charged to the worker), closed and filled. */
  async function notOpen(tag: string) {
    const draft = await post({ title: `Welder draft ${tag}`, status: 'draft' });
    const held = await post({ title: `Welder held ${tag}`, description: `MIG welding of steel structures.${FEE}` });
    expect(held.status).toBe('held');
    const closed = await post({ title: `Welder closed ${tag}` });
    await patchStatus(closed.id, 'closed');
    const filled = await post({ title: `Welder filled ${tag}` });
    await patchStatus(filled.id, 'filled');
    return { draft: draft.id, held: held.id, closed: closed.id, filled: filled.id };
  }

  it('ranks no one for a draft, held, closed or filled vacancy: 409 VACANCY_NOT_OPEN naming the status; no audit record', async () => {
    const ids = await notOpen('rank');
    for (const [status, id] of Object.entries(ids)) {
      const res = await rank(id);
      expect(res.statusCode, `${status}: ${res.body}`).toBe(409);
      const error = res.json().error;
      expect(error.code).toBe('VACANCY_NOT_OPEN');
      expect(error.details).toEqual({ vacancyId: id, status });
      expect(error.message).toBe(`vacancy ${id} is ${status}; ranking candidates needs an open vacancy`);
      expect(await count("SELECT count(*) AS n FROM audit_records WHERE kind = 'vacancy-matches' AND subject_id = ?", id)).toBe(0);
    }
    // The same employer's open vacancy still ranks her (the refusal is about the state, not the owner).
    const open = await post({ title: 'Welder open rank' });
    const res = await rank(open.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { candidateId: string }) => i.candidateId)).toContain(seeker.candidateId);
  });

  it("never gives a seeker's stored-profile matches or an ad-hoc query a vacancy that is not open, nor one closed since", async () => {
    const ids = await notOpen('seek');
    const open = await post({ title: 'Welder open seek' });
    const stored = async () => {
      const res = await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=100' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { vacancyId: string }) => i.vacancyId) as string[];
    };
    const adhoc = async () => {
      const res = await t.request(seeker.key, {
        method: 'POST',
        url: '/v1/matches/query?limit=100',
        payload: { title: 'welder', skills: [{ label: 'MIG welding' }], languages: [{ code: 'de', level: 'A2' }], destinations: ['DE'] },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { vacancyId: string }) => i.vacancyId) as string[];
    };
    for (const list of [await stored(), await adhoc()]) {
      // The open one is found, so an empty list cannot pass for "no closed vacancy".
      expect(list).toContain(open.id);
      for (const id of Object.values(ids)) expect(list).not.toContain(id);
    }
    // Closed after it was found: gone from both at once (the vector index's status and the cached features follow).
    await patchStatus(open.id, 'closed');
    expect(await stored()).not.toContain(open.id);
    expect(await adhoc()).not.toContain(open.id);
    // Re-opened: back.
    await patchStatus(open.id, 'open');
    expect(await stored()).toContain(open.id);
  });

  it('records a decision on a ranking of a vacancy closed since, but refuses a new contact request (409, nothing written)', async () => {
    for (const status of ['closed', 'filled'] as const) {
      const v = await post({ title: `Welder then ${status}` });
      const ranking = await rank(v.id);
      expect(ranking.statusCode, ranking.body).toBe(200);
      const auditId = ranking.json().auditId as string;
      expect(ranking.json().items.map((i: { candidateId: string }) => i.candidateId)).toContain(seeker.candidateId);
      await patchStatus(v.id, status);

      // A human decision on a ranking served while the vacancy was open is part of the oversight record: kept.
      const decision = await t.request(employer.key, {
        method: 'POST',
        url: `/v1/vacancies/${v.id}/decisions`,
        payload: { candidateId: seeker.candidateId, auditId, decision: 'rejected', reasonCode: 'position-filled' },
      });
      expect(decision.statusCode, decision.body).toBe(201);
      expect(decision.json()).toMatchObject({ vacancyId: v.id, candidateId: seeker.candidateId, decision: 'rejected', reasonCode: 'position-filled' });
      const listed = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${v.id}/decisions` })).json().items;
      expect(listed.map((d: { id: string }) => d.id)).toEqual([decision.json().id]);

      // Approaching her for a vacancy that is no longer on offer is refused.
      const ask = await t.request(employer.key, {
        method: 'POST',
        url: `/v1/vacancies/${v.id}/contact-requests`,
        payload: { candidateId: seeker.candidateId, auditId, message: 'Still interested?' },
      });
      expect(ask.statusCode, ask.body).toBe(409);
      expect(ask.json().error).toMatchObject({ code: 'VACANCY_NOT_OPEN', details: { vacancyId: v.id, status } });
      expect(ask.json().error.message).toContain(`is ${status}`);
      expect(await count('SELECT count(*) AS n FROM contact_requests WHERE vacancy_id = ?', v.id)).toBe(0);
      expect((await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${v.id}/contact-requests` })).json().items).toEqual([]);
      const inbox = (await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/contact-requests' })).json().items;
      expect(inbox.map((r: { vacancyId: string }) => r.vacancyId)).not.toContain(v.id);
    }
  });

  it('refuses to let her accept a request whose vacancy was closed since it was sent; declining stays possible', async () => {
    const v = await post({ title: 'Welder asked then closed' });
    const ranking = (await rank(v.id)).json();
    const ask = await t.request(employer.key, { method: 'POST', url: `/v1/vacancies/${v.id}/contact-requests`, payload: { candidateId: seeker.candidateId, auditId: ranking.auditId } });
    expect(ask.statusCode, ask.body).toBe(201);
    await patchStatus(v.id, 'closed');
    const accept = await t.request(seeker.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${ask.json().id}/accept` });
    expect(accept.statusCode, accept.body).toBe(409);
    expect(accept.json().error).toMatchObject({ code: 'VACANCY_NOT_OPEN', details: { vacancyId: v.id, status: 'closed' } });
    expect((await t.query<{ status: string }>('SELECT status FROM contact_requests WHERE id = ?', ask.json().id))[0]!.status).toBe('pending');
    const decline = await t.request(seeker.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${ask.json().id}/decline` });
    expect(decline.statusCode, decline.body).toBe(200);
    expect(decline.json().status).toBe('declined');
  });
});
