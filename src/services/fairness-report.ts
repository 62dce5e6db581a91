import { and, asc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { SqlHandle } from '../storage/sql.js';
import { FAIRNESS_ATTRIBUTES, isComparable, valueCategory, type DeclaredAttributes, type FairnessAttribute } from '../fairness/attributes.js';
import { relocationStatus } from '../fairness/employer-view.js';
import { proxyCheck, type ProxyAssessment, type ProxyCandidate } from '../fairness/proxies.js';
import { assessments, buildReport, groupRankings, type ReportAuditRecord, type ReportDecision, type ReportRanking } from '../fairness/report.js';
import { ministryView } from '../fairness/suppress.js';
import { COMPONENT_NAMES, scoreParts, type ComponentName, type MatchContext, type MatchWeights, type ProfileFeatures, type VacancyFeatures } from '../matching/index.js';
import type { FairnessReport } from '../schemas/fairness.js';
import type { CandidateRow } from './candidates.js';
import type { MatchEngine } from './match-engine.js';
import type { VacancyRow } from './vacancies.js';

export interface ReportScope {
  from: string;
  to: string;
  employer?: string;
  /** An ESCO occupation URI, or an ISCO-08 code (prefix: "22" covers every health professional). */
  occupation?: string;
  country?: string;
}

export interface ReportParams extends ReportScope {
  spec: FairnessAttribute[];
  k: number;
  alpha: number;
  permutations: number;
  seed: number;
  proxies: boolean;
}

export interface ReportDeps {
  db: SqlHandle;
  engine: MatchEngine;
  /** The stored embedding of a vacancy or candidate (null if absent), for recomputing the semantic component. */
  vector: (collection: 'vacancies' | 'candidates', id: string) => Float32Array | null;
}

/** Ids as one JSON parameter (SQLite's json_each, PostgreSQL's jsonb_array_elements_text), so a long list needs no chunking. */
const inIds = (h: SqlHandle, column: Parameters<typeof eq>[0], ids: readonly string[]): SQL =>
  h.dialect === 'postgres'
    ? sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`
    : sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;

/** The vacancy's occupation as the matcher uses it: the user-set code, else the machine suggestion. */
function vacancyOccupation(v: VacancyRow): { esco: string | null; isco: string | null } {
  return { esco: v.occupationEsco ?? v.suggestions?.occupation?.esco ?? null, isco: v.occupationIsco ?? v.suggestions?.occupation?.isco ?? null };
}

function inScope(v: VacancyRow | undefined, s: ReportScope): boolean {
  if (!s.occupation && !s.country) return true;
  if (!v) return false; // a deleted vacancy can no longer be placed in an occupation or country
  if (s.country && v.country !== s.country) return false;
  if (s.occupation) {
    const occ = vacancyOccupation(v);
    if (s.occupation.startsWith('http') ? occ.esco !== s.occupation : !(occ.isco ?? '').startsWith(s.occupation)) return false;
  }
  return true;
}

export interface ScopeData {
  auditRecords: number;
  rankings: ReportRanking[];
  decisions: ReportDecision[];
  vacancies: Map<string, VacancyRow>;
}

/** Employer rankings of the period (kind vacancy-matches), grouped, with their vacancies and the decisions taken on them. */
export async function loadScope(h: SqlHandle, s: ReportScope): Promise<ScopeData> {
  const { db } = h;
  const { auditRecords, vacancies, matchDecisions } = h.t;
  const records: ReportAuditRecord[] = [];
  let afterSeq = 0;
  for (;;) {
    const conds: SQL[] = [eq(auditRecords.kind, 'vacancy-matches'), gte(auditRecords.createdAt, s.from), lt(auditRecords.createdAt, s.to), gt(auditRecords.seq, afterSeq)];
    if (s.employer) conds.push(eq(auditRecords.tenantId, s.employer));
    const batch = await db
      .select({
        seq: auditRecords.seq,
        id: auditRecords.id,
        createdAt: auditRecords.createdAt,
        subjectId: auditRecords.subjectId,
        tenantId: auditRecords.tenantId,
        inputHash: auditRecords.inputHash,
        indexVersion: auditRecords.indexVersion,
        weightsVersion: auditRecords.weightsVersion,
        results: auditRecords.results,
        ranking: auditRecords.ranking,
      })
      .from(auditRecords)
      .where(and(...conds))
      .orderBy(asc(auditRecords.seq))
      .limit(2000);
    if (batch.length === 0) break;
    records.push(...batch);
    afterSeq = batch[batch.length - 1]!.seq;
  }
  const vacancyIds = [...new Set(records.flatMap((r) => (r.subjectId ? [r.subjectId] : [])))];
  const vacancyRows = new Map((await db.select().from(vacancies).where(inIds(h, vacancies.id, vacancyIds))).map((v) => [v.id, v]));
  const kept = records.filter((r) => r.subjectId && inScope(vacancyRows.get(r.subjectId), s));
  const keptVacancies = [...new Set(kept.map((r) => r.subjectId!))];
  const decisions = await db
    .select({ vacancyId: matchDecisions.vacancyId, candidateId: matchDecisions.candidateId, decision: matchDecisions.decision })
    .from(matchDecisions)
    .where(and(inIds(h, matchDecisions.vacancyId, keptVacancies), lt(matchDecisions.createdAt, s.to)))
    .orderBy(asc(matchDecisions.id));
  return { auditRecords: kept.length, rankings: groupRankings(kept), decisions, vacancies: vacancyRows };
}

/** Declared attributes of these candidates, read at report time from their own table (never copied anywhere). */
export async function loadAttributes(h: SqlHandle, ids: readonly string[]): Promise<Map<string, DeclaredAttributes>> {
  const { candidateProtected } = h.t;
  const rows = await h.db
    .select({
      id: candidateProtected.candidateId,
      sex: candidateProtected.sex,
      ageBand: candidateProtected.ageBand,
      nationalityRegion: candidateProtected.nationalityRegion,
      disability: candidateProtected.disability,
    })
    .from(candidateProtected)
    .where(inIds(h, candidateProtected.candidateId, ids));
  return new Map(rows.map(({ id, ...a }) => [id, a]));
}

const cosine = (a: Float32Array, b: Float32Array): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
};

/**
 * Each component's contribution to one pair's score, decomposed exactly as the served score is (scoreParts: unstated
 * requirements renormalised within their group, the place gate applied), so the parts sum to the score.
 */
export function pairContributions(vacancy: VacancyFeatures, profile: ProfileFeatures, weights: MatchWeights, ctx: MatchContext): Record<ComponentName, number> {
  const { raw } = scoreParts(vacancy, profile, weights, ctx);
  return Object.fromEntries(COMPONENT_NAMES.map((n, i) => [n, raw[i]!])) as Record<ComponentName, number>;
}

/** At most this many assessments are re-scored for the component part of the proxy check (a deterministic sample). */
export const PROXY_RESCORE_CAP = 20_000;

/**
 * The proxy check over the candidates and assessments in scope. Profile inputs come from the current profiles;
 * components are recomputed with the current profiles, vacancies and stored vectors (not what they were when ranked).
 */
async function proxies(deps: ReportDeps, data: ScopeData, attrs: Map<string, DeclaredAttributes>) {
  const rows = assessments(data.rankings, data.decisions);
  const ids = [...new Set(rows.map((r) => r.candidateId))];
  const { candidates } = deps.db.t;
  const cands = new Map<string, CandidateRow>((await deps.db.db.select().from(candidates).where(inIds(deps.db, candidates.id, ids))).map((c) => [c.id, c]));
  const proxyCandidates: ProxyCandidate[] = [...cands.values()].map((c) => {
    const a = attrs.get(c.id);
    return {
      id: c.id,
      categories: Object.fromEntries(
        FAIRNESS_ATTRIBUTES.map((name) => {
          const v = valueCategory(a?.[name]);
          return [name, isComparable(v) ? v : null];
        }),
      ),
      inputs: {
        residenceCountry: c.residenceCountry,
        destinations: c.destinations,
        languages: c.languages.map((l) => l.code),
        educationLevel: c.educationLevel === null ? null : `ISCED ${c.educationLevel}`,
        lang: c.lang,
      },
    };
  });
  const vacancyFeatures = new Map<string, ReturnType<MatchEngine['vacancyFeatures']>>();
  const vacVector = new Map<string, Float32Array | null>();
  const sample = [...rows].sort((a, b) => (a.vacancyId + a.candidateId < b.vacancyId + b.candidateId ? -1 : 1));
  const rescored = new Set(sample.filter((_, i) => i % Math.ceil(sample.length / PROXY_RESCORE_CAP) === 0).map((r) => `${r.vacancyId}|${r.candidateId}`));
  const proxyAssessments: ProxyAssessment[] = rows.flatMap((r) => {
    const c = cands.get(r.candidateId);
    const v = data.vacancies.get(r.vacancyId);
    if (!c || !v) return [];
    let contributions: Record<string, number> | null = null;
    if (rescored.has(`${r.vacancyId}|${r.candidateId}`)) {
      if (!vacancyFeatures.has(v.id)) vacancyFeatures.set(v.id, deps.engine.vacancyFeatures(v));
      if (!vacVector.has(v.id)) vacVector.set(v.id, deps.vector('vacancies', v.id));
      const cv = deps.vector('candidates', c.id);
      const vv = vacVector.get(v.id);
      if (cv && vv) {
        contributions = pairContributions(vacancyFeatures.get(v.id)!, deps.engine.profileFeatures(c), deps.engine.weights, deps.engine.context(cosine(vv, cv), 'employer'));
      }
    }
    return [{ candidateId: r.candidateId, vacancyId: r.vacancyId, score: r.score, contributions, employerView: { relocation: relocationStatus(c, v.country) } }];
  });
  return proxyCheck(proxyCandidates, proxyAssessments, FAIRNESS_ATTRIBUTES);
}

/** The report for a period and scope, as an admin sees it, or a ministry (aggregates, small cells suppressed). */
export async function fairnessReport(deps: ReportDeps, p: ReportParams, audience: { role: 'admin' | 'ministry'; suppressionK: number }): Promise<FairnessReport> {
  const data = await loadScope(deps.db, p);
  const ids = [...new Set(data.rankings.flatMap((r) => r.pool.map(([id]) => id)))];
  const attrs = await loadAttributes(deps.db, ids);
  const body = buildReport(data.rankings, data.decisions, attrs, { spec: p.spec, k: p.k, minShare: 0.02, alpha: p.alpha, permutations: p.permutations, seed: p.seed });
  const report: FairnessReport = {
    title: 'Bias audit of the Passerelle candidate ranking',
    generatedAt: new Date().toISOString(),
    period: { from: p.from, to: p.to },
    scope: { employer: p.employer ?? null, occupation: p.occupation ?? null, country: p.country ?? null },
    audience: 'admin',
    suppressionK: null,
    ...body,
    dataSources: { auditRecords: data.auditRecords, ...body.dataSources },
    proxies: p.proxies && audience.role === 'admin' ? await proxies(deps, data, attrs) : null,
  };
  return audience.role === 'ministry' ? ministryView(report, audience.suppressionK) : report;
}
