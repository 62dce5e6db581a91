import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { DEMO_PATH } from '../src/services/bootstrap.js';
import { compareRanked } from '../src/matching/index.js';

// Decisions read back and joined to their audit record; declared attributes; the audit record's tie seed and pool.
const demo = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as { vacancies: (Record<string, unknown> & { employer: number; title: string })[]; candidates: Record<string, unknown>[] };

let t: TestApp;
let employer: { employerId: string; key: string };
let nurseVacancy: string;
const twins: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  employer = t.employer('DE');
  const { employer: _e, ...nurse } = demo.vacancies.find((v) => v.title === 'Specialist nurse')!;
  const res = await t.request(employer.key, { method: 'POST', url: '/v1/vacancies', payload: nurse });
  nurseVacancy = res.json().id;
  // Eight identical nurse profiles: exact score ties, registered in id order.
  for (let i = 0; i < 8; i++) {
    const s = t.jobseeker();
    const put = await t.request(s.key, {
      method: 'PUT',
      url: '/v1/candidates/me',
      payload: { ...demo.candidates[2], displayName: `Twin ${i}`, protected: i % 2 ? { sex: 'male' } : { sex: 'female', nationality: 'PH' } },
    });
    expect(put.statusCode).toBe(200);
    twins.push(s.candidateId);
  }
});
afterAll(async () => {
  await t.close();
});

describe('declared attributes', () => {
  it('derives the nationality region, accepts prefer-not-to-say, and shows them only to the seeker and admins', async () => {
    const s = t.jobseeker();
    const put = await t.request(s.key, {
      method: 'PUT',
      url: '/v1/candidates/me',
      payload: { ...demo.candidates[0], protected: { sex: 'prefer-not-to-say', ageBand: '35-44', nationality: 'MA', disability: 'prefer-not-to-say' } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().protected).toEqual({ sex: 'prefer-not-to-say', ageBand: '35-44', nationality: 'MA', nationalityRegion: 'north-africa', disability: 'prefer-not-to-say' });
    const regionOnly = t.jobseeker();
    const put2 = await t.request(regionOnly.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...demo.candidates[1], protected: { nationalityRegion: 'latin-america-caribbean' } } });
    expect(put2.json().protected).toMatchObject({ nationality: null, nationalityRegion: 'latin-america-caribbean', sex: null });
    const admin = await t.request(t.admin.key, { method: 'GET', url: `/v1/candidates/${s.candidateId}` });
    expect(admin.json().protected.nationalityRegion).toBe('north-africa');
    const bad = await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...demo.candidates[0], protected: { nationalityRegion: 'atlantis' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('protected.nationalityRegion');
  });
});

describe('ties and the audit record', () => {
  it('shuffles exact ties with a recorded seed, reproducibly, and records everyone scored', async () => {
    const res = await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/matches?limit=100` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { candidateId: string; score: number; rank: number }[];
    const twinItems = items.filter((i) => twins.includes(i.candidateId));
    expect(twinItems).toHaveLength(8);
    expect(new Set(twinItems.map((i) => i.score)).size).toBe(1);
    const audit = (await t.request(t.admin.key, { method: 'GET', url: `/v1/audit/records/${res.json().auditId}` })).json();
    expect(audit.ranking.tieBreak.method).toBe('seeded-shuffle');
    expect(audit.ranking.tieBreak.seed).toMatch(/^[0-9a-f]{16}$/);
    // The pool holds everyone assessed, with the same scores as served.
    const entries = audit.ranking.pool as [string, number, number][];
    const pool = new Map<string, number>(entries.map(([id, score]) => [id, score]));
    expect(pool.size).toBe(res.json().candidateSetSize);
    for (const i of items) expect(pool.get(i.candidateId)).toBe(i.score);
    // Identical twins are also equally close (closeness orders exact ties first; only then the seeded shuffle).
    expect(new Set(entries.filter(([id]) => twins.includes(id)).map((e) => e[2])).size).toBe(1);
    // Anyone with the seed recomputes the served order from the pool.
    const recomputed = entries.map(([id, score, closeness]) => ({ id, score, closeness })).sort(compareRanked(audit.ranking.tieBreak.seed));
    expect(recomputed.map((x) => x.id)).toEqual(items.map((i) => i.candidateId));
    // Not registration order: 8 tied twins in id order by chance is 1 in 40,320.
    expect(twinItems.map((i) => i.candidateId)).not.toEqual([...twins].sort());
    // Same vacancy, same day: the same order again.
    const again = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/matches?limit=100` })).json();
    expect(again.items.map((i: { candidateId: string }) => i.candidateId)).toEqual(items.map((i) => i.candidateId));
    const verify = (await t.request(t.admin.key, { method: 'GET', url: '/v1/audit/verify' })).json();
    expect(verify.ok).toBe(true);
  });
});

