import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildProfileFeatures,
  buildVacancyFeatures,
  checkCredential,
  credentialsInTexts,
  drivingCategoriesIn,
  expectedOccupationFit,
  isCredentialText,
  loadMatchWeights,
  rankMatches,
  requiredCredentialsIn,
  scoreMatch,
  type ComponentName,
  type OccupationRef,
  type VacancyFeatures,
} from '../src/matching/index.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const weights = loadMatchWeights();
const ctx = { semantic: 0.5, relatedness };
const comp = (s: ReturnType<typeof scoreMatch>, n: ComponentName) => s.components.find((c) => c.name === n)!;
const REQUIREMENTS: ComponentName[] = ['essentialSkills', 'optionalSkills', 'language', 'experience', 'education', 'licences'];

const cookVacancy = (over: Partial<VacancyFeatures> = {}): VacancyFeatures => ({
  id: 'vac_cook',
  title: 'Cook',
  occupations: [{ escoUri: 'occ:cook', iscoCode: '5120.1', source: 'suggested', confidence: 0.8, label: 'cook' }],
  skills: [
    { label: 'prepare meat dishes', esco: 's:meat', essential: true },
    { label: 'food safety', esco: 's:haccp', essential: true },
    { label: 'grill', esco: 's:grill', essential: false },
  ],
  languages: [{ code: 'de', level: 'A2' }],
  country: 'DE',
  remote: false,
  status: 'open',
  expiresAt: null,
  requirements: { licences: [] },
  ...over,
});
const cook = nurseProfile({
  id: 'cand_cook',
  occupations: [{ escoUri: 'occ:cook', iscoCode: '5120.1', source: 'suggested', confidence: 0.75 }],
  skills: [{ label: 'meat', esco: 's:meat' }, { label: 'HACCP', esco: 's:haccp' }],
  languages: [{ code: 'de', level: 'A2' }],
  destinations: ['DE'],
  experience: [{ title: 'cook', years: 6 }],
});

describe('nothing stated earns nothing', () => {
  it('a vacancy with no skills, languages or requirements gets no credit for them, and ranks below a matching one', () => {
    const empty = cookVacancy({ id: 'vac_empty', title: 'Staff wanted', occupations: [], skills: [], languages: [] });
    const s = scoreMatch(empty, cook, weights, ctx);
    for (const n of REQUIREMENTS) expect(comp(s, n)).toMatchObject({ stated: false, weight: 0, contribution: 0, value: 0 });
    expect(comp(s, 'occupation')).toMatchObject({ stated: true, value: 0 }); // unknown occupation: no free credit either
    const ranked = rankMatches(
      [
        { id: 'vac_empty', vacancy: empty, profile: cook, semantic: 0.5 },
        { id: 'vac_cook', vacancy: cookVacancy(), profile: cook, semantic: 0.5 },
      ],
      weights,
      { now: 0, requireVisibility: false, relatedness },
    );
    expect(ranked.items.map((i) => i.id)).toEqual(['vac_cook', 'vac_empty']);
    // Even with the empty ad closer in text, the matching one stays first.
    const closer = rankMatches(
      [
        { id: 'vac_empty', vacancy: empty, profile: cook, semantic: 0.9 },
        { id: 'vac_cook', vacancy: cookVacancy(), profile: cook, semantic: 0.4 },
      ],
      weights,
      { now: 0, requireVisibility: false, relatedness },
    );
    expect(closer.items[0]!.id).toBe('vac_cook');
  });

  it('a stated requirement takes the weight of an unstated one of its kind; contributions still sum to the score', () => {
    const onlyOptional = scoreMatch(cookVacancy({ skills: [{ label: 'grill', esco: 's:grill', essential: false }] }), cook, weights, ctx);
    expect(comp(onlyOptional, 'essentialSkills').weight).toBe(0);
    const w = weights.weights;
    const total = Object.values(w).reduce((a, b) => a + b, 0);
    expect(comp(onlyOptional, 'optionalSkills').weight).toBeCloseTo((w.essentialSkills + w.optionalSkills) / total, 3);
    const units = onlyOptional.components.reduce((a, c) => a + Math.round(c.contribution * 1e4), 0);
    expect(units).toBe(Math.round(onlyOptional.score * 1e4));
  });

  it('property: requirements the vacancy states never make it score below the same vacancy stating none', () => {
    const req = fc.record({
      skills: fc.array(fc.record({ label: fc.constantFrom('meat', 'weld', 'sew'), esco: fc.constantFrom('s:meat', 's:weld', 's:x'), essential: fc.boolean() }), { maxLength: 4 }),
      languages: fc.array(fc.record({ code: fc.constantFrom('de', 'fr'), level: fc.constantFrom('A1', 'B2', 'C2') as fc.Arbitrary<'A1' | 'B2' | 'C2'> }), { maxLength: 2 }),
      years: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
      edu: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
      licence: fc.boolean(),
    });
    fc.assert(
      fc.property(req, fc.double({ min: -1, max: 1, noNaN: true }), (r, semantic) => {
        const stated = cookVacancy({
          skills: r.skills,
          languages: r.languages,
          requirements: {
            ...(r.years ? { occupationYears: { min: r.years, essential: true } } : {}),
            ...(r.edu ? { education: { minLevel: r.edu as 1, essential: true } } : {}),
            licences: r.licence ? [{ kind: 'driving-licence', category: 'CE', essential: true }] : [],
          },
        });
        const none = cookVacancy({ skills: [], languages: [], requirements: { licences: [] } });
        const a = scoreMatch(stated, cook, weights, { ...ctx, semantic });
        const b = scoreMatch(none, cook, weights, { ...ctx, semantic });
        return a.rawScore >= b.rawScore - 1e-12;
      }),
      { numRuns: 300 },
    );
  });
});

