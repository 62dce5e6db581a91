/**
 * Training and calibration sets for the title re-rankers (shared by `npm run train:taxonomy` and `bench:taxonomy`).
 * - JobBERT dev titles (English; evaluation/training folds only, never copied into the repository);
 * - cross-lingual held-out ESCO labels: the first form of the fr/es/nl/ar preferred label of chosen occupations,
 *   with every label of that occupation reading the same removed from the index and the bilingual lexicons learnt
 *   without those occupations.
 */
import { createHash } from 'node:crypto';
import type { Lang } from '../files.js';
import { lexiconsFromLabels, LEXICON_LANGS } from '../lexicon.js';
import { EXACT_PREF_BONUS, calibratedProbabilities, fitCalibration, logit, reliability, titleLogit, trainReranker, type RerankerWeights } from '../reranker.js';
import { Taxonomy } from '../taxonomy.js';
import { foldText } from '../text.js';
import { buildTitleGroups, type TitleExample, type TitleGroup } from './title-dataset.js';

export const hash32 = (s: string): number => createHash('sha1').update(s).digest().readUInt32BE(0);
/** Fold of a JobBERT title (identical titles stay together). */
export const titleFold = (title: string, k = 2): number => hash32(foldText(title)) % k;
/** Half of the ESCO occupations a cross-lingual label belongs to (0 = training, 1 = evaluation). */
export const occupationHalf = (uri: string): number => hash32(`xl:${uri}`) % 2;

/** The 10 % of O*NET alternate titles held out of the O*NET classifier's training and of the bench's O*NET index. */
export const isOnetHeldOut = (code: string, title: string): boolean => hash32(`onet:${code}:${title}`) % 10 === 0;

/** The bench's O*NET test titles: every k-th held-out title, ~500 (quick) or ~2000 (full). */
export function onetBenchTest<T>(held: T[], quick: boolean): T[] {
  return held.filter((_, i) => i % Math.max(1, Math.floor(held.length / (quick ? 500 : 2000))) === 0);
}

/** Held-out titles in neither bench test subset (quick or full): the O*NET probability calibration is fitted on them. */
export function onetCalibrationTitles<T>(held: T[]): T[] {
  const test = new Set<T>([...onetBenchTest(held, true), ...onetBenchTest(held, false)]);
  return held.filter((e) => !test.has(e));
}

/** Every O*NET title and alternate title with its code (titles first per occupation, in file order). */
export function onetTitleExamples(tax: Pick<Taxonomy, 'onetOccupations'>): (TitleExample & { alternate: boolean })[] {
  const out: (TitleExample & { alternate: boolean })[] = [];
  for (const o of tax.onetOccupations()) {
    out.push({ title: o.title, gold: o.code, alternate: false });
    for (const a of o.alternateTitles) out.push({ title: a, gold: o.code, alternate: true });
  }
  return out;
}

/** JobBERT titles featurised without a query vector (the lexical re-ranker's view); the title model count leaves the title out. */
export function lexicalGroups(tax: Taxonomy, examples: TitleExample[], leaveOut: boolean): TitleGroup[] {
  const occIndex = new Map(tax.occupations.map((o, i) => [o.uri, i]));
  const none = new Float32Array(0);
  return examples.map((ex) => {
    const lo = leaveOut ? { occ: occIndex.get(ex.gold) ?? -1, vec: none } : undefined;
    const { q, cands } = tax.titleCandidates(ex.title, ex.lang ?? 'en');
    const x = tax.titleFeatures(q, ex.lang ?? 'en', cands, undefined, lo);
    const occ = cands.map((c) => tax.occupations[c.occ]!.uri);
    return { occ, lex: cands.map((c) => Math.max(c.lex, c.lexT)), sem: cands.map((c) => c.sem), fused: x.map((f) => f[6]!), x, gold: occ.indexOf(ex.gold) };
  });
}

