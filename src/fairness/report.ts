/**
 * The LL144-style bias audit, computed from what the audit log and the decisions table hold, joined with the
 * separately stored declared attributes at report time. Pure: the service loads the rows and calls `buildReport`.
 *
 * Unit of analysis: an *assessment*, i.e. a (vacancy, candidate) pair scored in at least one employer ranking of the
 * period (a pair ranked on several days counts once, with its latest score). Rates are shares of assessments;
 * significance is tested at the level of candidates (see significance.ts).
 */
import { impactRatios, median, type CategoryCount } from '../matching/fairness.js';
import { allCategories, categoryOf, isComparable, type DeclaredAttributes, type FairnessAttribute, INTERSECTION } from './attributes.js';
import { exposureByCategory } from './exposure.js';
import { permutationImpactTest, type PermutationUnit } from './significance.js';
import { REPORT_METRICS, type FairnessReport, type ReportCategory, type ReportMetric } from '../schemas/fairness.js';
import type { AuditRankingRow, PoolEntry } from '../db/schema/audit.js';

/** The audit-record fields the report reads (kind 'vacancy-matches' only). */
export interface ReportAuditRecord {
  id: string;
  createdAt: string;
  subjectId: string | null;
  tenantId: string | null;
  inputHash: string;
  indexVersion: string;
  weightsVersion: string;
  results: { id: string; rank: number; score: number }[];
  ranking: AuditRankingRow | null;
}

/** One ranking: the pages served from one computation (same vacancy, inputs, index, weights and tie seed). */
export interface ReportRanking {
  key: string;
  createdAt: string;
  vacancyId: string;
  employerId: string | null;
  /** Everyone scored: [candidateId, score, closeness?]. From the record's pool, or its served page for older records. */
  pool: PoolEntry[];
  hasPool: boolean;
  /** rank → candidate id, over every page served. */
  served: Map<number, string>;
  rerank: AuditRankingRow['rerank'] | null;
}

