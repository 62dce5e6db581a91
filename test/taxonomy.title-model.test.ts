/**
 * The English re-ranker's title-model features (issue 11): an occupation JobBERT has no titles for reads as missing
 * evidence, not as evidence against it; and near-duplicate siblings that differ by a rank word are told apart.
 */
import { describe, expect, it } from 'vitest';
import { FEATURES, RANK_MISMATCH_PENALTY, titleLogit, type RerankerWeights } from '../src/taxonomy/reranker.js';
import { imputeUnseenTitleModel } from '../src/taxonomy/title-model.js';
import { namesRank } from '../src/taxonomy/title-normaliser.js';

const at = (f: (typeof FEATURES)[number]) => FEATURES.indexOf(f);
const cand = (prior: number, centroid: number, has: number) => {
  const x = new Float64Array(FEATURES.length);
  x[at('titlePrior')] = prior;
  x[at('titleCentroid')] = centroid;
  x[at('hasTitles')] = has;
  return x;
};

describe('title model: occupations without training titles', () => {
  it('read as the mean of the candidates that have titles (count and centroid cosine), the others unchanged', () => {
    const xs = [cand(Math.log1p(575), 0.9, 1), cand(Math.log1p(3), 0.5, 1), cand(0, 0, 0)];
    imputeUnseenTitleModel(xs);
    expect(xs[2]![at('titlePrior')]).toBeCloseTo((Math.log1p(575) + Math.log1p(3)) / 2, 9);
    expect(xs[2]![at('titleCentroid')]).toBeCloseTo(0.7, 9);
    expect(xs[2]![at('hasTitles')]).toBe(0);
    expect(xs[0]![at('titlePrior')]).toBe(Math.log1p(575));
    expect(xs[1]![at('titleCentroid')]).toBe(0.5);
  });

  it('leaves a list where no candidate has titles as it is', () => {
    const xs = [cand(0, 0, 0), cand(0, 0, 0)];
    imputeUnseenTitleModel(xs);
    expect(xs.every((x) => x[at('titlePrior')] === 0 && x[at('titleCentroid')] === 0)).toBe(true);
  });
});

describe('rank words: supervisor vs worker siblings', () => {
  it('reads rank words in English labels and titles, and in the title language', () => {
    expect(namesRank('construction scaffolding supervisor')).toBe(true);
    expect(namesRank('security guard supervisor')).toBe(true);
    expect(namesRank('head chef')).toBe(true);
    expect(namesRank('construction scaffolder')).toBe(false);
    expect(namesRank('chef')).toBe(false);
    expect(namesRank('superviseur de carreleurs', 'fr')).toBe(true);
    expect(namesRank('responsable de production', 'fr')).toBe(true);
    expect(namesRank('jefe de obra', 'es')).toBe(true);
    expect(namesRank('مشرف عمال', 'ar')).toBe(true);
    // kitchen and floor ranks, not managers; and the French word is not read in an English title
    expect(namesRank('chef de partie', 'fr')).toBe(false);
    expect(namesRank('responsable', 'en')).toBe(false);
  });

  it('a rank mismatch costs the served logit the fixed penalty', () => {
    const w: RerankerWeights = { features: [...FEATURES], weights: FEATURES.map(() => 0), bias: 0, mean: FEATURES.map(() => 0), std: FEATURES.map(() => 1), trainedOn: 'test' };
    const same = new Float64Array(FEATURES.length);
    const mismatch = new Float64Array(FEATURES.length);
    mismatch[at('rankMismatch')] = 1;
    expect(RANK_MISMATCH_PENALTY).toBeGreaterThan(0);
    expect(titleLogit(w, same) - titleLogit(w, mismatch)).toBeCloseTo(RANK_MISMATCH_PENALTY, 9);
  });
});
