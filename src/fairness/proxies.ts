/**
 * Proxy check: which non-protected inputs of the scorer stand in for a protected attribute? An input is a proxy when
 * it is associated with the attribute in the population *and* moves scores. Pure.
 *
 * - Profile inputs (residence country, destinations, languages, education, the profile's language) are compared with
 *   the attribute per candidate (bias-corrected Cramér's V, mutual information); their effect on scores is the
 *   correlation ratio η of the within-ranking score residual (score − mean score of that vacancy's pool) on the input.
 * - Score components (semantic, skills, occupation, language, location, experience) are compared per assessment:
 *   V between the component's contribution (in quintiles) and the attribute; effect = |Pearson r| between the
 *   contribution and the residual; the gap is the difference in mean contribution between categories.
 * - Employer-view fields (what employers see about location) are checked the same way, so the choice of what to show
 *   them stays measured on real data.
 * strength = V × effect: an input strongly tied to an attribute but irrelevant to scores is not a proxy of the score,
 * and one that moves scores but is unrelated to the attribute is not a proxy either.
 */
import { contingency, cramersV, groupMeans, mutualInformation, quantileBins } from './association.js';
import type { ProxyReport, ProxyRow } from '../schemas/fairness.js';

export interface ProxyCandidate {
  id: string;
  /** Declared category per attribute; null when undeclared or prefer-not-to-say (not compared). */
  categories: Record<string, string | null>;
  inputs: {
    residenceCountry: string | null;
    destinations: readonly string[];
    languages: readonly string[];
    educationLevel: string | null;
    lang: string | null;
  };
}

export interface ProxyAssessment {
  candidateId: string;
  vacancyId: string;
  score: number;
  /** Component contributions (weight × value), when they could be recomputed. */
  contributions: Record<string, number> | null;
  /** Employer-view fields of this pair (e.g. relocation status). */
  employerView: Record<string, string>;
}

const SINGLE = ['residenceCountry', 'educationLevel', 'lang'] as const;
const MULTI = ['destinations', 'languages'] as const;
const MIN_LEVEL = 5;

const pearson = (xs: readonly number[], ys: readonly number[]): number => {
  const n = xs.length;
  if (n < 3) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
};

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

export function proxyCheck(candidates: readonly ProxyCandidate[], assessments: readonly ProxyAssessment[], attributes: readonly string[]): ProxyReport {
  // Within-ranking residuals: remove each vacancy's level, so an input is not credited with a vacancy's difficulty.
  const byVacancy = new Map<string, { sum: number; n: number }>();
  for (const a of assessments) {
    const v = byVacancy.get(a.vacancyId) ?? { sum: 0, n: 0 };
    v.sum += a.score;
    v.n++;
    byVacancy.set(a.vacancyId, v);
  }
  const residual = assessments.map((a) => {
    const v = byVacancy.get(a.vacancyId)!;
    return a.score - v.sum / v.n;
  });
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const pairCand = assessments.map((a) => byId.get(a.candidateId));
  const rows: ProxyRow[] = [];

  const profileValue = (c: ProxyCandidate | undefined, input: string, value?: string): string | null => {
    if (!c) return null;
    if (value !== undefined) return (c.inputs[input as (typeof MULTI)[number]] as readonly string[]).includes(value) ? value : `not ${value}`;
    return (c.inputs[input as (typeof SINGLE)[number]] as string | null) ?? 'none';
  };

  for (const attribute of attributes) {
    const attrOf = candidates.map((c) => c.categories[attribute] ?? null);
    const declared = attrOf.filter((x) => x !== null).length;
    if (declared < 2) continue;
    const push = (row: Omit<ProxyRow, 'attribute' | 'strength' | 'candidates'>) =>
      rows.push({ ...row, attribute, cramersV: round(row.cramersV), mutualInformationBits: round(row.mutualInformationBits), strength: round(row.cramersV * (row.scoreEta ?? 0)), candidates: declared });

    const profileRow = (input: string, value?: string) => {
      const xs = candidates.map((c) => profileValue(c, input, value));
      const t = contingency(xs, attrOf);
      const eff = groupMeans(residual, pairCand.map((c) => profileValue(c, input, value)), MIN_LEVEL);
      return { input, kind: 'profile' as const, strongestValue: value ?? null, cramersV: cramersV(t), mutualInformationBits: mutualInformation(t), scoreEta: round(eff.eta), scoreGap: round(eff.gap) };
    };
    for (const input of SINGLE) push(profileRow(input));
    for (const input of MULTI) {
      const counts = new Map<string, number>();
      for (const c of candidates) for (const v of new Set(c.inputs[input])) counts.set(v, (counts.get(v) ?? 0) + 1);
      let best: ReturnType<typeof profileRow> | null = null;
      for (const [v, n] of counts) {
        if (n < MIN_LEVEL || n > candidates.length - MIN_LEVEL) continue;
        const r = profileRow(input, v);
        const strength = (x: typeof r) => x.cramersV * (x.scoreEta ?? 0);
        if (!best || strength(r) > strength(best) || (strength(r) === strength(best) && r.cramersV > best.cramersV)) best = r;
      }
      if (best) push(best);
    }

    const pairAttr = pairCand.map((c) => (c ? (c.categories[attribute] ?? null) : null));
    const componentNames = [...new Set(assessments.flatMap((a) => (a.contributions ? Object.keys(a.contributions) : [])))];
    for (const name of componentNames) {
      const idx = assessments.flatMap((a, i) => (a.contributions && pairAttr[i] !== null ? [i] : []));
      if (idx.length < 2 * MIN_LEVEL) continue;
      const contrib = idx.map((i) => assessments[i]!.contributions![name]!);
      const t = contingency(quantileBins(contrib), idx.map((i) => pairAttr[i]!));
      const gap = groupMeans(contrib, idx.map((i) => pairAttr[i]!), MIN_LEVEL);
      push({
        input: name,
        kind: 'component',
        strongestValue: null,
        cramersV: cramersV(t),
        mutualInformationBits: mutualInformation(t),
        scoreEta: round(Math.abs(pearson(contrib, idx.map((i) => residual[i]!)))),
        scoreGap: round(gap.gap),
      });
    }

    const viewFields = [...new Set(assessments.flatMap((a) => Object.keys(a.employerView)))];
    for (const field of viewFields) {
      const xs = assessments.map((a) => a.employerView[field] ?? null);
      const t = contingency(xs, pairAttr);
      const eff = groupMeans(residual, xs, MIN_LEVEL);
      push({ input: field, kind: 'employer-view', strongestValue: null, cramersV: cramersV(t), mutualInformationBits: mutualInformation(t), scoreEta: round(eff.eta), scoreGap: round(eff.gap) });
    }
  }
  const all = rows.sort((a, b) => b.strength - a.strength || b.cramersV - a.cramersV || (a.input < b.input ? -1 : 1));
  return {
    method:
      "bias-corrected Cramér's V (and mutual information) between each input and each declared attribute; effect on scores as η (or |r| for components) of the within-ranking score residual; strength = V × effect",
    candidates: candidates.length,
    assessments: assessments.length,
    strongest: attributes.flatMap((a) => all.filter((r) => r.attribute === a && r.strength >= 0.1).slice(0, 5)).sort((a, b) => b.strength - a.strength),
    all,
  };
}
