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
 * - For profile inputs the effect is also measured *within* the attribute's categories (the residual less its
 *   category's mean): an input the scorer really uses keeps its effect among people of one category, while an input
 *   that merely travels with the real one (speaking Arabic, when writing in Arabic is what costs) loses it.
 * strength = V × the larger effect: an input strongly tied to an attribute but irrelevant to scores is not a proxy of
 * the score, and one that moves scores but is unrelated to the attribute is not a proxy either.
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
    const push = (row: Omit<ProxyRow, 'attribute' | 'strength' | 'candidates' | 'scoreEtaWithin'> & { scoreEtaWithin?: number | null }) =>
      rows.push({
        ...row,
        scoreEtaWithin: row.scoreEtaWithin ?? null,
        attribute,
        cramersV: round(row.cramersV),
        mutualInformationBits: round(row.mutualInformationBits),
        strength: round(row.cramersV * Math.max(row.scoreEta ?? 0, row.scoreEtaWithin ?? 0)),
        candidates: declared,
      });
    // Residuals with each category's mean removed (pairs of declared candidates only).
    const pairCategory = pairCand.map((c) => (c ? (c.categories[attribute] ?? null) : null));
    const catMean = new Map<string, { sum: number; n: number }>();
    pairCategory.forEach((c, i) => {
      if (c === null) return;
      const m = catMean.get(c) ?? { sum: 0, n: 0 };
      m.sum += residual[i]!;
      m.n++;
      catMean.set(c, m);
    });
    const within = residual.map((r, i) => (pairCategory[i] === null ? 0 : r - catMean.get(pairCategory[i]!)!.sum / catMean.get(pairCategory[i]!)!.n));

    const profileRow = (input: string, value?: string) => {
      const xs = candidates.map((c) => profileValue(c, input, value));
      const t = contingency(xs, attrOf);
      const levels = pairCand.map((c) => profileValue(c, input, value));
      const eff = groupMeans(residual, levels, MIN_LEVEL);
      const effWithin = groupMeans(within, levels.map((l, i) => (pairCategory[i] === null ? null : l)), MIN_LEVEL);
      return {
        input,
        kind: 'profile' as const,
        strongestValue: value ?? null,
        cramersV: cramersV(t),
        mutualInformationBits: mutualInformation(t),
        scoreEta: round(eff.eta),
        scoreEtaWithin: round(effWithin.eta),
        scoreGap: round(eff.gap),
      };
    };
    for (const input of SINGLE) push(profileRow(input));
    for (const input of MULTI) {
      const counts = new Map<string, number>();
      for (const c of candidates) for (const v of new Set(c.inputs[input])) counts.set(v, (counts.get(v) ?? 0) + 1);
      let best: ReturnType<typeof profileRow> | null = null;
      for (const [v, n] of counts) {
        if (n < MIN_LEVEL || n > candidates.length - MIN_LEVEL) continue;
        const r = profileRow(input, v);
        const strength = (x: typeof r) => x.cramersV * Math.max(x.scoreEta ?? 0, x.scoreEtaWithin ?? 0);
        if (!best || strength(r) > strength(best) || (strength(r) === strength(best) && r.cramersV > best.cramersV)) best = r;
      }
      if (best) push(best);
    }

    const pairAttr = pairCategory;
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
    languageEffect: languageEffect(candidates, assessments, residual),
    method:
      "bias-corrected Cramér's V (and mutual information) between each input and each declared attribute; effect on scores as η (or |r| for components) of the within-ranking score residual; strength = V × effect",
    candidates: candidates.length,
    assessments: assessments.length,
    strongest: attributes.flatMap((a) => all.filter((r) => r.attribute === a && r.strength >= 0.1).slice(0, 5)).sort((a, b) => b.strength - a.strength),
    all,
  };
}

/**
 * The profile's language must not move scores at all (it is not even a legitimate input). Compare people who speak
 * the same languages but wrote their profile in different ones: the residual less the mean of their spoken-language
 * group, by writing language. A language-invariant scorer gives η ≈ 0; losing skill links for profiles written in one
 * language (the failure issue 11 reports) shows as a gap.
 */
function languageEffect(candidates: readonly ProxyCandidate[], assessments: readonly ProxyAssessment[], residual: readonly number[]): ProxyReport['languageEffect'] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const stratum = assessments.map((a) => {
    const c = byId.get(a.candidateId);
    return c ? [...c.inputs.languages].sort().join('+') : null;
  });
  const lang = assessments.map((a) => byId.get(a.candidateId)?.inputs.lang ?? null);
  // Only groups where people wrote in at least two languages carry information.
  const langsPer = new Map<string, Set<string>>();
  stratum.forEach((s, i) => {
    if (s === null || lang[i] === null) return;
    const set = langsPer.get(s) ?? new Set<string>();
    set.add(lang[i]!);
    langsPer.set(s, set);
  });
  const usable = stratum.map((s, i) => s !== null && lang[i] !== null && (langsPer.get(s)?.size ?? 0) >= 2);
  const mean = new Map<string, { sum: number; n: number }>();
  stratum.forEach((s, i) => {
    if (!usable[i]) return;
    const m = mean.get(s!) ?? { sum: 0, n: 0 };
    m.sum += residual[i]!;
    m.n++;
    mean.set(s!, m);
  });
  const values = residual.map((r, i) => (usable[i] ? r - mean.get(stratum[i]!)!.sum / mean.get(stratum[i]!)!.n : 0));
  const eff = groupMeans(values, lang.map((l, i) => (usable[i] ? l : null)), MIN_LEVEL);
  const n = usable.filter(Boolean).length;
  if (n === 0 || eff.means.length < 2) return null;
  return { assessments: n, eta: round(eff.eta), gap: round(eff.gap), byLang: eff.means.map((m) => ({ lang: m.group, n: m.n, meanResidual: round(m.mean) })), flagged: eff.eta >= 0.1 };
}
