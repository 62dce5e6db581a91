import type { AuditRecord, UnitOfWork } from '../storage/storage.js';
import { nextAuditRecord, type AuditInput, type AuditKeys } from './audit.js';

/**
 * Append one bias-audit record on the storage port (issue 15): the chain has one head whichever replica writes, so the
 * append takes the chain's lock, reads the tip and inserts inside the caller's transaction (the ranking it records
 * commits with it). On SQLite the write transaction is the lock; on PostgreSQL an advisory transaction lock.
 */
export async function appendAuditRecord(uow: UnitOfWork, keys: Pick<AuditKeys, 'currentMac'>, input: AuditInput, now?: Date): Promise<AuditRecord> {
  await uow.audit.lockChain();
  const row = nextAuditRecord(await uow.audit.tip(), input, keys.currentMac, now);
  await uow.audit.insert(row);
  return row;
}
