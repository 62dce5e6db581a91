import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { loadRealisticSet } from '../bench/match-realistic-set.js';

/**
 * A stored profile (GET /v1/candidates/me/matches) and the one-off query (POST /v1/matches/query) with the same content
 * rank identically: the same vacancies in the same order, with the same scores and the same component values, for
 * every seeker of the realistic set (54 seekers written in fr/es/ar/en/de against 88 ads in en/de/fr/es). Both paths
 * build features with one function and seed the tie shuffle with the profile's scored content.
 */
const { vacancies, seekers } = loadRealisticSet();

let t: TestApp;
const seekerKey = new Map<string, string>();
beforeAll(async () => {
  t = await buildTestApp();
  const employers = new Map<string, string>();
  for (const v of vacancies) {
    let key = employers.get(v.ad.country);
    if (!key) {
      key = t.employer(v.ad.country).key;
      employers.set(v.ad.country, key);
    }
    const r = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: { status: 'open', ...v.ad } });
    expect(r.statusCode, r.body).toBe(201);
  }
  for (const s of seekers) {
    const j = t.jobseeker();
    const put = await t.request(j.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...s.profile, consent: { matching: true, visibleToEmployers: true } } });
    expect(put.statusCode, put.body).toBe(200);
    seekerKey.set(s.key, j.key);
  }
}, 600_000);
afterAll(async () => {
  await t.close();
});

type Item = { vacancyId: string; score: number; explanation: { components: { name: string; value: number; weight: number; contribution: number; stated: boolean }[] } };
const ranking = (items: Item[]) => items.map((i) => ({ id: i.vacancyId, score: i.score, components: i.explanation.components }));

/** The one-off query body of a stored profile's content. */
function queryOf(profile: Record<string, unknown>): Record<string, unknown> {
  const { displayName: _name, ...content } = profile;
  return content;
}

describe('stored profile and one-off query rank the same content identically', () => {
  it('every realistic seeker: same ids, same order, same scores, same components', async () => {
    let compared = 0;
    for (const s of seekers) {
      const key = seekerKey.get(s.key)!;
      const stored = await t.request(key, { method: 'GET', url: '/v1/candidates/me/matches?limit=100' });
      const adhoc = await t.request(key, { method: 'POST', url: '/v1/matches/query?limit=100', payload: queryOf(s.profile) });
      expect(stored.statusCode, stored.body).toBe(200);
      expect(adhoc.statusCode, adhoc.body).toBe(200);
      const a = ranking(stored.json().items as Item[]);
      const b = ranking(adhoc.json().items as Item[]);
      expect(a.length, s.key).toBeGreaterThan(10);
      expect(b, `${s.key} (${s.group}): one-off query vs stored profile`).toEqual(a);
      compared++;
    }
    expect(compared).toBe(seekers.length);
  }, 600_000);

  it('a query whose title repeats an experience entry reads as the stored profile that lists it once', async () => {
    const profile = {
      skills: [{ label: 'prepare meat dishes' }, { label: 'food safety' }, { label: 'grilling' }],
      experience: [{ title: 'cook', years: 6 }],
      languages: [{ code: 'fr', level: 'C1' }],
      residenceCountry: 'TN',
      destinations: ['FR'],
    };
    const j = t.jobseeker();
    const put = await t.request(j.key, { method: 'PUT', url: '/v1/candidates/me', payload: { displayName: 'K.', ...profile, consent: { matching: true, visibleToEmployers: false } } });
    expect(put.statusCode, put.body).toBe(200);
    const stored = ranking((await t.request(j.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=100' })).json().items as Item[]);
    const adhoc = await t.request(j.key, { method: 'POST', url: '/v1/matches/query?limit=100', payload: { title: 'Cook', ...profile } });
    expect(adhoc.statusCode, adhoc.body).toBe(200);
    expect(ranking(adhoc.json().items as Item[])).toEqual(stored);
  }, 120_000);
});
