// Server-side sessions of the web app and the seekers' sign-in (scrypt). The cookie holds a random token; the table
// holds its SHA-256, so a copy of the database does not yield usable sessions.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { nowIso } from '../db/client.js';
import { apiKeys, webLogins, webSessions } from '../db/schema/index.js';
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

export function openSession(db: DbOrTx, who: { apiKeyId: string | null; candidateId: string | null }, ttlMs: number): OpenedSession {
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
  db.insert(webSessions).values(row).run();
  return { token: t, row };
}

/** The live session for a cookie value, its expiry slid forward; expired sessions are deleted on sight. */
export function findSession(db: DbOrTx, cookieValue: string | undefined): WebSessionRow | null {
  if (!cookieValue || cookieValue.length > 100) return null;
  const idHash = sha256Hex(cookieValue);
  const row = db.select().from(webSessions).where(eq(webSessions.idHash, idHash)).get();
  if (!row) return null;
  const now = Date.now();
  if (Date.parse(row.expiresAt) <= now) {
    db.delete(webSessions).where(eq(webSessions.idHash, idHash)).run();
    return null;
  }
  if (now - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    const ttl = row.apiKeyId ? SIGNED_IN_TTL_MS : ANONYMOUS_TTL_MS;
    const next = { lastSeenAt: new Date(now).toISOString(), expiresAt: new Date(now + ttl).toISOString() };
    db.update(webSessions).set(next).where(eq(webSessions.idHash, idHash)).run();
    return { ...row, ...next };
  }
  return row;
}

export function closeSession(db: DbOrTx, idHash: string): void {
  db.delete(webSessions).where(eq(webSessions.idHash, idHash)).run();
}

export function purgeExpiredSessions(db: DbOrTx, now = new Date()): number {
  return db.delete(webSessions).where(lt(webSessions.expiresAt, now.toISOString())).run().changes;
}

/** The principal a signed-in session acts as: its API key's, while that key is not revoked. */
export function sessionPrincipal(db: DbOrTx, session: WebSessionRow): Principal | null {
  if (!session.apiKeyId) return null;
  const key = db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, session.apiKeyId), isNull(apiKeys.revokedAt)))
    .get();
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
  db: Db,
  input: { displayName: string; login: string; password: string; lang: string },
): Promise<{ candidateId: string; apiKeyId: string }> {
  const login = normaliseLogin(input.login);
  const passwordHash = await hashPassword(input.password);
  try {
    return db.transaction((tx) => {
      if (tx.select({ c: webLogins.candidateId }).from(webLogins).where(eq(webLogins.login, login)).get()) throw new LoginTakenError(login);
      const cand = insertEmptyCandidate(tx, input.displayName, input.lang);
      const key = createApiKey(tx, { role: 'jobseeker', candidateId: cand.id, name: 'web sign-in' });
      tx.insert(webLogins).values({ candidateId: cand.id, login, apiKeyId: key.id, passwordHash, createdAt: nowIso() }).run();
      return { candidateId: cand.id, apiKeyId: key.id };
    });
  } catch (err) {
    if (err instanceof LoginTakenError || (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new LoginTakenError(login);
    throw err;
  }
}

export async function signInSeeker(db: DbOrTx, login: string, password: string): Promise<{ candidateId: string; apiKeyId: string } | null> {
  const row = db.select().from(webLogins).where(eq(webLogins.login, normaliseLogin(login))).get();
  if (!row) {
    dummyHash ??= hashPassword('not a password of anyone');
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, row.passwordHash))) return null;
  return { candidateId: row.candidateId, apiKeyId: row.apiKeyId };
}

/** A ministry (or admin) key, checked once; the session then refers to the key's id, never to the key. */
export function ministryKey(db: DbOrTx, key: string): Principal | null {
  const p = findPrincipal(db, key.trim());
  return p && (p.role === 'ministry' || p.role === 'admin') ? p : null;
}

export function loginOf(db: DbOrTx, candidateId: string): { login: string; createdAt: string } | null {
  const row = db.select({ login: webLogins.login, createdAt: webLogins.createdAt }).from(webLogins).where(eq(webLogins.candidateId, candidateId)).get();
  return row ?? null;
}

export function sessionsOf(db: DbOrTx, candidateId: string): { createdAt: string; lastSeenAt: string; expiresAt: string }[] {
  return db
    .select({ createdAt: webSessions.createdAt, lastSeenAt: webSessions.lastSeenAt, expiresAt: webSessions.expiresAt })
    .from(webSessions)
    .where(eq(webSessions.candidateId, candidateId))
    .all();
}
