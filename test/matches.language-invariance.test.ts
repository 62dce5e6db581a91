import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleVacancy, type TestApp } from './helper.js';
import { DEMO_PATH } from '../src/services/bootstrap.js';

/**
 * A profile's (or vacancy's) `lang` chooses only the language of explanations: the text is read in the language it
 * is written in, so changing `lang` alone must move no score and no rank, on either side of the match.
 */
const demo = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as { vacancies: (Record<string, unknown> & { employer: number })[]; candidates: Record<string, unknown>[] };
const LANGS = ['en', 'fr', 'es', 'ar', 'nl', 'de'];

// Profiles written the way people write (hand-made for this test): home-country titles, mixed languages, Arabic.
const consent = { matching: true, visibleToEmployers: true };
const REALISTIC_PROFILES: Record<string, unknown>[] = [
  { displayName: 'Y. B.', skills: [{ label: 'قيادة الشاحنات الثقيلة' }, { label: 'تحميل البضائع' }], experience: [{ title: 'سائق شاحنة', years: 8, country: 'MA' }], languages: [{ code: 'ar', level: 'C2' }, { code: 'fr', level: 'B1' }], residenceCountry: 'MA', destinations: ['DE', 'FR'], consent },
  { displayName: 'A. D.', skills: [{ label: 'toilette des patients' }, { label: 'surveiller les signes vitaux' }, { label: 'administer medication' }], experience: [{ title: 'aide-soignante', years: 5, country: 'SN' }], languages: [{ code: 'fr', level: 'C2' }], residenceCountry: 'SN', destinations: ['FR', 'BE'], consent },
  { displayName: 'J. R.', skills: [{ label: 'soldadura TIG' }, { label: 'MIG' }, { label: 'interpretar planos' }], experience: [{ title: 'soldador', years: 12, country: 'CO' }], languages: [{ code: 'es', level: 'C2' }, { code: 'en', level: 'A2' }], residenceCountry: 'CO', destinations: ['ES', 'DE'], consent },
  { displayName: 'K. O.', skills: [{ label: 'grilling' }, { label: 'food safety' }, { label: 'cortar verduras' }], experience: [{ title: 'line cook', years: 3 }], languages: [{ code: 'en', level: 'C1' }], residenceCountry: 'NG', destinations: [], consent },
];
const REALISTIC_VACANCIES: Record<string, unknown>[] = [
  sampleVacancy({ title: 'LKW-Fahrer (m/w/d) Fernverkehr', description: 'Wir suchen Berufskraftfahrer mit Führerschein CE.', skills: [{ label: 'Führerschein CE', essential: true }, { label: 'Be- und Entladen', essential: false }], languages: [{ code: 'de', level: 'A2' }] }),
  sampleVacancy({ title: 'Chauffeur poids lourd', country: 'FR', description: 'Transport régional, permis C+E exigé.', skills: [{ label: 'permis C+E', essential: true }, { label: 'chargement de la marchandise', essential: true }], languages: [{ code: 'fr', level: 'B1' }] }),
  sampleVacancy({ title: 'Ayudante de cocina', country: 'ES', description: 'Restaurante en Madrid.', skills: [{ label: 'cortar verduras', essential: true }, { label: 'higiene alimentaria', essential: true }], languages: [{ code: 'es', level: 'A2' }] }),
];

let t: TestApp;
let emp: { employerId: string; key: string };
const vacancyIds: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  emp = t.employer();
  for (const { employer: _e, ...v } of demo.vacancies) {
    const r = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: v });
    vacancyIds.push(r.json().id);
  }
  for (const v of REALISTIC_VACANCIES) {
    const r = await t.request(emp.key, { method: 'POST', url: '/v1/vacancies', payload: v });
    expect(r.statusCode).toBe(201);
    vacancyIds.push(r.json().id);
  }
}, 300_000);
afterAll(async () => {
  await t.close();
});

type Item = { vacancyId?: string; candidateId?: string; rank: number; score: number };
const ranking = (items: Item[]) => JSON.stringify(items.map((i) => [i.vacancyId ?? i.candidateId, i.rank, i.score]));

describe('the language of explanations never changes a score or a rank', () => {
  it('seeker side: every demo profile and every realistic profile ranks the same with every lang', async () => {
    for (const profile of [...demo.candidates, ...REALISTIC_PROFILES]) {
      const s = t.jobseeker();
      let reference: string | null = null;
      let suggestions: string | null = null;
      for (const lang of LANGS) {
        const put = await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...profile, lang } });
        expect(put.statusCode, put.body).toBe(200);
        const sug = JSON.stringify(put.json().suggestions);
        if (suggestions === null) suggestions = sug;
        else expect(sug, `suggestions for ${String(profile.displayName)} with lang ${lang}`).toBe(suggestions);
        const res = await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=100' });
        expect(res.statusCode).toBe(200);
        const r = ranking(res.json().items);
        if (reference === null) reference = r;
        else expect(r, `${String(profile.displayName)} with lang ${lang}`).toBe(reference);
      }
    }
  }, 600_000);

  it('employer side: a vacancy ranks the same candidates in the same order with every lang', async () => {
    for (const profile of REALISTIC_PROFILES) {
      const s = t.jobseeker();
      expect((await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...profile, lang: 'en' } })).statusCode).toBe(200);
    }
    for (const id of vacancyIds.slice(-REALISTIC_VACANCIES.length)) {
      let reference: string | null = null;
      for (const lang of LANGS) {
        const patch = await t.request(emp.key, { method: 'PATCH', url: `/v1/vacancies/${id}`, payload: { lang } });
        expect(patch.statusCode).toBe(200);
        const res = await t.request(emp.key, { method: 'GET', url: `/v1/vacancies/${id}/matches?limit=100` });
        expect(res.statusCode).toBe(200);
        const r = ranking(res.json().items);
        if (reference === null) reference = r;
        else expect(r, `vacancy ${id} with lang ${lang}`).toBe(reference);
      }
      expect(JSON.parse(reference!).length).toBeGreaterThan(0);
    }
  }, 600_000);
});
