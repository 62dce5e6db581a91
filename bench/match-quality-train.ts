/**
 * npm run train:match — tunes the match weights on the DEV split of the match-quality set (never on test) and writes
 * src/matching/weights/<version>.json (occupations from title + skills) and <version>-title.json (title only).
 * Deterministic: same data, same seed, same result.
 *   node --import tsx bench/match-quality-train.ts [--write] [--version mw-YYYY-MM-DD.N]
 */
import { writeFileSync } from 'node:fs';
import { loadTaxonomy } from '../src/taxonomy/index.js';
import { MATCH_WEIGHTS_VERSION } from '../src/matching/index.js';
import { meanNdcg, tuneWeights } from '../src/matching/ranking-metrics.js';
import type { ComponentName, MatchParams, MatchWeights } from '../src/matching/types.js';
import { buildMatchQualitySet } from './match-quality-set.js';
import { assignOccupations, componentQueries, prepareSplit, type PreparedSplit } from './match-quality-eval.js';

const TUNABLE: ComponentName[] = ['semantic', 'essentialSkills', 'optionalSkills', 'occupation'];
/**
 * Floors on the share of the score: without them the tuner drops skill coverage once occupations are inferred from
 * skills (the quality set's skill lists are samples of ESCO occupation profiles), which would leave the score blind to
 * the skills a seeker adds and the counterfactual empty. The dev cost of the floors is logged.
 */
const MIN_SHARE = { essentialSkills: 0.2, optionalSkills: 0.05, semantic: 0.1 };

/**
 * Tune the relative weights of the components the quality set exercises, then rescale them to their prior total, so
 * language/location/experience (constant on this set, hence untunable here) keep their prior share of the score.
 */
function tuneVariant(prepared: PreparedSplit, start: MatchWeights, titleWeights: number[], log: (s: string) => void) {
  let best: { params: MatchParams; weights: MatchWeights['weights']; ndcg: number } | null = null;
  for (const occupationTitleWeight of titleWeights) {
    const acc = assignOccupations(prepared, {
      source: occupationTitleWeight >= 1 ? 'title' : 'title+skills',
      titleWeight: occupationTitleWeight,
      profileOccupations: 1,
    });
    for (const relatedCredit of [0.6]) {
      const params: MatchParams = { ...start.params, relatedCredit, occupationTitleWeight, skillSpecificity: 'occupation-idf' };
      const queries = componentQueries(prepared, params);
      const free = tuneWeights(queries, start.weights, TUNABLE, { rounds: 3 });
      const r = tuneWeights(queries, start.weights, TUNABLE, { rounds: 3, minShare: MIN_SHARE });
      log(
        `  titleWeight=${occupationTitleWeight} (occupation top-1: vacancies ${acc.vacancyTop1.toFixed(3)}, seekers ${acc.seekerTop1.toFixed(3)}) relatedCredit=${relatedCredit} → dev nDCG@10 ${r.ndcg.toFixed(4)} (without share floors ${free.ndcg.toFixed(4)})`,
      );
      if (!best || r.ndcg > best.ndcg + 1e-6) best = { params, weights: r.weights, ndcg: r.ndcg };
    }
  }
  const b = best!;
  const priorTotal = TUNABLE.reduce((s, n) => s + start.weights[n], 0);
  const tunedTotal = TUNABLE.reduce((s, n) => s + b.weights[n], 0);
  const weights = { ...start.weights };
  for (const n of TUNABLE) weights[n] = Math.round(((b.weights[n] * priorTotal) / tunedTotal) * 1e4) / 1e4;
  return { params: b.params, weights, ndcg: b.ndcg };
}

export async function trainMatchWeights(version: string, log: (s: string) => void = console.log) {
  const t0 = performance.now();
  const { dev } = buildMatchQualitySet();
  const tax = loadTaxonomy();
  const prepared = await prepareSplit(dev, tax);
  log(`dev split: ${dev.seekers.length} seekers × ${dev.vacancies.length} vacancies, prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // A fixed hand-set prior (not the committed file), so re-running the training reproduces the committed weights.
  const start: MatchWeights = {
    version: 'prior',
    weights: { semantic: 0.15, essentialSkills: 0.3, optionalSkills: 0.1, occupation: 0.25, language: 0.08, location: 0.07, experience: 0.03, education: 0.01, licences: 0.01 },
    params: {
      semanticFloor: 0.2,
      relatedCredit: 0.5,
      lexicalThreshold: 0.55,
      lexicalCredit: 0.8,
      occupationLevelFit: [0, 0.1, 0.3, 0.5, 0.75, 0.85, 0.9],
      noDestinationValue: 0.5,
      languagePenaltyPerLevel: 0.25,
      optionalRequirementWeight: 0.5,
      licenceFamilyCredit: 0.25,
      recognitionInProgressCredit: 0.5,
      certificateThreshold: 0.8,
      occupationTitleWeight: 1,
      skillSpecificity: 'occupation-idf',
    },
  };
  log('variant A — occupations suggested from title + skills:');
  const a = tuneVariant(prepared, start, [0.3, 0.5], log);
  log('variant B — occupations from title normalisation only:');
  const b = tuneVariant(prepared, start, [1], log);
  // Sanity: the rescaled weights rank exactly like the tuned ones.
  assignOccupations(prepared, { source: 'title+skills', titleWeight: a.params.occupationTitleWeight, profileOccupations: 1 });
  log(`A dev nDCG@10 after rescaling: ${meanNdcg(componentQueries(prepared, a.params), a.weights).toFixed(4)}`);
  log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return {
    served: { version, weights: a.weights, params: a.params, devNdcg: a.ndcg },
    titleOnly: { version: `${version}-title`, weights: b.weights, params: b.params, devNdcg: b.ndcg },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const vi = args.indexOf('--version');
  const version = vi >= 0 ? args[vi + 1]! : MATCH_WEIGHTS_VERSION;
  const r = await trainMatchWeights(version);
  for (const [w, note] of [
    [r.served, 'occupations suggested from title + skills (inferOccupations)'],
    [r.titleOnly, 'occupations from title normalisation only'],
  ] as const) {
    const out = {
      version: w.version,
      note: `Tuned by npm run train:match: coordinate ascent on the dev split of the match-quality set, ${note}; dev nDCG@10 ${w.devNdcg.toFixed(4)}. language/location/experience keep their prior weights (the set has no such requirements).`,
      weights: w.weights,
      params: w.params,
    };
    console.log(JSON.stringify(out, null, 2));
    if (args.includes('--write')) {
      const file = new URL(`../src/matching/weights/${w.version}.json`, import.meta.url);
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
      console.log(`wrote ${file.pathname}`);
    }
  }
}
