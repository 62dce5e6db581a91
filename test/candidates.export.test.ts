// GDPR Art. 15/20: GET /v1/candidates/me/export returns everything held about the seeker, and nothing about others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProfile, sampleVacancy } from './helper.js';
import { startSecurityServer, type SecurityServer } from './security-server.js';

let s: SecurityServer;
beforeAll(async () => {
  s = await startSecurityServer('export');
});
afterAll(async () => {
  await s?.cleanup();
});

describe('GET /v1/candidates/me/export', () => {
  it('holds her profile, contact, attributes, consents, keys, contests, decisions, contact requests and the audit records about her', async () => {
    const emp = await s.call('POST', '/v1/employers', { body: { name: 'Export AG', country: 'DE' } });
    const employerKey = (await s.call('POST', '/v1/admin/keys', { body: { role: 'employer', employerId: emp.body.id } })).body.key;
    const vac = await s.call('POST', '/v1/vacancies', { key: employerKey, body: sampleVacancy() });
    const me = (await s.call('POST', '/v1/jobseekers', { key: null, body: { lang: 'fr' } })).body;
    const other = (await s.call('POST', '/v1/jobseekers', { key: null, body: {} })).body;
    const profile = sampleProfile({
      displayName: 'Amina K.',
      contact: { email: 'amina.k@example.org', phone: '+212 611 222 333' },
      protected: { sex: 'female', ageBand: '25-34', nationality: 'MA', disability: 'no' },
    });
    expect((await s.call('PUT', '/v1/candidates/me', { key: me.key, body: profile })).status).toBe(200);
    expect((await s.call('PUT', '/v1/candidates/me', { key: other.key, body: sampleProfile({ displayName: 'Other person', contact: { email: 'other@example.org' } }) })).status).toBe(200);

    const mine = await s.call('GET', '/v1/candidates/me/matches?limit=3', { key: me.key });
    expect(mine.status, mine.text).toBe(200);
    const contest = await s.call('POST', `/v1/matches/${mine.body.auditId}/contest`, { key: me.key, body: { message: 'My welding certificate was not counted.' } });
    expect(contest.status).toBe(201);
    const ranking = await s.call('GET', `/v1/vacancies/${vac.body.id}/matches?limit=10`, { key: employerKey });
    const ids = ranking.body.items.map((i: { candidateId: string }) => i.candidateId);
    expect(ids).toEqual(expect.arrayContaining([me.candidateId, other.candidateId]));
    const decision = await s.call('POST', `/v1/vacancies/${vac.body.id}/decisions`, {
      key: employerKey,
      body: { candidateId: me.candidateId, auditId: ranking.body.auditId, decision: 'shortlisted', reasonCode: 'skills-match', note: 'All essential skills.' },
    });
    expect(decision.status).toBe(201);
    const contact = await s.call('POST', `/v1/vacancies/${vac.body.id}/contact-requests`, {
      key: employerKey,
      body: { candidateId: me.candidateId, auditId: ranking.body.auditId, message: 'Could we talk about the welding job?' },
    });
    expect(contact.status, contact.text).toBe(201);
    const adhoc = await s.call('POST', '/v1/matches/query', { key: me.key, body: { title: 'welder', skills: [{ label: 'MIG welding' }], languages: [], destinations: ['DE'] } });
    expect(adhoc.status, adhoc.text).toBe(200);

    const res = await s.call('GET', '/v1/candidates/me/export', { key: me.key });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const x = res.body;
    expect(x.format).toBe('passerelle-candidate-export/1');
    expect(x.candidate).toMatchObject({
      id: me.candidateId,
      displayName: 'Amina K.',
      contact: { email: 'amina.k@example.org', phone: '+212 611 222 333' },
      protected: { sex: 'female', ageBand: '25-34', nationality: 'MA', disability: 'no' },
      consent: { matching: true, visibleToEmployers: true },
    });
    expect(x.candidate.consent.matchingAt).toMatch(/^\d{4}-/);
    expect(x.apiKeys).toHaveLength(1);
    expect(x.apiKeys[0]).toMatchObject({ name: 'self-registration', revokedAt: null });
    expect(JSON.stringify(x.apiKeys)).not.toContain('psk_');
    expect(x.contests).toEqual([expect.objectContaining({ id: contest.body.id, message: 'My welding certificate was not counted.', status: 'open' })]);
    expect(x.decisions).toEqual([
      expect.objectContaining({ id: decision.body.id, decision: 'shortlisted', reasonCode: 'skills-match', note: 'All essential skills.', employerId: emp.body.id }),
    ]);
    expect(x.contactRequests).toEqual([
      expect.objectContaining({ id: contact.body.id, vacancyId: vac.body.id, employerId: emp.body.id, message: 'Could we talk about the welding job?', status: 'pending' }),
    ]);
    const byId = new Map(x.auditRecords.map((a: { id: string }) => [a.id, a]));
    expect(byId.get(mine.body.auditId)).toMatchObject({ role: 'subject', kind: 'seeker-matches' });
    expect((byId.get(mine.body.auditId) as { results: unknown[] }).results.length).toBe(mine.body.items.length);
    const ranked = byId.get(ranking.body.auditId) as { role: string; vacancyId: string; rank: number; score: number; results: unknown };
    const myItem = ranking.body.items.find((i: { candidateId: string }) => i.candidateId === me.candidateId);
    expect(ranked).toMatchObject({ role: 'ranked', vacancyId: vac.body.id, rank: myItem.rank, score: myItem.score, results: null });
    expect(byId.get(adhoc.body.auditId)).toMatchObject({ role: 'requester', kind: 'adhoc-query' });
    // Nothing about the other candidate in the same ranking.
    expect(res.text).not.toContain(other.candidateId);
    expect(res.text).not.toContain('other@example.org');
  });

  it('is for job seekers only', async () => {
    expect((await s.call('GET', '/v1/candidates/me/export', { key: null })).status).toBe(401);
    expect((await s.call('GET', '/v1/candidates/me/export')).status).toBe(403);
  });
});