describe('experience, education and licence requirements', () => {
  const welderVacancy = (requirements: VacancyFeatures['requirements']) =>
    cookVacancy({ title: 'Welder', occupations: [{ escoUri: 'occ:welder', iscoCode: '7212.1', source: 'set', confidence: 1 }], skills: [], languages: [], requirements });
  const welder = (years: number) =>
    nurseProfile({ occupations: [{ escoUri: 'occ:welder', iscoCode: '7212.1', source: 'set' }], experience: years ? [{ title: 'soldador', years }] : [], destinations: ['DE'] });

  it('a welder with 0 years and one with 20 differ when experience is required, and not otherwise', () => {
    const req = welderVacancy({ occupationYears: { min: 5, essential: true }, licences: [] });
    const none = welderVacancy({ licences: [] });
    const s0 = scoreMatch(req, welder(0), weights, ctx);
    const s20 = scoreMatch(req, welder(20), weights, ctx);
    expect(comp(s0, 'experience').value).toBe(0);
    expect(comp(s20, 'experience').value).toBe(1);
    expect(s20.score).toBeGreaterThan(s0.score);
    expect(s20.experience).toEqual([{ kind: 'occupationYears', essential: true, required: 5, have: 20, credit: 1 }]);
    expect(scoreMatch(none, welder(0), weights, ctx).score).toBe(scoreMatch(none, welder(20), weights, ctx).score);
  });

  it('years in the occupation count only experience close to it; overall years count everything', () => {
    const v = welderVacancy({ occupationYears: { min: 4, essential: true }, experienceYears: { min: 4, essential: false }, licences: [] });
    const p = nurseProfile({ occupations: [{ escoUri: 'occ:cook', iscoCode: '5120.1', source: 'set' }], experience: [{ title: 'cook', years: 8, occupation: { escoUri: 'occ:cook', iscoCode: '5120.1', source: 'set' } }] });
    const s = scoreMatch(v, p, weights, ctx);
    expect(s.experience.find((e) => e.kind === 'occupationYears')!.credit).toBe(0);
    expect(s.experience.find((e) => e.kind === 'experienceYears')!.credit).toBe(1);
  });

  it('education: met earns 1, short earns half the ratio, unstated on the profile earns nothing', () => {
    const v = welderVacancy({ education: { minLevel: 6, essential: true }, licences: [] });
    expect(comp(scoreMatch(v, nurseProfile({ educationLevel: 7 }), weights, ctx), 'education').value).toBe(1);
    expect(comp(scoreMatch(v, nurseProfile({ educationLevel: 3 }), weights, ctx), 'education').value).toBeCloseTo(0.25, 4);
    expect(comp(scoreMatch(v, nurseProfile({ educationLevel: undefined }), weights, ctx), 'education').value).toBe(0);
  });

  it('driving licences cover lower categories; one step short earns a little; essential weighs more than optional', () => {
    const v = welderVacancy({ licences: [{ kind: 'driving-licence', category: 'C', essential: true }, { kind: 'certificate', label: 'driver CPC (code 95)', essential: false }] });
    const held = (licences: ReturnType<typeof nurseProfile>['licences']) => comp(scoreMatch(v, nurseProfile({ licences }), weights, ctx), 'licences').value;
    expect(held([{ kind: 'driving-licence', category: 'CE' }, { kind: 'certificate', label: 'driver CPC (code 95)' }])).toBe(1);
    expect(held([{ kind: 'driving-licence', category: 'CE' }])).toBeCloseTo(1 / 1.5, 4);
    expect(held([{ kind: 'driving-licence', category: 'B' }])).toBe(0);
    expect(held([{ kind: 'certificate', label: 'driver CPC (code 95)' }])).toBeCloseTo(0.5 / 1.5, 4);
    const ce = { kind: 'driving-licence' as const, category: 'CE' as const, essential: true };
    expect(checkCredential(ce, [{ kind: 'driving-licence', category: 'C' }], [], weights.params).credit).toBe(weights.params.licenceFamilyCredit);
    expect(checkCredential({ kind: 'recognition', country: 'DE', essential: true }, [{ kind: 'recognition', country: 'DE', status: 'in-progress' }], [], weights.params).credit).toBe(0.5);
  });

  it('reads licences from the way people write them, in several languages', () => {
    expect(drivingCategoriesIn('permis C+E')).toEqual(['CE']);
    expect(drivingCategoriesIn('Führerschein Klasse CE')).toEqual(['CE']);
    expect(drivingCategoriesIn('carnet C+E')).toEqual(['CE']);
    expect(drivingCategoriesIn('HGV class 1')).toEqual(['CE']);
    expect(drivingCategoriesIn('licencia categoria C')).toEqual(['C']);
    expect(drivingCategoriesIn('رخصة قيادة C+E')).toEqual(['CE']);
    expect(drivingCategoriesIn('permis B')).toEqual(['B']);
    expect(drivingCategoriesIn('soudage TIG')).toEqual([]);
    expect(drivingCategoriesIn('à la cuisine')).toEqual([]);
    expect(requiredCredentialsIn('Permis C/CE', true)).toEqual([{ kind: 'driving-licence', category: 'C', essential: true }]);
    expect(credentialsInTexts(['FIMO', 'conduite poids lourd', 'chronotachygraphe'])).toEqual([{ kind: 'certificate', label: 'driver CPC (code 95)' }]);
    expect(isCredentialText('Führerschein Klasse CE')).toBe(true);
    expect(isCredentialText('conduite de poids lourds')).toBe(false);
    expect(isCredentialText('Sattelzug fahren mit Führerschein CE')).toBe(false);
  });

  it('a licence written as a vacancy skill is checked as a licence, not matched as a skill; a profile holds what it writes', () => {
    const v = buildVacancyFeatures({
      id: 'vac_t',
      title: 'LKW-Fahrer (m/w/d)',
      status: 'open',
      country: 'DE',
      skills: [{ label: 'Führerschein Klasse CE', essential: true }, { label: 'Ladungssicherung', essential: true }],
      languages: [],
    });
    expect(v.skills.map((s) => s.label)).toEqual(['Ladungssicherung']);
    expect(v.requirements.licences).toEqual([{ kind: 'driving-licence', category: 'CE', essential: true }]);
    const p = buildProfileFeatures({ skills: [{ label: 'رخصة قيادة C+E' }], experience: [{ title: 'HGV class 1 driver', years: 4 }], licences: [{ kind: 'driving-licence', category: 'B' }] });
    expect(p.licences).toEqual([{ kind: 'driving-licence', category: 'B' }, { kind: 'driving-licence', category: 'CE' }]);
    expect(comp(scoreMatch(v, p, weights, ctx), 'licences').value).toBe(1);
  });
});

