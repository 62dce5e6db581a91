import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

// Screening through the real app: the writer, the taxonomy suggestions, the vector index and the audit log.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PLACEMENT_FEE =
  'Nursery and greenhouse work near Abbotsford: potting, pruning, loading trucks. $18.50/hour, 40 hours. Placement fee of USD 1,500 payable before departure, covering the job offer and paperwork.';

describe('fair-recruitment screening on vacancy writes', () => {
  it('holds a vacancy that asks the worker for a placement fee, shows the evidence, and releases it when the employer removes the fee', async () => {
    const emp = t.employer('CA');
    const created = await t.request(emp.key, {
      method: 'POST',
      url: '/v1/vacancies',
      payload: sampleVacancy({ title: 'Farm workers – British Columbia', description: PLACEMENT_FEE, country: 'CA', region: 'British Columbia', salary: { min: 18.5, max: 18.5, currency: 'CAD', period: 'hour' }, hoursPerWeek: 40 }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const vac = created.json();
    expect(vac.status).toBe('held');
    expect(vac.screening.status).toBe('held');
    const fee = vac.screening.flags.find((f: { type: string }) => f.type === 'worker-pays-fees');
    expect(fee.severity).toBe('high');
    expect(fee.evidence[0].field).toBe('description');
    expect(fee.evidence[0].text).toContain('Placement fee of USD 1,500');
    expect(PLACEMENT_FEE.slice(fee.evidence[0].start, fee.evidence[0].end)).toBe(fee.evidence[0].text);
    expect(fee.explanation).toMatch(/employer-pays/);
    expect(vac.screening.review.status).toBe('pending');

    // Not visible to job seekers, and in the admin queue.
    const seeker = t.jobseeker();
    expect((await t.request(seeker.key, { method: 'GET', url: `/v1/vacancies/${vac.id}` })).statusCode).toBe(404);
    const queue = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/screening' });
    expect(queue.json().items.map((r: { vacancyId: string }) => r.vacancyId)).toContain(vac.id);

    // The employer removes the fee: screened again, released, the review superseded.
    const fixed = await t.request(emp.key, {
      method: 'PATCH',
      url: `/v1/vacancies/${vac.id}`,
      payload: { description: PLACEMENT_FEE.replace(' Placement fee of USD 1,500 payable before departure, covering the job offer and paperwork.', ' We pay all recruitment and travel costs.') },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().status).toBe('open');
    expect(fixed.json().screening.flags).toEqual([]);
    expect(fixed.json().screening.review.status).toBe('superseded');
    expect((await t.request(seeker.key, { method: 'GET', url: `/v1/vacancies/${vac.id}` })).statusCode).toBe(200);
    const after = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/screening' });
    expect(after.json().items.map((r: { vacancyId: string }) => r.vacancyId)).not.toContain(vac.id);
  });
});
