// Issue 12, finding 5: no decision on a candidate who withdrew consent or was erased, and decision reasons hold what
// oversight needs (a closed code and a short note), not a person's contact details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProfile, sampleVacancy } from './helper.js';
import { startSecurityServer, type SecurityServer } from './security-server.js';

let s: SecurityServer;
let employerKey: string;
let vacancyId: string;
let auditId: string;
const seekers: Record<'a' | 'b' | 'c' | 'd', { candidateId: string; key: string }> = {} as never;

beforeAll(async () => {
  s = await startSecurityServer('decisions');
  const emp = await s.call('POST', '/v1/employers', { body: { name: 'Decisions GmbH', country: 'DE' } });
  employerKey = (await s.call('POST', '/v1/admin/keys', { body: { role: 'employer', employerId: emp.body.id } })).body.key;
  vacancyId = (await s.call('POST', '/v1/vacancies', { key: employerKey, body: sampleVacancy() })).body.id;
  for (const name of ['a', 'b', 'c', 'd'] as const) {
    const reg = await s.call('POST', '/v1/jobseekers', { key: null, body: {} });
    const put = await s.call('PUT', '/v1/candidates/me', { key: reg.body.key, body: sampleProfile({ displayName: `Seeker ${name.toUpperCase()}` }) });
    expect(put.status, put.text).toBe(200);
    seekers[name] = reg.body;
  }
  const matches = await s.call('GET', `/v1/vacancies/${vacancyId}/matches?limit=10`, { key: employerKey });
  expect(matches.status, matches.text).toBe(200);
  const ids = matches.body.items.map((i: { candidateId: string }) => i.candidateId);
  for (const x of Object.values(seekers)) expect(ids).toContain(x.candidateId);
  auditId = matches.body.auditId;
});
afterAll(async () => {
  await s?.cleanup();
});

const decide = (candidateId: string, body: Record<string, unknown> = {}) =>
  s.call('POST', `/v1/vacancies/${vacancyId}/decisions`, {
    key: employerKey,
    body: { candidateId, auditId, decision: 'hired', reasonCode: 'skills-match', ...body },
  });

describe('decisions after consent withdrawal or erasure (finding 5)', () => {
  it('records a decision on a consenting candidate', async () => {
    const res = await decide(seekers.a.candidateId, { note: 'Strong MIG work; German A2, course planned.' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ decision: 'hired', reasonCode: 'skills-match', note: 'Strong MIG work; German A2, course planned.' });
  });

  it('refuses one who withdrew matching consent, one who hid from employers and one who was erased, alike', async () => {
    const withdraw = (key: string, consent: { matching: boolean; visibleToEmployers: boolean }) =>
      s.call('PUT', '/v1/candidates/me', { key, body: sampleProfile({ consent }) });
    expect((await withdraw(seekers.b.key, { matching: false, visibleToEmployers: true })).status).toBe(200);
    expect((await withdraw(seekers.c.key, { matching: true, visibleToEmployers: false })).status).toBe(200);
    expect((await s.call('DELETE', '/v1/candidates/me', { key: seekers.d.key })).status).toBe(204);
    const messages = new Set<string>();
    for (const x of [seekers.b, seekers.c, seekers.d]) {
      const res = await decide(x.candidateId, { note: 'Reached by phone' });
      expect(res.status, res.text).toBe(409);
      expect(res.body.error.code).toBe('CANDIDATE_UNAVAILABLE');
      messages.add(res.body.error.message.replace(x.candidateId, 'X'));
    }
    // The employer cannot tell an erasure from a withdrawal.
    expect(messages.size).toBe(1);
    // Nothing was recorded about them.
    for (const x of [seekers.b, seekers.c]) {
      const exp = await s.call('GET', '/v1/candidates/me/export', { key: x.key });
      expect(exp.status).toBe(200);
      expect(exp.body.decisions).toEqual([]);
    }
  });

  it('takes a closed reason code and a short note without contact details', async () => {
    const a = seekers.a.candidateId;
    const bad: [Record<string, unknown>, string][] = [
      [{ note: 'Call her at fatou.d@example.org' }, 'body.note'],
      [{ note: 'Phone +33 6 12 34 56 78 after 6pm' }, 'body.note'],
      [{ note: 'Her number: 0612345678' }, 'body.note'],
      [{ note: 'CV at https://cv.example.org/fatou' }, 'body.note'],
      [{ note: 'x'.repeat(281) }, 'body.note'],
      [{ reasonCode: 'she-seemed-nice' }, 'body.reasonCode'],
      [{ reasonCode: 'other' }, 'body.note'],
      [{ reason: 'free text as before' }, 'body.reason'],
    ];
    for (const [body, path] of bad) {
      const res = await decide(a, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toContain(path);
    }
    // Ordinary notes, including a year range, are fine.
    const ok = await decide(a, { decision: 'shortlisted', reasonCode: 'experience-match', note: 'Welding 2019-2023 in Casablanca.' });
    expect(ok.status, ok.text).toBe(201);
    const other = await decide(a, { decision: 'rejected', reasonCode: 'other', note: 'Start date too late for the season.' });
    expect(other.status).toBe(201);
  });
});
