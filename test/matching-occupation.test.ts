import { describe, expect, it } from 'vitest';
import { buildSkillOccupationIndex, inferOccupations, ndcgAtK, topK } from '../src/matching/index.js';
import { occupationComponent, type OccupationSkillFit, type TitleFit } from '../src/matching/occupation-fit.js';

const index = buildSkillOccupationIndex([
  { uri: 'occ:nurse', iscoCode: '2221.1', essential: ['s:meds', 's:vitals', 's:wounds', 's:hygiene'], optional: ['s:ehr'] },
  { uri: 'occ:care-assistant', iscoCode: '5321.1', essential: ['s:hygiene', 's:feeding', 's:meds'], optional: [] },
  { uri: 'occ:welder', iscoCode: '7212.1', essential: ['s:weld', 's:hygiene'], optional: ['s:blueprints'] },
]);

describe('inferOccupations', () => {
  it('skill evidence overrides a wrong title suggestion; rare skills count more than shared ones', () => {
    const r = inferOccupations([{ escoUri: 'occ:care-assistant', score: 0.6 }], ['s:vitals', 's:wounds', 's:hygiene'], index, { titleWeight: 0.3, limit: 2 });
    expect(r[0]).toMatchObject({ escoUri: 'occ:nurse', iscoCode: '2221.1', source: 'suggested' });
    expect(r[0]!.confidence).toBeGreaterThan(r[1]!.confidence!);
  });

  it('title weight 1 keeps the title ranking; no evidence gives no suggestion', () => {
    const r = inferOccupations([{ escoUri: 'occ:welder', score: 0.9 }], ['s:vitals', 's:wounds'], index, { titleWeight: 1, limit: 1 });
    expect(r[0]!.escoUri).toBe('occ:welder');
    expect(inferOccupations([], [], index, { titleWeight: 0.5, limit: 3 })).toEqual([]);
  });
});

describe('ranking metrics', () => {
  it('nDCG@k is 1 for the ideal order and lower otherwise', () => {
    expect(ndcgAtK([2, 1, 0], [0, 1, 2])).toBe(1);
    expect(ndcgAtK([0, 1, 2], [0, 1, 2])).toBeLessThan(1);
    expect(ndcgAtK([0, 0], [0, 0])).toBe(0);
  });
  it('topK breaks ties by index', () => {
    expect(topK([0.5, 0.9, 0.5, 0.1, 0.9], 3)).toEqual([1, 4, 0]);
  });
});

describe('an occupation reading that abstains: the skills can still carry the occupation', () => {
  const picker = 'occ:fruit-picker';
  const profile = (over: Partial<Parameters<typeof occupationComponent>[0]> = {}) => ({
    occupations: [{ escoUri: picker, iscoCode: '9211.1', source: 'suggested' as const, confidence: 0.6 }],
    experience: [{ title: 'Erntehelfer', years: 4 }],
    skills: [{ label: 'Obsternte', esco: 's:harvest' }],
    ...over,
  });
  const unknownAd = { occupations: [], title: 'Seasonal greenhouse worker (tomatoes)', skills: [{ label: 'harvest crops', esco: 's:harvest', essential: true }, { label: 'prune plants', esco: 's:prune', essential: false }, { label: 'packing', essential: false }] };
  // the picker's ESCO profile lists harvest (essential) and prune (optional); a toy title check that knows nothing
  const skillFit: OccupationSkillFit = (occ, skills) => (occ === picker ? skills.reduce((s, u) => s + (u === 's:harvest' ? 1 : u === 's:prune' ? 0.5 : 0), 0) / skills.length : 0);
  const noTitle: TitleFit = () => 0;
  const levels = [0, 0.1, 0.3, 0.5, 0.75, 0.85, 0.9];

  it('credits the unknown mass of the ad when its linked skills belong to the seeker’s likely occupation', () => {
    const without = occupationComponent(profile(), unknownAd, levels, undefined, { fit: noTitle, credit: 0.7 });
    const withSkills = occupationComponent(profile(), unknownAd, levels, undefined, { fit: noTitle, credit: 0.7 }, { fit: skillFit, credit: 0.5 });
    expect(without).toBe(0);
    // unknown mass 1 × seeker's p 0.6 × credit 0.5 × fit (1 + 0.5) / 2
    expect(withSkills).toBeCloseTo(1 * 0.6 * 0.5 * 0.75, 10);
  });

  it('and the other way round: a seeker read "unknown" whose skills belong to the ad’s occupation', () => {
    const ad = { occupations: [{ escoUri: picker, iscoCode: '9211.1', source: 'suggested' as const, confidence: 0.8 }], title: 'Erntehelfer', skills: [] };
    const seeker = profile({ occupations: [], experience: [{ title: 'jornalero', years: 7 }] });
    expect(occupationComponent(seeker, ad, levels, undefined, { fit: noTitle, credit: 0.7 }, { fit: skillFit, credit: 0.5 })).toBeCloseTo(1 * 0.8 * 0.5 * 1, 10);
  });

  it('gives nothing without linked skills, nothing when both sides abstain, and never exceeds the title check’s max', () => {
    const bare = { ...unknownAd, skills: [{ label: 'packing', essential: true }] };
    expect(occupationComponent(profile(), bare, levels, undefined, undefined, { fit: skillFit, credit: 0.5 })).toBe(0);
    expect(occupationComponent(profile({ occupations: [] }), unknownAd, levels, undefined, undefined, { fit: skillFit, credit: 0.5 })).toBe(0);
    const titled = occupationComponent(profile(), unknownAd, levels, undefined, { fit: () => 1, credit: 0.7 }, { fit: skillFit, credit: 0.5 });
    expect(titled).toBeCloseTo(0.6 * 0.7, 10); // the better of the two checks, not their sum
  });
});

describe('the skill check is for abstentions only', () => {
  it('does not credit the residual mass of a reading that has hypotheses', () => {
    const skillFit: OccupationSkillFit = () => 1;
    const ad = { occupations: [{ escoUri: 'occ:nurse', iscoCode: '2221.1', source: 'suggested' as const, confidence: 0.5 }], title: 'Nurse', skills: [{ label: 'x', esco: 's:x', essential: true }] };
    const seeker = { occupations: [{ escoUri: 'occ:care', iscoCode: '5321.1', source: 'suggested' as const, confidence: 0.5 }], experience: [], skills: [{ label: 'x', esco: 's:x' }] };
    const levels = [0, 0, 0, 0, 0, 0, 0];
    expect(occupationComponent(seeker, ad, levels, undefined, undefined, { fit: skillFit, credit: 0.5 })).toBe(0);
  });
});
