import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../hash.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { nowIso } from '../db/client.js';
import { apiKeys, type Role } from '../db/schema/index.js';
import { newId } from '../ids.js';

export interface Principal {
  keyId: string;
  role: Role;
  employerId: string | null;
  candidateId: string | null;
}

export interface CreatedKey {
  id: string;
  key: string;
  role: Role;
  employerId: string | null;
  candidateId: string | null;
}

const KEY_PREFIX = 'psk_';

export const hashKey = (key: string): string => sha256Hex(key);

/** Create a key; the plain key is returned once and only its hash is stored. */
export function createApiKey(
  db: DbOrTx,
  input: { role: Role; employerId?: string | null; candidateId?: string | null; name?: string | null },
): CreatedKey {
  if (input.role === 'employer' && !input.employerId) throw new Error('an employer key needs an employer');
  if (input.role === 'jobseeker' && !input.candidateId) throw new Error('a jobseeker key needs a candidate');
  const id = newId('key');
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  db.insert(apiKeys)
    .values({
      id,
      hash: hashKey(key),
      role: input.role,
      employerId: input.role === 'employer' ? (input.employerId ?? null) : null,
      candidateId: input.role === 'jobseeker' ? (input.candidateId ?? null) : null,
      name: input.name ?? null,
      createdAt: nowIso(),
    })
    .run();
  return {
    id,
    key,
    role: input.role,
    employerId: input.role === 'employer' ? (input.employerId ?? null) : null,
    candidateId: input.role === 'jobseeker' ? (input.candidateId ?? null) : null,
  };
}

export function findPrincipal(db: DbOrTx, key: string): Principal | null {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const row = db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hashKey(key)), isNull(apiKeys.revokedAt)))
    .get();
  if (!row) return null;
  return { keyId: row.id, role: row.role, employerId: row.employerId, candidateId: row.candidateId };
}

export function revokeApiKey(db: DbOrTx, id: string): boolean {
  const res = db.update(apiKeys).set({ revokedAt: nowIso() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).run();
  return res.changes > 0;
}
