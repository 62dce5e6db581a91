import { describe, expect, it } from 'vitest';
import { compareRanked, loadMatchWeights, parseMatchWeights, rankMatches, scoreMatch, type MatchCandidate } from '../src/matching/index.js';
import { semanticSpreadFor } from '../src/matching/scorer.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const weights = loadMatchWeights();
const S = (id: string): string => `http://data.europa.eu/esco/skill/${id}`;

describe('exact score ties: closeness first, then the seeded shuffle, then id', () => {
  // Two profiles equal on everything scored; their texts are both below the floor (semantic component 0), one closer.
  const floors = { pairs: { 'de|de': 0.8, 'de|fr': 0.5 }, same: 0.8, cross: 0.5, spreads: { pairs: { 'de|de': 0.04, 'de|fr': 0.1 }, same: 0.04, cross: 0.1 } };
  const w = { ...weights, params: { ...weights.params, semanticFloors: floors } };
  const vacancy = nurseVacancy({ textLang: 'de' });
  const pair = (id: string, semantic: number, textLang = 'de'): MatchCandidate => ({ id, vacancy, profile: nurseProfile({ id, textLang }), semantic });

  it('orders equal scores by closeness whatever the seed, and shuffles only pairs equal on both', () => {
    const candidates = [pair('a', 0.7), pair('b', 0.76), pair('c', 0.7), pair('d', 0.7)];
    for (const seed of ['s1', 's2', 's3', undefined]) {
      const r = rankMatches(candidates, w, { now: 0, requireVisibility: true, relatedness, tieSeed: seed });
      expect(new Set(r.items.map((x) => x.match.score)).size).toBe(1); // an exact tie on the score
      expect(r.items.map((x) => x.match.components.find((c) => c.name === 'semantic')!.value)).toEqual([0, 0, 0, 0]);
      expect(r.items[0]!.id).toBe('b'); // the closer text first, every day
      expect(r.items[0]!.match.closeness).toBeCloseTo((0.76 - 0.8) / 0.04, 4);
      // the pool carries closeness, so the order can be recomputed from it
      expect([...r.pool].sort(compareRanked(seed)).map((x) => x.id)).toEqual(r.items.map((x) => x.id));
    }
    // a, c, d are equal on score and closeness: the seeded shuffle decides, and it moves with the seed
    const orders = new Set(['s1', 's2', 's3', 's4', 's5', 's6'].map((seed) => rankMatches(candidates, w, { now: 0, requireVisibility: true, relatedness, tieSeed: seed }).items.slice(1).map((x) => x.id).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('measures closeness in the language pair’s spread, so no written language is ahead by itself', () => {
    expect(semanticSpreadFor(w.params, 'de', 'de')).toBe(0.04);
    expect(semanticSpreadFor(w.params, 'fr', 'de')).toBe(0.1);
    expect(semanticSpreadFor(w.params, 'nl', 'nl')).toBe(0.04);
    expect(semanticSpreadFor(w.params, 'und', 'de')).toBe(0.1);
    // Each at its own pair's median of unrelated pairs (floor − spread): the same closeness, −1.
    const same = scoreMatch(vacancy, nurseProfile({ textLang: 'de' }), w, { semantic: 0.8 - 0.04, relatedness });
    const cross = scoreMatch(vacancy, nurseProfile({ textLang: 'fr' }), w, { semantic: 0.5 - 0.1, relatedness });
    expect(same.closeness).toBeCloseTo(-1, 4);
    expect(cross.closeness).toBeCloseTo(-1, 4);
    // Without spreads (older weights) closeness is the unclamped semantic value.
    const { spreads: _none, ...noSpreads } = floors;
    const old = scoreMatch(vacancy, nurseProfile({ textLang: 'de' }), { ...weights, params: { ...weights.params, semanticFloors: noSpreads } }, { semantic: 0.76, relatedness });
    expect(old.closeness).toBeCloseTo((0.76 - 0.8) / 0.2, 4);
  });

  it('rejects malformed spreads in a weights file', () => {
    const raw = { version: 'x', weights: weights.weights, params: { ...weights.params, semanticFloors: { ...floors, spreads: { pairs: { 'de|de': -1 }, same: 0.1, cross: 0.1 } } } };
    expect(() => parseMatchWeights(raw)).toThrow(/spreads/);
  });
});

describe('the specificity of a requirement nothing links to', () => {
  // One generic linked requirement (idf 2: many occupations list it) and one specific line nothing links to.
  const vacancy = nurseVacancy({
    skills: [
      { label: 'respect des normes d’hygiène', esco: S('hygiene'), essential: true },
      { label: 'préparations froides', essential: true },
    ],
  });
  const profile = nurseProfile({ skills: [{ label: 'personal hygiene', esco: S('hygiene') }] });
  const specificity = (uri: string) => (uri === S('hygiene') ? 2 : Number.NaN);
  const coverage = (unlinkedSpecificity: number | undefined) => {
    const { unlinkedSpecificity: _drop, ...params } = weights.params;
    const w = { ...weights, params: unlinkedSpecificity === undefined ? params : { ...params, unlinkedSpecificity } };
    return scoreMatch(vacancy, profile, w, { semantic: 0.5, relatedness, specificity }).components.find((c) => c.name === 'essentialSkills')!.value;
  };

  it('weighs as a typical linked skill, so one shared generic line no longer carries the coverage', () => {
    expect(coverage(undefined)).toBeCloseTo(2 / 3, 4); // before: the unlinked line weighed 1
    expect(coverage(6.76)).toBeCloseTo(2 / 8.76, 4);
    // the served weights carry it
    expect(weights.params.unlinkedSpecificity).toBeGreaterThan(5);
  });

  it('also applies to a linked skill no occupation lists', () => {
    const v = nurseVacancy({ skills: [{ label: 'hygiene', esco: S('hygiene'), essential: true }, { label: 'niche', esco: S('niche'), essential: true }] });
    const w = { ...weights, params: { ...weights.params, unlinkedSpecificity: 6 } };
    const value = scoreMatch(v, profile, w, { semantic: 0.5, relatedness, specificity }).components.find((c) => c.name === 'essentialSkills')!.value;
    expect(value).toBeCloseTo(2 / 8, 4);
  });
});

describe('the lexical fallback between two unlinked lines', () => {
  const ad = nurseVacancy({ skills: [{ label: 'préparations froides', essential: true }] });
  const value = (label: string, share: number | undefined) => {
    const { lexicalHeadShare: _drop, ...params } = weights.params;
    const w = { ...weights, params: share === undefined ? params : { ...params, lexicalHeadShare: share } };
    return scoreMatch(ad, nurseProfile({ skills: [{ label }] }), w, { semantic: 0.5, relatedness }).components.find((c) => c.name === 'essentialSkills')!.value;
  };
  it('needs most of the shorter line’s content words, not one generic word', () => {
    expect(value('préparation de commandes', undefined)).toBeGreaterThan(0); // one shared word was enough
    expect(value('préparation de commandes', 0.6)).toBe(0);
    expect(value('préparation froide', 0.6)).toBeGreaterThan(0.5);
    expect(weights.params.lexicalHeadShare).toBe(0.6);
  });
});
