// Server-side sessions of the web app and the seekers' sign-in (scrypt). The cookie holds a random token; the table
// holds its SHA-256, so a copy of the database does not yield usable sessions.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { webSessions } from '../db/schema/index.js';
import type { SqlHandle } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';
import { sha256Hex } from '../hash.js';
import { createApiKey, findPrincipal, type Principal } from '../services/api-keys.js';
import { insertEmptyCandidate } from '../services/candidates.js';

export type WebSessionRow = typeof webSessions.$inferSelect;

export const SIGNED_IN_TTL_MS = 7 * 24 * 3600_000;
export const ANONYMOUS_TTL_MS = 2 * 3600_000;
// Sliding expiry is written at most this often, so reading pages does not write on every request.
const TOUCH_EVERY_MS = 3600_000;

const token = (): string => randomBytes(32).toString('base64url');

export interface OpenedSession {
  /** The cookie value: shown to the browser once, stored only as a hash. */
  token: string;
  row: WebSessionRow;
}

export async function openSession(storage: Storage, who: { apiKeyId: string | null; candidateId: string | null }, ttlMs: number): Promise<OpenedSession> {
  const opened = newSession(who, ttlMs);
  await saveSession(storage, opened.row);
  return opened;
}

export async function saveSession(storage: Storage, row: WebSessionRow): Promise<void> {
  await storage.transaction(({ db, t: tables }) => db.insert(tables.webSessions).values(row));
}

/** A new session's token and row (not stored yet: see saveSession). */
export function newSession(who: { apiKeyId: string | null; candidateId: string | null }, ttlMs: number): OpenedSession {
  const t = token();
  const now = new Date();
  const row: WebSessionRow = {
    idHash: sha256Hex(t),
    apiKeyId: who.apiKeyId,
    candidateId: who.candidateId,
    csrfToken: token(),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  };
  return { token: t, row };
}

/**
 * The live session for a cookie value, its expiry slid forward; expired sessions are deleted on sight. Sessions live
 * in the database only (no in-process cache): every replica sees a sign-out or an expiry at once.
 */
export async function findSession(storage: Storage, cookieValue: string | undefined): Promise<WebSessionRow | null> {
  if (!cookieValue || cookieValue.length > 100) return null;
  const idHash = sha256Hex(cookieValue);
  const { db, t } = storage.read;
  const [row] = await db.select().from(t.webSessions).where(eq(t.webSessions.idHash, idHash)).limit(1);
  if (!row) return null;
  const now = Date.now();
  if (Date.parse(row.expiresAt) <= now) {
    await storage.transaction((tx) => tx.db.delete(tx.t.webSessions).where(eq(tx.t.webSessions.idHash, idHash)));
    return null;
  }
  if (now - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    const ttl = row.apiKeyId ? SIGNED_IN_TTL_MS : ANONYMOUS_TTL_MS;
    const next = { lastSeenAt: new Date(now).toISOString(), expiresAt: new Date(now + ttl).toISOString() };
    await storage.transaction((tx) => tx.db.update(tx.t.webSessions).set(next).where(eq(tx.t.webSessions.idHash, idHash)));
    return { ...row, ...next };
  }
  return row;
}

export async function closeSession(storage: Storage, idHash: string): Promise<void> {
  await storage.transaction((tx) => tx.db.delete(tx.t.webSessions).where(eq(tx.t.webSessions.idHash, idHash)));
}

export async function purgeExpiredSessions(storage: Storage, now = new Date()): Promise<number> {
  return storage.transaction(
    async (tx) => (await tx.db.delete(tx.t.webSessions).where(lt(tx.t.webSessions.expiresAt, now.toISOString())).returning({ id: tx.t.webSessions.idHash })).length,
  );
}

/** The principal a signed-in session acts as: its API key's, while that key is not revoked. */
export async function sessionPrincipal(h: SqlHandle, session: WebSessionRow): Promise<Principal | null> {
  if (!session.apiKeyId) return null;
  const { apiKeys } = h.t;
  const [key] = await h.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, session.apiKeyId), isNull(apiKeys.revokedAt)))
    .limit(1);
  return key ? { keyId: key.id, role: key.role, employerId: key.employerId, candidateId: key.candidateId } : null;
}

