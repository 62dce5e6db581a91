import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../hash.js';
import { and, eq, isNull } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { apiKeys, Role } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';
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

/** A new key's row and the plain key (returned once; only its hash is stored). */
export function apiKeyRow(input: { role: Role; employerId?: string | null; candidateId?: string | null; name?: string | null }): {
  row: typeof apiKeys.$inferInsert;
  created: CreatedKey;
} {
  if (input.role === 'employer' && !input.employerId) throw new Error('an employer key needs an employer');
  if (input.role === 'jobseeker' && !input.candidateId) throw new Error('a jobseeker key needs a candidate');
  const id = newId('key');
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const employerId = input.role === 'employer' ? (input.employerId ?? null) : null;
  const candidateId = input.role === 'jobseeker' ? (input.candidateId ?? null) : null;
  return {
    row: { id, hash: hashKey(key), role: input.role, employerId, candidateId, name: input.name ?? null, createdAt: nowIso() },
    created: { id, key, role: input.role, employerId, candidateId },
  };
}

/** Create a key; the plain key is returned once and only its hash is stored. */
export async function createApiKey(
  q: SqlHandle,
  input: { role: Role; employerId?: string | null; candidateId?: string | null; name?: string | null },
): Promise<CreatedKey> {
  const { row, created } = apiKeyRow(input);
  await q.db.insert(q.t.apiKeys).values(row);
  return created;
}

/** createApiKey in a transaction of its own (tools, fixtures). */
export async function createApiKeyIn(storage: Pick<Storage, 'transaction'>, input: Parameters<typeof apiKeyRow>[0]): Promise<CreatedKey> {
  return storage.transaction((tx) => createApiKey(tx, input));
}

export async function findPrincipal(q: SqlHandle, key: string): Promise<Principal | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const { apiKeys } = q.t;
  const [row] = await q.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hashKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  return { keyId: row.id, role: row.role, employerId: row.employerId, candidateId: row.candidateId };
}

export async function revokeApiKey(q: SqlHandle, id: string): Promise<boolean> {
  const { apiKeys } = q.t;
  const res = await q.db.update(apiKeys).set({ revokedAt: nowIso() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
  return res.length > 0;
}
