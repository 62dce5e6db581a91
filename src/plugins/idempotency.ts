import fp from 'fastify-plugin';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { sha256Hex } from '../hash.js';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { and, eq, lt } from 'drizzle-orm';
import { AppError } from '../errors.js';
import { idempotencyRecords } from '../db/schema/index.js';
import { nowIso } from '../db/client.js';

const TTL_MS = 24 * 3600 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,128}$/;

interface IdempotencyState {
  principal: string;
  keyHash: string;
  secret: Buffer;
  requestHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyState | null;
  }
}


// Stored responses may carry personal data or a freshly issued key, so they are encrypted with a key derived
// from the client's Idempotency-Key, which is itself stored only as a hash.
function encrypt(secret: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}
function decrypt(secret: Buffer, stored: string): string {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function principalOf(request: FastifyRequest): string {
  return request.principal ? request.principal.keyId : `ip:${request.ip}`;
}

const idempotencyPlugin: FastifyPluginAsync = async (app) => {
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
    const principal = principalOf(request);
    const keyHash = sha256Hex(`${principal}\u0000${header}`);
    const secret = createHash('sha256').update(`passerelle-idempotency\u0000${principal}\u0000${header}`).digest();
    const raw = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
    const requestHash = sha256Hex(`${request.method} ${request.routeOptions.url ?? request.url} ${request.url}\u0000${raw}`);
    const existing = app.db
      .select()
      .from(idempotencyRecords)
      .where(and(eq(idempotencyRecords.principal, principal), eq(idempotencyRecords.key, keyHash)))
      .get();
    if (existing && Date.parse(existing.createdAt) > Date.now() - TTL_MS) {
      if (existing.requestHash !== requestHash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request');
      }
      reply.header('idempotent-replayed', 'true');
      return reply.code(existing.statusCode).type('application/json; charset=utf-8').send(decrypt(secret, existing.responseBody));
    }
    // keyHash already covers the principal, so it alone names the in-flight request.
    if (inFlight.has(keyHash)) throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed');
    inFlight.add(keyHash);
    request.idempotency = { principal, keyHash, secret, requestHash };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.idempotency;
    if (!state) return payload;
    inFlight.delete(state.keyHash);
    if (reply.statusCode < 200 || reply.statusCode >= 300 || typeof payload !== 'string') return payload;
    const responseBody = encrypt(state.secret, payload);
    const createdAt = nowIso();
    app.db
      .insert(idempotencyRecords)
      .values({
        principal: state.principal,
        key: state.keyHash,
        method: request.method,
        path: request.routeOptions.url ?? request.url,
        requestHash: state.requestHash,
        statusCode: reply.statusCode,
        responseBody,
        createdAt,
      })
      .onConflictDoUpdate({
        target: [idempotencyRecords.principal, idempotencyRecords.key],
        set: { requestHash: state.requestHash, statusCode: reply.statusCode, responseBody, createdAt },
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

export default fp(idempotencyPlugin, { name: 'passerelle-idempotency', dependencies: ['passerelle-db', 'passerelle-auth'] });
