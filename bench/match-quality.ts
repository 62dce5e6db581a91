/**
 * npm run bench:match-quality — ranking quality of the match scorer on a matching set built at run time from
 * ../shared/data (see match-quality-set.ts). Reports nDCG@10 on the TEST split (weights were tuned on dev by
 * npm run train:match) for: lexical alone, embedding alone, their fusion, and the full scorer.
 *   node --import tsx bench/match-quality.ts [--dev] [--extra-skills N] [--weights mw-…]
 *   --dev also reports the dev split (reference only); --extra-skills N adds N off-profile skills (stress variant).
 */
import { loadTaxonomy } from '../src/taxonomy/index.js';
import { loadMatchWeights, MATCH_WEIGHTS_VERSION } from '../src/matching/index.js';
import { meanNdcg, type TuningQuery } from '../src/matching/ranking-metrics.js';
import type { ComponentName, ComponentWeights } from '../src/matching/types.js';
import { buildMatchQualitySet, type BenchSplit } from './match-quality-set.js';
import { assignOccupations, componentQueries, fusionSignal, prepareSplit, signalQueries } from './match-quality-eval.js';

const ONE: ComponentWeights = { semantic: 1, essentialSkills: 0, optionalSkills: 0, occupation: 0, language: 0, location: 0, experience: 0, education: 0, licences: 0 };
const without = (w: ComponentWeights, n: ComponentName): ComponentWeights => ({ ...w, [n]: 0 });
const subset = (qs: TuningQuery[], keep: boolean[]) => qs.filter((_, i) => keep[i]);

async function evaluate(split: BenchSplit) {
  const tax = loadTaxonomy();
  const t0 = performance.now();
  const p = await prepareSplit(split, tax);
  const prepS = (performance.now() - t0) / 1000;
  const nV = p.vacancies.length;
  const rows: { name: string; ndcg: number; clean?: number; noisy?: number }[] = [];
  const perturbed = split.seekers.map((s) => s.perturbed);
  const add = (name: string, qs: TuningQuery[], w: ComponentWeights) =>
    rows.push({ name, ndcg: meanNdcg(qs, w), clean: meanNdcg(subset(qs, perturbed.map((x) => !x)), w), noisy: meanNdcg(subset(qs, perturbed), w) });

  add('lexical alone (char 3–5-gram TF-IDF cosine)', signalQueries(p, (i, j) => p.lexical[i * nV + j]!), ONE);
  add('embedding alone (USE-lite cosine)', signalQueries(p, (i, j) => p.semantic[i * nV + j]!), ONE);
  add('fusion lexical + USE-lite (min–max, 0.5/0.5)', signalQueries(p, fusionSignal(p, 0.5)), ONE);

  // The served weights with occupations from the title alone (the served version has no separate title-only weights).
  const title = loadMatchWeights(WEIGHTS_VERSION);
  const accTitle = assignOccupations(p, { source: 'title', titleWeight: 1, profileOccupations: 1 });
  add(`full scorer, occupations from title only (${title.version})`, componentQueries(p, title.params), title.weights);

  const served = loadMatchWeights(WEIGHTS_VERSION);
  const accBoth = assignOccupations(p, { source: 'title+skills', titleWeight: served.params.occupationTitleWeight, profileOccupations: 1 });
  const q = componentQueries(p, served.params);
  add(`full scorer, occupations from title + skills (${served.version}, served)`, q, served.weights);
  add('  ablation: served without semantic', q, without(served.weights, 'semantic'));
  add('  ablation: served without occupation', q, without(served.weights, 'occupation'));
  add('  ablation: served without skill coverage', q, without(without(served.weights, 'essentialSkills'), 'optionalSkills'));
  add('  ablation: occupation fit alone', q, { ...ONE, semantic: 0, occupation: 1 });
  add('  ablation: essential-skill coverage alone', q, { ...ONE, semantic: 0, essentialSkills: 1 });
  return { p, rows, prepS, accTitle, accBoth };
}

function print(name: string, r: Awaited<ReturnType<typeof evaluate>>) {
  const { p, rows } = r;
  const base = rows[0]!.ndcg;
  console.log(`\n## ${name} split: ${p.split.seekers.length} seekers (${p.split.seekers.filter((s) => s.perturbed).length} perturbed) × ${p.vacancies.length} vacancies, prepared in ${r.prepS.toFixed(0)} s`);
  console.log(`skills linked to ESCO: ${p.stats.linkedSkills}/${p.stats.totalSkills}; occupation top-1 from title: vacancies ${r.accTitle.vacancyTop1.toFixed(3)}, seekers ${r.accTitle.seekerTop1.toFixed(3)}; from title + skills: vacancies ${r.accBoth.vacancyTop1.toFixed(3)}, seekers ${r.accBoth.seekerTop1.toFixed(3)}`);
  console.log('\n| ranker | nDCG@10 | × lexical | clean seekers | perturbed seekers |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.name} | ${row.ndcg.toFixed(4)} | ${(row.ndcg / base).toFixed(2)} | ${row.clean!.toFixed(4)} | ${row.noisy!.toFixed(4)} |`);
}

const ei = process.argv.indexOf('--extra-skills');
const wi = process.argv.indexOf('--weights');
/** The committed weights version to evaluate (default: the served one). */
const WEIGHTS_VERSION = wi >= 0 ? process.argv[wi + 1]! : MATCH_WEIGHTS_VERSION;
const extraSkills = ei >= 0 ? Number(process.argv[ei + 1]) : 0;
const { dev, test } = buildMatchQualitySet({ extraSkills });
const label = extraSkills ? ` (stress: +${extraSkills} off-profile skills per vacancy and seeker)` : '';
print(`test${label}`, await evaluate(test));
if (process.argv.includes('--dev')) print(`dev${label} (weights were tuned here; reference only)`, await evaluate(dev));
console.log('\nGoal (issue 6): nDCG@10 ≥ 0.75 for the full scorer. Relevance: 2 same ESCO occupation, 1 same ISCO unit group.');
