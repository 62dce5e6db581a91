import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { fairnessAlerts } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';
import { FAIRNESS_ATTRIBUTES } from '../fairness/attributes.js';
import { buildReport } from '../fairness/report.js';
import { newId } from '../ids.js';
import { REPORT_METRICS } from '../schemas/fairness.js';
import { keysetWhere, page } from './pagination.js';
import { loadAttributes, loadScope } from './fairness-report.js';

export type AlertRow = typeof fairnessAlerts.$inferSelect;

export interface AlertSettings {
  windowDays: number;
  /** The window is cut into this many consecutive segments; the ratio must stay below 0.8 in every one. */
  segments: number;
  /** Candidates needed in the category and in the reference category before an alert can be raised. */
  minCandidates: number;
  alpha: number;
  permutations: number;
  k: number;
}

export interface AlertLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

interface Finding {
  scope: string;
  attribute: string;
  category: string;
  referenceCategory: string;
  metric: string;
  impactRatio: number;
  pValue: number;
  n: number;
  referenceN: number;
  segments: { from: string; to: string; impactRatio: number | null }[];
}

/** Findings for one scope: categories whose ratio is below 0.8, significant over the window and in every segment. */
async function scopeFindings(db: SqlHandle, scope: string, from: string, to: string, s: AlertSettings): Promise<{ findings: Finding[]; evaluated: string[] }> {
  const data = await loadScope(db, { from, to, ...(scope === 'all' ? {} : { employer: scope }) });
  if (data.rankings.length === 0) return { findings: [], evaluated: [] };
  const attrs = await loadAttributes(db, [...new Set(data.rankings.flatMap((r) => r.pool.map(([id]) => id)))]);
  const t0 = Date.parse(from);
  const span = (Date.parse(to) - t0) / s.segments;
  const bounds = Array.from({ length: s.segments }, (_, i) => ({ from: new Date(t0 + i * span).toISOString(), to: new Date(t0 + (i + 1) * span).toISOString() }));
  const findings: Finding[] = [];
  const opts = { k: s.k, minShare: 0.02, alpha: s.alpha, seed: 1 };
  for (const attribute of FAIRNESS_ATTRIBUTES) {
    const whole = buildReport(data.rankings, data.decisions, attrs, { ...opts, spec: [attribute], permutations: s.permutations });
    const parts = bounds.map((b) =>
      buildReport(
        data.rankings.filter((r) => r.createdAt >= b.from && r.createdAt < b.to),
        data.decisions,
        attrs,
        { ...opts, spec: [attribute], permutations: 0 },
      ),
    );
    for (const flag of whole.flags) {
      const cat = whole.categories.find((c) => c.category === flag.category)!;
      const refName = whole.references[flag.metric];
      const ref = whole.categories.find((c) => c.category === refName);
      if (!ref || (cat.candidates ?? 0) < s.minCandidates || (ref.candidates ?? 0) < s.minCandidates) continue;
      const segments = parts.map((p, i) => ({ ...bounds[i]!, impactRatio: p.categories.find((c) => c.category === flag.category)?.[flag.metric].impactRatio ?? null }));
      if (!segments.every((x) => x.impactRatio !== null && x.impactRatio < 0.8)) continue;
      findings.push({
        scope,
        attribute,
        category: flag.category,
        referenceCategory: refName!,
        metric: flag.metric,
        impactRatio: flag.impactRatio,
        pValue: flag.pValue ?? 1,
        n: cat.assessments ?? 0,
        referenceN: ref.assessments ?? 0,
        segments,
      });
    }
  }
  return { findings, evaluated: [scope] };
}

/**
 * Evaluate the trailing window for every scope (all rankings, then each employer with rankings in it): record a new
 * alert (and log a warning) for each new finding, refresh the open alert of a finding that persists, and resolve open
 * alerts whose finding has cleared.
 */
