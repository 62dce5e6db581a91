/**
 * The bias report's proxy check attributes each pair's score to its components. Those parts must be the parts the
 * served score is made of: the weights of unstated requirements are spread over the stated ones of their group, and
 * the place gate scales location and language (src/matching/scorer.ts). Pure, fixtures of the matching tests.
 */
import { describe, expect, it } from 'vitest';
import { loadMatchWeights, scoreMatch } from '../src/matching/index.js';
import { COMPONENT_NAMES } from '../src/matching/types.js';
import { pairContributions } from '../src/services/fairness-report.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const base = loadMatchWeights();
const weights = { ...base, params: { ...base.params, placeGateAt: 0.1 } };
const ctx = { semantic: 0.4, relatedness };
const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

describe('fairness report: proxy contributions', () => {
  it('are the served score parts when requirements are unstated (weights renormalised within their group)', () => {
    // states essential skills but no optional ones, and education but no experience or licence: the unstated
    // weights go to the stated requirement of their group
    const v = nurseVacancy({
      languages: [],
      skills: nurseVacancy().skills.filter((s) => s.essential),
      requirements: { education: { minLevel: 4, essential: true }, licences: [] },
    });
    const p = nurseProfile();
    const served = scoreMatch(v, p, weights, ctx);
    const parts = pairContributions(v, p, weights, ctx);
    expect(sum(parts)).toBeCloseTo(served.rawScore, 10);
    // the served contributions are the same parts rounded to 1e-4 (largest remainder)
    for (const n of COMPONENT_NAMES) expect(Math.abs(parts[n] - served.components.find((c) => c.name === n)!.contribution)).toBeLessThan(1e-4 + 1e-12);
    expect(parts.language).toBe(0);
    expect(parts.experience).toBe(0);
    expect(parts.optionalSkills).toBe(0);
    expect(parts.education).toBeGreaterThan(0);
  });

  it('give a job that fits nothing no place credit (the place gate), as the served score does', () => {
    const welder = nurseVacancy({
      id: 'vac_welder',
      title: 'Schweißer (m/w/d)',
      country: 'FR',
      occupations: [{ escoUri: 'http://data.europa.eu/esco/occupation/welder', iscoCode: '7212.1', source: 'set', confidence: 1, label: 'welder' }],
      skills: [{ label: 'MIG welding', esco: 'http://data.europa.eu/esco/skill/mig', essential: true }],
    });
    const p = nurseProfile();
    const served = scoreMatch(welder, p, weights, ctx);
    const parts = pairContributions(welder, p, weights, ctx);
    expect(served.components.find((c) => c.name === 'location')!.value).toBe(1);
    expect(parts.location).toBe(0);
    expect(parts.language).toBe(0);
    expect(sum(parts)).toBeCloseTo(served.rawScore, 10);
  });
});
