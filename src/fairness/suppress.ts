import { suppressCells, type SuppressionLine } from '../cell-suppression.js';
import { REPORT_METRICS, type FairnessReport, type ReportCategory, type ReportMetric } from '../schemas/fairness.js';

const withheld = { positive: null, rate: null, impactRatio: null, fourFifths: false, pValue: null, adverseImpact: false };

/**
 * The additive relations a reader knows among the categories: they sum to the scope's candidates (published by
 * another report of the same quarter), and the cells of an intersection (sex×ageBand) sum, along each attribute, to
 * that attribute's own report — female×25-34 + female×35-44 + … = female. Each total is taken as known.
 */
export function suppressionLines(categories: readonly string[]): SuppressionLine[] {
  const lines: SuppressionLine[] = [{ parts: categories }];
  const arity = Math.max(0, ...categories.map((c) => c.split('×').length));
  for (let i = 0; arity > 1 && i < arity; i++) {
    const byValue = new Map<string, string[]>();
    for (const c of categories) {
      const v = c.split('×')[i] ?? '';
      (byValue.get(v) ?? byValue.set(v, []).get(v)!).push(c);
    }
    lines.push(...[...byValue.values()].map((parts) => ({ parts })));
  }
  return lines;
}

/**
 * The ministry's view of a report: aggregates only. A category with fewer than k candidates is withheld entirely; where
 * that leaves exactly one withheld category in a line of `suppressionLines`, the next smallest is withheld too, so it
 * cannot be recovered from a total (complementary suppression). Numerators are dropped everywhere (rates stay), and the proxy check, which
 * works on individual profiles, is not included.
 *
 * The outcomes are cells too: a rate times the category's size gives back its count, so with two hires in scope a
 * hired rate of 1/12 among declared disabled candidates says that one of the two people hired declared a disability
 * (and a narrow scope — one employer, one occupation — names the vacancy). A metric whose positive outcomes, or
 * negative ones, number fewer than k over the whole scope is withheld in every category (rates, ratios, tests, flags,
 * its reference category, and with top-k its exposure), so what a ministry learns about the people selected is
 * always about at least k of them.
 */
export function ministryView(report: FairnessReport, k: number): FairnessReport {
  const present = report.categories.filter((c) => (c.candidates ?? 0) > 0);
  const small = suppressCells(new Map(present.map((c) => [c.category, c.candidates ?? 0])), suppressionLines(present.map((c) => c.category)), k);
  const fewOutcomes = new Set<ReportMetric>(
    REPORT_METRICS.filter((m) => {
      const positive = report.categories.reduce((a, c) => a + (c[m].positive ?? 0), 0);
      const negative = report.categories.reduce((a, c) => a + (c.assessments ?? 0), 0) - positive;
      return (positive > 0 && positive < k) || (negative > 0 && negative < k);
    }),
  );
  const strip = (m: ReportMetric, cell: ReportCategory['scoring']): ReportCategory['scoring'] => (fewOutcomes.has(m) ? withheld : { ...cell, positive: null });
  const categories = report.categories.map((c): ReportCategory => {
    if (small.has(c.category)) {
      return { ...c, suppressed: true, candidates: null, assessments: null, share: null, scoring: withheld, topK: withheld, shortlisted: withheld, hired: withheld, exposure: null };
    }
    return {
      ...c,
      scoring: strip('scoring', c.scoring),
      topK: strip('topK', c.topK),
      shortlisted: strip('shortlisted', c.shortlisted),
      hired: strip('hired', c.hired),
      exposure: fewOutcomes.has('topK') ? null : c.exposure,
    };
  });
  // Totals stay only where they cannot reveal a withheld cell: with any withheld category, person counts go.
  const hide = small.size > 0;
  return {
    ...report,
    audience: 'ministry',
    suppressionK: k,
    categories,
    flags: report.flags.filter((f) => !small.has(f.category) && !fewOutcomes.has(f.metric)),
    references: Object.fromEntries(Object.entries(report.references ?? {}).map(([m, ref]) => [m, fewOutcomes.has(m as ReportMetric) ? null : ref])),
    dataSources: {
      ...report.dataSources,
      candidates: hide ? null : report.dataSources.candidates,
      assessments: hide ? null : report.dataSources.assessments,
      decisions: hide ? null : report.dataSources.decisions,
    },
    proxies: null,
    withheldMetrics: REPORT_METRICS.filter((m) => fewOutcomes.has(m)),
  };
}