describe('decisions read back', () => {
  it('lists decisions per vacancy for its employer and for admins, joined to the rank and score they were taken on', async () => {
    const ranking = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/matches?limit=5` })).json();
    const [first, second] = ranking.items as { candidateId: string; rank: number; score: number }[];
    const post = (candidateId: string, decision: string) =>
      t.request(employer.key, {
        method: 'POST',
        url: `/v1/vacancies/${nurseVacancy}/decisions`,
        payload: { candidateId, auditId: ranking.auditId, decision, reasonCode: 'skills-match', note: 'Essential skills met' },
      });
    expect((await post(first!.candidateId, 'shortlisted')).statusCode).toBe(201);
    expect((await post(second!.candidateId, 'rejected')).statusCode).toBe(201);
    expect((await post(first!.candidateId, 'hired')).statusCode).toBe(201);

    const mine = await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/decisions` });
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items;
    expect(items.map((d: { decision: string }) => d.decision)).toEqual(['shortlisted', 'rejected', 'hired']);
    expect(items[0]).toMatchObject({ candidateId: first!.candidateId, auditId: ranking.auditId, ranking: { rank: first!.rank, score: first!.score } });
    expect(items[1].ranking).toMatchObject({ rank: second!.rank, score: second!.score });
    expect(items[0].candidate.pseudonym).toMatch(/^Candidate [0-9A-Z]{6}$/);
    expect(items[0].links).toBeUndefined();
    const hired = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/decisions?decision=hired` })).json();
    expect(hired.items).toHaveLength(1);
    const page1 = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/decisions?limit=2` })).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/decisions?limit=2&cursor=${page1.nextCursor}` })).json();
    expect(page2.items.map((d: { id: string }) => d.id)).toEqual([items[2].id]);

    // Another employer: the vacancy does not exist for it.
    const other = t.employer();
    expect((await t.request(other.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/decisions` })).statusCode).toBe(404);

    // Admin: every decision, filterable, linked to the audit record and the candidate, both readable.
    const all = (await t.request(t.admin.key, { method: 'GET', url: `/v1/decisions?employerId=${employer.employerId}&candidateId=${first!.candidateId}` })).json();
    expect(all.items.map((d: { decision: string }) => d.decision)).toEqual(['shortlisted', 'hired']);
    const link = all.items[0].links;
    expect(link.audit).toBe(`/v1/audit/records/${ranking.auditId}`);
    const audit = await t.request(t.admin.key, { method: 'GET', url: link.audit });
    expect(audit.json().results.find((r: { id: string }) => r.id === first!.candidateId).score).toBe(first!.score);
    const cand = await t.request(t.admin.key, { method: 'GET', url: link.candidate });
    expect(cand.json().id).toBe(first!.candidateId);
    const none = (await t.request(t.admin.key, { method: 'GET', url: `/v1/decisions?employerId=${other.employerId}` })).json();
    expect(none.items).toEqual([]);
    const bad = await t.request(t.admin.key, { method: 'GET', url: '/v1/decisions?decision=maybe' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('fair re-ranking is off unless the operator allows it', () => {
  it('refuses per-request parameters and tenant settings on a default service', async () => {
    const url = `/v1/vacancies/${nurseVacancy}/matches?limit=5&rerankAttribute=sex&rerankCategory=female&rerankMinShare=0.5`;
    const res = await t.request(employer.key, { method: 'GET', url });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('FAIR_RERANKING_ALLOWED');
    const put = await t.request(t.admin.key, {
      method: 'PUT',
      url: `/v1/fairness/reranking/${employer.employerId}`,
      payload: { apply: { attribute: 'sex', category: 'female', minShare: 0.5 }, allowPerRequest: false },
    });
    expect(put.statusCode).toBe(403);
    const get = (await t.request(t.admin.key, { method: 'GET', url: `/v1/fairness/reranking/${employer.employerId}` })).json();
    expect(get).toEqual({ apply: null, allowPerRequest: false, serviceAllows: false });
    // Switching it off is always allowed: it is the default.
    expect((await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${nurseVacancy}/matches?limit=5&rerank=off` })).statusCode).toBe(200);
  });
});