describe('occupation fit is an expectation over the occupation distribution', () => {
  const levelFit = weights.params.occupationLevelFit;
  const nurse: OccupationRef = { escoUri: 'occ:nurse', iscoCode: '2221.1', source: 'suggested', confidence: 0.82 };
  const assistant: OccupationRef = { escoUri: 'occ:assistant', iscoCode: '5321.1', source: 'suggested', confidence: 0.11 };
  const vacancy: OccupationRef[] = [{ escoUri: 'occ:nurse', iscoCode: '2221.1', source: 'set', confidence: 1 }];

  it('sharp, flat and empty distributions', () => {
    expect(expectedOccupationFit([{ ...nurse, confidence: 1 }], vacancy, levelFit)).toBe(1);
    expect(expectedOccupationFit([nurse, assistant], vacancy, levelFit)).toBeCloseTo(0.82, 6);
    // Flat over three nursing specialities of one unit group: still a good fit through the hierarchy.
    const flat: OccupationRef[] = ['2221.2', '2221.3', '2221.4'].map((c, i) => ({ escoUri: `occ:n${i}`, iscoCode: c, source: 'suggested', confidence: 0.3 }));
    expect(expectedOccupationFit(flat, vacancy, levelFit)).toBeCloseTo(0.9 * levelFit[4]!, 6);
    expect(expectedOccupationFit([], vacancy, levelFit)).toBe(0);
    expect(expectedOccupationFit([nurse], [], levelFit)).toBe(0);
  });

  it('related occupations outside the ISCO group earn their relation, never the full credit', () => {
    const chef: OccupationRef[] = [{ escoUri: 'occ:chef', iscoCode: '3434.1', source: 'set' }];
    const cookOcc: OccupationRef[] = [{ escoUri: 'occ:cook', iscoCode: '5120.1', source: 'set' }];
    expect(expectedOccupationFit(chef, cookOcc, levelFit)).toBe(0);
    const related = (a: string, b: string) => ([a, b].sort().join() === 'occ:chef,occ:cook' ? 0.61 : 0);
    expect(expectedOccupationFit(chef, cookOcc, levelFit, { related, credit: 0.6 })).toBeCloseTo(0.366, 6);
    expect(expectedOccupationFit(chef, chef, levelFit, { related: () => 1, credit: 1 })).toBe(1);
    expect(expectedOccupationFit(chef, cookOcc, levelFit, { related: () => 1, credit: 1 })).toBe(0.95);
  });

  it('a user-set occupation wins over suggestions; uncalibrated scores summing above 1 are scaled', () => {
    const set: OccupationRef = { escoUri: 'occ:assistant', iscoCode: '5321.1', source: 'set' };
    expect(expectedOccupationFit([nurse, set], vacancy, levelFit)).toBe(0);
    const over = [{ ...nurse, confidence: 0.9 }, { ...nurse, escoUri: 'occ:other', iscoCode: '7212', confidence: 0.9 }];
    expect(expectedOccupationFit(over, vacancy, levelFit)).toBeCloseTo(0.5, 6);
  });
});

describe('the language someone writes in never enters a score', () => {
  it('the same profile with any lang scores the same (lang is not a feature)', () => {
    const base = { skills: [{ label: 'soudage TIG' }], experience: [{ title: 'soudeur', years: 4 }], destinations: ['FR'], consent: { matching: true, visibleToEmployers: true } };
    const a = buildProfileFeatures({ ...base, lang: 'fr' });
    for (const lang of ['en', 'es', 'ar', 'nl', 'de']) expect(buildProfileFeatures({ ...base, lang })).toEqual(a);
  });
});
