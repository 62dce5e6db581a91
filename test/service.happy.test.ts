import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';
import { contentHash } from '../src/embedding/cache.js';
import { candidateEmbeddingText } from '../src/embedding/texts.js';

// Issue 15: the same suite on each storage back end (test/helper.ts BACKENDS).
describe.each(BACKENDS)('%s', (backend) => {
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ backend });
});
afterAll(async () => {
  await t.close();
});

describe('health and docs', () => {
  it('answers liveness and readiness with migrations applied', async () => {
    expect((await t.request(null, { method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.request(null, { method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.migrations.ok).toBe(true);
  });

  it('serves an OpenAPI document generated from the zod schemas, and Swagger UI', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/vacancies', '/v1/candidates/me', '/v1/employers']));
    const post = doc.paths['/v1/vacancies'].post;
    // The body is the named component CreateVacancyInput.
    expect(post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateVacancyInput');
    expect(JSON.stringify(doc.components.schemas.CreateVacancyInput)).toContain('recruitmentFees');
    const ui = await t.request(null, { method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('sets security headers and a request id', async () => {
    const res = await t.request(null, { method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^req_/);
  });
});

describe('employers', () => {
  it('lets an admin create, read, list and verify employers', async () => {
    const created = await t.request(t.admin.key, { method: 'POST', url: '/v1/employers', payload: { name: 'Acme Care', country: 'FR' } });
    expect(created.statusCode).toBe(201);
    const emp = created.json();
    expect(emp.id).toMatch(/^emp_/);
    expect(emp.verification).toBe('unverified');
    const patched = await t.request(t.admin.key, { method: 'PATCH', url: `/v1/employers/${emp.id}`, payload: { verification: 'verified' } });
    expect(patched.json().verification).toBe('verified');
    const list = await t.request(t.admin.key, { method: 'GET', url: '/v1/employers?country=FR' });
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(emp.id);
  });
});

describe('vacancies', () => {
  it('creates a vacancy for the calling employer and reads it back with every field', async () => {
    const { key, employerId } = t.employer();
    const res = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy() });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v.id).toMatch(/^vac_/);
    expect(v.employerId).toBe(employerId);
    expect(v.salary).toEqual({ min: 2800, max: 3400, currency: 'EUR', period: 'month' });
    expect(v.recruitmentFees).toEqual({ chargedToWorker: false, note: null });
    expect(v.skills[0]).toEqual({ label: 'MIG welding', essential: true });
    const read = await t.request(t.keyFor('jobseeker'), { method: 'GET', url: `/v1/vacancies/${v.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().title).toBe('Welder');
  });

  it('paginates with a cursor and filters by country, status, shortage and occupation', async () => {
    const { key } = t.employer();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.request(key, {
        method: 'POST',
        url: '/v1/vacancies',
        payload: sampleVacancy({ country: 'PT', title: `Cook ${i}`, shortage: i % 2 === 0, occupation: { isco: '5120' } }),
      });
      ids.push(res.json().id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/vacancies?country=PT&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.request(key, { method: 'GET', url })).json() as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const shortage = (await t.request(key, { method: 'GET', url: '/v1/vacancies?country=PT&shortage=true' })).json();
    expect(shortage.items).toHaveLength(3);
    const occ = (await t.request(key, { method: 'GET', url: '/v1/vacancies?occupation=5120&country=PT' })).json();
    expect(occ.items).toHaveLength(5);
  });

  it('updates and deletes its own vacancy, tracking status changes', async () => {
    const { key } = t.employer();
    const v = (await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy() })).json();
    const upd = await t.request(key, { method: 'PATCH', url: `/v1/vacancies/${v.id}`, payload: { status: 'filled', positions: 1 } });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().status).toBe('filled');
    // A filled vacancy is no longer public.
    expect((await t.request(t.keyFor('jobseeker'), { method: 'GET', url: `/v1/vacancies/${v.id}` })).statusCode).toBe(404);
    expect((await t.request(key, { method: 'DELETE', url: `/v1/vacancies/${v.id}` })).statusCode).toBe(204);
    expect((await t.request(key, { method: 'GET', url: `/v1/vacancies/${v.id}` })).statusCode).toBe(404);
  });

  it('imports NDJSON in bulk with one result per line; bad lines do not reject good ones', async () => {
    const { key } = t.employer();
    const lines = [JSON.stringify(sampleVacancy({ title: 'A' })), '{not json', JSON.stringify(sampleVacancy({ country: 'XX' })), JSON.stringify(sampleVacancy({ title: 'B' }))];
    const res = await t.request(key, {
      method: 'POST',
      url: '/v1/vacancies:bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${lines.join('\n')}\n`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.created).toBe(2);
    expect(body.failed).toBe(2);
    expect(body.results.map((r: { line: number; status: number }) => [r.line, r.status])).toEqual([[1, 201], [2, 400], [3, 400], [4, 201]]);
    expect(body.results[2].error.message).toContain('country');
    for (const r of body.results.filter((x: { status: number }) => x.status === 201)) {
      expect((await t.request(key, { method: 'GET', url: `/v1/vacancies/${r.id}` })).statusCode).toBe(200);
    }
  });

  it('never creates a duplicate when a POST is retried with the same Idempotency-Key', async () => {
    const { key } = t.employer();
    const opts = { method: 'POST' as const, url: '/v1/vacancies', payload: sampleVacancy({ country: 'IE' }), headers: { 'idempotency-key': 'retry-0001-abc' } };
    const first = await t.request(key, opts);
    const second = await t.request(key, opts);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const list = (await t.request(key, { method: 'GET', url: '/v1/vacancies?country=IE' })).json();
    expect(list.items).toHaveLength(1);
  });

  it('never creates a duplicate when the same Idempotency-Key arrives twice at once', async () => {
    const { key } = t.employer();
    const opts = { method: 'POST' as const, url: '/v1/vacancies', payload: sampleVacancy({ country: 'MT' }), headers: { 'idempotency-key': 'concurrent-0001' } };
    const [a, b] = await Promise.all([t.request(key, opts), t.request(key, opts)]);
    const codes = [a.statusCode, b.statusCode].sort();
    // The second is refused while the first is in flight (409), or replays it (201) if the first already finished.
    expect([[201, 201], [201, 409]]).toContainEqual(codes);
    for (const r of [a, b]) if (r.statusCode === 409) expect(r.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    const list = (await t.request(key, { method: 'GET', url: '/v1/vacancies?country=MT' })).json();
    expect(list.items).toHaveLength(1);
    // Once the first is done, the key replays.
    const again = await t.request(key, opts);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});

describe('job seekers', () => {
  it('self-registers, fills the profile, reads it with personal data, and erases it', async () => {
    const reg = await t.request(null, { method: 'POST', url: '/v1/jobseekers', payload: {} });
    expect(reg.statusCode).toBe(201);
    const { candidateId, key } = reg.json();
    expect(candidateId).toMatch(/^cand_/);
    expect(key).toMatch(/^psk_/);
    const put = await t.request(key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
    expect(put.statusCode).toBe(200);
    const me = put.json();
    expect(me.id).toBe(candidateId);
    expect(me.contact.email).toBe('seeker@example.org');
    expect(me.consent.matching).toBe(true);
    expect(me.consent.matchingAt).toBeTruthy();
    expect(me.protected.sex).toBe('female');
    // An admin listing shows no personal data.
    const list = (await t.request(t.admin.key, { method: 'GET', url: '/v1/candidates?residenceCountry=MA' })).json();
    const listed = list.items.find((c: { id: string }) => c.id === candidateId);
    expect(listed).toBeTruthy();
    expect(listed.contact).toBeUndefined();
    expect(listed.protected).toBeUndefined();
    const hash = contentHash(candidateEmbeddingText(sampleProfile()));
    const cached = async () => (await t.query<{ n: number }>('SELECT count(*) AS n FROM embedding_cache WHERE content_hash = ?', hash))[0]!.n;
    expect(await cached()).toBe(1);
    const del = await t.request(key, { method: 'DELETE', url: '/v1/candidates/me' });
    expect(del.statusCode).toBe(204);
    // The profile's vector goes too: from the index and from the embedding cache.
    expect(await cached()).toBe(0);
    expect(t.app.collections.candidates.has(candidateId)).toBe(false);
    // Everything personal is gone and the key no longer works.
    const [rows] = await t.query('SELECT (SELECT count(*) FROM candidates WHERE id = ?) c, (SELECT count(*) FROM candidate_contacts WHERE candidate_id = ?) k, (SELECT count(*) FROM candidate_protected WHERE candidate_id = ?) p', candidateId, candidateId, candidateId);
    expect(rows).toEqual({ c: 0, k: 0, p: 0 });
    expect((await t.request(key, { method: 'GET', url: '/v1/candidates/me' })).statusCode).toBe(401);
  });

  it('keeps consent timestamps unless consent changes', async () => {
    const { key } = t.jobseeker();
    const a = (await t.request(key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() })).json();
    const b = (await t.request(key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ displayName: 'Other' }) })).json();
    expect(b.consent.matchingAt).toBe(a.consent.matchingAt);
    const c = (await t.request(key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ consent: { matching: false, visibleToEmployers: true } }) })).json();
    expect(c.consent.matching).toBe(false);
    expect(c.consent.matchingAt).not.toBe(a.consent.matchingAt);
  });
});

describe('admin keys', () => {
  it('creates a key shown once, lists without secrets, and revokes it', async () => {
    const { employerId } = t.employer();
    const res = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'employer', employerId } });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.key).toMatch(/^psk_/);
    expect((await t.request(created.key, { method: 'GET', url: '/v1/vacancies' })).statusCode).toBe(200);
    const list = await t.request(t.admin.key, { method: 'GET', url: '/v1/admin/keys?limit=100' });
    expect(list.body).not.toContain(created.key);
    expect(list.body).not.toContain('hash');
    expect((await t.request(t.admin.key, { method: 'DELETE', url: `/v1/admin/keys/${created.id}` })).statusCode).toBe(204);
    expect((await t.request(created.key, { method: 'GET', url: '/v1/vacancies' })).statusCode).toBe(401);
    // Stored as a hash only.
    const [stored] = await t.query<{ hash: string }>('SELECT hash FROM api_keys WHERE id = ?', created.id);
    expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
});