// scrypt with N = 2^15, r = 8, p = 1 (about 32 MiB, tens of ms): OWASP's minimum for scrypt.
const SCRYPT: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LEN = 32;

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFKC'), salt, KEY_LEN, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash || Number(n) !== SCRYPT.N || Number(r) !== SCRYPT.r || Number(p) !== SCRYPT.p) return false;
  const expected = Buffer.from(hash, 'base64url');
  const got = await scrypt(password, Buffer.from(salt, 'base64url'));
  return got.length === expected.length && timingSafeEqual(got, expected);
}

// Compared against when the sign-in name is unknown, so both cases take the same time.
let dummyHash: Promise<string> | null = null;

export const LOGIN_PATTERN = /^[\p{L}\p{N}._-]{3,40}$/u;
export const normaliseLogin = (login: string): string => login.normalize('NFKC').trim().toLowerCase();

export class LoginTakenError extends Error {}

/** A new seeker: an empty profile, its own jobseeker key (never shown) and the sign-in, in one transaction. */
export async function registerSeeker(
  storage: Storage,
  input: { displayName: string; login: string; password: string; lang: string },
): Promise<{ candidateId: string; apiKeyId: string }> {
  const login = normaliseLogin(input.login);
  const passwordHash = await hashPassword(input.password);
  try {
    return await storage.transaction(async (tx) => {
      const { webLogins } = tx.t;
      if ((await tx.db.select({ c: webLogins.candidateId }).from(webLogins).where(eq(webLogins.login, login)).limit(1)).length) throw new LoginTakenError(login);
      const cand = await insertEmptyCandidate(tx, input.displayName, input.lang);
      const key = await createApiKey(tx, { role: 'jobseeker', candidateId: cand.id, name: 'web sign-in' });
      await tx.db.insert(webLogins).values({ candidateId: cand.id, login, apiKeyId: key.id, passwordHash, createdAt: nowIso() });
      return { candidateId: cand.id, apiKeyId: key.id };
    });
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    // SQLite's unique violation, or PostgreSQL's (23505; drizzle wraps the driver error in `cause`).
    if (err instanceof LoginTakenError || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === '23505' || e.cause?.code === '23505') throw new LoginTakenError(login);
    throw err;
  }
}

export async function signInSeeker(h: SqlHandle, login: string, password: string): Promise<{ candidateId: string; apiKeyId: string } | null> {
  const { webLogins } = h.t;
  const [row] = await h.db.select().from(webLogins).where(eq(webLogins.login, normaliseLogin(login))).limit(1);
  if (!row) {
    dummyHash ??= hashPassword('not a password of anyone');
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, row.passwordHash))) return null;
  return { candidateId: row.candidateId, apiKeyId: row.apiKeyId };
}

/** A ministry (or admin) key, checked once; the session then refers to the key's id, never to the key. */
export async function ministryKey(h: SqlHandle, key: string): Promise<Principal | null> {
  const p = await findPrincipal(h, key.trim());
  return p && (p.role === 'ministry' || p.role === 'admin') ? p : null;
}

export async function loginOf(h: SqlHandle, candidateId: string): Promise<{ login: string; createdAt: string } | null> {
  const { webLogins } = h.t;
  const [row] = await h.db.select({ login: webLogins.login, createdAt: webLogins.createdAt }).from(webLogins).where(eq(webLogins.candidateId, candidateId)).limit(1);
  return row ?? null;
}

export async function sessionsOf(h: SqlHandle, candidateId: string): Promise<{ createdAt: string; lastSeenAt: string; expiresAt: string }[]> {
  const { webSessions } = h.t;
  return h.db
    .select({ createdAt: webSessions.createdAt, lastSeenAt: webSessions.lastSeenAt, expiresAt: webSessions.expiresAt })
    .from(webSessions)
    .where(eq(webSessions.candidateId, candidateId));
}
