import { sha256Hex } from '../hash.js';
import { and, asc, desc, eq, gt, lt, lte, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { nowIso } from '../db/client.js';
import { auditCheckpoints, auditPurgePermits, auditRecords, matchDecisions, type AuditRankingRow, type AuditResultRow } from '../db/schema/index.js';
import type { Decision } from '../schemas/audit.js';
import { newId } from '../ids.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditRow = typeof auditRecords.$inferSelect;

export interface AuditInput {
  actorRole: string;
  actorKeyId: string | null;
  tenantId: string | null;
  kind: AuditRow['kind'];
  subjectId: string | null;
  modelId: string;
  indexVersion: string;
  weightsVersion: string;
  inputHash: string;
  candidateSetSize: number;
  removed: Record<string, number>;
  results: AuditResultRow[];
  ranking?: AuditRankingRow | null;
}

/** Canonical JSON: keys sorted at every level, so the hash does not depend on property order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export { sha256Hex };

/** The record's hash covers every field but `hash` itself, including `seq` (so reordering breaks it) and `prevHash`. */
export function recordHash(r: Omit<AuditRow, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: r.seq,
      id: r.id,
      createdAt: r.createdAt,
      actorRole: r.actorRole,
      actorKeyId: r.actorKeyId,
      tenantId: r.tenantId,
      kind: r.kind,
      subjectId: r.subjectId,
      modelId: r.modelId,
      indexVersion: r.indexVersion,
      weightsVersion: r.weightsVersion,
      inputHash: r.inputHash,
      candidateSetSize: r.candidateSetSize,
      removed: r.removed,
      results: r.results,
      // Absent on records written before the field existed, so their hashes still verify.
      ranking: r.ranking ?? undefined,
      prevHash: r.prevHash,
    }),
  );
}

/** Append one record; call inside the transaction of anything else the request writes. */
export function appendAudit(tx: DbOrTx, input: AuditInput): AuditRow {
  const last = tx.select({ seq: auditRecords.seq, hash: auditRecords.hash }).from(auditRecords).orderBy(desc(auditRecords.seq)).limit(1).get();
  const checkpoint = last ? undefined : tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1).get();
  const prevHash = last?.hash ?? checkpoint?.lastPurgedHash ?? GENESIS_HASH;
  const seq = (last?.seq ?? checkpoint?.lastPurgedSeq ?? 0) + 1;
  const base = { seq, id: newId('audit'), createdAt: nowIso(), ...input, ranking: input.ranking ?? null, prevHash };
  const row: AuditRow = { ...base, hash: recordHash(base) };
  tx.insert(auditRecords).values(row).run();
  return row;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; id: string; reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap' } | null;
  startsAfterPurge: { lastPurgedSeq: number } | null;
}

/** Re-walk the chain from its start (genesis or the last retention checkpoint) and report the first broken link. */
export function verifyChain(db: DbOrTx, batch = 5000): ChainReport {
  const checkpoint = db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1).get();
  let prevHash = checkpoint?.lastPurgedHash ?? GENESIS_HASH;
  let expectedSeq = (checkpoint?.lastPurgedSeq ?? 0) + 1;
  let checked = 0;
  let afterSeq = checkpoint?.lastPurgedSeq ?? 0;
  for (;;) {
    const rows = db.select().from(auditRecords).where(gt(auditRecords.seq, afterSeq)).orderBy(asc(auditRecords.seq)).limit(batch).all();
    if (rows.length === 0) break;
    for (const row of rows) {
      const broken = (reason: NonNullable<ChainReport['firstBroken']>['reason']): ChainReport => ({
        ok: false,
        checked,
        firstBroken: { seq: row.seq, id: row.id, reason },
        startsAfterPurge: checkpoint ? { lastPurgedSeq: checkpoint.lastPurgedSeq } : null,
      });
      if (row.seq !== expectedSeq) return broken('sequence-gap');
      if (row.prevHash !== prevHash) return broken('prev-hash-mismatch');
      const { hash, ...rest } = row;
      if (recordHash(rest) !== hash) return broken('hash-mismatch');
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    afterSeq = rows[rows.length - 1]!.seq;
  }
  return { ok: true, checked, firstBroken: null, startsAfterPurge: checkpoint ? { lastPurgedSeq: checkpoint.lastPurgedSeq } : null };
}

/**
 * Retention: delete records older than the retention period (never below ~6 months), leaving a checkpoint with the
 * hash of the last purged record so the remaining chain still verifies from a known link.
 */
export function purgeExpiredAudit(db: Db, retentionDays: number, now = new Date()): number {
  const days = Math.max(183, retentionDays);
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  return db.transaction((tx) => {
    const lastOld = tx.select().from(auditRecords).where(lt(auditRecords.createdAt, cutoff)).orderBy(desc(auditRecords.seq)).limit(1).get();
    if (!lastOld) return 0;
    tx.insert(auditPurgePermits).values({ id: 1 }).run();
    const res = tx.delete(auditRecords).where(lte(auditRecords.seq, lastOld.seq)).run();
    tx.delete(auditPurgePermits).run();
    tx.insert(auditCheckpoints).values({ lastPurgedSeq: lastOld.seq, lastPurgedHash: lastOld.hash, purgedCount: res.changes, createdAt: nowIso() }).run();
    return res.changes;
  });
}

export function listAudit(
  db: DbOrTx,
  q: { limit: number; afterSeq?: number; kind?: AuditRow['kind']; tenantId?: string; subjectId?: string; from?: string; to?: string },
): AuditRow[] {
  const conds: SQL[] = [];
  if (q.afterSeq !== undefined) conds.push(gt(auditRecords.seq, q.afterSeq));
  if (q.kind) conds.push(eq(auditRecords.kind, q.kind));
  if (q.tenantId) conds.push(eq(auditRecords.tenantId, q.tenantId));
  if (q.subjectId) conds.push(eq(auditRecords.subjectId, q.subjectId));
  if (q.from) conds.push(gt(auditRecords.createdAt, q.from));
  if (q.to) conds.push(lt(auditRecords.createdAt, q.to));
  return db.select().from(auditRecords).where(conds.length ? and(...conds) : undefined).orderBy(asc(auditRecords.seq)).limit(q.limit + 1).all();
}

export function getAudit(db: DbOrTx, id: string): AuditRow | undefined {
  return db.select().from(auditRecords).where(eq(auditRecords.id, id)).get();
}

/** A decision row as the API shows it (the note is stored in the `reason` column). */
export function toDecision(row: typeof matchDecisions.$inferSelect): Decision {
  return {
    id: row.id,
    auditId: row.auditId,
    vacancyId: row.vacancyId,
    candidateId: row.candidateId,
    decision: row.decision,
    reasonCode: row.reasonCode,
    note: row.reason,
    createdAt: row.createdAt,
    erasedAt: row.erasedAt,
  };
}
