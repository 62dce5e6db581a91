import { describe, expect, it } from 'vitest';
import { loadMatchWeights, parseMatchWeights, scoreMatch } from '../src/matching/index.js';
import { semanticFloorFor } from '../src/matching/scorer.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

// The encoder gives unrelated texts of one language a higher cosine than related texts of two languages, so the
// semantic component is floored per language pair of the two texts (detected from the texts, never from `lang`).
const weights = loadMatchWeights();
const floors = { pairs: { 'de|de': 0.87, 'de|en': 0.5, 'en|en': 0.61 }, same: 0.87, cross: 0.6 };
const params = { ...weights.params, semanticFloors: floors };

describe('semantic floors by language pair', () => {
  it('picks the pair floor whatever the order, falls back by kind, is strict for an undetermined text', () => {
    expect(semanticFloorFor(params, 'de', 'de')).toBe(0.87);
    expect(semanticFloorFor(params, 'en', 'de')).toBe(0.5);
    expect(semanticFloorFor(params, 'de', 'en')).toBe(0.5);
    expect(semanticFloorFor(params, 'nl', 'nl')).toBe(0.87);
    expect(semanticFloorFor(params, 'nl', 'fr')).toBe(0.6);
    expect(semanticFloorFor(params, 'und', 'en')).toBe(0.87);
    // Without a detected language on a side, or without per-pair floors, the general floor.
    expect(semanticFloorFor(params, undefined, 'en')).toBe(weights.params.semanticFloor);
    const { semanticFloors: _none, ...plain } = params;
    expect(semanticFloorFor(plain, 'de', 'de')).toBe(plain.semanticFloor);
  });

  it('maps the same cosine to less credit for a same-language pair than for a cross-language one, and sums exactly', () => {
    const w = { ...weights, params };
    const semantic = (vl: string, pl: string) =>
      scoreMatch({ ...nurseVacancy(), textLang: vl }, { ...nurseProfile(), textLang: pl }, w, { semantic: 0.8, relatedness });
    const sameLang = semantic('de', 'de');
    const cross = semantic('en', 'de');
    const value = (s: typeof sameLang) => s.components.find((c) => c.name === 'semantic')!.value;
    expect(value(sameLang)).toBe(0); // 0.8 is below the German–German floor: no credit for sharing a language
    expect(value(cross)).toBeCloseTo((0.8 - 0.5) / 0.5, 10);
    for (const s of [sameLang, cross]) expect(Math.abs(s.components.reduce((a, c) => a + c.contribution, 0) - s.score)).toBeLessThan(1e-12);
  });

  it('rejects malformed floors in a weights file', () => {
    const raw = { version: 'x', weights: weights.weights, params: { ...weights.params, semanticFloors: { pairs: { 'de|de': 2 }, same: 0.8, cross: 0.5 } } };
    expect(() => parseMatchWeights(raw)).toThrow(/semanticFloors/);
    expect(parseMatchWeights({ ...raw, params: { ...raw.params, semanticFloors: floors } }).params.semanticFloors).toEqual(floors);
  });
});
