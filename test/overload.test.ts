import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { killHard, startServer, type ServerProcess } from './server-process.js';
import { LIST_CAPS } from '../src/schemas/common.js';

// Finding 2 of issue 12, reproduced over HTTP against the real server: heavy valid requests must not stall the service.
// No absolute timings: the assertions compare the order in which answers arrive.

const WORDS = 'senior welding fabrication specialist responsible for heavy industrial steel structure assembly quality inspection production'.split(' ');
const longLabel = (i: number) => `${Array.from({ length: 24 }, (_, j) => WORDS[(i + j * 5) % WORDS.length]).join(' ')} ${i}`.slice(0, 200);

/** The most a client may send: every list at its cap, every text long. */
const heaviestValidQuery = (seed: number) => ({
  title: 'welder',
  skills: Array.from({ length: LIST_CAPS.profileSkills }, (_, i) => ({ label: longLabel(i + seed * 1000) })),
  experience: Array.from({ length: LIST_CAPS.experience }, (_, i) => ({ title: longLabel(i + 500), years: i % 10 })),
  languages: [{ code: 'de', level: 'B1' }],
  destinations: ['DE', 'FR'],
});

interface Timed {
  status: number;
  at: number;
  headers: Headers;
  body: any;
}

const dir = mkdtempSync(join(tmpdir(), 'passerelle-overload-'));
let server: ServerProcess;
const seekers: string[] = [];

const timed = async (p: Promise<Response>): Promise<Timed> => {
  const res = await p;
  const text = await res.text();
  return { status: res.status, at: performance.now(), headers: res.headers, body: text ? JSON.parse(text) : null };
};
const query = (key: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${server.baseUrl}/v1/matches/query?limit=100`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });

beforeAll(async () => {
  server = await startServer({
    DATABASE_PATH: join(dir, 'p.db'),
    INDEX_DIR: join(dir, 'index'),
    PASSERELLE_DEMO: '1',
    // One heavy request at a time and one waiting: the third is refused at once.
    COST_HEAVY_CONCURRENCY: '1',
    COST_HEAVY_QUEUE: '1',
    COST_QUEUE_WAIT_MS: '120000',
    COST_PER_KEY_IN_FLIGHT: '2',
    COST_BUDGET_MS: '0',
    ANON_RATE_LIMIT_MAX: '100',
  }, 180_000);
  for (let i = 0; i < 8; i++) {
    const res = await fetch(`${server.baseUrl}/v1/jobseekers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lang":"en"}' });
    expect(res.status).toBe(201);
    seekers.push(((await res.json()) as { key: string }).key);
  }
}, 240_000);
afterAll(async () => {
  if (server) await killHard(server);
  rmSync(dir, { recursive: true, force: true });
});

