// Verify the bias-audit log against secrets the database does not hold: each record's hash link and keyed MAC, and
// the signed heads (in the database and in the anchor file) that pin where the chain may start and how far it reached.
import { asc, gt } from 'drizzle-orm';
import type { SqlHandle } from '../storage/sql.js';
import { auditHeads, auditRecords } from '../db/schema/index.js';
import type { Keyring } from '../keyring.js';
import { checkHead, readAnchor, type HeadStatement } from './audit-heads.js';
import { GENESIS_HASH, recordHash, recordMac } from './audit-record.js';

export type BrokenReason =
  | 'hash-mismatch'
  | 'prev-hash-mismatch'
  | 'sequence-gap'
  | 'mac-missing'
  | 'mac-mismatch'
  | 'unknown-mac-key'
  | 'start-not-covered'
  | 'head-mismatch'
  | 'tail-missing';

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first broken link; id is null when the record is missing (a deleted tail). */
  firstBroken: { seq: number; id: string | null; reason: BrokenReason } | null;
  startsAfterPurge: { lastPurgedSeq: number } | null;
  heads: {
    checked: number;
    latest: { seq: number; kind: string; createdAt: string } | null;
    firstInvalid: { id: number | null; source: 'database' | 'anchor'; reason: string } | null;
  };
}

const DAY_MS = 86_400_000;

export async function verifyAuditLog(
  h: SqlHandle,
  keys: Pick<Keyring, 'macKeys' | 'signingKeys'>,
  opts: { anchorPath: string | null; knownSeq: number; retentionFloorDays: number; batch?: number },
): Promise<ChainReport> {
  const { db } = h;
  const { auditHeads, auditRecords } = h.t;
  // 1. Heads: a forged or altered one is itself evidence of tampering.
  const valid: HeadStatement[] = [];
  const seen = new Set<string>();
  let headsChecked = 0;
  let firstInvalid: ChainReport['heads']['firstInvalid'] = null;
  const invalid = (id: number | null, source: 'database' | 'anchor', reason: string) => {
    firstInvalid ??= { id, source, reason };
  };
  const consider = (h: { id: number | null; statement: string; keyId: string; signature: string }, source: 'database' | 'anchor', columns?: { kind: string; seq: number; hash: string; createdAt: string }) => {
    if (seen.has(h.signature)) return;
    seen.add(h.signature);
    headsChecked++;
    const c = checkHead(h, keys.signingKeys);
    if (!c.ok) return invalid(h.id, source, c.reason);
    const st = c.statement;
    if (columns && (columns.kind !== st.kind || columns.seq !== st.seq || columns.hash !== st.hash || columns.createdAt !== st.createdAt)) {
      return invalid(h.id, source, 'statement-mismatch');
    }
    if (st.purge) {
      const p = st.purge;
      const oldEnough = Date.parse(p.newestCreatedAt) <= Date.parse(st.createdAt) - opts.retentionFloorDays * DAY_MS;
      if (!oldEnough || p.retentionDays < opts.retentionFloorDays || p.toSeq !== st.seq || p.count !== p.toSeq - p.fromSeq + 1) {
        return invalid(h.id, source, 'purge-out-of-policy');
      }
    }
    valid.push(st);
  };
  for (const row of await db.select().from(auditHeads).orderBy(asc(auditHeads.id))) consider(row, 'database', row);
  for (const h of readAnchor(opts.anchorPath)) consider({ ...h, id: h.id ?? null }, 'anchor');

  const adoption = valid.filter((st) => st.kind === 'adoption').sort((a, b) => b.seq - a.seq)[0];
  const legacyUpTo = adoption?.seq ?? 0;
  // Where the chain may legitimately start: genesis, right after a signed in-policy purge, or an adopted legacy start.
  const starts: { seq: number; prevHash: string; purgedTo: number | null }[] = [{ seq: 1, prevHash: GENESIS_HASH, purgedTo: null }];
  for (const st of valid) {
    if (st.kind === 'purge') starts.push({ seq: st.seq + 1, prevHash: st.hash, purgedTo: st.seq });
    if (st.kind === 'adoption' && st.start) starts.push({ seq: st.start.seq, prevHash: st.start.prevHash, purgedTo: st.start.seq > 1 ? st.start.seq - 1 : null });
  }
  const pinned = new Map<number, string>();
  for (const st of valid) if (st.kind !== 'purge') pinned.set(st.seq, st.hash);
  let maxHeadSeq = 0;
  let latest: ChainReport['heads']['latest'] = null;
  for (const st of valid) {
    if (st.seq > maxHeadSeq) maxHeadSeq = st.seq;
    if (!latest || st.createdAt > latest.createdAt) latest = { seq: st.seq, kind: st.kind, createdAt: st.createdAt };
  }

  const heads = (): ChainReport['heads'] => ({ checked: headsChecked, latest, firstInvalid });
  let startsAfterPurge: ChainReport['startsAfterPurge'] = null;
  let checked = 0;
  const report = (firstBroken: ChainReport['firstBroken']): ChainReport => ({
    ok: firstBroken === null && firstInvalid === null,
    checked,
    firstBroken,
    startsAfterPurge,
    heads: heads(),
  });

  // 2. The records, in order.
  const batch = opts.batch ?? 5000;
  let afterSeq = -Infinity;
  let expectedSeq = 0;
  let prevHash = '';
  let lastSeq: number | null = null;
  for (;;) {
    const rows = await db
      .select()
      .from(auditRecords)
      .where(afterSeq === -Infinity ? undefined : gt(auditRecords.seq, afterSeq))
      .orderBy(asc(auditRecords.seq))
      .limit(batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      const broken = (reason: BrokenReason) => report({ seq: row.seq, id: row.id, reason });
      if (lastSeq === null) {
        const start = starts.find((s) => s.seq === row.seq && s.prevHash === row.prevHash);
        if (!start) return broken('start-not-covered');
        if (start.purgedTo !== null) startsAfterPurge = { lastPurgedSeq: start.purgedTo };
        expectedSeq = row.seq;
        prevHash = row.prevHash;
      }
      if (row.seq !== expectedSeq) return broken('sequence-gap');
      if (row.prevHash !== prevHash) return broken('prev-hash-mismatch');
      if (recordHash(row) !== row.hash) return broken('hash-mismatch');
      if (row.mac === null || row.macKeyId === null) {
        if (row.seq > legacyUpTo) return broken('mac-missing');
      } else {
        const key = keys.macKeys.get(row.macKeyId);
        if (!key) return broken('unknown-mac-key');
        if (recordMac(key.key, row.hash) !== row.mac) return broken('mac-mismatch');
      }
      const pin = pinned.get(row.seq);
      if (pin !== undefined && pin !== row.hash) return broken('head-mismatch');
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      lastSeq = row.seq;
      checked++;
    }
    afterSeq = rows[rows.length - 1]!.seq;
  }
  // 3. A signed head (or this process) saw records beyond the last one left: the tail was deleted.
  const end = lastSeq ?? Math.max(0, ...starts.filter((s) => s.purgedTo !== null).map((s) => s.purgedTo!));
  if (lastSeq === null) {
    const start = starts.filter((s) => s.purgedTo !== null).sort((a, b) => b.seq - a.seq)[0];
    if (start) startsAfterPurge = { lastPurgedSeq: start.purgedTo! };
  }
  const reached = Math.max(maxHeadSeq, opts.knownSeq);
  if (reached > end) return report({ seq: end + 1, id: null, reason: 'tail-missing' });
  return report(null);
}
