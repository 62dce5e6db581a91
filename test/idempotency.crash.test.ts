// Idempotency-Key exactly once across a crash: real server processes, a real kill -9 at the two dangerous moments.
// A process started with NODE_ENV=test and PASSERELLE_TEST_IDEMPOTENCY_PAUSE=1 stops for good (and says so on stdout)
// after the claim of a key starting `pause-after-claim-` (before the route ran) or after the write of a key starting
// `pause-after-commit-` committed (before its reply was stored or sent); the test then kills it with SIGKILL and
// retries on a live process on the same database: the SQLite file restarted, or another PostgreSQL replica.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killHard, startServer, type ServerProcess, QUIET_SERVER_ENV } from './server-process.js';
import { sampleVacancy } from './helper.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';
import { adminKeyFrom, call, sleep, type CallResult } from './replica-cluster.js';

const hasPg = await pgAvailable('idempotency.crash.test.ts');
const LEASE_MS = 3000;

interface World {
  /** The process that will pause and be killed. */
  doomed: ServerProcess;
  admin: string;
  /** After the kill: a live process on the same database, and when it could first be asked. */
  survivor(): Promise<{ base: string; readyAt: number }>;
  cleanup(): Promise<void>;
}

const shared = (dir: string): Record<string, string> => ({
  NODE_ENV: 'test',
  IDEMPOTENCY_LEASE_MS: String(LEASE_MS),
  KEYRING_PATH: join(dir, 'keyring.json'),
  AUDIT_MAC_KEYS: `k1:${Buffer.alloc(32, 9).toString('base64')}`,
  PASSERELLE_DEMO: '0',
  ...QUIET_SERVER_ENV,
  // The paused requests hold their in-flight slots until the kill: no per-key or queue limits here.
  RATE_LIMIT_MAX: '1000000',
  COST_PER_KEY_IN_FLIGHT: '10000',
  COST_HEAVY_QUEUE: '10000',
  COST_QUEUE_WAIT_MS: '60000',
  COST_BUDGET_MS: '0',
});

