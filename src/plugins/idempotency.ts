import fp from 'fastify-plugin';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { nowIso } from '../db/client.js';
import { hmacSha256 } from '../keyring.js';
import { and, eq } from 'drizzle-orm';
import { claimKey, completeHeld, markCommitted, releaseHeld, renew, type ClaimOutcome, type HeldClaim } from '../services/idempotent-writes.js';
import { withoutTransactionParticipant, withTransactionParticipant, type TransactionParticipant, type UnitOfWork } from '../storage/storage.js';

const TTL_MS = 24 * 3600 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,128}$/;

interface IdempotencyState {
  held: HeldClaim;
  encKey: Buffer;
  requestHash: string;
  /** The candidate the request concerns, erased with her (set by the route when it creates one). */
  subjectId: string | null;
  /** A write of this request committed (with the claim's commit mark): from now on it never runs again. */
  committed: boolean;
  /** The request finished (reply stored or claim given up): later transactions in its async scope are not its write. */
  done: boolean;
  /** When the lease was last renewed (ms). */
  beatAt: number;
  /** The reply carries a secret: the ids its write returned are not named either. */
  secret: boolean;
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
 * The scope a key lives in: the tenant the caller acts for, not the API key it presents, so a retry sent with a
 * rotated key (same employer, same job seeker) is still the same request, as a payment API scopes keys by account:
 * - an employer's keys: the employer;
 * - a job seeker's keys: the candidate (erased with her);
 * - admin keys: the platform (the operator is one tenant; admin replies carrying a secret are never stored);
 * - ministry keys: the key itself (a ministry's sources belong to the key that uploaded them: there is no wider
 *   ministry tenant to share them with);
 * - anonymous callers: the client IP (the real client behind a trusted proxy, see TRUST_PROXY). An invalid
 *   Authorization header is anonymous: it changes nothing.
 * A revoked key never reaches a replay: authentication answers 401 first.
 */
export function idempotencyScopeOf(principal: FastifyRequest['principal'], ip: string): string {
  if (!principal) return `anon:${ip}`;
  if (principal.role === 'employer' && principal.employerId) return `employer:${principal.employerId}`;
  if (principal.role === 'jobseeker' && principal.candidateId) return `candidate:${principal.candidateId}`;
  if (principal.role === 'admin') return 'platform';
  return `key:${principal.keyId}`;
}
const scopeOf = (request: FastifyRequest): string => idempotencyScopeOf(request.principal, request.ip);

const notReplayable = (): AppError =>
  new AppError(
    'IDEMPOTENCY_NOT_REPLAYABLE',
    'a request with this Idempotency-Key already succeeded; its reply carried a key that is shown only once and was not stored, so it cannot be replayed',
  );

/**
 * The candidate a write's rows concern (a decision, a contact request, a contest about her): the record is then erased
 * with her, so a replay can never bring back what her erasure blanked (e.g. an employer's decision note).
 */
function subjectOf(result: unknown): string | null {
  for (const r of Array.isArray(result) ? result : [result]) {
    const id = (r as { candidateId?: unknown } | null)?.candidateId;
    if (typeof id === 'string') return id;
  }
  return null;
}

/** The fields of a written row that name what a lost reply must name: the row, and for an upload its refit job. */
const ID_FIELDS = ['id', 'uploadId', 'jobId'] as const;

/**
 * The ids a write's transaction returned (a row, or rows, with an `id`; a series upload's rows with `uploadId` and
 * `jobId`): what a lost reply names. At most 100.
 */
function idsOf(result: unknown): string[] {
  const rows = Array.isArray(result) ? result : [result];
  const ids: string[] = [];
  for (const r of rows) {
    if (!r || typeof r !== 'object') continue;
    for (const f of ID_FIELDS) {
      const id = (r as Record<string, unknown>)[f];
      if (typeof id === 'string' && id.length <= 64 && ids.length < 100) ids.push(id);
    }
    if (ids.length >= 100) break;
  }
  return ids;
}

/**
 * Test-only: with NODE_ENV=test and PASSERELLE_TEST_IDEMPOTENCY_PAUSE=1, a request whose Idempotency-Key starts with
 * `pause-after-claim-` stops for good once its claim committed (before the route runs), and one whose key starts with
 * `pause-after-commit-` once its write committed (before its reply is stored and sent); each prints
 * `PASSERELLE_TEST_PAUSED <point>`, so a test can kill -9 the process exactly there. A key starting with `pause-stall-`
 * blocks the whole process for two leases after its claim (a stalled process: no lease renewal), then goes on
 * (test/idempotency.crash.test.ts). Read once at start-up; NODE_ENV=production or development ignores the variable,
 * so it cannot be switched on there.
 */
function testPause(nodeEnv: string, leaseMs: number): ((point: 'after-claim' | 'after-commit', key: string) => Promise<void>) | null {
  if (nodeEnv !== 'test' || process.env.PASSERELLE_TEST_IDEMPOTENCY_PAUSE !== '1') return null;
  return async (point, key) => {
    if (point === 'after-claim' && key.startsWith('pause-stall-')) {
      process.stdout.write(`PASSERELLE_TEST_PAUSED stall ${key}\n`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2 * leaseMs);
      return;
    }
    if (!key.startsWith(`pause-${point}-`)) return;
    process.stdout.write(`PASSERELLE_TEST_PAUSED ${point} ${key}\n`);
    await new Promise(() => undefined);
  };
}

/**
 * Idempotency across every process on the database and across a crash (issues 15; exactly once): the key is claimed
 * in the database before the route runs (services/idempotent-writes.ts), every write transaction the route then runs
 * marks the claim committed in that same transaction (a storage TransactionParticipant bound to the request's async
 * scope, so no route has to know), the reply is stored before it is sent, and the claim is given up if nothing was
 * written. While the request runs, this process renews the claim's lease; the claim of a process that was killed
 * before its write committed is taken over by the next retry once the lease (IDEMPOTENCY_LEASE_MS) ran out. A write
 * that committed without its reply stored (the process was killed in between) never runs again: retries answer
 * 409 IDEMPOTENCY_REPLY_LOST naming the ids it wrote.
 */
const idempotencyPlugin: FastifyPluginAsync = async (app) => {
  const secret = app.keyring.idempotencySecret;
  const leaseMs = app.config.IDEMPOTENCY_LEASE_MS;
  const pause = testPause(app.config.NODE_ENV, leaseMs);
  const mac = (...parts: string[]): string => hmacSha256(secret, ...parts).toString('hex');
  let writesSinceSweep = 0;
  /** Claims this process holds (requests in flight): their leases are renewed. */
  const inFlight = new Set<IdempotencyState>();
  app.decorateRequest('idempotency', null);

  // Bookkeeping transactions run outside any request's participant scope.
  const own = <T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T> => withoutTransactionParticipant(() => app.storage.transaction(fn));

  let beating = false;
  const beat = async (): Promise<void> => {
    if (beating) return;
    const now = Date.now();
    const due = [...inFlight].filter((s) => !s.done && now - s.beatAt >= leaseMs / 3);
    if (!due.length) return;
    beating = true;
    try {
      await withoutTransactionParticipant(() => renew(app.storage, due.map((s) => s.held), new Date(now).toISOString()));
      for (const s of due) s.beatAt = now;
    } catch (err) {
      app.log.warn({ err }, 'idempotency lease renewal failed');
    } finally {
      beating = false;
    }
  };
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    timer = withoutTransactionParticipant(() => setInterval(() => void beat(), Math.max(200, Math.floor(leaseMs / 6))).unref());
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });

  const participantFor = (state: IdempotencyState): TransactionParticipant => {
    let pending = false;
    let resource: string | null = null;
    return {
      async beforeCommit(uow, result) {
        if (state.done) return;
        const ids = state.secret ? [] : idsOf(result);
        resource = resource ?? (ids.length ? JSON.stringify(ids) : null);
        state.subjectId = state.subjectId ?? subjectOf(result);
        const at = nowIso();
        if (!(await markCommitted(uow, state.held, at, resource, state.subjectId, !state.committed))) {
          throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'this request’s claim on its Idempotency-Key was taken over by a retry (its lease ran out): nothing was written; retry to get that request’s reply', undefined, {
            'retry-after': '1',
          });
        }
        pending = true;
      },
      afterCommit() {
        if (pending) {
          state.committed = true;
          state.beatAt = Date.now();
        }
        pending = false;
      },
    };
  };

  /**
   * A live record of this Idempotency-Key under the scope keys had before they were scoped by tenant (`key:<id>`):
   * not expired, and not a claim abandoned before its write (that one would be taken over; the new claim does it).
   * One primary-key read, only for a key's first request; remove once every record is younger than the upgrade + 24 h.
   */
  const legacyRecord = async (scope: string, header: string, now: number) => {
    const keyHash = mac('idempotency-key', scope, header);
    const ir = app.storage.read.t.idempotencyRecords;
    const [record] = await app.storage.read.db
      .select()
      .from(ir)
      .where(and(eq(ir.principal, mac('idempotency-scope', scope)), eq(ir.key, keyHash)))
      .limit(1);
    if (!record || Date.parse(record.createdAt) <= now - TTL_MS) return null;
    const leaseAlive = Date.parse(record.heartbeatAt ?? record.createdAt) > now - leaseMs;
    if (record.statusCode === 0 && record.committedAt === null && !leaseAlive) return null;
    return { record, leaseAlive, keyHash, encKey: hmacSha256(secret, 'idempotency-encryption', scope, header) };
  };

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
    // Encrypts the stored reply; derived from the client's key, so a database copy alone cannot read replies.
    const encKey = hmacSha256(secret, 'idempotency-encryption', scope, header);
    const now = Date.now();
    let got: ClaimOutcome = await withoutTransactionParticipant(() =>
      claimKey(
        app.storage,
        { principal, key: keyHash, method: request.method, path: request.routeOptions.url ?? '', requestHash, subjectId: request.principal?.candidateId ?? null },
        { now, leaseMs, ttlMs: TTL_MS },
      ),
    );
    // The same request sent before keys were scoped by tenant (a retry spanning the upgrade): its record lives under
    // the API key's scope. Found there, it answers (replay, in progress, reply lost) and the new claim is given up.
    let replyKey = { encKey, keyHash };
    const legacy = request.principal && scope !== `key:${request.principal.keyId}` ? `key:${request.principal.keyId}` : null;
    if (got.kind === 'claimed' && legacy) {
      const old = await legacyRecord(legacy, header, now);
      if (old) {
        const held = got.held;
        await own((tx) => releaseHeld(tx, held));
        got = { kind: 'existing', record: old.record, leaseAlive: old.leaseAlive };
        replyKey = { encKey: old.encKey, keyHash: old.keyHash };
      }
    }
    if (got.kind === 'existing') {
      const existing = got.record;
      if (existing.requestHash !== requestHash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request');
      }
      if (existing.statusCode === 0) {
        const retryAfter = String(Math.max(1, Math.ceil((Date.parse(existing.heartbeatAt ?? existing.createdAt) + leaseMs - now) / 1000)));
        if (existing.committedAt === null || got.leaseAlive) {
          throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed', undefined, { 'retry-after': retryAfter });
        }
        const ids = existing.resource ? (JSON.parse(existing.resource) as string[]) : [];
        throw new AppError(
          'IDEMPOTENCY_REPLY_LOST',
          `a request with this Idempotency-Key already ran: its write committed at ${existing.committedAt}, but the server stopped before its reply was stored. It will not run again${ids.length ? `; it wrote ${ids.join(', ')}` : ''}`,
          { committedAt: existing.committedAt, ids },
        );
      }
      if (!existing.replayable) throw notReplayable();
      const body = decrypt(replyKey.encKey, replyKey.keyHash, existing.responseBody);
      // Only if the server secret changed since: the request ran once and its reply can no longer be read.
      if (body === null) throw notReplayable();
      reply.header('idempotent-replayed', 'true');
      return reply.code(existing.statusCode).type('application/json; charset=utf-8').send(body);
    }
    const state: IdempotencyState = {
      held: got.held,
      encKey,
      requestHash,
      subjectId: request.principal?.candidateId ?? null,
      committed: false,
      done: false,
      beatAt: now,
      secret: request.routeOptions.config?.secretReply === true,
    };
    inFlight.add(state);
    request.idempotency = state;
    if (pause) await pause('after-claim', header);
  });

  // The route (and everything it starts) runs with the claim joining its write transactions.
  app.addHook('preHandler', (request, _reply, done) => {
    const state = request.idempotency;
    if (!state) return done();
    withTransactionParticipant(participantFor(state), () => done());
  });

  const finish = (state: IdempotencyState): void => {
    state.done = true;
    inFlight.delete(state);
  };

  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.idempotency;
    if (!state) return payload;
    request.idempotency = null;
    const header = request.headers['idempotency-key'];
    state.done = true;
    try {
      const ok = reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string';
      // Nothing was written and the request did not succeed: the key may be used again.
      if (!ok && !state.committed) {
        await own((tx) => releaseHeld(tx, state.held));
        return payload;
      }
      if (pause && state.committed && typeof header === 'string') await pause('after-commit', header);
      // A write committed, or the request succeeded: its reply is the key's answer from now on (an error after a
      // committed write too, so a retry never runs the write again). A reply carrying a secret is never stored.
      const replayable = !state.secret && typeof payload === 'string';
      const responseBody = replayable ? encrypt(state.encKey, state.held.key, payload as string) : '';
      const sweep = ++writesSinceSweep >= 500;
      if (sweep) writesSinceSweep = 0;
      await own((tx) =>
        completeHeld(
          tx,
          state.held,
          { requestHash: state.requestHash, statusCode: reply.statusCode, responseBody, subjectId: state.subjectId, replayable },
          sweep ? new Date(Date.now() - TTL_MS).toISOString() : undefined,
        ),
      );
      return payload;
    } finally {
      finish(state);
    }
  });

  // No reply was sent (the connection went away before onSend): the claim is given up if nothing was written; a
  // committed write keeps its claim (a retry is told the reply was lost, never runs it again).
  app.addHook('onResponse', async (request) => {
    const state = request.idempotency;
    if (!state) return;
    request.idempotency = null;
    finish(state);
    if (!state.committed) await own((tx) => releaseHeld(tx, state.held));
  });
};

export default fp(idempotencyPlugin, {
  name: 'passerelle-idempotency',
  dependencies: ['passerelle-db', 'passerelle-auth', 'passerelle-keyring'],
});
