import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sampleProfile, sampleVacancy, type TestApp } from './helper.js';

// An employer who lists skills without saying which are essential: the skill is optional (an asset, never a filter
// and never a "missing essential skill"), stated explicitly in the stored vacancy and the OpenAPI document.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('vacancy skills without `essential`', () => {
  it('stores them as optional and says so when read back', async () => {
    const { key } = t.employer();
    const payload = sampleVacancy({ skills: [{ label: 'MIG welding' }, { label: 'read engineering drawings', essential: true }] });
    const res = await t.request(key, { method: 'POST', url: '/v1/vacancies', payload });
    expect(res.statusCode).toBe(201);
    const read = await t.request(key, { method: 'GET', url: `/v1/vacancies/${res.json().id}` });
    expect(read.json().skills).toEqual([
      { label: 'MIG welding', essential: false },
      { label: 'read engineering drawings', essential: true },
    ]);
  });

  it('does not count an unmarked skill among the essential ones in a seeker\'s explanation', async () => {
    const { key } = t.employer();
    const vac = (
      await t.request(key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ skills: [{ label: 'MIG welding' }] }) })
    ).json();
    const seeker = t.jobseeker();
    const put = await t.request(seeker.key, {
      method: 'PUT',
      url: '/v1/candidates/me',
      payload: sampleProfile({ skills: [{ label: 'bake bread' }], destinations: ['DE'] }),
    });
    expect(put.statusCode, put.body).toBe(200);
    const matches = (await t.request(seeker.key, { method: 'GET', url: '/v1/candidates/me/matches?limit=50' })).json();
    const item = matches.items.find((i: { vacancyId: string }) => i.vacancyId === vac.id);
    expect(item, JSON.stringify({ n: matches.items?.length, first: matches.items?.[0], removed: matches.removed })).toBeDefined();
    const essential = item.explanation.components.find((c: { name: string }) => c.name === 'essentialSkills');
    expect(essential.stated).toBe(false);
    expect(item.explanation.missingSkills.filter((s: { essential: boolean }) => s.essential)).toEqual([]);
  });

  it('still refuses a non-boolean `essential`, naming the field', async () => {
    const { key } = t.employer();
    const res = await t.request(key, {
      method: 'POST',
      url: '/v1/vacancies',
      payload: sampleVacancy({ skills: [{ label: 'MIG welding', essential: 'yes' }] }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain('body.skills.0.essential');
  });

  it('documents the default in the OpenAPI input schema', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/openapi.json' })).json();
    const skill = doc.components.schemas.VacancySkillInput;
    expect(skill.required ?? []).not.toContain('essential');
    expect(skill.properties.essential.default).toBe(false);
  });
});
