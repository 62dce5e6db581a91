import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildProfileFeatures,
  counterfactualFairnessCheck,
  keyPaths,
  loadMatchWeights,
  PROTECTED_ATTRIBUTES,
  scoreMatch,
  scoringRates,
  selectionRates,
  type ProfileFeatures,
} from '../src/matching/index.js';
import { FEATURE_TYPES_HAVE_NO_PROTECTED_FIELDS } from '../src/matching/features.js';
import { nurseVacancy, relatedness } from './matching-fixtures.js';

const weights = loadMatchWeights();
const S = (id: string) => `http://data.europa.eu/esco/skill/${id}`;
const vacancies = [
  nurseVacancy(),
  nurseVacancy({ id: 'vac_b', country: 'BE', languages: [{ code: 'nl', level: 'B1' }] }),
  nurseVacancy({ id: 'vac_c', remote: true, skills: [{ label: 'weld pipes', esco: S('weld'), essential: true }], occupations: [{ iscoCode: '7212', source: 'set' }] }),
  nurseVacancy({
    id: 'vac_d',
    country: 'DE',
    skills: [],
    requirements: { experienceYears: { min: 5, essential: true }, education: { minLevel: 6, essential: false }, licences: [{ kind: 'driving-licence', category: 'B', essential: true }] },
  }),
];

const skillPool = ['administer-medication', 'monitor-vitals', 'wound-care', 'ehr', 'weld', 'monitor-vitals-adjacent'];
const allowedProfile = fc.record({
  id: fc.constantFrom('cand_1', 'cand_2'),
  occupations: fc.array(fc.record({ iscoCode: fc.constantFrom('2221', '2221.1', '5321', '7212'), source: fc.constantFrom('set', 'suggested') }), { maxLength: 2 }),
  skills: fc.array(
    fc.oneof(
      fc.record({ label: fc.constantFrom('give medicine', 'wound care', 'welding'), esco: fc.constantFrom(...skillPool).map(S) }),
      fc.record({ label: fc.constantFrom('maintain patient records', 'patient recrods', 'forklift driving') }),
    ),
    { maxLength: 6 },
  ),
  experience: fc.array(fc.record({ title: fc.constantFrom('Nurse', 'Welder', 'Care assistant'), years: fc.integer({ min: 0, max: 20 }), country: fc.constantFrom('MA', 'SN', 'FR') }), { maxLength: 3 }),
  languages: fc.array(fc.record({ code: fc.constantFrom('fr', 'nl', 'ar', 'en'), level: fc.constantFrom('A1', 'A2', 'B1', 'B2', 'C1', 'C2') }), { maxLength: 3 }),
  residenceCountry: fc.constantFrom('MA', 'SN', 'UA', 'FR'),
  destinations: fc.array(fc.constantFrom('FR', 'BE', 'DE'), { maxLength: 3 }),
  educationLevel: fc.integer({ min: 0, max: 8 }),
  licences: fc.array(fc.constantFrom({ kind: 'driving-licence', category: 'B' }, { kind: 'driving-licence', category: 'CE' }, { kind: 'recognition', country: 'DE' }), { maxLength: 2 }),
  consent: fc.constant({ matching: true, visibleToEmployers: true }),
});

/** Arbitrary protected attributes, some of them with the field names a careless row mapper might produce. */
const protectedAttrs = fc.record(
  {
    sex: fc.constantFrom('female', 'male', 'x'),
    gender: fc.constantFrom('woman', 'man', 'non-binary'),
    age: fc.integer({ min: 16, max: 80 }),
    dateOfBirth: fc.constantFrom('1960-01-01', '2001-12-31'),
    nationality: fc.constantFrom('MA', 'SN', 'UA', 'SY', 'FR'),
    citizenship: fc.constantFrom('MA', 'FR'),
    ethnicity: fc.constantFrom('a', 'b', 'c'),
    race: fc.constantFrom('a', 'b'),
    religion: fc.constantFrom('r1', 'r2', 'none'),
    disability: fc.boolean(),
    maritalStatus: fc.constantFrom('single', 'married'),
    name: fc.constantFrom('Amina B.', 'John S.', 'Oksana K.'),
  },
  { requiredKeys: [] },
);