/** Group page records into rankings, oldest first. */
export function groupRankings(records: readonly ReportAuditRecord[]): ReportRanking[] {
  const byKey = new Map<string, ReportRanking>();
  for (const r of records) {
    if (!r.subjectId) continue;
    const seed = r.ranking?.tieBreak.seed ?? '';
    const rr = r.ranking?.rerank;
    const key = [r.subjectId, r.inputHash, r.indexVersion, r.weightsVersion, seed, rr ? `${rr.attribute}:${rr.category}:${rr.minShare}:${rr.alpha}` : ''].join('|');
    let g = byKey.get(key);
    if (!g) {
      const pool = r.ranking?.pool ?? r.results.map((x): PoolEntry => [x.id, x.score]);
      g = { key, createdAt: r.createdAt, vacancyId: r.subjectId, employerId: r.tenantId, pool: [...pool], hasPool: Boolean(r.ranking?.pool), served: new Map(), rerank: rr ?? null };
      byKey.set(key, g);
    } else if (!g.hasPool) {
      // Older records without a pool: the union of their served pages.
      const seen = new Set(g.pool.map((p) => p[0]));
      for (const x of r.results) if (!seen.has(x.id)) g.pool.push([x.id, x.score]);
    }
    for (const x of r.results) g.served.set(x.rank, x.id);
  }
  return [...byKey.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

export interface ReportDecision {
  vacancyId: string;
  candidateId: string;
  decision: 'shortlisted' | 'rejected' | 'hired';
}

export interface ReportOptions {
  spec: readonly FairnessAttribute[];
  k: number;
  minShare: number;
  alpha: number;
  permutations: number;
  seed: number;
}

export interface Assessment {
  vacancyId: string;
  candidateId: string;
  score: number;
  bestServedRank: number | null;
  shortlisted: boolean;
  hired: boolean;
}

/** One row per (vacancy, candidate): latest score, best served rank, and what people decided. */
export function assessments(rankings: readonly ReportRanking[], decisions: readonly ReportDecision[]): Assessment[] {
  const pairs = new Map<string, Assessment>();
  for (const r of rankings) {
    for (const [candidateId, score] of r.pool) {
      const key = `${r.vacancyId}|${candidateId}`;
      const a = pairs.get(key);
      if (a) a.score = score; // rankings are oldest first: the latest score wins
      else pairs.set(key, { vacancyId: r.vacancyId, candidateId, score, bestServedRank: null, shortlisted: false, hired: false });
    }
    for (const [rank, candidateId] of r.served) {
      const a = pairs.get(`${r.vacancyId}|${candidateId}`);
      if (a && (a.bestServedRank === null || rank < a.bestServedRank)) a.bestServedRank = rank;
    }
  }
  for (const d of decisions) {
    const a = pairs.get(`${d.vacancyId}|${d.candidateId}`);
    if (!a) continue;
    // "Ever advanced": a shortlist later followed by a rejection still counts as shortlisted; hired implies shortlisted.
    if (d.decision === 'shortlisted' || d.decision === 'hired') a.shortlisted = true;
    if (d.decision === 'hired') a.hired = true;
  }
  return [...pairs.values()];
}

const NOT_MEASURED = [
  'Race/ethnicity: Passerelle does not ask for it, so the LL144 race/ethnicity and sex × race/ethnicity tables cannot be produced.',
  'People who never consented to matching or to being visible to employers: they are not ranked, so not assessed.',
  'Categories come from self-declaration; undeclared and prefer-not-to-say are reported but never compared.',
  'Outcomes outside the platform (interviews, offers, hires recorded elsewhere) and decisions not recorded through the API.',
  'Seeker-side rankings (vacancies recommended to a seeker) are not in these tables; only employer rankings of candidates are.',
  'Whether a score difference is justified by job-related qualifications: the report measures disparities, not their cause; the proxy check points at inputs that carry them.',
  'Candidates erased since the ranking count as undeclared (their attributes were erased with them).',
];

const emptyCell = () => ({ positive: null, rate: null, impactRatio: null, fourFifths: false, pValue: null, adverseImpact: false });

/**
 * Build the report body (without scope, period and proxies, which the service adds). `attributes` maps candidate ids
 * to their declared attributes; absent ids are undeclared.
 */
export function buildReport(
  rankings: readonly ReportRanking[],
  decisions: readonly ReportDecision[],
  attributes: ReadonlyMap<string, DeclaredAttributes>,
  opts: ReportOptions,
): Pick<FairnessReport, 'attribute' | 'k' | 'minShare' | 'alpha' | 'medianScore' | 'categories' | 'references' | 'flags' | 'test' | 'reranking' | 'notMeasured'> & {
  dataSources: Omit<FairnessReport['dataSources'], 'auditRecords'>;
} {
  const rows = assessments(rankings, decisions);
  const med = rows.length ? median(rows.map((r) => r.score)) : null;
  const catOf = (id: string) => categoryOf(attributes.get(id), opts.spec);
  // Candidate-level aggregation: the unit of the permutation test.
  const perCandidate = new Map<string, { category: string; n: number; positive: number[] }>();
  for (const r of rows) {
    let c = perCandidate.get(r.candidateId);
    if (!c) {
      c = { category: catOf(r.candidateId), n: 0, positive: [0, 0, 0, 0] };
      perCandidate.set(r.candidateId, c);
    }
    c.n++;
    const flags = [med !== null && r.score > med, r.bestServedRank !== null && r.bestServedRank <= opts.k, r.shortlisted, r.hired];
    flags.forEach((f, m) => {
      if (f) c.positive[m]!++;
    });
  }
  // Every possible category of a single attribute; for intersections, those that occur (the full product is long).
  const present = new Set([...perCandidate.values()].map((c) => c.category));
  const categories = opts.spec.length === 1 ? allCategories(opts.spec) : allCategories(opts.spec).filter((c) => present.has(c));
  const agg = new Map(categories.map((c) => [c, { candidates: 0, n: 0, positive: [0, 0, 0, 0] }]));
  for (const c of perCandidate.values()) {
    const a = agg.get(c.category)!;
    a.candidates++;
    a.n += c.n;
    c.positive.forEach((p, m) => (a.positive[m]! += p));
  }
  const tables = REPORT_METRICS.map((_, m) =>
    impactRatios(
      categories.map((category): CategoryCount => ({ category, comparable: isComparable(category), n: agg.get(category)!.n, positive: agg.get(category)!.positive[m]! })),
      { minShare: opts.minShare },
    ),
  );
  // Significance over the categories in ratios (the same set for every metric: it depends on counts only).
  const tested = tables[0]!.rows.filter((r) => r.inRatios).map((r) => r.category);
  const testedIndex = new Map(tested.map((c, i) => [c, i]));
  const units: PermutationUnit[] = [...perCandidate.values()].flatMap((c) => {
    const i = testedIndex.get(c.category);
    return i === undefined ? [] : [{ category: i, n: c.n, positive: c.positive }];
  });
  const perm = tested.length >= 2 ? permutationImpactTest(units, tested.length, REPORT_METRICS.length, { permutations: opts.permutations, seed: opts.seed }) : null;

  const exposure = exposureByCategory(
    rankings.map((r) => ({
      pool: r.pool.map(([id]) => catOf(id)),
      served: Array.from({ length: opts.k }, (_, i) => {
        const id = r.served.get(i + 1);
        return id === undefined ? null : catOf(id);
      }),
    })),
    categories,
    opts.k,
  );

  const flags: FairnessReport['flags'] = [];
  const out: ReportCategory[] = categories.map((category, ci) => {
    const a = agg.get(category)!;
    const base = tables[0]!.rows[ci]!;
    const cell = (m: number): ReportCategory['scoring'] => {
      const row = tables[m]!.rows[ci]!;
      const ti = testedIndex.get(category);
      const pValue = perm && ti !== undefined ? (perm.pValue[m]![ti] ?? null) : null;
      const adverseImpact = row.fourFifths && pValue !== null && pValue < opts.alpha;
      if (adverseImpact) flags.push({ metric: REPORT_METRICS[m]!, category, impactRatio: row.impactRatio!, pValue });
      return a.n === 0 ? emptyCell() : { positive: row.positive, rate: row.rate, impactRatio: row.impactRatio, fourFifths: row.fourFifths, pValue, adverseImpact };
    };
    const ex = exposure[ci]!;
    return {
      category,
      comparable: base.comparable,
      suppressed: false,
      candidates: a.candidates,
      assessments: a.n,
      share: base.share,
      underMinShare: base.underMinShare,
      inRatios: base.inRatios,
      scoring: cell(0),
      topK: cell(1),
      shortlisted: cell(2),
      hired: cell(3),
      exposure: a.n === 0 ? null : ex,
    };
  });
  const reranked = rankings.filter((r) => r.rerank);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  return {
    attribute: opts.spec.join(INTERSECTION),
    k: opts.k,
    minShare: opts.minShare,
    alpha: opts.alpha,
    medianScore: med,
    categories: out,
    references: Object.fromEntries(REPORT_METRICS.map((m, i) => [m, tables[i]!.reference])) as Record<ReportMetric, string | null>,
    flags,
    test: {
      method:
        "candidate-level permutation of category labels; p = share of shuffles whose largest shortfall z (any category against any category with a higher rate) reaches the observed one (Westfall–Young max-T)",
      permutations: perm?.permutations ?? 0,
      seed: opts.seed,
      alpha: opts.alpha,
    },
    reranking: {
      rankings: reranked.length,
      meanNdcgAtK: mean(reranked.map((r) => r.rerank!.ndcgAtK)),
      meanScoreChangeTopK: mean(reranked.map((r) => r.rerank!.meanScoreTopK.after - r.rerank!.meanScoreTopK.before)),
    },
    notMeasured: NOT_MEASURED,
    dataSources: {
      rankings: rankings.length,
      rankingsWithoutPool: rankings.filter((r) => !r.hasPool).length,
      rerankedRankings: reranked.length,
      vacancies: new Set(rankings.map((r) => r.vacancyId)).size,
      candidates: perCandidate.size,
      assessments: rows.length,
      decisions: decisions.length,
    },
  };
}
