import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, type TestApp } from './helper.js';

// Matching through the real service (HTTP routes, SQLite, USE-lite, HNSW): requirements, destinations, occupations.
// Issue 15: the same suite on each storage back end (test/helper.ts BACKENDS).
describe.each(BACKENDS)('%s', (backend) => {
let t: TestApp;
let de: { employerId: string; key: string };
let fr: { employerId: string; key: string };
const ids = new Map<string, string>();

const ad = (over: Record<string, unknown>) => ({ description: 'Full time, start soon.', country: 'DE', languages: [], skills: [], status: 'open', lang: 'en', ...over });

beforeAll(async () => {
  // A small retrieval N, so that destinations must be searched on their own to be found at all.
  t = await buildTestApp({ backend, MATCH_RETRIEVAL_N: 10 });
  de = t.employer('DE');
  fr = t.employer('FR');
  const post = async (key: string, name: string, body: Record<string, unknown>) => {
    const res = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    ids.set(name, res.json().id);
  };
  await post(de.key, 'cook-de', ad({
    title: 'Cook for hotel restaurant',
    skills: [{ label: 'prepare meat dishes', essential: true }, { label: 'food safety and hygiene', essential: true }, { label: 'grill', essential: false }],
    languages: [{ code: 'de', level: 'A2' }],
    requirements: { occupationYears: { min: 3, essential: true } },
  }));
  await post(de.key, 'empty-de', ad({ title: 'Job offer - start immediately', description: 'Good salary, contact us.' }));
  // Many near neighbours in DE, so the one in FR is not among the 10 nearest overall.
  for (let i = 0; i < 12; i++) await post(de.key, `chef-de-${i}`, ad({ title: `Chef cook ${i}`, skills: [{ label: 'prepare meat dishes', essential: true }, { label: 'cook', essential: true }] }));
  await post(fr.key, 'cook-fr', ad({ title: 'Cuisinier', country: 'FR', lang: 'fr', description: 'Brasserie à Lyon.', skills: [{ label: 'préparer des plats de viande', essential: true }] }));
  await post(de.key, 'truck-de', ad({
    title: 'LKW-Fahrer (m/w/d)',
    lang: 'de',
    skills: [{ label: 'Führerschein Klasse CE', essential: true }, { label: 'Ladungssicherung', essential: false }],
    requirements: { licences: [{ kind: 'certificate', label: 'driver CPC (code 95)', essential: false }] },
  }));
});
afterAll(async () => {
  await t.close();
});

const cookQuery = (over: Record<string, unknown> = {}) => ({
  title: 'cook',
  skills: [{ label: 'prepare meat dishes' }, { label: 'food safety' }, { label: 'grilling' }],
  experience: [{ title: 'cook', years: 6 }],
  languages: [{ code: 'de', level: 'A2' }],
  residenceCountry: 'TN',
  ...over,
});

describe('nothing stated earns nothing (through the service)', () => {
  it('a vacancy that states nothing ranks below the cook vacancy for a cook, and earns nothing for what it does not state', async () => {
    const res = await t.request(t.keyFor('jobseeker'), { method: 'POST', url: '/v1/matches/query?limit=20', payload: cookQuery({ destinations: ['DE'] }) });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { vacancyId: string; score: number; explanation: { components: { name: string; stated: boolean; contribution: number }[] } }[];
    const rank = (name: string) => items.findIndex((i) => i.vacancyId === ids.get(name));
    expect(rank('cook-de')).toBeGreaterThanOrEqual(0);
    expect(rank('empty-de') === -1 || rank('empty-de') > rank('cook-de')).toBe(true);
    const empty = items.find((i) => i.vacancyId === ids.get('empty-de'));
    if (empty) {
      for (const c of empty.explanation.components) {
        if (!['semantic', 'occupation', 'location'].includes(c.name)) expect(c).toMatchObject({ stated: false, contribution: 0 });
      }
    }
  });
});

describe('POST /v1/matches/query honours destinations like a stored profile', () => {
  it('retrieves and ranks vacancies in the chosen destination, the same way for a stored profile', async () => {
    const q = await t.request(t.keyFor('jobseeker'), { method: 'POST', url: '/v1/matches/query?limit=5', payload: cookQuery({ destinations: ['FR'], languages: [{ code: 'fr', level: 'C1' }] }) });
    expect(q.statusCode, q.body).toBe(200);
    const adhoc = q.json().items as { vacancyId: string; vacancy: { country: string } }[];
    expect(adhoc.map((i) => i.vacancyId)).toContain(ids.get('cook-fr'));
    expect(adhoc[0]!.vacancy.country).toBe('FR');

    const s = t.jobseeker();
    const put = await t.request(s.key, {
      method: 'PUT',
      url: '/v1/candidates/me',
      payload: {
        displayName: 'K.',
        skills: cookQuery().skills,
        experience: [{ title: 'cook', years: 6 }],
        languages: [{ code: 'fr', level: 'C1' }],
        residenceCountry: 'TN',
        destinations: ['FR'],
        consent: { matching: true, visibleToEmployers: false },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const stored = (await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=5' })).json().items as { vacancyId: string; vacancy: { country: string } }[];
    expect(stored[0]!.vacancy.country).toBe('FR');
    expect(stored.map((i) => i.vacancyId)).toContain(ids.get('cook-fr'));
  });
});

describe('vacancy requirements and licences', () => {
  it('stores stated requirements and reads a licence written as a skill; a profile holding it meets it', async () => {
    const v = (await t.request(de.key, { method: 'GET', url: `/v1/vacancies/${ids.get('cook-de')}` })).json();
    expect(v.requirements).toEqual({ occupationYears: { min: 3, essential: true }, licences: [] });
    const driver = t.jobseeker();
    const put = await t.request(driver.key, {
      method: 'PUT',
      url: '/v1/candidates/me',
      payload: {
        displayName: 'A.',
        skills: [{ label: 'رخصة قيادة C+E' }, { label: 'cargo securing' }],
        experience: [{ title: 'سائق شاحنة', years: 10 }],
        licences: [{ kind: 'certificate', label: 'driver CPC (code 95)' }],
        languages: [{ code: 'ar', level: 'C2' }],
        residenceCountry: 'EG',
        destinations: ['DE'],
        consent: { matching: true, visibleToEmployers: true },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().licences).toEqual([{ kind: 'certificate', label: 'driver CPC (code 95)' }]);
    const m = (await t.request(driver.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=20' })).json();
    const truck = m.items.find((i: { vacancyId: string }) => i.vacancyId === ids.get('truck-de'));
    expect(truck).toBeTruthy();
    const licences = truck.explanation.licences as { required: { kind: string; category?: string }; credit: number }[];
    expect(licences.map((l) => [l.required.kind, l.credit])).toEqual([
      ['certificate', 1],
      ['driving-licence', 1],
    ]);
    expect(truck.explanation.components.find((c: { name: string }) => c.name === 'licences')).toMatchObject({ stated: true, value: 1 });
    // The licence line is not a skill requirement (it cannot be mislinked to an ESCO skill).
    expect(truck.explanation.missingSkills.map((s: { label: string }) => s.label)).not.toContain('Führerschein Klasse CE');
  });

  it('rejects malformed requirements with 400 naming the field', async () => {
    const bad = await t.request(de.key, {
      method: 'POST',
      url: '/v1/vacancies',
      payload: ad({ title: 'Driver', requirements: { licences: [{ kind: 'driving-licence', category: 'Z', essential: true }] } }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.message).toContain('requirements.licences');
    const years = await t.request(de.key, { method: 'POST', url: '/v1/vacancies', payload: ad({ title: 'Driver', requirements: { experienceYears: { min: -2 } } }) });
    expect(years.statusCode).toBe(400);
    expect(years.json().error.message).toContain('requirements.experienceYears.min');
  });
});

describe('the occupation read from a profile is shown, and the user can correct it', () => {
  it('a user-set occupation wins and is named in the explanation', async () => {
    const s = t.jobseeker();
    const cookUri = 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e';
    const body = {
      displayName: 'C.',
      skills: [{ label: 'prepare meat dishes' }],
      experience: [{ title: 'kitchen', years: 2 }],
      languages: [],
      residenceCountry: 'TN',
      destinations: ['DE'],
      consent: { matching: true, visibleToEmployers: false },
    };
    await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: body });
    const before = (await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=1' })).json().items[0].explanation.occupation.profile;
    expect(['inferred', 'unknown']).toContain(before.status);
    const put = await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...body, occupation: { esco: cookUri } } });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await t.request(s.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=1', headers: { 'accept-language': 'fr' } })).json().items[0].explanation;
    expect(after.occupation.profile).toMatchObject({ status: 'set', candidates: [{ escoUri: cookUri, probability: 1, source: 'set' }] });
    expect(after.occupation.profile.candidates[0].label.lang).toBe('fr');
    expect(after.summary).toContain('Votre métier, tel que vous l’avez indiqué');
  });
});
});