/** The cross-lingual held-out set for the occupations `held` selects, with the taxonomy view that cannot see their labels. */
export function crossLingualSet(dataDir: string, held: (uri: string) => boolean, langs: readonly Lang[] = LEXICON_LANGS, opts: { onlyQueryForm?: boolean } = {}): { xtax: Taxonomy; examples: TitleExample[] } {
  const base = new Taxonomy(dataDir, { semantic: false, lexicons: {} });
  const hidden = new Map<string, Set<string>>();
  const examples: TitleExample[] = [];
  for (const o of base.occupations) {
    if (!held(o.uri)) continue;
    for (const lang of langs) {
      const pref = o.labels[lang]?.pref;
      if (!pref) continue;
      const title = pref.split('/')[0]!.trim();
      // onlyQueryForm: only the label reading as the query is removed; the other gendered form, the full "m/f" label
      // and the alternative labels stay (a person writes a variant of a label the index holds)
      const forms = opts.onlyQueryForm ? [title] : [pref, ...pref.split('/')];
      for (const f of forms.map((x) => foldText(x)).filter(Boolean)) hidden.set(`${o.uri} ${lang} ${f}`, new Set());
      examples.push({ title, gold: o.uri, lang });
    }
  }
  const lexicons = lexiconsFromLabels([...base.occupations, ...base.skills], (uri) => !held(uri));
  const xtax = new Taxonomy(dataDir, {
    lexicons,
    excludeOccupationLabel: (uri, lang, _k, text) => hidden.has(`${uri} ${lang} ${foldText(text)}`),
  });
  return { xtax, examples };
}

export function logits(w: RerankerWeights, groups: TitleGroup[]): number[][] {
  return groups.map((g) => g.x.map((x) => logit(w, x)));
}

/**
 * Weights trained on all groups, with a calibration fitted on out-of-fold logits (2 folds by `foldOf`): the
 * calibration never sees logits from weights trained on the same titles.
 */
export function trainCalibrated(groups: TitleGroup[], foldOf: (i: number) => number, trainedOn: string, epochs = 60, freeze?: Parameters<typeof trainReranker>[1]['freeze'], prefBonusOf: (g: TitleGroup) => number = () => EXACT_PREF_BONUS): RerankerWeights {
  const oof: { zs: number[]; gold: number }[] = [];
  for (const f of [0, 1]) {
    const tr = groups.filter((_, i) => foldOf(i) !== f);
    const te = groups.filter((_, i) => foldOf(i) === f);
    const w = trainReranker(tr, { trainedOn: 'fold', epochs, freeze });
    // the served logits (exact-label bonus included), which are what the calibration maps
    for (const g of te) oof.push({ zs: g.x.map((x) => titleLogit(w, x, prefBonusOf(g))), gold: g.gold });
  }
  const w = trainReranker(groups, { trainedOn, epochs, freeze });
  w.calibration = fitCalibration(oof, `out-of-fold logits of ${oof.length} training titles (2 folds)`);
  return w;
}

/** Top-1 confidence and correctness of calibrated rankings (for the reliability table). */
export function topConfidences(zss: number[][], groups: TitleGroup[], w: RerankerWeights): { conf: number; correct: boolean }[] {
  return groups.map((g, i) => {
    const zs = zss[i]!;
    const { p } = calibratedProbabilities(zs, w.calibration);
    let bi = 0;
    for (let j = 1; j < p.length; j++) if (p[j]! > p[bi]!) bi = j;
    return { conf: p[bi] ?? 0, correct: bi === g.gold };
  });
}

export { reliability };

export async function englishGroups(tax: Taxonomy, examples: TitleExample[], vectors: Float32Array[], leaveOut: boolean, served = false): Promise<TitleGroup[]> {
  return buildTitleGroups(tax, examples.map((e) => ({ ...e, lang: 'en' as Lang })), vectors, leaveOut, { served });
}
