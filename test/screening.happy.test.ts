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
const FEE_SENTENCE = ' Placement fee of USD 1,500 payable before departure, covering the job offer and paperwork.';

const farmVacancy = (over: Record<string, unknown> = {}) =>
  sampleVacancy({
    title: 'Farm workers – British Columbia',
    description: PLACEMENT_FEE,
    country: 'CA',
    region: 'British Columbia',
    salary: { min: 18.5, max: 18.5, currency: 'CAD', period: 'hour' },
    hoursPerWeek: 40,
    ...over,
  });

type Flag = { type: string; severity: string; explanation: string; evidence: { field: string; text: string; start?: number; end?: number }[]; dismissed?: boolean; facts?: Record<string, unknown> };
const flagOf = (body: { screening: { flags: Flag[] } }, type: string) => body.screening.flags.find((f) => f.type === type);

describe('fair-recruitment screening on vacancy writes', () => {
  it('holds a vacancy that asks the worker for a placement fee, shows the evidence, and releases it when the employer removes the fee', async () => {
    const emp = t.employer('CA');
    const created = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: farmVacancy() });
    expect(created.statusCode, created.body).toBe(201);
    const vac = created.json();
    expect(vac.status).toBe('held');
    expect(vac.screening.status).toBe('held');
    const fee = flagOf(vac, 'worker-pays-fees')!;
    expect(fee.severity).toBe('high');
    expect(fee.evidence[0]!.field).toBe('description');
    expect(fee.evidence[0]!.text).toContain('Placement fee of USD 1,500');
    expect(PLACEMENT_FEE.slice(fee.evidence[0]!.start, fee.evidence[0]!.end)).toBe(fee.evidence[0]!.text);
    expect(fee.explanation).toMatch(/employer-pays/);
    expect(vac.screening.review.status).toBe('pending');

    // Not visible to job seekers, not in any ranking, and in the admin queue.
    const seeker = t.jobseeker();
    expect((await t.request(seeker.key, { method: 'GET', url: `/v1/vacancies/${vac.id}` })).statusCode).toBe(404);
    const list = await t.request(seeker.key, { method: 'GET', url: '/v1/vacancies?country=CA' });
    expect(list.json().items.map((v: { id: string }) => v.id)).not.toContain(vac.id);
    const queue = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/screening' });
    const item = queue.json().items.find((r: { vacancyId: string }) => r.vacancyId === vac.id);
    expect(item.status).toBe('pending');
    expect(item.flags.map((f: Flag) => f.type)).toContain('worker-pays-fees');

    // The employer removes the fee: screened again, released, the review superseded.
    const fixed = await t.request(emp.key, {
      method: 'PATCH',
      url: `/v1/vacancies/${vac.id}`,
      payload: { description: PLACEMENT_FEE.replace(FEE_SENTENCE, ' We pay all recruitment and travel costs.') },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().status).toBe('open');
    expect(fixed.json().screening.flags).toEqual([]);
    expect(fixed.json().screening.review.status).toBe('superseded');
    expect((await t.request(seeker.key, { method: 'GET', url: `/v1/vacancies/${vac.id}` })).statusCode).toBe(200);
    const after = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/screening' });
    expect(after.json().items.map((r: { vacancyId: string }) => r.vacancyId)).not.toContain(vac.id);

    // Putting a fee back holds it again, with a new review.
    const again = await t.request(emp.key, { method: 'PATCH', url: `/v1/vacancies/${vac.id}`, payload: { description: PLACEMENT_FEE } });
    expect(again.json().status).toBe('held');
    expect(again.json().screening.review.id).not.toBe(vac.screening.review.id);
  });

  it('an admin release publishes the vacancy, dismisses the flag for seekers, and is in the audit log', async () => {
    const emp = t.employer('CA');
    const vac = (await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: farmVacancy() })).json();
    const reviewId = vac.screening.review.id as string;
    const res = await t.request(t.admin.key, {
      method: 'POST',
      url: `/v1/admin/screening/${reviewId}/resolve`,
      payload: { decision: 'release', reason: 'The fee is paid by the employer under the BC programme; wording confirmed with the employer.' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const review = res.json();
    expect(review.status).toBe('released');
    expect(review.decision).toBe('release');
    expect(review.auditId).toMatch(/^audit_/);

    const audit = await t.request(t.admin.key, { method: 'GET', url: `/v1/audit/records/${review.auditId}` });
    expect(audit.json()).toMatchObject({ kind: 'screening-review', subjectId: vac.id, tenantId: emp.employerId, weightsVersion: 'release', candidateSetSize: 1 });
    expect((await t.request(t.admin.key, { method: 'GET', url: '/v1/audit/verify' })).json().ok).toBe(true);

    const seeker = t.jobseeker();
    const pub = await t.request(seeker.key, { method: 'GET', url: `/v1/vacancies/${vac.id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().status).toBe('open');
    expect(flagOf(pub.json(), 'worker-pays-fees')).toBeUndefined();
    const own = await t.request(emp.key, { method: 'GET', url: `/v1/vacancies/${vac.id}` });
    expect(flagOf(own.json(), 'worker-pays-fees')!.dismissed).toBe(true);
    expect(own.json().screening.review).toMatchObject({ status: 'released', reason: expect.stringContaining('BC programme') });

    // An unrelated edit is screened again and the dismissed flag no longer holds it.
    const edit = await t.request(emp.key, { method: 'PATCH', url: `/v1/vacancies/${vac.id}`, payload: { positions: 4 } });
    expect(edit.json().status).toBe('open');
    // Resolving twice is a conflict.
    const twice = await t.request(t.admin.key, { method: 'POST', url: `/v1/admin/screening/${reviewId}/resolve`, payload: { decision: 'reject', reason: 'again' } });
    expect(twice.statusCode).toBe(409);
  });

  it('a rejection keeps the vacancy held, tells the employer why, and the corrected vacancy is screened again', async () => {
    const emp = t.employer('CA');
    const vac = (await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: farmVacancy() })).json();
    const res = await t.request(t.admin.key, {
      method: 'POST',
      url: `/v1/admin/screening/${vac.screening.review.id}/resolve`,
      payload: { decision: 'reject', reason: 'Workers may not be charged a placement fee (employer-pays principle).' },
    });
    expect(res.json().status).toBe('rejected');
    const own = (await t.request(emp.key, { method: 'GET', url: `/v1/vacancies/${vac.id}` })).json();
    expect(own.status).toBe('held');
    expect(own.screening.review).toMatchObject({ status: 'rejected', decision: 'reject', reason: expect.stringContaining('employer-pays') });
    const fixed = await t.request(emp.key, { method: 'PATCH', url: `/v1/vacancies/${vac.id}`, payload: { description: PLACEMENT_FEE.replace(FEE_SENTENCE, '') } });
    expect(fixed.json().status).toBe('open');
  });

  it('screens every line of a bulk import', async () => {
    const emp = t.employer('CA');
    const lines = [farmVacancy({ title: 'Bulk with fee' }), farmVacancy({ title: 'Bulk clean', description: PLACEMENT_FEE.replace(FEE_SENTENCE, '') })];
    const res = await t.request(emp.key, {
      method: 'POST',
      url: '/v1/vacancies:bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: lines.map((l) => JSON.stringify(l)).join('\n'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const [withFee, clean] = res.json().results;
    const a = (await t.request(emp.key, { method: 'GET', url: `/v1/vacancies/${withFee.id}` })).json();
    const b = (await t.request(emp.key, { method: 'GET', url: `/v1/vacancies/${clean.id}` })).json();
    expect(a.status).toBe('held');
    expect(b.status).toBe('open');
    expect(b.screening.status).toBe('clear');
  });

  it('the structured "not charged to the worker" does not override a description that charges a deposit', async () => {
    const emp = t.employer('DE');
    const res = await t.request(emp.key, {
      method: 'POST',
      url: '/v1/vacancies',
      payload: sampleVacancy({ description: 'MIG welding of steel frames. A refundable deposit of €500 is required on arrival.', recruitmentFees: { chargedToWorker: false } }),
    });
    const fee = flagOf(res.json(), 'worker-pays-fees')!;
    expect(res.json().status).toBe('held');
    expect(fee.facts!.contradicts).toBe('recruitmentFees.chargedToWorker: false');
  });

  it('shows lower-severity flags to job seekers, in their language, on the vacancy and in their matches', async () => {
    const emp = t.employer('DE');
    const vac = (
      await t.request(emp.key, {
        method: 'POST',
        url: '/v1/vacancies',
        payload: sampleVacancy({ description: 'MIG and TIG welding of steel structures in our workshop. Contact only via WhatsApp, no calls.' }),
      })
    ).json();
    expect(vac.status).toBe('open');
    expect(flagOf(vac, 'vague-employer')!.severity).toBe('medium');

    const seeker = t.jobseeker();
    const fr = await t.request(seeker.key, { method: 'GET', url: `/v1/vacancies/${vac.id}`, headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect(fr.json().screening.lang).toBe('fr');
    expect(flagOf(fr.json(), 'vague-employer')!.explanation).toMatch(/employeur/);
    const ar = await t.request(seeker.key, { method: 'GET', url: `/v1/vacancies/${vac.id}?lang=ar` });
    expect(/[\u0600-\u06ff]/.test(flagOf(ar.json(), 'vague-employer')!.explanation)).toBe(true);

    const put = await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
    expect(put.statusCode, put.body).toBe(200);
    const matches = await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=50&lang=es' });
    expect(matches.statusCode, matches.body).toBe(200);
    const item = matches.json().items.find((i: { vacancyId: string }) => i.vacancyId === vac.id);
    expect(item.screening.status).toBe('flagged');
    expect(item.screening.flags[0].type).toBe('vague-employer');
    expect(item.screening.flags[0].explanation).toMatch(/empleador/);
    // Held vacancies never appear in a ranking.
    const heldIds = (await t.request(t.admin.key, { method: 'GET', url: '/v1/vacancies?status=held&limit=100' })).json().items.map((v: { id: string }) => v.id);
    expect(heldIds.length).toBeGreaterThan(0);
    for (const i of matches.json().items) expect(heldIds).not.toContain(i.vacancyId);
  });

  it('gives a ministry flag counts by destination, occupation and employer, with small cells withheld', async () => {
    const ministry = t.keyFor('ministry');
    for (const by of ['destination', 'occupation', 'employer']) {
      const res = await t.request(ministry, { method: 'GET', url: `/v1/screening/aggregates?by=${by}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.suppressionK).toBe(10);
      // Every count shown is 0 or at least k; the few test vacancies per cell are all withheld.
      for (const c of body.cells) {
        for (const v of [c.vacancies, c.flagged, c.held, ...Object.values(c.byFlag)]) if (v !== null) expect(v === 0 || (v as number) >= 10).toBe(true);
      }
      expect(body.cells.some((c: { suppressed: string[] }) => c.suppressed.includes('vacancies'))).toBe(true);
    }
    // The publication grid (t11-grid): ISCO level 2 keys only, no cell below k, and in every column with a published
    // total the withheld cells are 0 or at least 2 (with the total withheld, it counts as one of them).
    const occ = (await t.request(ministry, { method: 'GET', url: '/v1/screening/aggregates?by=occupation' })).json() as {
      cells: { key: string; vacancies: number | null; flagged: number | null; held: number | null; byFlag: Record<string, number | null> }[];
      total: Record<'vacancies' | 'flagged' | 'held', number | null>;
    };
    expect(occ.cells.length).toBeGreaterThan(0);
    for (const c of occ.cells) expect(c.key).toMatch(/^(\d{2}|\?)$/); // '?': no occupation code yet
    for (const col of ['vacancies', 'flagged', 'held'] as const) {
      const withheld = occ.cells.filter((c) => c[col] === null).length + (occ.total[col] === null ? 1 : 0);
      expect(withheld, col).not.toBe(1);
    }
    for (const [query, field] of [['by=occupation&iscoLevel=4', 'query.iscoLevel'], ['by=occupation&iscoLevel=1', 'query.iscoLevel'], ['by=occupation&country=CA', 'query.country'], ['by=employer&country=CA', 'query.country']] as [string, string][]) {
      const res = await t.request(ministry, { method: 'GET', url: `/v1/screening/aggregates?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('PUBLICATION_GRID');
      expect(res.json().error.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    }
    // Admins keep any level and country.
    const fine = await t.request(t.admin.key, { method: 'GET', url: '/v1/screening/aggregates?by=occupation&iscoLevel=4&country=CA' });
    expect(fine.statusCode, fine.body).toBe(200);
    expect(fine.json().cells.every((c: { key: string }) => c.key === '?' || c.key.length <= 4)).toBe(true);
    const table = await t.request(ministry, { method: 'GET', url: '/v1/screening/minimum-wages' });
    expect(table.json().jurisdictions.DE.rates.at(-1)).toMatchObject({ amount: 13.9, effectiveFrom: '2026-01-01' });
  });
});
