/** Crosswalks: ESCO title rankings → ISCO-08 unit groups and O*NET-SOC 2019 occupations. */
import type { Lang } from './files.js';
import type { TaxonomyData } from './data.js';
import { OnetWordModel, type OnetClassifier } from './onet-classifier.js';
import { calibratedProbabilities } from './reranker.js';
import { CharNgramIndex } from './lexical-index.js';
import { cleanTitle, foldText } from './text.js';
import { round, type NormalizedTitle, type TitleEvidence } from './types.js';

/** O*NET titles and alternate titles: char n-grams, and the word model over the same titles. */
export class OnetTitleIndex {
  private readonly index: CharNgramIndex;
  /** naive Bayes word evidence over the same titles (the same exclusions) */
  readonly words: OnetWordModel;
  private readonly code: string[] = [];
  private readonly label: string[] = [];
  private readonly kind: number[] = [];
  constructor(tax: Pick<TaxonomyData, 'onetOccupations'>, exclude?: (code: string, title: string) => boolean) {
    const texts: string[] = [];
    for (const o of tax.onetOccupations()) {
      const seen = new Set<string>();
      for (const [t, k] of [[o.title, 0] as const, ...o.alternateTitles.map((a) => [a, 1] as const)]) {
        if (k === 1 && exclude?.(o.code, t)) continue;
        const f = foldText(t);
        if (!f || seen.has(f)) continue;
        seen.add(f);
        texts.push(f);
        this.code.push(o.code);
        this.label.push(t);
        this.kind.push(k);
      }
    }
    this.index = new CharNgramIndex(texts);
    this.words = new OnetWordModel(tax.onetOccupations().map((o) => o.code), this.label.map((title, i) => ({ code: this.code[i]!, title })));
  }
  search(title: string, k: number): { code: string; label: string; score: number; kind: number }[] {
    const s = this.index.scoreAll(cleanTitle(title));
    const best = new Map<string, number>();
    for (let i = 0; i < s.length; i++) {
      if (s[i]! <= 0) continue;
      const c = this.code[i]!;
      const b = best.get(c);
      if (b === undefined || s[i]! > s[b]!) best.set(c, i);
    }
    return [...best.entries()]
      .sort((a, b) => s[b[1]]! - s[a[1]]! || a[0].localeCompare(b[0]))
      .slice(0, k)
      .map(([code, i]) => ({ code, label: this.label[i]!, score: s[i]!, kind: this.kind[i]! }));
  }
}

/** ISCO-08 unit groups from ESCO candidates: each group keeps its best member's evidence and gathers the others' scores. */
export function iscoFromEsco(data: TaxonomyData, esco: NormalizedTitle[], lang: Lang | undefined, limit: number): NormalizedTitle[] {
  const agg = new Map<string, NormalizedTitle>();
  for (const r of esco) {
    if (!r.iscoGroup) continue;
    const g = agg.get(r.iscoGroup);
    if (g) g.score = round(Math.min(1, g.score + r.score * 0.25));
    else {
      const ig = data.iscoGroup(r.iscoGroup);
      agg.set(r.iscoGroup, { id: r.iscoGroup, label: (lang && ig?.labels[lang]) || ig?.labels.en || r.iscoGroup, iscoGroup: r.iscoGroup, score: r.score, evidence: { ...r.evidence, via: r.id } });
    }
  }
  return [...agg.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

/** O*NET: its own titles + alternate titles lexically, fused with ESCO candidates mapped through the crosswalk. */
export function onetFromEsco(data: TaxonomyData, idx: OnetTitleIndex, title: string, esco: NormalizedTitle[], limit: number): NormalizedTitle[] {
  const direct = idx.search(title, 50);
  const score = new Map<string, { s: number; ev: TitleEvidence }>();
  for (const d of direct) {
    score.set(d.code, { s: d.score, ev: { method: 'lexical', matchedLabel: d.label, matchedLang: 'en', labelKind: d.kind === 0 ? 'preferred' : 'alternative', lexical: round(d.score) } });
  }
  esco.forEach((r, rank) => {
    const occ = data.occupation(r.id);
    for (const c of occ?.onet ?? []) {
      const add = (0.35 * r.score) / (1 + rank * 0.1);
      const cur = score.get(c);
      if (cur) cur.s += add;
      else score.set(c, { s: add, ev: { ...r.evidence, via: r.id } });
    }
  });
  return [...score.entries()]
    .sort((a, b) => b[1].s - a[1].s || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([code, v]) => {
      const o = data.onetOccupation(code)!;
      return { id: code, label: o.title, score: round(Math.min(1, v.s)), evidence: v.ev };
    });
}

/** Weight of the word model's log likelihood ratio in the served O*NET logits (chosen on held-out titles neither bench subset tests). */
export const ONET_WORD_WEIGHT = 0.5;

/**
 * Served O*NET logits: classifier log-probability + char n-gram score of the closest O*NET title + 0.5 × the word
 * model's log likelihood ratio (`words`, by code; omitted, the word evidence is not used).
 */
export function onetLogits(clf: OnetClassifier, lp: Float64Array, direct: ReadonlyMap<string, { score: number }>, words?: ReadonlyMap<string, number>): number[] {
  return clf.codes.map((c, i) => lp[i]! + (direct.get(c)?.score ?? 0) + ONET_WORD_WEIGHT * (words?.get(c) ?? 0));
}

/** The word model's log likelihood ratios of a title, by O*NET code. */
export function onetWordScores(idx: OnetTitleIndex, title: string): Map<string, number> {
  const z = idx.words.logRatios(title);
  return new Map(idx.words.codes.map((c, i) => [c, z[i]!]));
}

/**
 * O*NET from the title's meaning: the classifier's log-probabilities plus the char n-gram score of the closest O*NET
 * title (weight 1, set a priori) plus the word model's evidence (weight 0.5), renormalised by a softmax over every code, calibrated on held-out titles (temperature, then the top map): `score` is
 * a probability and the list sums
 * to ≤ 1. The ESCO reading that went through the crosswalk is named in `via` when it agrees.
 */
export function onetFromClassifier(data: TaxonomyData, idx: OnetTitleIndex, clf: OnetClassifier, title: string, queryVector: Float32Array, esco: NormalizedTitle[], limit: number): NormalizedTitle[] {
  const lp = clf.logProbabilities(queryVector);
  const direct = new Map(idx.search(title, 100).map((d) => [d.code, d]));
  const words = onetWordScores(idx, title);
  const z = onetLogits(clf, lp, direct, words);
  const { p } = calibratedProbabilities(z, clf.calibration ?? { temperature: 1, otherLogit: -1e9, fittedOn: 'none' });
  const order = z.map((_, i) => i).sort((a, b) => z[b]! - z[a]! || clf.codes[a]!.localeCompare(clf.codes[b]!)).slice(0, limit);
  return order.map((i) => {
    const code = clf.codes[i]!;
    const o = data.onetOccupation(code)!;
    const d = direct.get(code);
    const via = esco.find((r) => data.occupation(r.id)?.onet.includes(code));
    const ev: TitleEvidence = { method: 'learned', matchedLabel: d?.label ?? o.title, matchedLang: 'en', labelKind: d && d.kind !== 0 ? 'alternative' : 'preferred', lexical: round(d?.score ?? 0), semantic: round(Math.exp(lp[i]!)), words: round(ONET_WORD_WEIGHT * (words.get(code) ?? 0)) };
    if (via) ev.via = via.id;
    return { id: code, label: o.title, score: round(p[i]!), evidence: ev };
  });
}
