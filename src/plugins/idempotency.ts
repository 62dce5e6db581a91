import fp from 'fastify-plugin';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { and, eq, lt } from 'drizzle-orm';
import { AppError } from '../errors.js';
import { nowIso } from '../db/client.js';
import { hmacSha256 } from '../keyring.js';

const TTL_MS = 24 * 3600 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,128}$/;

interface IdempotencyState {
  principal: string;
  keyHash: string;
  encKey: Buffer;
  requestHash: string;
  /** The candidate the request concerns, erased with her (set by the route when it creates one). */
  subjectId: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The reply carries a secret shown once (a new API key): it is never stored, so a retry with the same
     * Idempotency-Key creates nothing twice and answers 409 IDEMPOTENCY_NOT_REPLAYABLE instead of a copy.
     */
    secretReply?: boolean;
  }
  interface FastifyRequest {
    idempotency: IdempotencyState | null;
  }
}

/** Let a route name the candidate a stored reply concerns (e.g. the profile a registration created). */
export function bindIdempotencySubject(request: FastifyRequest, candidateId: string): void {
  if (request.idempotency) request.idempotency.subjectId = candidateId;
}

// AES-256-GCM under a key derived from the server secret and the client's Idempotency-Key; the record's key hash is
// the associated data, so a reply cannot be moved to another record.
function encrypt(key: Buffer, aad: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}
function decrypt(key: Buffer, aad: string, stored: string): string | null {
  try {
    const raw = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * The scope a key lives in: the API key for authenticated callers; the client IP for anonymous ones (the real client
 * behind a trusted proxy, see TRUST_PROXY). An invalid Authorization header is anonymous: it changes nothing.
 */
function scopeOf(request: FastifyRequest): string {
  return request.principal ? `key:${request.principal.keyId}` : `anon:${request.ip}`;
}

const notReplayable = (): AppError =>
  new AppError(
    'IDEMPOTENCY_NOT_REPLAYABLE',
    'a request with this Idempotency-Key already succeeded; its reply carried a key that is shown only once and was not stored, so it cannot be replayed',
  );

/**
 * A claim (statusCode 0) older than this belongs to a process that died between claim and reply: it may be taken over.
 * Longer than any request may run (the cost limits bound queue waits and work well below it).
 */
const CLAIM_STALE_MS = 10 * 60_000;

/**
 * Idempotency across every process on the database (issue 15): the key is claimed in the database before the route
 * runs (a row with statusCode 0; the primary key (principal, key) lets exactly one of several concurrent claims win,
 * whichever replica they reach), completed with the reply before the reply is sent, and given up if the request failed.
 */
const idempotencyPlugin: FastifyPluginAsync = async (app) => {
  const secret = app.keyring.idempotencySecret;
  const mac = (...parts: string[]): string => hmacSha256(secret, ...parts).toString('hex');
  let writesSinceSweep = 0;
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw new AppError('VALIDATION_FAILED', 'headers.idempotency-key: must be 8-128 characters of [A-Za-z0-9_-:.]', [
        { path: 'headers.idempotency-key', rule: 'pattern' },
      ]);
    }
    const scope = scopeOf(request);
    // Keyed with the server secret: a database copy cannot test guesses of a scope, a key or a body offline.
    const principal = mac('idempotency-scope', scope);
    const keyHash = mac('idempotency-key', scope, header);
    const raw = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
    const requestHash = mac('idempotency-request', request.method, request.routeOptions.url ?? '', request.url, raw);
    const now = Date.now();
    const claim = {
      principal,
      key: keyHash,
      method: request.method,
      path: request.routeOptions.url ?? '',
      requestHash,
      statusCode: 0,
      responseBody: '',
      createdAt: new Date(now).toISOString(),
      subjectId: null,
      replayable: true,
    };
    const existing = await app.storage.transaction(async (tx) => {
      const found = await tx.idempotency.claim(claim);
      if (!found) return null;
      const expired = Date.parse(found.createdAt) <= now - TTL_MS;
      const abandoned = found.statusCode === 0 && Date.parse(found.createdAt) <= now - CLAIM_STALE_MS;
      if (!expired && !abandoned) return found;
      const { idempotencyRecords: ir } = tx.t;
      await tx.db.update(ir).set(claim).where(and(eq(ir.principal, principal), eq(ir.key, keyHash)));
      return null;
    });
    if (existing) {
      if (existing.requestHash !== requestHash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request');
      }
      if (existing.statusCode === 0) throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed');
      if (!existing.replayable) throw notReplayable();
      const body = decrypt(hmacSha256(secret, 'idempotency-encryption', scope, header), keyHash, existing.responseBody);
      // Only if the server secret changed since: the request ran once and its reply can no longer be read.
      if (body === null) throw notReplayable();
      reply.header('idempotent-replayed', 'true');
      return reply.code(existing.statusCode).type('application/json; charset=utf-8').send(body);
    }
    request.idempotency = {
      principal,
      keyHash,
      encKey: hmacSha256(secret, 'idempotency-encryption', scope, header),
      requestHash,
      subjectId: request.principal?.candidateId ?? null,
    };
  });

  /** Give a claim up: the request did not succeed, so the key may be used again. */
  const release = async (state: IdempotencyState): Promise<void> => {
    await app.storage.transaction((tx) => tx.idempotency.release(state.principal, state.keyHash));
  };

  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.idempotency;
    if (!state) return payload;
    request.idempotency = null;
    if (reply.statusCode < 200 || reply.statusCode >= 300 || typeof payload !== 'string') {
      await release(state);
      return payload;
    }
    const replayable = request.routeOptions.config?.secretReply !== true;
    // A reply carrying a secret is never stored in any form: only the fact that the request ran.
    const responseBody = replayable ? encrypt(state.encKey, state.keyHash, payload) : '';
    const createdAt = nowIso();
    const sweep = ++writesSinceSweep >= 500;
    if (sweep) writesSinceSweep = 0;
    await app.storage.transaction(async ({ db, t }) => {
      const ir = t.idempotencyRecords;
      await db
        .update(ir)
        .set({ requestHash: state.requestHash, statusCode: reply.statusCode, responseBody, createdAt, subjectId: state.subjectId, replayable })
        .where(and(eq(ir.principal, state.principal), eq(ir.key, state.keyHash)));
      if (sweep) await db.delete(ir).where(lt(ir.createdAt, new Date(Date.now() - TTL_MS).toISOString()));
    });
    return payload;
  });

  // No reply was sent (the connection went away): the claim is given up.
  app.addHook('onResponse', async (request) => {
    const state = request.idempotency;
    if (!state) return;
    request.idempotency = null;
    await release(state);
  });
};

export default fp(idempotencyPlugin, {
  name: 'passerelle-idempotency',
  dependencies: ['passerelle-db', 'passerelle-auth', 'passerelle-keyring'],
});