export async function evaluateAlerts(
  storage: Storage,
  log: AlertLogger,
  s: AlertSettings,
  now = new Date(),
): Promise<{ evaluatedScopes: number; opened: AlertRow[]; refreshed: number; resolved: number }> {
  const to = now.toISOString();
  const from = new Date(now.getTime() - s.windowDays * 86_400_000).toISOString();
  const read = storage.read;
  const employers = [...new Set((await loadScope(read, { from, to })).rankings.flatMap((r) => (r.employerId ? [r.employerId] : [])))].sort();
  const findings: Finding[] = [];
  const scopes: string[] = [];
  for (const scope of ['all', ...employers]) {
    const r = await scopeFindings(read, scope, from, to, s);
    findings.push(...r.findings);
    scopes.push(scope);
  }
  // Every replica evaluates on its own timer: the open/refresh/resolve step is serialised under one lock, so two
  // evaluations never open the same alert twice.
  return storage.transaction(async (tx) => {
    await tx.lock('fairness-alerts');
    return applyFindings(tx, log, s, scopes, findings, from, to);
  });
}

async function applyFindings(
  h: SqlHandle,
  log: AlertLogger,
  s: AlertSettings,
  scopes: string[],
  findings: Finding[],
  from: string,
  to: string,
): Promise<{ evaluatedScopes: number; opened: AlertRow[]; refreshed: number; resolved: number }> {
  const { db } = h;
  const { fairnessAlerts } = h.t;
  const stamp = nowIso();
  const key = (x: { scope: string; attribute: string; category: string; metric: string }) => `${x.scope}|${x.attribute}|${x.category}|${x.metric}`;
  const open = scopes.length ? await db.select().from(fairnessAlerts).where(and(inArray(fairnessAlerts.scope, scopes), inArray(fairnessAlerts.status, ['open', 'acknowledged']))) : [];
  const openByKey = new Map(open.map((a) => [key(a), a]));
  const opened: AlertRow[] = [];
  let refreshed = 0;
  for (const f of findings) {
    const values = { ...f, windowFrom: from, windowTo: to, lastSeenAt: stamp };
    const existing = openByKey.get(key(f));
    if (existing) {
      await db.update(fairnessAlerts).set(values).where(eq(fairnessAlerts.id, existing.id));
      openByKey.delete(key(f));
      refreshed++;
      continue;
    }
    const [row] = (await db
      .insert(fairnessAlerts)
      .values({ id: newId('alert'), ...values, status: 'open', firstSeenAt: stamp })
      .returning()) as [AlertRow];
    opened.push(row);
    log.warn(
      { alertId: row.id, scope: f.scope, attribute: f.attribute, category: f.category, metric: f.metric, impactRatio: f.impactRatio, pValue: f.pValue, windowDays: s.windowDays },
      'fairness alert: impact ratio below 0.8 sustained over the window',
    );
  }
  // What is left open was not found again: the condition cleared.
  for (const a of openByKey.values()) await db.update(fairnessAlerts).set({ status: 'resolved', resolvedAt: stamp }).where(eq(fairnessAlerts.id, a.id));
  return { evaluatedScopes: scopes.length, opened, refreshed, resolved: openByKey.size };
}

export async function listAlerts(h: SqlHandle, q: { limit: number; cursor?: string; status?: AlertRow['status']; scope?: string }) {
  const { fairnessAlerts } = h.t;
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(fairnessAlerts.status, q.status));
  if (q.scope) conds.push(eq(fairnessAlerts.scope, q.scope));
  const rows = await h.db
    .select()
    .from(fairnessAlerts)
    .where(keysetWhere(fairnessAlerts.id, conds, q.cursor, 'alert'))
    .orderBy(fairnessAlerts.id)
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => r);
}

export async function acknowledgeAlert(h: SqlHandle, id: string, by: string, note: string): Promise<AlertRow | undefined> {
  const { fairnessAlerts } = h.t;
  const [row] = await h.db
    .update(fairnessAlerts)
    .set({ status: 'acknowledged', acknowledgedAt: nowIso(), acknowledgedBy: by, note })
    .where(and(eq(fairnessAlerts.id, id), eq(fairnessAlerts.status, 'open')))
    .returning();
  return row;
}

export const getAlert = async (h: SqlHandle, id: string): Promise<AlertRow | undefined> =>
  (await h.db.select().from(h.t.fairnessAlerts).where(eq(h.t.fairnessAlerts.id, id)).limit(1))[0];
