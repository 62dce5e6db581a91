// Signed heads of the bias-audit chain: Ed25519 statements over (seq, hash) that a copy of the database cannot forge,
// kept in the database, appended to an anchor file outside it and logged, so they can be exported and held elsewhere.
import { sign, verify as verifySignature } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { asc, gt } from 'drizzle-orm';
import type { SqlHandle } from '../storage/sql.js';
import { auditHeads } from '../db/schema/index.js';
import type { SigningKey } from '../keyring.js';
import { canonicalJson } from '../canonical-json.js';

export type AuditHeadRow = typeof auditHeads.$inferSelect;
export type HeadKind = AuditHeadRow['kind'];

/** What a head asserts. Purge heads also say what went and under which retention; adoption heads where the chain began. */
export interface HeadStatement {
  v: 1;
  kind: HeadKind;
  seq: number;
  hash: string;
  createdAt: string;
  purge?: { fromSeq: number; toSeq: number; count: number; newestCreatedAt: string; retentionDays: number };
  start?: { seq: number; prevHash: string };
}

/** A signed head as exported (GET /v1/audit/checkpoints) and anchored: enough to verify it with the public key alone. */
export interface SignedHead {
  id: number | null;
  statement: string;
  keyId: string;
  signature: string;
}

export function signStatement(key: SigningKey, statement: HeadStatement): { statement: string; signature: string; keyId: string } {
  if (!key.privateKey) throw new Error(`signing key ${key.id} has no private key`);
  const text = canonicalJson(statement);
  return { statement: text, signature: sign(null, Buffer.from(text), key.privateKey).toString('base64'), keyId: key.id };
}

export type HeadCheck = { ok: true; statement: HeadStatement } | { ok: false; reason: 'unknown-signing-key' | 'signature-invalid' | 'statement-invalid' };

/** Check a head's signature with the keyring's public keys (never with anything stored in the database). */
export function checkHead(head: Pick<SignedHead, 'statement' | 'keyId' | 'signature'>, keys: Map<string, SigningKey>): HeadCheck {
  const key = keys.get(head.keyId);
  if (!key) return { ok: false, reason: 'unknown-signing-key' };
  let valid = false;
  try {
    valid = verifySignature(null, Buffer.from(head.statement), key.publicKey, Buffer.from(head.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'signature-invalid' };
  try {
    const st = JSON.parse(head.statement) as HeadStatement;
    if (st.v !== 1 || typeof st.seq !== 'number' || typeof st.hash !== 'string') return { ok: false, reason: 'statement-invalid' };
    return { ok: true, statement: st };
  } catch {
    return { ok: false, reason: 'statement-invalid' };
  }
}

export async function insertHead(q: SqlHandle, signed: { statement: string; signature: string; keyId: string }, st: HeadStatement): Promise<AuditHeadRow> {
  const { auditHeads } = q.t;
  const [row] = await q.db
    .insert(auditHeads)
    .values({ kind: st.kind, seq: st.seq, hash: st.hash, createdAt: st.createdAt, statement: signed.statement, keyId: signed.keyId, signature: signed.signature })
    .returning();
  return row!;
}

export async function listHeads(h: SqlHandle, q: { limit: number; afterId?: number }): Promise<AuditHeadRow[]> {
  const { auditHeads } = h.t;
  return h.db
    .select()
    .from(auditHeads)
    .where(q.afterId !== undefined ? gt(auditHeads.id, q.afterId) : undefined)
    .orderBy(asc(auditHeads.id))
    .limit(q.limit + 1);
}

/** Append a signed head to the anchor file (one JSON line, fsynced); the operator ships this file off the host. */
export function appendAnchor(path: string, head: SignedHead): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(head)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The heads in an anchor file (lines that do not parse are skipped: verify reports only what it can check). */
export function readAnchor(path: string | null): SignedHead[] {
  if (!path || !existsSync(path)) return [];
  const out: SignedHead[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const h = JSON.parse(line) as SignedHead;
      if (typeof h.statement === 'string' && typeof h.keyId === 'string' && typeof h.signature === 'string') out.push(h);
    } catch {
      // a torn last line after a crash
    }
  }
  return out;
}
