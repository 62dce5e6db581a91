import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import errorHandler from '../src/plugins/error-handler.js';
import { isDatabaseUnavailable } from '../src/db/pg/unavailable.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * PostgreSQL unavailable (issue 15): the API answers 503 with Retry-After, never 500, and recovers by itself. Real
 * failures: a server that refuses connections, and this request's backend terminated by the server mid-query (what a
 * restart or failover does to open connections). Stopping the shared cluster for 10 s under load is not done here.
 */
const hasPg = await pgAvailable('pg.unavailable.error.test.ts');

it('classifies connection failures as unavailable and query errors as not', () => {
  expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
  expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
  expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  expect(isDatabaseUnavailable({ message: 'Failed query', cause: { code: '57P03' } })).toBe(true);
  expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
  expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
});

describe.skipIf(!hasPg)('503, never 500, while PostgreSQL is unreachable', () => {
  let scratch: ScratchPgDatabase;
  let app: FastifyInstance;
  let down: pg.Pool;
  beforeAll(async () => {
    scratch = await scratchPgDatabase({ max: 2 });
    // Nothing listens on port 1: every connection is refused.
    down = new pg.Pool({ connectionString: 'postgres://nobody:x@127.0.0.1:1/none', connectionTimeoutMillis: 1000 });
    down.on('error', () => undefined);
    app = Fastify();
    await app.register(errorHandler);
    app.get('/down', async () => (await down.query('SELECT 1 AS one')).rows[0]);
    app.get('/slow', async () => (await scratch.pool.query('SELECT pg_sleep(5), 1 AS one')).rows[0]);
    app.get('/ok', async () => (await scratch.pool.query('SELECT 1 AS one')).rows[0]);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await down?.end();
    await scratch?.drop();
  });

  it('a refused connection answers 503 with Retry-After and the error envelope', async () => {
    const res = await app.inject({ method: 'GET', url: '/down' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/); // no internals leak
  });

  it('a backend terminated mid-query (restart, failover) answers 503, and the next request succeeds by itself', async () => {
    const pending = app.inject({ method: 'GET', url: '/slow' });
    // Wait until the query runs, then terminate its backend as a server shutdown would.
    for (let i = 0; i < 50; i++) {
      const { rowCount } = await scratch.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(5)%' AND pid <> pg_backend_pid()");
      if (rowCount) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await pending;
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    const again = await app.inject({ method: 'GET', url: '/ok' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ one: 1 });
  });
});
