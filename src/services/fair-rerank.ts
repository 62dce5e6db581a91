import { eq } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { FairRerankParams, FairRerankSettingRow } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import { AppError, validationFailed } from '../errors.js';
import { allCategories, categoryOf, INTERSECTION, isComparable, parseAttributeSpec } from '../fairness/attributes.js';
import { fairRerank, rerankUtility } from '../fairness/fair-rerank.js';
import type { AuditRankingRow } from '../db/schema/index.js';
import { loadAttributes } from './fairness-report.js';

/** Prefixes constrained by the re-ranker (the deepest page a caller can ask for). */
export const RERANK_K = 100;
/** Depth at which the utility cost is recorded (the report's default top k). */
export const RERANK_UTILITY_K = 10;

export interface RerankRequest {
  rerank?: 'on' | 'off';
  rerankAttribute?: string;
  rerankCategory?: string;
  rerankMinShare?: number;
  rerankAlpha?: number;
}

export interface ResolvedRerank extends FairRerankParams {
  source: 'request' | 'tenant';
}

/** Check a parameter set: a known attribute (or intersection) and a declared, comparable category of it. */
export function validateRerankParams(p: FairRerankParams, path: string): FairRerankParams {
  const spec = parseAttributeSpec(p.attribute);
  if (!spec) throw validationFailed(`${path}.attribute`, 'attribute', 'must be sex, ageBand, nationalityRegion, disability or an intersection such as sex×ageBand');
  const category = p.category;
  if (!allCategories(spec).includes(category) || !isComparable(category)) {
    throw validationFailed(`${path}.category`, 'category', `must be a declared category of ${spec.join(INTERSECTION)} (not undeclared or prefer-not-to-say)`);
  }
  if (!(p.minShare > 0 && p.minShare < 1)) throw validationFailed(`${path}.minShare`, 'range', 'must be between 0 and 1 (exclusive)');
  if (!(p.alpha > 0 && p.alpha < 0.5)) throw validationFailed(`${path}.alpha`, 'range', 'must be between 0 and 0.5 (exclusive)');
  return { attribute: spec.join(INTERSECTION), category, minShare: p.minShare, alpha: p.alpha };
}

export async function getRerankSetting(q: SqlHandle, employerId: string): Promise<FairRerankSettingRow | null> {
  const { fairnessSettings } = q.t;
  return (await q.db.select({ rerank: fairnessSettings.rerank }).from(fairnessSettings).where(eq(fairnessSettings.employerId, employerId)).limit(1))[0]?.rerank ?? null;
}

export async function putRerankSetting(q: SqlHandle, employerId: string, setting: FairRerankSettingRow, by: string): Promise<FairRerankSettingRow> {
  const { fairnessSettings } = q.t;
  const values = { rerank: setting, updatedAt: nowIso(), updatedBy: by };
  await q.db.insert(fairnessSettings).values({ employerId, ...values }).onConflictDoUpdate({ target: fairnessSettings.employerId, set: values });
  return setting;
}

/**
 * Which re-ranking applies to this request: the service switch (FAIR_RERANKING_ALLOWED), then the tenant's setting
 * (set by an admin), then the request's parameters, which are honoured only where the tenant allows per-request use.
 * Per-request use is restricted because comparing a re-ranked list with the unconstrained one reveals who was promoted,
 * i.e. who belongs to the protected category.
 */
export async function resolveRerank(db: SqlHandle, allowed: boolean, employerId: string, q: RerankRequest): Promise<ResolvedRerank | null> {
  const asked = q.rerank !== undefined || q.rerankAttribute !== undefined || q.rerankCategory !== undefined || q.rerankMinShare !== undefined || q.rerankAlpha !== undefined;
  if (!allowed) {
    if (asked && q.rerank !== 'off') throw new AppError('FORBIDDEN', 'fair re-ranking is switched off on this service (FAIR_RERANKING_ALLOWED)');
    return null;
  }
  const tenant = await getRerankSetting(db, employerId);
  if (asked && !tenant?.allowPerRequest) {
    throw new AppError('FORBIDDEN', 'per-request fair re-ranking is not enabled for this employer; an admin sets it with PUT /v1/fairness/reranking/:employerId');
  }
  if (q.rerank === 'off') return null;
  if (q.rerankAttribute !== undefined || q.rerankCategory !== undefined || q.rerankMinShare !== undefined) {
    if (q.rerankAttribute === undefined || q.rerankCategory === undefined || q.rerankMinShare === undefined) {
      throw validationFailed('query.rerankAttribute', 'required', 'rerankAttribute, rerankCategory and rerankMinShare go together');
    }
    const p = validateRerankParams({ attribute: q.rerankAttribute, category: q.rerankCategory, minShare: q.rerankMinShare, alpha: q.rerankAlpha ?? 0.1 }, 'query');
    return { ...p, source: 'request' };
  }
  return tenant?.apply ? { ...tenant.apply, ...(q.rerankAlpha !== undefined ? { alpha: q.rerankAlpha } : {}), source: 'tenant' } : null;
}

/**
 * Apply a resolved re-ranking to a ranked list (score order): the attributes are read here, in the fairness module,
 * and go no further; the result carries the audit entry (parameters and utility cost, no per-person data).
 */
export async function applyRerank<T extends { id: string; score: number }>(
  db: SqlHandle,
  ranked: readonly T[],
  r: ResolvedRerank,
): Promise<{ items: T[]; record: NonNullable<AuditRankingRow['rerank']> }> {
  const spec = parseAttributeSpec(r.attribute)!;
  const attrs = await loadAttributes(db, ranked.map((x) => x.id));
  const { items } = fairRerank(ranked, (x) => categoryOf(attrs.get(x.id), spec) === r.category, { minShare: r.minShare, alpha: r.alpha, k: RERANK_K });
  const u = rerankUtility(ranked, items, RERANK_UTILITY_K);
  return {
    items,
    record: { method: 'fa*ir', attribute: r.attribute, category: r.category, minShare: r.minShare, alpha: r.alpha, source: r.source, k: u.k, meanScoreTopK: u.meanScoreTopK, ndcgAtK: u.ndcgAtK, moved: u.moved },
  };
}
