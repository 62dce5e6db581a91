import type { FairnessReport, ReportCategory } from '../schemas/fairness.js';

const withheld = { positive: null, rate: null, impactRatio: null, fourFifths: false, pValue: null, adverseImpact: false };

/**
 * The ministry's view of a report: aggregates only. A category with fewer than k candidates is withheld entirely; if
 * that leaves exactly one withheld category, the next smallest is withheld too, so it cannot be recovered from the
 * totals (complementary suppression). Numerators are dropped everywhere (rates stay), and the proxy check, which
 * works on individual profiles, is not included.
 */
export function ministryView(report: FairnessReport, k: number): FairnessReport {
  const present = report.categories.filter((c) => (c.candidates ?? 0) > 0);
  const small = new Set(present.filter((c) => (c.candidates ?? 0) < k).map((c) => c.category));
  if (small.size === 1) {
    const next = present.filter((c) => !small.has(c.category)).sort((a, b) => (a.candidates ?? 0) - (b.candidates ?? 0))[0];
    if (next) small.add(next.category);
  }
  const strip = (cell: ReportCategory['scoring']): ReportCategory['scoring'] => ({ ...cell, positive: null });
  const categories = report.categories.map((c): ReportCategory => {
    if (small.has(c.category)) {
      return { ...c, suppressed: true, candidates: null, assessments: null, share: null, scoring: withheld, topK: withheld, shortlisted: withheld, hired: withheld, exposure: null };
    }
    return { ...c, scoring: strip(c.scoring), topK: strip(c.topK), shortlisted: strip(c.shortlisted), hired: strip(c.hired) };
  });
  // Totals stay only where they cannot reveal a withheld cell: with any withheld category, person counts go.
  const hide = small.size > 0;
  return {
    ...report,
    audience: 'ministry',
    suppressionK: k,
    categories,
    flags: report.flags.filter((f) => !small.has(f.category)),
    dataSources: {
      ...report.dataSources,
      candidates: hide ? null : report.dataSources.candidates,
      assessments: hide ? null : report.dataSources.assessments,
      decisions: hide ? null : report.dataSources.decisions,
    },
    proxies: null,
  };
}
