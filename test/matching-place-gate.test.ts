/**
 * The place gate (issue 11, realistic matching): the location and language components weigh in proportion to how well
 * the job itself fits, so a job in the seeker's destination and language that matches nothing of the person does not
 * outrank the right job elsewhere. Pure scorer, fixtures of the matching tests.
 */
import { describe, expect, it } from 'vitest';
import { loadMatchWeights, parseMatchWeights, scoreMatch } from '../src/matching/index.js';
import { placeGate } from '../src/matching/scorer.js';
import { COMPONENT_NAMES } from '../src/matching/types.js';
import { NURSE_OCC, nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const base = loadMatchWeights();
const gated = { ...base, params: { ...base.params, placeGateAt: 0.1 } };
const { placeGateAt: _none, ...ungatedParams } = base.params;
const ungated = { ...base, params: ungatedParams };
const ctx = { semantic: 0.3, relatedness };

// A nurse who wants to work in Germany, read as a nurse with confidence.
const nurse = nurseProfile({
  occupations: [{ escoUri: NURSE_OCC, iscoCode: '2221.1', source: 'suggested', confidence: 0.6, label: 'nurse responsible for general care' }],
  skills: [{ label: 'administer medication', esco: 'http://data.europa.eu/esco/skill/administer-medication' }],
  languages: [{ code: 'de', level: 'B2' }],
  destinations: ['DE'],
});
// The right job in a country she did not choose, and a welding job in her destination and language.
const nurseAdElsewhere = nurseVacancy({ country: 'FR', languages: [{ code: 'fr', level: 'B2' }] });
const welderAdThere = nurseVacancy({
  id: 'vac_welder',
  title: 'Schweißer (m/w/d)',
  country: 'DE',
  languages: [{ code: 'de', level: 'B1' }],
  occupations: [{ escoUri: 'http://data.europa.eu/esco/occupation/welder', iscoCode: '7212.1', source: 'set', confidence: 1, label: 'welder' }],
  skills: [{ label: 'MIG welding', esco: 'http://data.europa.eu/esco/skill/mig', essential: true }],
});

describe('place gate', () => {
  it('gives a job that fits nothing no credit for its place, and keeps it for a job that fits', () => {
    const wrong = scoreMatch(welderAdThere, nurse, gated, ctx);
    const comp = (s: typeof wrong, n: string) => s.components.find((c) => c.name === n)!;
    expect(comp(wrong, 'occupation').value).toBe(0);
    expect(comp(wrong, 'essentialSkills').value).toBe(0);
    expect(comp(wrong, 'location').value).toBe(1); // the place itself fits…
    expect(comp(wrong, 'location').weight).toBe(0); // …but weighs nothing for a job she cannot do
    expect(comp(wrong, 'location').contribution).toBe(0);
    expect(comp(wrong, 'language').contribution).toBe(0);
    const right = scoreMatch(nurseVacancy({ country: 'DE', languages: [{ code: 'de', level: 'B2' }] }), nurse, gated, ctx);
    expect(comp(right, 'location').weight).toBe(comp(scoreMatch(nurseVacancy({ country: 'DE' }), nurse, ungated, ctx), 'location').weight);
    expect(comp(right, 'location').contribution).toBeGreaterThan(0);
  });

  it('ranks the right job elsewhere above a wrong job in the destination; without the gate the place lifts the wrong one', () => {
    const rightElsewhere = scoreMatch(nurseAdElsewhere, nurse, gated, ctx).score;
    const wrongThere = scoreMatch(welderAdThere, nurse, gated, ctx).score;
    expect(rightElsewhere).toBeGreaterThan(wrongThere);
    // the gate only ever removes place credit: the wrong job loses exactly its location and language contributions
    const before = scoreMatch(welderAdThere, nurse, ungated, ctx);
    const after = scoreMatch(welderAdThere, nurse, gated, ctx);
    const place = before.components.filter((c) => c.name === 'location' || c.name === 'language').reduce((a, c) => a + c.contribution, 0);
    expect(after.score).toBeCloseTo(before.score - place, 3);
  });

  it('is a pure function of the pair, 1 without the parameter, and contributions still sum to the score', () => {
    const values = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, 0])) as Record<(typeof COMPONENT_NAMES)[number], number>;
    const stated = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, true])) as Record<(typeof COMPONENT_NAMES)[number], boolean>;
    expect(placeGate(values, stated, ungatedParams)).toBe(1);
    expect(placeGate({ ...values, occupation: 0.05 }, stated, gated.params)).toBeCloseTo(0.5, 10);
    expect(placeGate({ ...values, essentialSkills: 0.3 }, stated, gated.params)).toBe(1);
    // unstated essential skills are no evidence of fit
    expect(placeGate({ ...values, essentialSkills: 0.3 }, { ...stated, essentialSkills: false }, gated.params)).toBe(0);
    for (const v of [welderAdThere, nurseAdElsewhere]) {
      const s = scoreMatch(v, nurse, gated, ctx);
      const units = s.components.reduce((a, c) => a + Math.round(c.contribution * 1e4), 0);
      expect(units).toBe(Math.round(s.score * 1e4));
    }
  });

  it('rejects a gate outside (0, 1] in a weights file', () => {
    expect(() => parseMatchWeights({ ...base, params: { ...base.params, placeGateAt: 0 } })).toThrow(/placeGateAt/);
    expect(() => parseMatchWeights({ ...base, params: { ...base.params, placeGateAt: 1.5 } })).toThrow(/placeGateAt/);
  });

  it('an employer ranking people weighs the place in proportion to the job fit (employerPlaceGateAt); a seeker ranking jobs by placeGateAt', () => {
    const params = { ...base.params, placeGateAt: 0.3, employerPlaceGateAt: 1 };
    const w = { ...base, params };
    const values = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, 0])) as Record<(typeof COMPONENT_NAMES)[number], number>;
    const stated = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, true])) as Record<(typeof COMPONENT_NAMES)[number], boolean>;
    // a related occupation (a care worker on a nurse ad, fit 0.27): full place weight for the seeker, 27 % for the employer
    expect(placeGate({ ...values, occupation: 0.27 }, stated, params, 'seeker')).toBeCloseTo(0.9, 10);
    expect(placeGate({ ...values, occupation: 0.27 }, stated, params)).toBeCloseTo(0.9, 10);
    expect(placeGate({ ...values, occupation: 0.27 }, stated, params, 'employer')).toBeCloseTo(0.27, 10);
    // the same pair scored for each audience: only the place weights differ, and each side's parts sum to its score
    const ad = nurseVacancy({ country: 'DE', languages: [{ code: 'de', level: 'B2' }] });
    const seeker = scoreMatch(ad, nurse, w, { ...ctx, audience: 'seeker' });
    const employer = scoreMatch(ad, nurse, w, { ...ctx, audience: 'employer' });
    const comp = (s: typeof seeker, n: string) => s.components.find((c) => c.name === n)!;
    for (const n of COMPONENT_NAMES) if (n !== 'location' && n !== 'language') expect(comp(employer, n)).toEqual(comp(seeker, n));
    expect(comp(employer, 'location').weight).toBeLessThan(comp(seeker, 'location').weight);
    expect(employer.score).toBeLessThan(seeker.score);
    for (const s of [seeker, employer]) expect(s.components.reduce((a, c) => a + Math.round(c.contribution * 1e4), 0)).toBe(Math.round(s.score * 1e4));
    // without employerPlaceGateAt both audiences share placeGateAt
    const { employerPlaceGateAt: _e, ...one } = params;
    expect(scoreMatch(ad, nurse, { ...base, params: one }, { ...ctx, audience: 'employer' }).score).toBe(seeker.score);
  });
});
