// Idempotency-Key on the routes (in process, both back ends): every writing POST marks its claim committed in its
// write's own transaction (what makes a retry after a crash safe: test/idempotency.crash.test.ts kills real processes),
// and the other replay surfaces: scope, request hash, a revoked key, an erased candidate.
import { createCipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256 } from '../src/keyring.js';
import { BACKENDS, buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

interface Row {
  principal: string;
  key: string;
  path: string;
  status_code: number;
  committed_at: string | null;
  resource: string | null;
  subject_id: string | null;
  claim_token: string | null;
  heartbeat_at: string | null;
}

describe.each(BACKENDS)('Idempotency-Key on the routes: %s', (backend) => {
  let t: TestApp;
  let emp: { employerId: string; key: string };
  let vacancyId: string;
  beforeAll(async () => {
    t = await buildTestApp({ backend });
    emp = t.employer('DE');
    const v = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy() });
    expect(v.statusCode, v.body).toBe(201);
    vacancyId = v.json().id;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const records = () => t.query<Row>('select principal, key, path, status_code, committed_at, resource, subject_id, claim_token, heartbeat_at from idempotency_records');
  /** Send one request with a fresh Idempotency-Key and return its reply and the one record it left. */
  async function once(key: string | null, opts: { url: string; payload: unknown; ndjson?: boolean }, idem: string) {
    const before = new Set((await records()).map((r) => `${r.principal}/${r.key}`));
    const res = await t.request(key, {
      method: 'POST',
      url: opts.url,
      payload: opts.payload as string,
      headers: { 'idempotency-key': idem, ...(opts.ndjson ? { 'content-type': 'application/x-ndjson' } : {}) },
    });
    const added = (await records()).filter((r) => !before.has(`${r.principal}/${r.key}`));
    expect(added, `${opts.url}: one record`).toHaveLength(1);
    return { res, record: added[0]! };
  }

  it('every writing POST marks its claim committed in its write’s transaction, naming what it wrote (never a secret)', async () => {
    const seeker = t.jobseeker();
    expect((await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() })).statusCode).toBe(200);
    const ranking = await t.request(emp.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/matches?limit=10` });
    expect(ranking.statusCode, ranking.body).toBe(200);
    const mine = await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=5' });
    expect(mine.statusCode, mine.body).toBe(200);

    const bulk = ['Idem bulk one', 'Idem bulk two'].map((title) => JSON.stringify(sampleVacancy({ title }))).join('\n');
    const cases: { name: string; key: string | null; url: string; payload: unknown; ndjson?: boolean; status: number; ids: (body: any) => string[] }[] = [
      { name: 'employer', key: t.admin.key, url: '/v1/employers', payload: { name: 'Idem AG', country: 'AT' }, status: 201, ids: (b) => [b.id] },
      { name: 'vacancy', key: emp.key, url: '/v1/vacancies', payload: sampleVacancy({ title: 'Idem single' }), status: 201, ids: (b) => [b.id] },
      { name: 'bulk import', key: emp.key, url: '/v1/vacancies:bulk', payload: bulk, ndjson: true, status: 200, ids: (b) => b.results.map((r: { id: string }) => r.id) },
      { name: 'API key (secret)', key: t.admin.key, url: '/v1/admin/keys', payload: { role: 'employer', employerId: emp.employerId }, status: 201, ids: () => [] },
      { name: 'registration (secret)', key: null, url: '/v1/jobseekers', payload: { lang: 'es' }, status: 201, ids: () => [] },
      {
        name: 'decision',
        key: emp.key,
        url: `/v1/vacancies/${vacancyId}/decisions`,
        payload: { candidateId: seeker.candidateId, auditId: ranking.json().auditId, decision: 'shortlisted', reasonCode: 'skills-match' },
        status: 201,
        ids: (b) => [b.id],
      },
      {
        name: 'series upload',
        key: t.keyFor('ministry'),
        url: '/v1/series',
        payload: ['2024-01', '2024-02', '2024-03'].map((period, i) => JSON.stringify({ source: `idem-${backend}`, scheme: 'anzsco', code: '3322', region: 'NSW', period, value: 10 + i })).join('\n'),
        ndjson: true,
        status: 202,
        // The upload and the refit job queued in its transaction: what a lost reply names.
        ids: (b) => b.uploads.flatMap((u: { uploadId: string; jobId: string }) => [u.uploadId, u.jobId]),
      },
      { name: 'contest', key: seeker.key, url: `/v1/matches/${mine.json().auditId}/contest`, payload: { message: 'My welding licence was not read.' }, status: 201, ids: (b) => [b.id] },
    ];
    for (const [i, c] of cases.entries()) {
      const { res, record } = await once(c.key, c, `routes-${backend}-${i}-0001`);
      expect(res.statusCode, `${c.name}: ${res.body}`).toBe(c.status);
      expect(record.status_code, c.name).toBe(c.status);
      expect(record.committed_at, `${c.name}: committed with its write`).not.toBeNull();
      expect(record.resource ? JSON.parse(record.resource) : [], c.name).toEqual(c.ids(res.json()));
      if (c.name.includes('secret')) expect(record.resource, c.name).toBeNull();
      expect(record.claim_token && record.heartbeat_at, c.name).toBeTruthy();
    }
  }, 180_000);

  it('a read-only POST leaves a stored reply but no commit mark; a failed one leaves nothing and the key is free', async () => {
    const { res, record } = await once(emp.key, { url: '/v1/taxonomy/occupations/normalize', payload: { title: 'Schweißer' } }, `routes-${backend}-read-0001`);
    expect(res.statusCode, res.body).toBe(200);
    expect(record.committed_at).toBeNull();
    expect(record.status_code).toBe(200);
    const before = (await records()).length;
    const bad = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ country: 'XX' }), headers: { 'idempotency-key': `routes-${backend}-bad-0001` } });
    expect(bad.statusCode).toBe(400);
    expect((await records()).length).toBe(before);
    const good = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'After a failure' }), headers: { 'idempotency-key': `routes-${backend}-bad-0001` } });
    expect(good.statusCode).toBe(201);
  }, 60_000);

  it('scope and request: the key lives in its tenant, and covers the path and body', async () => {
    const idem = `routes-${backend}-scope-0001`;
    const first = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Scoped' }), headers: { 'idempotency-key': idem } });
    expect(first.statusCode).toBe(201);
    // Same key, another route, or the same route with another body: refused, nothing run.
    const otherPath = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies:bulk', payload: JSON.stringify(sampleVacancy({ title: 'Scoped' })), headers: { 'idempotency-key': idem, 'content-type': 'application/x-ndjson' } });
    expect(otherPath.statusCode).toBe(422);
    expect(otherPath.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another tenant with the same Idempotency-Key gets its own run, never the first tenant's reply.
    const other = t.employer('FR');
    const theirs = await t.request(other.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: 'Scoped' }), headers: { 'idempotency-key': idem } });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(first.json().id);
  }, 60_000);

  it('a retry sent with a rotated key is the same request: the tenant (employer, job seeker) is the scope, not the key', async () => {
    // The employer rotates its key in the middle of a retry: the new key gets the first reply, nothing runs twice.
    const oldKey = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'employer', employerId: emp.employerId } });
    expect(oldKey.statusCode).toBe(201);
    const opts = { method: 'POST' as const, url: '/v1/vacancies', payload: sampleVacancy({ title: `Rotated ${backend}` }), headers: { 'idempotency-key': `routes-${backend}-rotate-0001` } };
    const first = await t.request(oldKey.json().key, opts);
    expect(first.statusCode, first.body).toBe(201);
    const newKey = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'employer', employerId: emp.employerId } });
    expect((await t.request(t.admin.key, { method: 'DELETE', url: `/v1/admin/keys/${oldKey.json().id}` })).statusCode).toBe(204);
    const retry = await t.request(newKey.json().key, opts);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    const list = await t.request(newKey.json().key, { method: 'GET', url: '/v1/vacancies?limit=100' });
    expect(list.json().items.filter((v: { title: string }) => v.title === `Rotated ${backend}`)).toHaveLength(1);
    // The revoked key still gets 401, never the reply.
    const revoked = await t.request(oldKey.json().key, opts);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.body).not.toContain(first.json().id);

    // A job seeker's second key (same candidate) replays her first key's reply too.
    const seeker = t.jobseeker();
    const put = await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
    expect(put.statusCode, put.body).toBe(200);
    const second = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'jobseeker', candidateId: seeker.candidateId } });
    expect(second.statusCode, second.body).toBe(201);
    const mine = await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=5' });
    const contest = { method: 'POST' as const, url: `/v1/matches/${mine.json().auditId}/contest`, payload: { message: 'my welding certificate was ignored' }, headers: { 'idempotency-key': `routes-${backend}-rotate-seeker-01` } };
    const c1 = await t.request(seeker.key, contest);
    expect(c1.statusCode, c1.body).toBe(201);
    const c2 = await t.request(second.json().key, contest);
    expect(c2.statusCode).toBe(201);
    expect(c2.headers['idempotent-replayed']).toBe('true');
    expect(c2.json().id).toBe(c1.json().id);

    // A ministry's key is its own scope (its sources belong to the key): another ministry key runs separately.
    const m1 = t.keyFor('ministry');
    const m2 = (await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'ministry' } })).json().key as string;
    const normalize = { method: 'POST' as const, url: '/v1/taxonomy/occupations/normalize', payload: { title: 'welder' }, headers: { 'idempotency-key': `routes-${backend}-rotate-min-01` } };
    expect((await t.request(m1, normalize)).statusCode).toBe(200);
    const m2r = await t.request(m2, normalize);
    expect(m2r.statusCode).toBe(200);
    expect(m2r.headers['idempotent-replayed']).toBeUndefined();
  }, 60_000);

  it('a record written under the API key’s scope (before keys were scoped by tenant) still answers a retry', async () => {
    // What the previous release stored for this employer key: a reply, and a write whose reply was lost.
    const made = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'employer', employerId: emp.employerId } });
    const { id: keyId, key } = made.json() as { id: string; key: string };
    const secret = t.app.keyring.idempotencySecret;
    const mac = (...parts: string[]) => hmacSha256(secret, ...parts).toString('hex');
    const legacyScope = `key:${keyId}`;
    const stored = async (idem: string, payload: unknown, row: { statusCode: number; responseBody?: string; committedAt: string | null; resource: string | null }) => {
      const keyHash = mac('idempotency-key', legacyScope, idem);
      const body = row.responseBody === undefined ? '' : (() => {
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', hmacSha256(secret, 'idempotency-encryption', legacyScope, idem), iv);
        c.setAAD(Buffer.from(keyHash));
        const enc = Buffer.concat([c.update(row.responseBody!, 'utf8'), c.final()]);
        return Buffer.concat([iv, c.getAuthTag(), enc]).toString('base64');
      })();
      const at = new Date(Date.now() - 60_000).toISOString();
      await t.app.storage.transaction(({ db, t: tables }) =>
        db.insert(tables.idempotencyRecords).values({
          principal: mac('idempotency-scope', legacyScope),
          key: keyHash,
          method: 'POST',
          path: '/v1/vacancies',
          requestHash: mac('idempotency-request', 'POST', '/v1/vacancies', '/v1/vacancies', JSON.stringify(payload)),
          subjectId: null,
          statusCode: row.statusCode,
          responseBody: body,
          createdAt: at,
          replayable: true,
          claimToken: 'old-release',
          heartbeatAt: at,
          committedAt: row.committedAt,
          resource: row.resource,
        }),
      );
    };
    const count = async () => ((await t.request(key, { method: 'GET', url: '/v1/vacancies?limit=100' })).json().items as unknown[]).length;
    const before = await count();
    const replayed = sampleVacancy({ title: `Legacy replay ${backend}` });
    await stored(`routes-${backend}-legacy-0001`, replayed, { statusCode: 201, responseBody: JSON.stringify({ id: 'vac_legacyreply' }), committedAt: new Date().toISOString(), resource: null });
    const r1 = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: replayed, headers: { 'idempotency-key': `routes-${backend}-legacy-0001` } });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.headers['idempotent-replayed']).toBe('true');
    expect(r1.json().id).toBe('vac_legacyreply');
    const lost = sampleVacancy({ title: `Legacy lost ${backend}` });
    await stored(`routes-${backend}-legacy-0002`, lost, { statusCode: 0, committedAt: new Date(Date.now() - 60_000).toISOString(), resource: JSON.stringify(['vac_legacylost']) });
    const r2 = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: lost, headers: { 'idempotency-key': `routes-${backend}-legacy-0002` } });
    expect(r2.statusCode, r2.body).toBe(409);
    expect(r2.json().error.code).toBe('IDEMPOTENCY_REPLY_LOST');
    expect(r2.json().error.details.ids).toEqual(['vac_legacylost']);
    // Neither ran again, and the new claims were given up (no record under the tenant's scope).
    expect(await count()).toBe(before);
    const tenantScope = `employer:${emp.employerId}`;
    for (const idem of [`routes-${backend}-legacy-0001`, `routes-${backend}-legacy-0002`]) {
      expect(await t.query('select 1 from idempotency_records where key = ?', mac('idempotency-key', tenantScope, idem))).toHaveLength(0);
    }
  }, 60_000);

  it('a revoked key gets no replay', async () => {
    const made = await t.request(t.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'employer', employerId: emp.employerId } });
    const key = made.json().key as string;
    const opts = { method: 'POST' as const, url: '/v1/vacancies', payload: sampleVacancy({ title: 'Before revocation' }), headers: { 'idempotency-key': `routes-${backend}-revoked-0001` } };
    expect((await t.request(key, opts)).statusCode).toBe(201);
    expect((await t.request(t.admin.key, { method: 'DELETE', url: `/v1/admin/keys/${made.json().id}` })).statusCode).toBe(204);
    const again = await t.request(key, opts);
    expect(again.statusCode).toBe(401);
    expect(again.body).not.toContain('Before revocation');
  }, 60_000);

  it('a stored reply about a candidate goes with her erasure: an employer’s retry cannot bring her decision note back', async () => {
    const seeker = t.jobseeker();
    expect((await t.request(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() })).statusCode).toBe(200);
    const ranking = await t.request(emp.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/matches?limit=20` });
    expect(ranking.json().items.map((i: { candidateId: string }) => i.candidateId)).toContain(seeker.candidateId);
    const note = 'Met her at the Lyon fair; strong TIG work';
    const opts = {
      method: 'POST' as const,
      url: `/v1/vacancies/${vacancyId}/decisions`,
      payload: { candidateId: seeker.candidateId, auditId: ranking.json().auditId, decision: 'shortlisted', reasonCode: 'other', note },
      headers: { 'idempotency-key': `routes-${backend}-erased-0001` },
    };
    const first = await t.request(emp.key, opts);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().note).toBe(note);
    // A contact request about her: bound to her from the row its write returned (no route code).
    const contactOpts = {
      method: 'POST' as const,
      url: `/v1/vacancies/${vacancyId}/contact-requests`,
      payload: { candidateId: seeker.candidateId, auditId: ranking.json().auditId, message: 'We would like to talk about the welding post.' },
      headers: { 'idempotency-key': `routes-${backend}-erased-contact-0001` },
    };
    const contact = await t.request(emp.key, contactOpts);
    expect(contact.statusCode, contact.body).toBe(201);
    expect(await t.query('select 1 from idempotency_records where subject_id = ?', seeker.candidateId)).toHaveLength(2);
    expect((await t.request(seeker.key, { method: 'DELETE', url: '/v1/candidates/me' })).statusCode).toBe(204);
    const contactRetry = await t.request(emp.key, contactOpts);
    expect(contactRetry.headers['idempotent-replayed']).toBeUndefined();
    expect(contactRetry.body).not.toContain(contact.json().pseudonym);
    expect(contactRetry.statusCode).toBeGreaterThanOrEqual(400);
    const retry = await t.request(emp.key, opts);
    expect(retry.body).not.toContain(note);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('CANDIDATE_UNAVAILABLE');
    expect(await t.query('select 1 from idempotency_records where subject_id = ?', seeker.candidateId)).toHaveLength(0);
  }, 60_000);
});
