import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { openPgDatabase, type OpenedPgDatabase } from '../src/db/pg/client.js';
import { PgRateLimitStore } from '../src/storage/pg-rate-limit-store.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * Rate limits shared by replicas (issue 15): two Fastify instances, each with its own pool (as two API replicas), count
 * one client's requests in one window through @fastify/rate-limit's store option.
 */
const hasPg = await pgAvailable('pg.rate-limit.test.ts');

describe.skipIf(!hasPg)('rate limits on PostgreSQL, shared by replicas', () => {
  let scratch: ScratchPgDatabase;
  let other: OpenedPgDatabase;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    scratch = await scratchPgDatabase();
    other = await openPgDatabase(scratch.url, { max: 4, migrate: false });
    for (const pool of [scratch.pool, other.pool]) {
      const app = Fastify();
      const Store = class extends PgRateLimitStore {
        constructor() {
          super(pool);
        }
      };
      await app.register(rateLimit, { max: 5, timeWindow: 60_000, store: Store, keyGenerator: (req) => String(req.headers['x-client'] ?? 'anon') });
      app.get('/ping', async () => ({ ok: true }));
      await app.ready();
      apps.push(app);
    }
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await other?.close();
    await scratch?.drop();
  });

  it('a client spreading requests over two replicas gets the limit once, not once per replica', async () => {
    const codes = await Promise.all(Array.from({ length: 8 }, (_, i) => apps[i % 2]!.inject({ method: 'GET', url: '/ping', headers: { 'x-client': 'c1' } }).then((r) => r.statusCode)));
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(3);
    const limited = await apps[1]!.inject({ method: 'GET', url: '/ping', headers: { 'x-client': 'c1' } });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client has its own window.
    expect((await apps[0]!.inject({ method: 'GET', url: '/ping', headers: { 'x-client': 'c2' } })).statusCode).toBe(200);
  });

  it('an expired window starts again at 1', async () => {
    const store = new PgRateLimitStore(scratch.pool, 'expiry:');
    expect((await store.count('k', 200)).current).toBe(1);
    expect((await store.count('k', 200)).current).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    const fresh = await store.count('k', 200);
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeGreaterThan(100);
  });
});
