import fp from 'fastify-plugin';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { and, eq, lt } from 'drizzle-orm';
import { AppError } from '../errors.js';
import { idempotencyRecords } from '../db/schema/index.js';
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

const idempotencyPlugin: FastifyPluginAsync = async (app) => {
  const secret = app.keyring.idempotencySecret;
  const mac = (...parts: string[]): string => hmacSha256(secret, ...parts).toString('hex');
  const inFlight = new Set<string>();
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
    const existing = app.db
      .select()
      .from(idempotencyRecords)
      .where(and(eq(idempotencyRecords.principal, principal), eq(idempotencyRecords.key, keyHash)))
      .get();
    if (existing && Date.parse(existing.createdAt) > Date.now() - TTL_MS) {
      if (existing.requestHash !== requestHash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request');
      }
      if (!existing.replayable) throw notReplayable();
      const body = decrypt(hmacSha256(secret, 'idempotency-encryption', scope, header), keyHash, existing.responseBody);
      // Only if the server secret changed since: the request ran once and its reply can no longer be read.
      if (body === null) throw notReplayable();
      reply.header('idempotent-replayed', 'true');
      return reply.code(existing.statusCode).type('application/json; charset=utf-8').send(body);
    }
    // keyHash already covers the scope, so it alone names the in-flight request.
    if (inFlight.has(keyHash)) throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed');
    inFlight.add(keyHash);
    request.idempotency = {
      principal,
      keyHash,
      encKey: hmacSha256(secret, 'idempotency-encryption', scope, header),
      requestHash,
      subjectId: request.principal?.candidateId ?? null,
    };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.idempotency;
    if (!state) return payload;
    inFlight.delete(state.keyHash);
    if (reply.statusCode < 200 || reply.statusCode >= 300 || typeof payload !== 'string') return payload;
    const replayable = request.routeOptions.config?.secretReply !== true;
    // A reply carrying a secret is never stored in any form: only the fact that the request ran.
    const responseBody = replayable ? encrypt(state.encKey, state.keyHash, payload) : '';
    const createdAt = nowIso();
    app.db
      .insert(idempotencyRecords)
      .values({
        principal: state.principal,
        key: state.keyHash,
        method: request.method,
        path: request.routeOptions.url ?? '',
        requestHash: state.requestHash,
        statusCode: reply.statusCode,
        responseBody,
        createdAt,
        subjectId: state.subjectId,
        replayable,
      })
      .onConflictDoUpdate({
        target: [idempotencyRecords.principal, idempotencyRecords.key],
        set: { requestHash: state.requestHash, statusCode: reply.statusCode, responseBody, createdAt, subjectId: state.subjectId, replayable },
      })
      .run();
    if (++writesSinceSweep >= 500) {
      writesSinceSweep = 0;
      app.db.delete(idempotencyRecords).where(lt(idempotencyRecords.createdAt, new Date(Date.now() - TTL_MS).toISOString())).run();
    }
    return payload;
  });

  app.addHook('onResponse', async (request) => {
    const state = request.idempotency;
    if (state) inFlight.delete(state.keyHash);
  });
};

export default fp(idempotencyPlugin, {
  name: 'passerelle-idempotency',
  dependencies: ['passerelle-db', 'passerelle-auth', 'passerelle-keyring'],
});