async function sqliteWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-idem-crash-'));
  const env = { ...shared(dir), DATABASE_PATH: join(dir, 'p.db'), INDEX_DIR: join(dir, 'index'), REPLICA_DIR: join(dir, 'replica') };
  const doomed = await startServer({ ...env, PASSERELLE_TEST_IDEMPOTENCY_PAUSE: '1' });
  let after: ServerProcess | null = null;
  return {
    doomed,
    admin: adminKeyFrom(doomed.stdout())!,
    async survivor() {
      // One process per SQLite file: the same files, restarted (as after an OOM kill or a crashed deploy).
      after = await startServer(env);
      return { base: after.baseUrl, readyAt: Date.now() };
    },
    async cleanup() {
      await killHard(doomed);
      if (after) await killHard(after);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function pgWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-idem-crash-pg-'));
  const db: ScratchPgDatabase = await scratchPgDatabase({ migrate: false, max: 1 });
  const envFor = (name: string) => ({
    ...shared(dir),
    DATABASE_URL: db.url,
    DATABASE_PATH: join(dir, `${name}-unused.db`),
    INDEX_DIR: join(dir, `${name}-index`),
    REPLICA_DIR: join(dir, `replica-${name}`),
    REPLICA_SNAPSHOT_DIR: join(dir, 'shared'),
    REPLICA_POLL_MS: '200',
  });
  // A migrates the empty database and prints the first admin key; B, a second replica, is up before A dies.
  const doomed = await startServer({ ...envFor('a'), PASSERELLE_TEST_IDEMPOTENCY_PAUSE: '1' });
  const other = await startServer(envFor('b'));
  return {
    doomed,
    admin: adminKeyFrom(doomed.stdout())!,
    survivor: async () => ({ base: other.baseUrl, readyAt: Date.now() }),
    async cleanup() {
      await killHard(doomed);
      await killHard(other);
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POST with an Idempotency-Key and an optional content type (the bulk import takes NDJSON). */
async function post(base: string, key: string, path: string, idem: string, body: unknown, ndjson = false): Promise<CallResult> {
  if (!ndjson) return call(base, key, 'POST', path, body, { 'idempotency-key': idem });
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', 'idempotency-key': idem },
    body: body as string,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers, ms: 0 };
}

/** Retry until the answer is no longer "in progress" (or give up after `ms`); every answer is kept. */
async function retryUntilSettled(send: () => Promise<CallResult>, ms: number): Promise<(CallResult & { sentAt: number })[]> {
  const seen: (CallResult & { sentAt: number })[] = [];
  const deadline = Date.now() + ms;
  for (;;) {
    const sentAt = Date.now();
    const res = { ...(await send()), sentAt };
    seen.push(res);
    if (res.status !== 409 || res.body?.error?.code !== 'IDEMPOTENCY_IN_PROGRESS' || Date.now() > deadline) return seen;
    await sleep(200);
  }
}

async function titlesOf(base: string, employerKey: string): Promise<Map<string, string[]>> {
  const byTitle = new Map<string, string[]>();
  let cursor: string | null = null;
  do {
    const res = await call(base, employerKey, 'GET', `/v1/vacancies?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    for (const v of res.body.items as { id: string; title: string }[]) byTitle.set(v.title, [...(byTitle.get(v.title) ?? []), v.id]);
    cursor = res.body.nextCursor ?? null;
  } while (cursor);
  return byTitle;
}

const backends: [string, () => Promise<World>][] = [['sqlite', sqliteWorld]];
if (hasPg) backends.push(['postgres', pgWorld]);
else it.skip('postgres back end (no PostgreSQL: see the SKIPPED message)', () => undefined);

describe.each(backends)('Idempotency-Key across kill -9: %s', (backend, open) => {
  let w: World | undefined;
  afterAll(async () => {
    await w?.cleanup();
  });

  it('a retry after a crash at either moment never runs the write twice', async () => {
    w = await open();
    const A = w.doomed.baseUrl;
    expect(w.admin, w.doomed.stdout()).toBeTruthy();
    const emp = await call(A, w.admin, 'POST', '/v1/employers', { name: 'Crash Test GmbH', country: 'DE' });
    expect(emp.status).toBe(201);
    const key = await call(A, w.admin, 'POST', '/v1/admin/keys', { role: 'employer', employerId: emp.body.id });
    expect(key.status).toBe(201);
    const employer = key.body.key as string;

    if (backend === 'postgres') {
      // A stalled holder (alive, but its event loop blocked past its lease: no renewal) loses its claim to a retry on
      // B; when A wakes up and reaches its write, the claim's token is gone and its write rolls back.
      const { base: B } = await w.survivor();
      const body = sampleVacancy({ title: 'Stalled holder' });
      const onA = post(A, employer, '/v1/vacancies', 'pause-stall-vac-0001', body);
      const deadline = Date.now() + 30_000;
      while (!w.doomed.stdout().includes('PASSERELLE_TEST_PAUSED stall')) {
        if (Date.now() > deadline) throw new Error(`A did not stall:\n${w.doomed.stdout()}`);
        await sleep(50);
      }
      const onB = (await retryUntilSettled(() => post(B, employer, '/v1/vacancies', 'pause-stall-vac-0001', body), LEASE_MS + 15_000)).at(-1)!;
      expect(onB.status, JSON.stringify(onB.body)).toBe(201);
      const late = await onA;
      expect(late.status, JSON.stringify(late.body)).toBe(409);
      expect(late.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect((await titlesOf(B, employer)).get('Stalled holder')).toEqual([onB.body.id]);
      const replay = await post(A, employer, '/v1/vacancies', 'pause-stall-vac-0001', body);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(onB.body.id);
    }

    // Four requests that A will never answer: three stop after their write committed, one before its write.
    const bulk = ['Bulk one', 'Bulk two', 'Bulk three'].map((title) => JSON.stringify(sampleVacancy({ title }))).join('\n');
    const sent = {
      commitVacancy: () => post(A, employer, '/v1/vacancies', 'pause-after-commit-vac-0001', sampleVacancy({ title: 'Crash after commit' })),
      commitBulk: () => post(A, employer, '/v1/vacancies:bulk', 'pause-after-commit-bulk-0001', bulk, true),
      commitKey: () => post(A, w!.admin, '/v1/admin/keys', 'pause-after-commit-key-0001', { role: 'employer', employerId: emp.body.id, name: 'crash key' }),
      claimVacancy: () => post(A, employer, '/v1/vacancies', 'pause-after-claim-vac-0001', sampleVacancy({ title: 'Crash after claim' })),
    };
    const unanswered = Object.values(sent).map((send) => send().then(
      (r) => `answered ${r.status}`,
      () => 'no answer',
    ));
    const deadline = Date.now() + 30_000;
    while ((w.doomed.stdout().match(/PASSERELLE_TEST_PAUSED after-/g) ?? []).length < 4) {
      if (Date.now() > deadline) throw new Error(`A did not pause:\n${w.doomed.stdout()}`);
      await sleep(50);
    }
    await killHard(w.doomed);
    const killedAt = Date.now();
    expect(w.doomed.child.signalCode).toBe('SIGKILL');
    // The clients got nothing: they will retry.
    expect(await Promise.all(unanswered)).toEqual(['no answer', 'no answer', 'no answer', 'no answer']);

    const { base: B } = await w.survivor();
    const retry = {
      commitVacancy: () => post(B, employer, '/v1/vacancies', 'pause-after-commit-vac-0001', sampleVacancy({ title: 'Crash after commit' })),
      commitBulk: () => post(B, employer, '/v1/vacancies:bulk', 'pause-after-commit-bulk-0001', bulk, true),
      commitKey: () => post(B, w!.admin, '/v1/admin/keys', 'pause-after-commit-key-0001', { role: 'employer', employerId: emp.body.id, name: 'crash key' }),
      claimVacancy: () => post(B, employer, '/v1/vacancies', 'pause-after-claim-vac-0001', sampleVacancy({ title: 'Crash after claim' })),
    };
    let earlyRun: (CallResult & { sentAt: number }) | null = null;
    if (backend === 'postgres' && Date.now() - killedAt < LEASE_MS - 500) {
      // Within the dead holder's lease the key is still "in progress" (its holder might be alive and about to answer).
      const sentAt = Date.now();
      const early = await retry.claimVacancy();
      if (early.status === 409) {
        expect(early.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      } else {
        // On a loaded machine this request can wait on B past the dead holder's lease (or the holder's renewals lagged
        // before the kill); it is then the retry that runs, and the checks below (one object, later replays) apply to it.
        expect(early.status, JSON.stringify(early.body)).toBe(201);
        earlyRun = { ...early, sentAt };
      }
    }
    const settle = LEASE_MS + 15_000;
    const claimed = earlyRun ? [earlyRun] : await retryUntilSettled(retry.claimVacancy, settle);
    // When the retry that ran was sent (its own run time — a first embedding on B — is not the lease's).
    const settledAt = claimed.at(-1)!.sentAt;
    const commitVacancy = (await retryUntilSettled(retry.commitVacancy, settle)).at(-1)!;
    const commitBulk = (await retryUntilSettled(retry.commitBulk, settle)).at(-1)!;
    const commitKey = (await retryUntilSettled(retry.commitKey, settle)).at(-1)!;

    // Died before its write: the claim became retryable within the lease (plus the poll), and the write ran once.
    const ran = claimed.at(-1)!;
    expect(ran.status, JSON.stringify(ran.body)).toBe(201);
    expect(ran.headers.get('idempotent-replayed')).toBeNull();
    if (backend === 'postgres') expect(settledAt - killedAt).toBeLessThanOrEqual(LEASE_MS + 1500);
    console.log(`[${backend}] claim of the killed process retryable ${settledAt - killedAt} ms after kill -9 (lease ${LEASE_MS} ms; ${claimed.length} tries)`);

    // Died after its write committed: the retry is told it already ran, with the ids it wrote; never run again.
    for (const r of [commitVacancy, commitBulk, commitKey]) {
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.error.code).toBe('IDEMPOTENCY_REPLY_LOST');
    }
    const titles = await titlesOf(B, employer);
    expect(titles.get('Crash after claim')).toEqual([ran.body.id]);
    expect(titles.get('Crash after commit')).toEqual(commitVacancy.body.error.details.ids);
    const bulkIds = ['Bulk one', 'Bulk two', 'Bulk three'].map((t) => titles.get(t));
    for (const ids of bulkIds) expect(ids, `bulk: ${JSON.stringify(commitBulk.body)}; titles ${JSON.stringify([...titles.keys()])}`).toHaveLength(1);
    expect([...commitBulk.body.error.details.ids].sort()).toEqual(bulkIds.map((ids) => ids![0]).sort());
    // The key shown once is neither replayed nor named; it exists once.
    expect(commitKey.body.error.details.ids).toEqual([]);
    const keys = await call(B, w.admin, 'GET', '/v1/admin/keys?limit=100');
    expect(keys.body.items.filter((k: { name: string | null }) => k.name === 'crash key')).toHaveLength(1);

    // Later retries: the same answers, and still one object each.
    const again = await retry.claimVacancy();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(ran.body.id);
    expect((await retry.commitVacancy()).body.error.code).toBe('IDEMPOTENCY_REPLY_LOST');
    const after = await titlesOf(B, employer);
    expect(after.get('Crash after claim')).toHaveLength(1);
    expect(after.get('Crash after commit')).toHaveLength(1);
  }, 300_000);
});