const withProtected = (raw: Record<string, unknown>, attrs: Record<string, unknown>) => ({
  ...raw,
  ...attrs,
  // Nested copies too: an experience entry or a skill carrying a protected field must not leak it either.
  experience: (raw.experience as Record<string, unknown>[]).map((e) => ({ ...e, ...attrs })),
  skills: (raw.skills as Record<string, unknown>[]).map((s) => ({ ...s, nationality: attrs.nationality })),
});

const rank = (raw: unknown) => {
  const p = buildProfileFeatures(raw);
  return vacancies
    .map((v) => ({ id: v.id, score: scoreMatch(v, p, weights, { semantic: 0.5, relatedness }).rawScore }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
};

describe('counterfactual fairness', () => {
  it('the feature types cannot carry protected attributes (compile-time)', () => {
    expect(FEATURE_TYPES_HAVE_NO_PROTECTED_FIELDS).toBe(true);
    const p: ProfileFeatures = {
      id: 'x',
      occupations: [],
      skills: [],
      experience: [],
      languages: [],
      destinations: [],
      consent: { matching: true, visibleToEmployers: true },
      // @ts-expect-error nationality is not a feature: the object literal does not type-check with it
      nationality: 'MA',
    };
    expect(p.id).toBe('x');
  });

  it('the feature builder drops protected attributes at any depth', () => {
    fc.assert(
      fc.property(allowedProfile, protectedAttrs, (raw, attrs) => {
        const built = buildProfileFeatures(withProtected(raw, attrs));
        const leaked = keyPaths(built).filter((path) => (PROTECTED_ATTRIBUTES as readonly string[]).includes(path.split('.').pop()!.replace(/\[\d+\]$/, '')));
        expect(leaked).toEqual([]);
        expect(built).toEqual(buildProfileFeatures(raw));
      }),
      { numRuns: 300 },
    );
  });

  it('changing any protected attribute changes no score and no rank', () => {
    fc.assert(
      fc.property(fc.array(allowedProfile, { minLength: 1, maxLength: 5 }), fc.array(protectedAttrs, { minLength: 2, maxLength: 4 }), (profiles, attrSets) => {
        const report = counterfactualFairnessCheck({
          rawProfiles: profiles.map((p) => withProtected(p, attrSets[0]!)),
          variants: (_raw, i) => attrSets.slice(1).map((a) => withProtected(profiles[i]!, a)),
          rank,
        });
        expect(report.variantsChecked).toBe(profiles.length * (attrSets.length - 1));
        expect(report.violations).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('the check itself detects a pipeline that leaks a protected attribute', () => {
    const leaky = (raw: unknown) => rank(raw).map((r, i) => ({ ...r, score: r.score + ((raw as { age?: number }).age ?? 0) * 1e-3 * i }));
    const base: Record<string, unknown> = { ...fc.sample(allowedProfile, { numRuns: 1, seed: 1 })[0]!, age: 30 };
    const report = counterfactualFairnessCheck<Record<string, unknown>>({
      rawProfiles: [base],
      variants: (raw) => [{ ...raw, age: 60 }],
      rank: leaky,
    });
    expect(report.violations.length).toBeGreaterThan(0);
  });
});

describe('LL144 metrics', () => {
  it('selection rate and impact ratio per category', () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => ({ group: 'A', selected: i < 5 })),
      ...Array.from({ length: 20 }, (_, i) => ({ group: 'B', selected: i < 5 })),
      { group: 'C', selected: true },
      { group: null, selected: true },
    ];
    const r = selectionRates(rows, { minShare: 0.05 });
    expect(r.total).toBe(32);
    expect(r.unknown).toBe(1);
    const by = Object.fromEntries(r.groups.map((g) => [g.group, g]));
    expect(by.A).toMatchObject({ n: 10, positive: 5, rate: 0.5, impactRatio: 1, excluded: false });
    expect(by.B).toMatchObject({ n: 20, rate: 0.25, impactRatio: 0.5 });
    expect(by.C).toMatchObject({ excluded: true, impactRatio: null });
  });

  it('scoring rate uses the sample median', () => {
    const r = scoringRates([
      { group: 'A', score: 0.9 },
      { group: 'A', score: 0.8 },
      { group: 'B', score: 0.2 },
      { group: 'B', score: 0.7 },
    ]);
    expect(r.median).toBeCloseTo(0.75);
    const by = Object.fromEntries(r.groups.map((g) => [g.group, g]));
    expect(by.A!.rate).toBe(1);
    expect(by.B!.rate).toBe(0);
    expect(by.B!.impactRatio).toBe(0);
  });
});
