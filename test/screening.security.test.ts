import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleVacancy, type TestApp } from './helper.js';

// Who sees what of screening, and bad input (one app for both: building it is the expensive part).
let t: TestApp;
let owner: { employerId: string; key: string };
let held: { id: string; screening: { review: { id: string } } };
beforeAll(async () => {
  t = await buildTestApp();
  owner = t.employer('DE');
  const res = await t.request(owner.key, {
    method: 'POST',
    url: '/v1/vacancies',
    payload: sampleVacancy({ description: 'MIG welding. Vermittlungsgebühr: 1.200 €, zahlbar vor Ausreise.' }),
  });
  held = res.json();
  expect(res.json().status).toBe('held');
});
afterAll(async () => {
  await t?.close();
});

describe('screening access', () => {
  it('a held vacancy is visible only to its employer and admins', async () => {
    const other = t.employer('DE');
    expect((await t.request(other.key, { method: 'GET', url: `/v1/vacancies/${held.id}` })).statusCode).toBe(404);
    expect((await t.request(t.keyFor('jobseeker'), { method: 'GET', url: `/v1/vacancies/${held.id}` })).statusCode).toBe(404);
    expect((await t.request(t.keyFor('ministry'), { method: 'GET', url: `/v1/vacancies/${held.id}` })).statusCode).toBe(404);
    const own = await t.request(owner.key, { method: 'GET', url: `/v1/vacancies/${held.id}` });
    expect(own.json().screening.review.status).toBe('pending');
    const admin = await t.request(t.admin.key, { method: 'GET', url: `/v1/vacancies/${held.id}` });
    expect(admin.json().screening.flags[0].type).toBe('worker-pays-fees');
    // Another employer cannot edit it out of the hold either.
    const patch = await t.request(other.key, { method: 'PATCH', url: `/v1/vacancies/${held.id}`, payload: { status: 'open' } });
    expect(patch.statusCode).toBe(404);
  });

  it('an employer cannot open a held vacancy by asking for it: the same flags hold it again', async () => {
    const res = await t.request(owner.key, { method: 'PATCH', url: `/v1/vacancies/${held.id}`, payload: { status: 'open' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('held');
  });

  it('only admins see and resolve the review queue; only ministries and admins see the aggregates', async () => {
    for (const role of ['employer', 'jobseeker', 'ministry'] as const) {
      const key = role === 'employer' ? owner.key : t.keyFor(role);
      expect((await t.request(key, { method: 'GET', url: '/v1/admin/screening' })).statusCode).toBe(403);
      const resolve = await t.request(key, { method: 'POST', url: `/v1/admin/screening/${held.screening.review.id}/resolve`, payload: { decision: 'release', reason: 'mine' } });
      expect(resolve.statusCode).toBe(403);
    }
    for (const role of ['employer', 'jobseeker'] as const) {
      expect((await t.request(t.keyFor(role), { method: 'GET', url: '/v1/screening/aggregates?by=employer' })).statusCode).toBe(403);
    }
    expect((await t.request(null, { method: 'GET', url: '/v1/screening/minimum-wages' })).statusCode).toBe(401);
  });

  it('the review queue is not touched by a refused attempt', async () => {
    const queue = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/screening' });
    expect(queue.json().items.find((r: { id: string }) => r.id === held.screening.review.id).status).toBe('pending');
  });
});

describe('screening bad input', () => {
  it('clients cannot set the held status themselves', async () => {
    const res = await t.request(owner.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ status: 'held' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toMatch(/status/);
  });

  it('hours a week that give no hourly figure are refused with the field named (the fuzz once found a 500 with 5e-324)', async () => {
    for (const hoursPerWeek of [5e-324, 0.5, 0]) {
      const res = await t.request(owner.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ hoursPerWeek, salary: { min: 2000, max: 2000, currency: 'EUR', period: 'month' } }) });
      expect(res.statusCode, String(hoursPerWeek)).toBe(400);
      expect(res.json().error.message).toMatch(/hoursPerWeek/);
    }
    const ok = await t.request(owner.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ hoursPerWeek: 1, salary: { min: 2000, max: 2000, currency: 'EUR', period: 'month' } }) });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('resolutions need a known decision and a reason; unknown reviews answer 404', async () => {
    const url = `/v1/admin/screening/${held.screening.review.id}/resolve`;
    const noReason = await t.request(t.admin.key, { method: 'POST', url, payload: { decision: 'release' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toMatch(/reason/);
    const badDecision = await t.request(t.admin.key, { method: 'POST', url, payload: { decision: 'approve', reason: 'x' } });
    expect(badDecision.statusCode).toBe(400);
    const unknown = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/screening/scr_01jdx0y8a7m2c9t4v6w8z0b1c3/resolve', payload: { decision: 'release', reason: 'x' } });
    expect(unknown.statusCode).toBe(404);
    const badId = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/screening/vac_01jdx0y8a7m2c9t4v6w8z0b1c3' });
    expect(badId.statusCode).toBe(400);
  });

  it('aggregates need a known grouping; lists need a known status', async () => {
    const ministry = t.keyFor('ministry');
    const res = await t.request(ministry, { method: 'GET', url: '/v1/screening/aggregates?by=nationality' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/by/);
    expect((await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/screening?status=maybe' })).statusCode).toBe(400);
  });
});
