// The bias-audit log (EU AI Act Art. 12): an append-only, hash-chained record per ranking, each record MACed with a
// key kept outside the database, and signed heads (services/audit-heads.ts) that pin the chain and every purge.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, type SQL } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { auditRecords, matchDecisions, AuditRankingRow, AuditResultRow } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import type { Storage, UnitOfWork } from '../storage/storage.js';
import type { Decision } from '../schemas/audit.js';
import { canonicalJson } from '../canonical-json.js';
import { sha256Hex } from '../hash.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Keyring } from '../keyring.js';
import { appendAnchor, insertHead, signStatement, type AuditHeadRow, type HeadKind, type HeadStatement, type SignedHead } from './audit-heads.js';
import { verifyAuditLog, type ChainReport } from './audit-verify.js';
import { GENESIS_HASH, recordHash, recordMac } from './audit-record.js';

export { canonicalJson, sha256Hex, GENESIS_HASH, recordHash, recordMac };
export type { ChainReport };

/** The retention floor no configuration can lower (about 6 months: EU AI Act Art. 12); the delete trigger enforces it too. */
export const RETENTION_FLOOR_DAYS = 183;
const DAY_MS = 86_400_000;

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
  /** How the page was ordered (tie seed, re-ranking), when the ranking recorded it (fairness, issue 13). */
  ranking?: AuditRankingRow | null;
}

export type AuditKeys = Pick<Keyring, 'macKeys' | 'currentMac' | 'signingKeys' | 'currentSigning'>;

export interface AuditLogOptions {
  /** File outside the database where every signed head is appended (null: none). */
  anchorPath: string | null;
  /** Told about every signed head (the service logs it, so it reaches the operator's log store). */
  onHead?: (head: SignedHead & { kind: HeadKind; seq: number; hash: string }) => void;
}

/**
 * The record that follows `prev` in the chain (the last record, or the purge/adoption head an emptied table continues
 * from; none: genesis), hashed and MACed. Pure: each back end's writer serialises the read of `prev` and the insert.
 */
export function nextAuditRecord(prev: { seq: number; hash: string } | undefined, input: AuditInput, mac: AuditKeys['currentMac'], now?: Date): AuditRow {
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const seq = (prev?.seq ?? 0) + 1;
  const base = { seq, id: newId('audit'), createdAt: now ? now.toISOString() : nowIso(), ...input, ranking: input.ranking ?? null, prevHash };
  const hash = recordHash(base);
  return { ...base, hash, macKeyId: mac.id, mac: recordMac(mac.key, hash) };
}

/**
 * The audit log's writer and verifier. Appends MAC each record with the current key; heads are signed with the current
 * Ed25519 key. Older keys stay in the keyring to verify what they signed.
 */
export class AuditLog {
  /**
   * The highest seq this process saw committed (at start, or under a head it signed): a tail deleted under a running
   * service is noticed even before the next head. Appends do not raise it: their transaction may still roll back.
   */
  private knownSeq = 0;

  constructor(
    private readonly keys: AuditKeys,
    private readonly opts: AuditLogOptions,
  ) {}

  /**
   * Append one record; call inside the transaction of anything else the request writes. The chain has one head
   * whichever process writes: the append takes the chain's lock first (SQLite: the write transaction holds the
   * database's write lock; PostgreSQL: an advisory transaction lock), so reading the tip and inserting are serialised.
   */
  async append(tx: UnitOfWork, input: AuditInput, at: { now?: Date } = {}): Promise<AuditRow> {
    await tx.audit.lockChain();
    const row = nextAuditRecord(await tx.audit.tip(), input, this.keys.currentMac, at.now);
    await tx.audit.insert(row);
    return row;
  }

  private async chainStart(q: SqlHandle): Promise<{ seq: number; hash: string } | undefined> {
    const { auditHeads } = q.t;
    const [head] = await q.db
      .select({ seq: auditHeads.seq, hash: auditHeads.hash })
      .from(auditHeads)
      .where(inArray(auditHeads.kind, ['purge', 'adoption']))
      .orderBy(desc(auditHeads.seq))
      .limit(1);
    return head ?? undefined;
  }

