import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { IdempotencyRecord, Storage, UnitOfWork } from '../storage/storage.js';

/**
 * The Idempotency-Key claim protocol (exactly once across replicas and across a crash), on the storage port; the HTTP
 * plugin (src/plugins/idempotency.ts) and `runIdempotent` both follow it.
 *
 * 1. **Claim**: a row with statusCode 0, a fresh fencing token and a lease (`heartbeat_at`). The primary key
 *    (principal, key) lets exactly one of several concurrent claims win, whichever replica they reach.
 * 2. **Write**: the write's own transaction marks the claim committed (`markCommitted`, conditional on the token), so
 *    the effect and the record that it happened commit together. A holder whose claim was taken over finds its token
 *    gone: its write rolls back instead of running a second time.
 * 3. **Reply**: stored afterwards (`completeHeld`); a replay sends it back.
 * While the request runs, its process renews the lease (`renew`). A claim whose lease ran out before its write
 * committed belongs to a dead (or stalled) process: the next retry takes it over (`claimKey`) and runs the request.
 * A claim whose write committed but whose reply was never stored runs never again: the retry is told so
 * (IDEMPOTENCY_REPLY_LOST), with the ids the write returned.
 */
export interface IdempotencyClaim {
  /** HMACs under the server secret, as the idempotency plugin computes them. */
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  subjectId: string | null;
}

/** A claim this process holds: its fencing token is the condition of every later write to the record. */
export interface HeldClaim {
  principal: string;
  key: string;
  token: string;
}

export type ClaimOutcome = { kind: 'claimed'; held: HeldClaim } | { kind: 'existing'; record: IdempotencyRecord; leaseAlive: boolean };

export interface ClaimTimes {
  now: number;
  /** A claim whose lease was not renewed for this long, and whose write did not commit, may be taken over. */
  leaseMs: number;
  /** A record older than this is forgotten: the key may be used again. */
  ttlMs: number;
}

const whereKey = (u: UnitOfWork, c: { principal: string; key: string }) =>
  and(eq(u.t.idempotencyRecords.principal, c.principal), eq(u.t.idempotencyRecords.key, c.key));
const whereHeld = (u: UnitOfWork, c: HeldClaim) => and(whereKey(u, c), eq(u.t.idempotencyRecords.claimToken, c.token));

/** Claim a key, or take over a record that is expired or whose holder's lease ran out before its write committed. */
export async function claimKey(storage: Storage, claim: IdempotencyClaim, times: ClaimTimes): Promise<ClaimOutcome> {
  const at = new Date(times.now).toISOString();
  const token = randomUUID();
  const row: IdempotencyRecord = {
    ...claim,
    statusCode: 0,
    responseBody: '',
    createdAt: at,
    replayable: true,
    claimToken: token,
    heartbeatAt: at,
    committedAt: null,
    resource: null,
  };
  const held = { kind: 'claimed' as const, held: { principal: claim.principal, key: claim.key, token } };
  return storage.transaction(async (tx) => {
    const found = await tx.idempotency.claim(row);
    if (!found) return held;
    const expired = Date.parse(found.createdAt) <= times.now - times.ttlMs;
    const leaseAlive = Date.parse(found.heartbeatAt ?? found.createdAt) > times.now - times.leaseMs;
    const abandoned = found.statusCode === 0 && found.committedAt === null && !leaseAlive;
    if (!expired && !abandoned) return { kind: 'existing', record: found, leaseAlive };
    // Optimistic: only if the row is still what we read (a live holder renewing its lease, or another retry taking it
    // over first, changes it; on PostgreSQL the UPDATE waits for such a writer and then re-checks this condition).
    const ir = tx.t.idempotencyRecords;
    const taken = await tx.db
      .update(ir)
      .set(row)
      .where(
        and(
          whereKey(tx, claim),
          eq(ir.createdAt, found.createdAt),
          eq(ir.statusCode, found.statusCode),
          sql`coalesce(${ir.claimToken}, '') = ${found.claimToken ?? ''}`,
          sql`coalesce(${ir.heartbeatAt}, '') = ${found.heartbeatAt ?? ''}`,
          found.committedAt === null ? isNull(ir.committedAt) : eq(ir.committedAt, found.committedAt),
        ),
      )
      .returning({ key: ir.key });
    if (taken.length) return held;
    return { kind: 'existing', record: { ...found, statusCode: 0, committedAt: null }, leaseAlive: true };
  });
}

/**
 * In the write's transaction: the claim's effect exists. False if the claim is no longer held under this token (it was
 * taken over): the caller must then roll the transaction back.
 */
