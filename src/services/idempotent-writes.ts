import { nowIso } from '../db/client.js';
import type { IdempotencyRecord, Storage, UnitOfWork } from '../storage/storage.js';

export interface IdempotencyClaim {
  /** HMACs under the server secret, as the idempotency plugin computes them. */
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  subjectId: string | null;
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
  | { kind: 'key-reused' };

/**
 * Run a write at most once per Idempotency-Key across every replica (issue 15). The key is claimed first (a row with
 * statusCode 0; the primary key lets one concurrent claim win); the write and its stored reply then commit in one
 * transaction, so a reply is recorded exactly when the object exists. A failed write gives the claim up.
 * Not handled yet: a claim left by a replica that died between claim and commit (it needs an expiry).
 */
export async function runIdempotent<T>(
  storage: Storage,
  claim: IdempotencyClaim,
  write: (uow: UnitOfWork) => Promise<{ value: T; reply: IdempotentReply }>,
): Promise<IdempotentOutcome<T>> {
  const existing = await storage.transaction((tx) => tx.idempotency.claim({ ...claim, statusCode: 0, responseBody: '', createdAt: nowIso(), replayable: true }));
  if (existing) {
    if (existing.requestHash !== claim.requestHash) return { kind: 'key-reused' };
    if (existing.statusCode === 0) return { kind: 'in-progress' };
    return { kind: 'replay', record: existing };
  }
  try {
    return await storage.transaction(async (uow) => {
      const out = await write(uow);
      await uow.idempotency.complete(claim.principal, claim.key, out.reply);
      return { kind: 'executed' as const, ...out };
    });
  } catch (err) {
    await storage.transaction((tx) => tx.idempotency.release(claim.principal, claim.key));
    throw err;
  }
}