  /** Sign a head over the latest record (kind periodic: only if the chain moved since the last head). */
  async signHead(storage: Storage, kind: 'periodic' | 'manual' = 'manual', now = new Date()): Promise<AuditHeadRow | null> {
    return storage.transaction(async (tx) => {
      // Heads are ordered with the records they sign: the same lock as appends.
      await tx.audit.lockChain();
      const { db } = tx;
      const { auditRecords, auditHeads } = tx.t;
      const [last] = await db.select({ seq: auditRecords.seq, hash: auditRecords.hash }).from(auditRecords).orderBy(desc(auditRecords.seq)).limit(1);
      const target = last ?? (await this.chainStart(tx)) ?? { seq: 0, hash: GENESIS_HASH };
      // Never vouch for a chain shorter than one already signed (or seen): its tail went missing.
      const [reached] = await db
        .select({ seq: auditHeads.seq })
        .from(auditHeads)
        .where(inArray(auditHeads.kind, ['periodic', 'manual', 'adoption']))
        .orderBy(desc(auditHeads.seq))
        .limit(1);
      if (target.seq < Math.max(reached?.seq ?? 0, this.knownSeq)) {
        throw new AppError('CONFLICT', `the audit chain ends at seq ${target.seq}, before a head already signed or seen; run GET /v1/audit/verify`);
      }
      if (kind === 'periodic') {
        const [prev] = await db.select({ seq: auditHeads.seq }).from(auditHeads).orderBy(desc(auditHeads.id)).limit(1);
        if (prev && prev.seq === target.seq) return null;
        if (!prev && target.seq === 0) return null;
      }
      return this.writeHead(tx, { v: 1, kind, seq: target.seq, hash: target.hash, createdAt: now.toISOString() });
    });
  }

  private async writeHead(q: SqlHandle, st: HeadStatement): Promise<AuditHeadRow> {
    const signed = signStatement(this.keys.currentSigning, st);
    const row = await insertHead(q, signed, st);
    const exported: SignedHead = { id: row.id, statement: signed.statement, keyId: signed.keyId, signature: signed.signature };
    if (this.opts.anchorPath) appendAnchor(this.opts.anchorPath, exported);
    this.opts.onHead?.({ ...exported, kind: st.kind, seq: st.seq, hash: st.hash });
    if (st.seq > this.knownSeq && st.kind !== 'purge') this.knownSeq = st.seq;
    return row;
  }

  /**
   * Records from before MACs existed: verify their plain chain once and pin it with a signed adoption head, so they
   * cannot be rewritten from then on. Returns the head, or null if there was nothing to adopt (or the chain was
   * already broken: then verify keeps reporting it).
   */
  async adoptLegacy(storage: Storage): Promise<AuditHeadRow | null> {
    return storage.transaction(async (tx) => {
      await tx.audit.lockChain();
      const { db } = tx;
      const { auditHeads, auditRecords, auditCheckpoints } = tx.t;
      if ((await db.select({ id: auditHeads.id }).from(auditHeads).where(eq(auditHeads.kind, 'adoption')).limit(1)).length) return null;
      const [lastLegacy] = await db.select().from(auditRecords).where(isNull(auditRecords.mac)).orderBy(desc(auditRecords.seq)).limit(1);
      const [legacyCheckpoint] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
      if (!lastLegacy && !legacyCheckpoint) return null;
      const [first] = await db.select().from(auditRecords).orderBy(asc(auditRecords.seq)).limit(1);
      const start = first ? { seq: first.seq, prevHash: first.prevHash } : { seq: legacyCheckpoint!.lastPurgedSeq + 1, prevHash: legacyCheckpoint!.lastPurgedHash };
      // Walk the legacy part with the plain hash rules before vouching for it.
      let prev = start.prevHash;
      let expected = start.seq;
      let after = start.seq - 1;
      const upTo = lastLegacy?.seq ?? start.seq - 1;
      while (after < upTo) {
        const rows = await db.select().from(auditRecords).where(and(gt(auditRecords.seq, after), lte(auditRecords.seq, upTo))).orderBy(asc(auditRecords.seq)).limit(5000);
        if (rows.length === 0) break;
        for (const r of rows) {
          if (r.seq !== expected || r.prevHash !== prev || recordHash(r) !== r.hash || r.mac !== null) return null;
          prev = r.hash;
          expected++;
        }
        after = rows[rows.length - 1]!.seq;
      }
      const seq = lastLegacy?.seq ?? legacyCheckpoint!.lastPurgedSeq;
      const hash = lastLegacy?.hash ?? legacyCheckpoint!.lastPurgedHash;
      return this.writeHead(tx, { v: 1, kind: 'adoption', seq, hash, createdAt: nowIso(), start });
    });
  }