describe('heavy requests are bounded (real server, HTTP)', () => {
  it('rejects the 55 KB request of the finding (200 skills, 50 long titles) with 400 naming the field', async () => {
    const body = {
      ...heaviestValidQuery(0),
      skills: Array.from({ length: 200 }, (_, i) => ({ label: longLabel(i) })),
      experience: Array.from({ length: 50 }, (_, i) => ({ title: longLabel(i), years: 1 })),
    };
    expect(JSON.stringify(body).length).toBeGreaterThan(45_000);
    const res = await timed(query(seekers[0]!, body));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = (res.body.error.details as { path: string; rule: string; message: string }[]).map((d) => `${d.path}:${d.rule}`);
    expect(paths).toContain('body.skills:too_big');
    expect(paths).toContain('body.experience:too_big');
    expect(res.body.error.message).toMatch(/^body\.(skills|experience): must hold at most (100|30) items$/);
  });

  it('serves the heaviest valid request, explained, within the caps', async () => {
    const res = await timed(query(seekers[0]!, heaviestValidQuery(1)));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items) expect(item.explanation.improve.length).toBeLessThanOrEqual(3);
  });

  it('keeps /healthz 200 while heavy requests run; excess heavy requests get 503 + Retry-After before the work finishes', async () => {
    const fired = seekers.slice(0, 6).map((k, i) => timed(query(k, heaviestValidQuery(10 + i))));
    // Probes sent while the heavy requests are pending.
    await new Promise((r) => setTimeout(r, 150));
    const health = await timed(fetch(`${server.baseUrl}/healthz`));
    const ready = await timed(fetch(`${server.baseUrl}/readyz`));
    const results = await Promise.all(fired);

    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 503);
    // One runs, one waits, the other four are refused at once.
    expect(ok.length).toBe(2);
    expect(refused.length).toBe(4);
    for (const r of refused) {
      expect(r.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.body.error.details).toMatchObject({ pool: 'heavy' });
    }
    // Refusals arrive before the first admitted request finishes: nothing queued behind the work.
    const firstDone = Math.min(...ok.map((r) => r.at));
    for (const r of refused) expect(r.at).toBeLessThan(firstDone);
    // Liveness answered 200 while heavy work was still pending; readiness said busy.
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.at).toBeLessThan(Math.max(...ok.map((r) => r.at)));
    expect([200, 503]).toContain(ready.status);
    if (ready.status === 503) expect(ready.body.status).toBe('busy');
    expect(ready.body.checks.load.detail.heavy.concurrency).toBe(1);

    // Afterwards the service is ready again and serves a heavy request.
    const after = await timed(fetch(`${server.baseUrl}/readyz`));
    expect(after.status).toBe(200);
    expect(after.body.checks.load.ok).toBe(true);
  });

  it('limits one key to COST_PER_KEY_IN_FLIGHT expensive requests: the next gets 429 RATE_LIMITED at once', async () => {
    const key = seekers[6]!;
    const fired = [0, 1, 2].map((i) => timed(query(key, heaviestValidQuery(30 + i))));
    const results = await Promise.all(fired);
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBe(1);
    expect(limited[0]!.body.error.code).toBe('RATE_LIMITED');
    expect(limited[0]!.headers.get('retry-after')).toBeTruthy();
    expect(limited[0]!.at).toBeLessThan(Math.min(...results.filter((r) => r.status === 200).map((r) => r.at)));
  });

  it('a client that gives up while queued frees its place; one that gives up while served does not', async () => {
    const running = timed(query(seekers[0]!, heaviestValidQuery(40)));
    await new Promise((r) => setTimeout(r, 100));
    const abort = new AbortController();
    const queued = query(seekers[1]!, heaviestValidQuery(41), abort.signal).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    abort.abort();
    expect(await queued).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, 100));
    // The queue place is free again: this one waits instead of being refused.
    const next = timed(query(seekers[2]!, heaviestValidQuery(42)));
    const [a, b] = await Promise.all([running, next]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);

    // A client that gives up on a running request does not free the slot while the server still works on it.
    const gone = new AbortController();
    const abandoned = query(seekers[3]!, heaviestValidQuery(43), gone.signal).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    gone.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    const waits = timed(query(seekers[4]!, heaviestValidQuery(44)));
    await new Promise((r) => setTimeout(r, 50));
    const refused = await timed(query(seekers[5]!, heaviestValidQuery(45)));
    expect(refused.status).toBe(503);
    expect((await waits).status).toBe(200);
  });
});

describe('event-loop pressure (in process)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ MAX_EVENT_LOOP_DELAY_MS: 50 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 with Retry-After on API routes while the loop lags, keeps /healthz 200, says busy on /readyz, then recovers', async () => {
    const until = Date.now() + 600;
    while (Date.now() < until) {
      /* block the event loop well past the threshold */
    }
    await new Promise((r) => setTimeout(r, 20));
    const [api, health, ready] = await Promise.all([
      t.request(t.admin.key, { method: 'GET', url: '/v1/employers' }),
      t.request(null, { method: 'GET', url: '/healthz' }),
      t.request(null, { method: 'GET', url: '/readyz' }),
    ]);
    expect(api.statusCode).toBe(503);
    expect(api.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(api.headers['retry-after']).toBe('10');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().status).toBe('busy');
    expect(ready.json().checks.load.detail.underPressure).toBe(true);
    let recovered = 503;
    for (let i = 0; i < 100 && recovered === 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      recovered = (await t.request(t.admin.key, { method: 'GET', url: '/v1/employers' })).statusCode;
    }
    expect(recovered).toBe(200);
  });
});

describe('server-time budget per key (in process)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ COST_BUDGET_MS: 1, RATE_LIMIT_WINDOW_MS: 600_000 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a key that spent its budget gets 429 RATE_LIMITED with Retry-After; other keys and cheap routes are unaffected', async () => {
    const a = t.keyFor('employer');
    const b = t.keyFor('employer');
    const extract = (key: string) =>
      t.request(key, { method: 'POST', url: '/v1/taxonomy/skills/extract', payload: { text: 'You will weld steel frames and read technical drawings.' } });
    expect((await extract(a)).statusCode).toBe(200);
    const over = await extract(a);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('RATE_LIMITED');
    expect(over.json().error.details).toMatchObject({ budgetMs: 1, windowMs: 600_000 });
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await extract(b)).statusCode).toBe(200);
    expect((await t.request(a, { method: 'GET', url: '/v1/vacancies' })).statusCode).toBe(200);
  });
});
