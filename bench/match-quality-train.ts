/**
 * npm run train:match — tunes the match weights on DEV splits only, never on what is reported:
 *   - the realistic set's dev seekers (bench/fixtures/realistic, hand-written, loaded through the real service), and
 *   - the match-quality set's dev split (built at run time from ../shared/data);
 * the objective is the mean of the two dev nDCG@10. Writes src/matching/weights/<version>.json with --write.
 * Deterministic: same data, same result.
 *   node --import tsx bench/match-quality-train.ts [--write] [--version mw-YYYY-MM-DD.N]
 */
import { writeFileSync } from 'node:fs';
import { loadTaxonomy } from '../src/taxonomy/index.js';
import { loadMatchWeights, MATCH_WEIGHTS_VERSION } from '../src/matching/index.js';
import { meanNdcg, tuneWeights, type TuningQuery } from '../src/matching/ranking-metrics.js';
import type { ComponentName, ComponentWeights, MatchWeights } from '../src/matching/types.js';
import { buildMatchQualitySet } from './match-quality-set.js';
import { assignOccupations, componentQueries, prepareSplit } from './match-quality-eval.js';
import { loadRealisticService, realisticTuningQueries } from './match-realistic-load.js';

/** Components both sets exercise. Experience, education and licences are rarely stated in them: they keep the prior. */
const TUNABLE: ComponentName[] = ['semantic', 'essentialSkills', 'optionalSkills', 'occupation', 'language', 'location'];
/**
 * Floors on the share of the score: without them the tuner can drop skill coverage where occupations are inferred
 * from skills, which would leave the score blind to the skills a seeker adds and the counterfactual empty.
 */
const MIN_SHARE: Partial<ComponentWeights> = { essentialSkills: 0.15, optionalSkills: 0.03, semantic: 0.08, language: 0.03, location: 0.05 };

/** A fixed hand-set prior (not the committed file), so re-running the training reproduces the committed weights. */
const PRIOR: MatchWeights['weights'] = {
  semantic: 0.15,
  essentialSkills: 0.2,
  optionalSkills: 0.05,
  occupation: 0.35,
  language: 0.07,
  location: 0.1,
  experience: 0.04,
  education: 0.02,
  licences: 0.04,
};

/** Two query sets, each counting half, whatever their sizes (tuneWeights averages over queries). */
function balanced(a: TuningQuery[], b: TuningQuery[]): TuningQuery[] {
  const reps = Math.max(1, Math.round(b.length / Math.max(1, a.length)));
  return [...Array.from({ length: reps }, () => a).flat(), ...b];
}

/** Values of the occupation-relation credit tried (0 = the ISCO/ESCO code hierarchy alone). */
const RELATED_CREDITS = [0, 0.4, 0.6, 0.8];

export async function trainMatchWeights(version: string, log: (s: string) => void = console.log) {
  const t0 = performance.now();
  const base = { ...loadMatchWeights().params };
  const variants = RELATED_CREDITS.map((occupationRelatedCredit) => ({ ...base, occupationRelatedCredit }));
  const realistic = await loadRealisticService();
  const real: TuningQuery[][] = [];
  try {
    for (const params of variants) real.push(await realisticTuningQueries(realistic, params, 'dev'));
  } finally {
    await realistic.close();
  }
  log(`realistic dev: ${real[0]!.length} seekers × ${real[0]![0]?.relevance.length ?? 0} vacancies (through the service, ${realistic.loadSeconds.toFixed(0)} s)`);
  const { dev } = buildMatchQualitySet();
  const tax = loadTaxonomy();
  const prepared = await prepareSplit(dev, tax);
  assignOccupations(prepared, { source: 'title+skills', titleWeight: base.occupationTitleWeight, profileOccupations: 1 });
  log(`match-quality dev: ${prepared.profiles.length} seekers × ${prepared.vacancies.length} vacancies`);

  let best: { params: typeof base; weights: ComponentWeights; objective: number; real: TuningQuery[]; quality: TuningQuery[] } | null = null;
  variants.forEach((params, i) => {
    const quality = componentQueries(prepared, params);
    const both = balanced(real[i]!, quality);
    const report = (w: ComponentWeights) => `realistic dev ${meanNdcg(real[i]!, w).toFixed(4)}, match-quality dev ${meanNdcg(quality, w).toFixed(4)}`;
    const r = tuneWeights(both, PRIOR, TUNABLE, { rounds: 4, minShare: MIN_SHARE });
    log(`occupationRelatedCredit ${params.occupationRelatedCredit}: prior ${report(PRIOR)}; tuned ${report(r.weights)}`);
    if (!best || r.ndcg > best.objective + 1e-6) best = { params, weights: r.weights, objective: r.ndcg, real: real[i]!, quality };
  });
  const b = best!;
  // Rescale the tuned components to their prior total, so the untuned ones keep their prior share.
  const priorTotal = TUNABLE.reduce((s, n) => s + PRIOR[n], 0);
  const tunedTotal = TUNABLE.reduce((s, n) => s + b.weights[n], 0);
  const weights = { ...PRIOR };
  for (const n of TUNABLE) weights[n] = Math.round(((b.weights[n] * priorTotal) / tunedTotal) * 1e4) / 1e4;
  log(`chosen occupationRelatedCredit ${b.params.occupationRelatedCredit}; rescaled: realistic dev ${meanNdcg(b.real, weights).toFixed(4)}, match-quality dev ${meanNdcg(b.quality, weights).toFixed(4)}`);
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { version, weights, params: b.params, devRealistic: meanNdcg(b.real, weights), devQuality: meanNdcg(b.quality, weights) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const vi = args.indexOf('--version');
  const version = vi >= 0 ? args[vi + 1]! : MATCH_WEIGHTS_VERSION;
  const w = await trainMatchWeights(version);
  const out = {
    version: w.version,
    note: `Tuned by npm run train:match: coordinate ascent on the dev splits of the realistic set (through the service) and of the match-quality set, half each, and the occupation-relation credit chosen among ${RELATED_CREDITS.join('/')}; dev nDCG@10 realistic ${w.devRealistic.toFixed(4)}, match-quality ${w.devQuality.toFixed(4)}. experience/education/licences keep their prior weights (rarely stated in either set).`,
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