  /**
   * Retention: delete the oldest records past the retention period (never below 183 days, also enforced by the delete
   * trigger), in one transaction with a signed purge head that states what went and under which retention. verify
   * accepts a missing start of the chain only under such a head.
   */
  async purgeExpired(storage: Storage, retentionDays: number, now = new Date()): Promise<number> {
    const days = Math.max(RETENTION_FLOOR_DAYS, retentionDays);
    const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
    return storage.transaction(async (tx) => {
      await tx.audit.lockChain();
      const { db } = tx;
      const { auditRecords, auditPurgePermits } = tx.t;
      const [first] = await db.select().from(auditRecords).orderBy(asc(auditRecords.seq)).limit(1);
      if (!first || first.createdAt >= cutoff) return 0;
      // The purged part is a prefix of the chain: up to the record before the first one inside retention.
      const [firstKept] = await db.select({ seq: auditRecords.seq }).from(auditRecords).where(gte(auditRecords.createdAt, cutoff)).orderBy(asc(auditRecords.seq)).limit(1);
      const [lastOld] = await db
        .select()
        .from(auditRecords)
        .where(firstKept ? lt(auditRecords.seq, firstKept.seq) : undefined)
        .orderBy(desc(auditRecords.seq))
        .limit(1);
      await db.insert(auditPurgePermits).values({ id: 1 });
      const count = (await db.delete(auditRecords).where(lte(auditRecords.seq, lastOld!.seq)).returning({ seq: auditRecords.seq })).length;
      await db.delete(auditPurgePermits);
      await this.writeHead(tx, {
        v: 1,
        kind: 'purge',
        seq: lastOld!.seq,
        hash: lastOld!.hash,
        createdAt: now.toISOString(),
        purge: { fromSeq: first.seq, toSeq: lastOld!.seq, count, newestCreatedAt: lastOld!.createdAt, retentionDays: days },
      });
      return count;
    });
  }

  /** Re-walk the chain, every MAC and every signed head (database and anchor file); report the first problem. */
  verify(q: SqlHandle): Promise<ChainReport> {
    return verifyAuditLog(q, this.keys, { anchorPath: this.opts.anchorPath, knownSeq: this.knownSeq, retentionFloorDays: RETENTION_FLOOR_DAYS });
  }

  /** Remember where the chain ended when the service started (a tail deleted while it runs is then noticed). */
  async noteCurrentHead(q: SqlHandle): Promise<void> {
    const { auditRecords } = q.t;
    const [last] = await q.db.select({ seq: auditRecords.seq }).from(auditRecords).orderBy(desc(auditRecords.seq)).limit(1);
    if (last && last.seq > this.knownSeq) this.knownSeq = last.seq;
  }

  publicKeys(): { id: string; publicKey: string; createdAt: string; current: boolean }[] {
    return [...this.keys.signingKeys.values()].map((k) => ({
      id: k.id,
      publicKey: k.publicKeyPem,
      createdAt: k.createdAt,
      current: k.id === this.keys.currentSigning.id,
    }));
  }
}

export async function listAudit(
  h: SqlHandle,
  q: { limit: number; afterSeq?: number; kind?: AuditRow['kind']; tenantId?: string; subjectId?: string; from?: string; to?: string },
): Promise<AuditRow[]> {
  const { auditRecords } = h.t;
  const conds: SQL[] = [];
  if (q.afterSeq !== undefined) conds.push(gt(auditRecords.seq, q.afterSeq));
  if (q.kind) conds.push(eq(auditRecords.kind, q.kind));
  if (q.tenantId) conds.push(eq(auditRecords.tenantId, q.tenantId));
  if (q.subjectId) conds.push(eq(auditRecords.subjectId, q.subjectId));
  if (q.from) conds.push(gt(auditRecords.createdAt, q.from));
  if (q.to) conds.push(lt(auditRecords.createdAt, q.to));
  return h.db.select().from(auditRecords).where(conds.length ? and(...conds) : undefined).orderBy(asc(auditRecords.seq)).limit(q.limit + 1);
}

export async function getAudit(h: SqlHandle, id: string): Promise<AuditRow | undefined> {
  const { auditRecords } = h.t;
  return (await h.db.select().from(auditRecords).where(eq(auditRecords.id, id)).limit(1))[0];
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