export async function markCommitted(uow: UnitOfWork, held: HeldClaim, at: string, resource: string | null, subjectId: string | null, first: boolean): Promise<boolean> {
  const ir = uow.t.idempotencyRecords;
  const set = { ...(first ? { committedAt: at } : {}), heartbeatAt: at, ...(resource ? { resource } : {}), ...(subjectId ? { subjectId } : {}) };
  const done = await uow.db.update(ir).set(set).where(and(whereHeld(uow, held), eq(ir.statusCode, 0))).returning({ key: ir.key });
  return done.length > 0;
}

/** Store the reply of a held claim; `sweepBefore` also deletes records created before it (occasionally). */
export async function completeHeld(
  uow: UnitOfWork,
  held: HeldClaim,
  reply: Pick<IdempotencyRecord, 'requestHash' | 'statusCode' | 'responseBody' | 'replayable' | 'subjectId'>,
  sweepBefore?: string,
): Promise<boolean> {
  const ir = uow.t.idempotencyRecords;
  const done = await uow.db
    .update(ir)
    .set({ ...reply, createdAt: nowIso() })
    .where(whereHeld(uow, held))
    .returning({ key: ir.key });
  if (sweepBefore) await uow.db.delete(ir).where(lt(ir.createdAt, sweepBefore));
  return done.length > 0;
}

/** Give up a held claim whose write never committed: the key may be used again. */
export async function releaseHeld(uow: UnitOfWork, held: HeldClaim): Promise<void> {
  const ir = uow.t.idempotencyRecords;
  await uow.db.delete(ir).where(and(whereHeld(uow, held), eq(ir.statusCode, 0), isNull(ir.committedAt)));
}

/** Renew the lease of the claims this process holds (one statement each, in one transaction). */
export async function renew(storage: Storage, claims: readonly HeldClaim[], at: string): Promise<void> {
  if (!claims.length) return;
  await storage.transaction(async (uow) => {
    const ir = uow.t.idempotencyRecords;
    for (const c of claims) await uow.db.update(ir).set({ heartbeatAt: at }).where(and(whereHeld(uow, c), eq(ir.statusCode, 0)));
  });
}

export interface IdempotentReply {
  statusCode: number;
  /** Stored as given (the plugin encrypts it first); '' when not replayable. */
  responseBody: string;
  replayable: boolean;
}

export type IdempotentOutcome<T> =
  | { kind: 'executed'; value: T; reply: IdempotentReply }
  | { kind: 'replay'; record: IdempotencyRecord }
  | { kind: 'in-progress' }
  | { kind: 'reply-lost'; record: IdempotencyRecord }
  | { kind: 'key-reused' };

const LEASE_MS = 15_000;
const TTL_MS = 24 * 3600 * 1000;

/**
 * Run a write at most once per Idempotency-Key when the caller knows its reply inside the transaction (tools, tests):
 * the claim protocol above with the write, its commit mark and its stored reply in one transaction. A failed write
 * gives the claim up.
 */
export async function runIdempotent<T>(
  storage: Storage,
  claim: IdempotencyClaim,
  write: (uow: UnitOfWork) => Promise<{ value: T; reply: IdempotentReply }>,
  times: Partial<ClaimTimes> = {},
): Promise<IdempotentOutcome<T>> {
  const got = await claimKey(storage, claim, { now: Date.now(), leaseMs: LEASE_MS, ttlMs: TTL_MS, ...times });
  if (got.kind === 'existing') {
    const r = got.record;
    if (r.requestHash !== claim.requestHash) return { kind: 'key-reused' };
    if (r.statusCode !== 0) return { kind: 'replay', record: r };
    if (r.committedAt !== null && !got.leaseAlive) return { kind: 'reply-lost', record: r };
    return { kind: 'in-progress' };
  }
  try {
    return await storage.transaction(async (uow) => {
      const out = await write(uow);
      if (!(await markCommitted(uow, got.held, nowIso(), null, claim.subjectId, true))) throw new ClaimLostError();
      await completeHeld(uow, got.held, { ...out.reply, requestHash: claim.requestHash, subjectId: claim.subjectId });
      return { kind: 'executed' as const, ...out };
    });
  } catch (err) {
    await storage.transaction((tx) => releaseHeld(tx, got.held));
    if (err instanceof ClaimLostError) return { kind: 'in-progress' };
    throw err;
  }
}

/** This process's claim was taken over (its lease ran out): its write rolled back. */
export class ClaimLostError extends Error {
  constructor() {
    super('the claim on this Idempotency-Key was taken over by another request (its lease ran out); nothing was written');
    this.name = 'ClaimLostError';
  }
}
