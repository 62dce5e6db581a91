import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';
import { LIST_CAPS } from '../src/schemas/common.js';

// Every list and long text a client sends has a cap (README "Limits"). One past the cap answers 400 VALIDATION_FAILED
// naming the field and the rule; the cap itself is accepted.

let t: TestApp;
let employerKey: string;
let seekerKey: string;
beforeAll(async () => {
  t = await buildTestApp();
  employerKey = t.employer().key;
  seekerKey = t.jobseeker().key;
});
afterAll(async () => {
  await t.close();
});

const n = (count: number, make: (i: number) => unknown) => Array.from({ length: count }, (_, i) => make(i));
const LANGS = ['en', 'fr', 'es', 'ar', 'de', 'nl', 'it', 'pt', 'pl', 'ro', 'el', 'sv', 'da', 'fi', 'cs', 'sk', 'hu', 'bg', 'hr', 'sl', 'lt'];
const COUNTRIES = ['DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'AT', 'PT', 'PL', 'SE', 'DK', 'FI', 'IE', 'CZ', 'SK', 'HU', 'RO', 'BG', 'GR', 'HR', 'SI', 'LT', 'LV', 'EE', 'LU', 'MT', 'CY', 'NO', 'CH', 'IS', 'GB'];
const PATHWAYS = ['work-permit', 'seasonal-work', 'eu-blue-card', 'talent-partnership', 'apprenticeship', 'study-to-work', 'family'];

interface Case {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  key: () => string;
  body: (count: number) => unknown;
  cap: number;
  path: string;
  rule: string;
  /** The body at the cap is also sent and must pass validation. */
  atCap?: boolean;
}

const cases: Case[] = [
  { name: 'vacancy skills', method: 'POST', url: '/v1/vacancies', key: () => employerKey, cap: LIST_CAPS.vacancySkills, path: 'body.skills', rule: 'too_big', atCap: true,
    body: (c) => sampleVacancy({ skills: n(c, (i) => ({ label: `skill ${i}`, essential: i % 2 === 0 })) }) },
  { name: 'vacancy languages', method: 'POST', url: '/v1/vacancies', key: () => employerKey, cap: LIST_CAPS.languages, path: 'body.languages', rule: 'too_big', atCap: true,
    body: (c) => sampleVacancy({ languages: n(c, (i) => ({ code: LANGS[i % LANGS.length], level: 'B1' })) }) },
  { name: 'profile skills', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: LIST_CAPS.profileSkills, path: 'body.skills', rule: 'too_big', atCap: true,
    body: (c) => sampleProfile({ skills: n(c, (i) => ({ label: `skill ${i}` })) }) },
  { name: 'profile experience', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: LIST_CAPS.experience, path: 'body.experience', rule: 'too_big', atCap: true,
    body: (c) => sampleProfile({ experience: n(c, (i) => ({ title: `job ${i}`, years: 1 })) }) },
  { name: 'profile languages', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: LIST_CAPS.languages, path: 'body.languages', rule: 'too_big',
    body: (c) => sampleProfile({ languages: n(c, (i) => ({ code: LANGS[i % LANGS.length], level: 'B1' })) }) },
  { name: 'profile destinations', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: LIST_CAPS.destinations, path: 'body.destinations', rule: 'too_big',
    body: (c) => sampleProfile({ destinations: n(c, (i) => COUNTRIES[i % COUNTRIES.length]) }) },
  { name: 'profile pathways', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: LIST_CAPS.pathways, path: 'body.pathways', rule: 'too_big',
    body: (c) => sampleProfile({ pathways: n(c, (i) => PATHWAYS[i % PATHWAYS.length]) }) },
  { name: 'ad-hoc query skills', method: 'POST', url: '/v1/matches/query', key: () => seekerKey, cap: LIST_CAPS.profileSkills, path: 'body.skills', rule: 'too_big',
    body: (c) => ({ skills: n(c, (i) => ({ label: `skill ${i}` })) }) },
  { name: 'ad-hoc query experience', method: 'POST', url: '/v1/matches/query', key: () => seekerKey, cap: LIST_CAPS.experience, path: 'body.experience', rule: 'too_big',
    body: (c) => ({ skills: [{ label: 'welding' }], experience: n(c, (i) => ({ title: `job ${i}`, years: 1 })) }) },
  { name: 'ad-hoc query languages', method: 'POST', url: '/v1/matches/query', key: () => seekerKey, cap: LIST_CAPS.languages, path: 'body.languages', rule: 'too_big',
    body: (c) => ({ skills: [{ label: 'welding' }], languages: n(c, (i) => ({ code: LANGS[i % LANGS.length], level: 'B1' })) }) },
  { name: 'ad-hoc query destinations', method: 'POST', url: '/v1/matches/query', key: () => seekerKey, cap: LIST_CAPS.destinations, path: 'body.destinations', rule: 'too_big',
    body: (c) => ({ skills: [{ label: 'welding' }], destinations: n(c, (i) => COUNTRIES[i % COUNTRIES.length]) }) },
  { name: 'vacancy required licences', method: 'POST', url: '/v1/vacancies', key: () => employerKey, cap: LIST_CAPS.requiredLicences, path: 'body.requirements.licences', rule: 'too_big', atCap: true,
    body: (c) => sampleVacancy({ requirements: { licences: n(c, (i) => ({ kind: 'certificate', label: `certificate ${i}`, essential: i % 2 === 0 })) } }) },
  { name: 'profile licences', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: LIST_CAPS.heldLicences, path: 'body.licences', rule: 'too_big', atCap: true,
    body: (c) => sampleProfile({ licences: n(c, (i) => ({ kind: 'certificate', label: `certificate ${i}` })) }) },
  { name: 'ad-hoc query licences', method: 'POST', url: '/v1/matches/query', key: () => seekerKey, cap: LIST_CAPS.heldLicences, path: 'body.licences', rule: 'too_big',
    body: (c) => ({ skills: [{ label: 'welding' }], licences: n(c, (i) => ({ kind: 'certificate', label: `certificate ${i}` })) }) },
  { name: 'titles to normalise', method: 'POST', url: '/v1/taxonomy/occupations/normalize', key: () => seekerKey, cap: 256, path: 'body.titles', rule: 'too_big',
    body: (c) => ({ titles: n(c, (i) => `welder ${i}`) }) },
];

const textCases: { name: string; method: 'POST' | 'PUT'; url: string; key: () => string; body: (len: number) => unknown; cap: number; path: string }[] = [
  { name: 'vacancy title', method: 'POST', url: '/v1/vacancies', key: () => employerKey, cap: 200, path: 'body.title', body: (l) => sampleVacancy({ title: 'w'.repeat(l) }) },
  { name: 'vacancy description', method: 'POST', url: '/v1/vacancies', key: () => employerKey, cap: 20_000, path: 'body.description', body: (l) => sampleVacancy({ description: 'd'.repeat(l) }) },
  { name: 'vacancy skill label', method: 'POST', url: '/v1/vacancies', key: () => employerKey, cap: 200, path: 'body.skills.0.label', body: (l) => sampleVacancy({ skills: [{ label: 's'.repeat(l), essential: true }] }) },
  { name: 'profile skill label', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: 200, path: 'body.skills.0.label', body: (l) => sampleProfile({ skills: [{ label: 's'.repeat(l) }] }) },
  { name: 'experience title', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: 200, path: 'body.experience.0.title', body: (l) => sampleProfile({ experience: [{ title: 't'.repeat(l), years: 2 }] }) },
  { name: 'display name', method: 'PUT', url: '/v1/candidates/me', key: () => seekerKey, cap: 80, path: 'body.displayName', body: (l) => sampleProfile({ displayName: 'n'.repeat(l) }) },
  { name: 'text to extract skills from', method: 'POST', url: '/v1/taxonomy/skills/extract', key: () => seekerKey, cap: 20_000, path: 'body.text', body: (l) => ({ text: 'x '.repeat(l).slice(0, l) }) },
];

describe('list caps: one past the cap is a 400 naming the field; the cap itself passes', () => {
  for (const c of cases) {
    it(`${c.name} (at most ${c.cap})`, async () => {
      const over = await t.request(c.key(), { method: c.method, url: c.url, payload: c.body(c.cap + 1) as object });
      expect(over.statusCode, over.body).toBe(400);
      const err = over.json().error;
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details).toContainEqual(expect.objectContaining({ path: c.path, rule: c.rule }));
      expect(err.message).toContain(c.path);
      expect(err.message).toContain(String(c.cap));
      if (c.atCap) {
        const at = await t.request(c.key(), { method: c.method, url: c.url, payload: c.body(c.cap) as object });
        expect(at.statusCode, at.body.slice(0, 300)).toBeLessThan(300);
      }
    });
  }

  it('bulk import: at most 10,000 lines', async () => {
    const line = JSON.stringify(sampleVacancy());
    const res = await t.request(employerKey, {
      method: 'POST',
      url: '/v1/vacancies:bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: Array.from({ length: 10_001 }, () => line).join('\n'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path: 'body', rule: 'max_lines' }));
  });
});

describe('text caps: one character past the cap is a 400 naming the field', () => {
  for (const c of textCases) {
    it(`${c.name} (at most ${c.cap} characters)`, async () => {
      const over = await t.request(c.key(), { method: c.method, url: c.url, payload: c.body(c.cap + 1) as object });
      expect(over.statusCode, over.body.slice(0, 300)).toBe(400);
      expect(over.json().error.details).toContainEqual(expect.objectContaining({ path: c.path }));
      expect(over.json().error.message).toContain(c.path);
    });
  }
});
