import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await buildTestApp();
  key = t.keyFor('jobseeker');
});
afterAll(async () => {
  await t.close();
});

const NURSE_GROUP = '2221';

describe('taxonomy routes: happy paths', () => {
  it('normalises one title with evidence', async () => {
    const res = await t.request(key, { method: 'POST', url: '/v1/taxonomy/occupations/normalize', payload: { title: 'Marketing Assistant', limit: 3 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results).toHaveLength(3);
    expect(body.results[0].label).toBe('marketing assistant');
    expect(body.results[0].id).toMatch(/^http:\/\/data\.europa\.eu\/esco\/occupation\//);
    expect(body.results[0].evidence.matchedLabel).toBeTruthy();
    expect(body.results[0].score).toBeGreaterThan(body.results[2].score - 1e-9);
  });

  it('normalises a batch in French and Spanish, and answers in the ISCO and O*NET schemes', async () => {
    const res = await t.request(key, { method: 'POST', url: '/v1/taxonomy/occupations/normalize', payload: { titles: ['infirmière', 'enfermera'], scheme: 'isco', limit: 5 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results).toHaveLength(2);
    for (const list of body.results) expect(list.map((r: { id: string }) => r.id)).toContain(NURSE_GROUP);
    const onet = await t.request(key, { method: 'POST', url: '/v1/taxonomy/occupations/normalize', payload: { title: 'registered nurse', scheme: 'onet' } });
    expect(onet.json().results[0].id).toBe('29-1141.00');
  });

  it('extracts skills with spans from a job ad', async () => {
    const text = 'Responsibilities:\n- customer service\n- stock control\nYou have a driving licence and know Microsoft Excel.';
    const res = await t.request(key, { method: 'POST', url: '/v1/taxonomy/skills/extract', payload: { text } });
    expect(res.statusCode).toBe(200);
    const skills = res.json().skills as { id: string; label: string; spans: [number, number][] }[];
    expect(skills.length).toBeGreaterThan(1);
    const cs = skills.find((s) => /customer service/i.test(s.label))!;
    expect(text.slice(cs.spans[0]![0], cs.spans[0]![1])).toBe('customer service');
  });

  it('reads an occupation by URI, code, ISCO and O*NET code in the requested language', async () => {
    const uri = 'http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34';
    const fr = await t.request(key, { method: 'GET', url: `/v1/taxonomy/occupations/${encodeURIComponent(uri)}`, headers: { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' } });
    expect(fr.statusCode).toBe(200);
    expect(fr.json().label).toContain('directeur technique');
    expect(fr.json().essentialSkills.length).toBeGreaterThan(0);
    expect(fr.json().iscoAncestors[0].code).toBe('2654');
    const es = await t.request(key, { method: 'GET', url: `/v1/taxonomy/occupations/${encodeURIComponent(uri)}?lang=es` });
    expect(es.json().lang).toBe('es');
    const isco = await t.request(key, { method: 'GET', url: `/v1/taxonomy/occupations/${NURSE_GROUP}?lang=fr` });
    expect(isco.json()).toMatchObject({ scheme: 'isco', label: 'Cadres infirmiers' });
    expect(isco.json().esco.length).toBeGreaterThan(0);
    const onet = await t.request(key, { method: 'GET', url: '/v1/taxonomy/occupations/29-1141.00' });
    expect(onet.json()).toMatchObject({ scheme: 'onet', label: 'Registered Nurses' });
  });

  it('reads a skill with relations; an unsupported language falls back to English and says so', async () => {
    const occ = await t.request(key, { method: 'GET', url: `/v1/taxonomy/occupations/${encodeURIComponent('http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34')}` });
    const skillId = occ.json().essentialSkills[0].id as string;
    const res = await t.request(key, { method: 'GET', url: `/v1/taxonomy/skills/${encodeURIComponent(skillId)}?lang=de` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: skillId, lang: 'en', langFallback: true });
    expect(Array.isArray(res.json().broader)).toBe(true);
  });

  it('gives a best effort with lower confidence for text in an unsupported language, whatever lang says', async () => {
    const de = await t.request(key, { method: 'POST', url: '/v1/taxonomy/occupations/normalize', payload: { title: 'Altenpflegerin', lang: 'fr', limit: 1 } });
    expect(de.statusCode).toBe(200);
    expect(de.json().results[0].evidence).toMatchObject({ unsupportedLanguage: true, readLang: 'de' });
    const en = await t.request(key, { method: 'POST', url: '/v1/taxonomy/occupations/normalize', payload: { title: 'marketing assistant', lang: 'de', limit: 1 } });
    expect(en.json().results[0].evidence.unsupportedLanguage).toBeUndefined();
  });

  it('extracts skills with ranked candidates for a form, and says when German text is read best effort', async () => {
    const r = await t.request(key, { method: 'POST', url: '/v1/taxonomy/skills/extract', payload: { text: 'Soudeur MIG/MAG, lecture de plans, permis C+E.', limit: 5 } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.readLang).toBe('fr');
    expect(body.skills.map((s: { label: string }) => s.label)).toEqual(expect.arrayContaining(['perform metal inert gas welding', 'manoeuvre heavy trucks']));
    expect(body.candidates.length).toBeGreaterThan(0);
    expect(body.candidates.length).toBeLessThanOrEqual(5);
    // each candidate carries a calibrated probability, in [0, 1] and in the order of the scores (a monotone map)
    const cands = body.candidates as { score: number; probability: number }[];
    for (const c of cands) expect(c.probability).toBeGreaterThanOrEqual(0), expect(c.probability).toBeLessThanOrEqual(1);
    for (let i = 1; i < cands.length; i++) expect(cands[i]!.probability).toBeLessThanOrEqual(cands[i - 1]!.probability);
    expect(cands[0]!.probability).toBeGreaterThan(0.5); // a sure link (MIG/MAG) reads as likely, not as its raw score alone
    const de = await t.request(key, { method: 'POST', url: '/v1/taxonomy/skills/extract', payload: { text: 'Wir suchen eine Pflegefachkraft für die Wundversorgung.' } });
    expect(de.json()).toMatchObject({ readLang: 'de', unsupportedLanguage: true });
  });
});
