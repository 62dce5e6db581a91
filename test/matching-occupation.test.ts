import { describe, expect, it } from 'vitest';
import { buildSkillOccupationIndex, inferOccupations, ndcgAtK, topK } from '../src/matching/index.js';

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
