import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addMonths, readSeriesFile } from '../src/forecast/reference-data.js';
import { buildTestApp, type TestApp } from './helper.js';
import { pgAvailable } from './pg-helper.js';
import { killHard, startServer, type ServerProcess } from './server-process.js';

// A ministry's upload answered 202 with a job id: the refit must finish even when the process running it stops
// (kill -9, a deploy, a lost replica). Before, the job stayed queued or running for ever, its source had no forecasts,
// and on PostgreSQL no replica would queue another because a job was "pending".
const CODES = ['0000', '2544', '2613', '3411', '3513', '4233'];
const REGIONS = ['AUST', 'NSW', 'VIC'];
const ivi = readSeriesFile('ivi').series.filter((s) => CODES.includes(s.code) && REGIONS.includes(s.region));
const ndjson = (source: string): string =>
  ivi.flatMap((s) => s.values.map((v, i) => JSON.stringify({ source, scheme: 'anzsco', code: s.code, region: s.region, period: addMonths(s.start, i), value: v! }))).join('\n');

interface Job {
  status: string;
  attempts: number;
  error: string | null;
  accuracy: Record<string, unknown> | null;
}

async function waitForDone(read: () => Promise<Job>): Promise<Job> {
  for (let i = 0; i < 900; i++) {
    const job = await read();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the job never finished');
}

describe('SQLite: a job left running by kill -9 is resumed under the same id at the next start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-job-resume-'));
  let server: ServerProcess | null = null;
  afterAll(async () => {
    if (server) await killHard(server);
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { DATABASE_PATH: join(dir, 'p.db'), INDEX_DIR: join(dir, 'index'), REPLICA_DIR: join(dir, 'replica'), PASSERELLE_DEMO: '0' };
  const call = async (key: string, method: string, path: string, body?: string, type = 'application/json') => {
    const res = await fetch(`${server!.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': type } : {}) }, body });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('finishes the acknowledged upload\'s refit after SIGKILL and restart', async () => {
    server = await startServer(env);
    const admin = /admin\s+(psk_\S+)/.exec(server.stdout())?.[1];
    expect(admin, server.stdout()).toBeTruthy();
    const ministry = (await call(admin!, 'POST', '/v1/admin/keys', JSON.stringify({ role: 'ministry' }))).body.key as string;
    expect(ministry).toMatch(/^psk_/);
    const up = await call(ministry, 'POST', '/v1/series', ndjson('resume-test'), 'application/x-ndjson');
    expect(up.status, JSON.stringify(up.body)).toBe(202);
    const jobId = up.body.uploads[0].jobId as string;
    const before = (await call(ministry, 'GET', `/v1/series/jobs/${jobId}`)).body as Job;
    // Killed before the refit could finish (it runs for seconds on 18 series).
    expect(['queued', 'running']).toContain(before.status);
    await killHard(server);

    server = await startServer(env);
    const after = await waitForDone(async () => (await call(ministry, 'GET', `/v1/series/jobs/${jobId}`)).body as Job);
    expect(after.status, after.error ?? '').toBe('done');
    expect(after.attempts).toBe(2);
    expect(after.accuracy).not.toBeNull();
    const f = await call(ministry, 'GET', '/v1/forecasts/shortages?country=AU&source=resume-test&occupation=2544&region=NSW&horizon=3&history=0');
    expect(f.status).toBe(200);
    expect(f.body.items[0].forecast).toHaveLength(3);
  }, 300_000);
});

const hasPg = await pgAvailable('forecast.job-resume.test.ts');

describe.skipIf(!hasPg)('PostgreSQL: a job whose replica stopped is resumed by another replica once its lease runs out', () => {
  let a: TestApp | null = null;
  let b: TestApp | null = null;
  afterAll(async () => {
    await b?.close();
    await a?.close(); // A's app is closed already; this drops the scratch database
  });

  it('B takes the job over, runs it once more and finishes it under the same id', async () => {
    a = await buildTestApp({ backend: 'postgres', FORECAST_JOB_LEASE_MS: 1000 });
    b = await buildTestApp({ backend: 'postgres', sameDatabaseAs: a, FORECAST_JOB_LEASE_MS: 1000 });
    const ministry = a.keyFor('ministry');
    const res = await a.request(ministry, { method: 'POST', url: '/v1/series', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson('lease-test') });
    expect(res.statusCode).toBe(202);
    const jobId = (res.json() as { uploads: { jobId: string }[] }).uploads[0]!.jobId;
    const readOn = (t: TestApp) => async () => (await t.request(ministry, { method: 'GET', url: `/v1/series/jobs/${jobId}` })).json() as Job;
    expect(['queued', 'running']).toContain((await readOn(a)()).status);
    // A goes away mid-job without finishing it (its close does not mark the job failed: nothing failed).
    await a.app.close();
    const job = await waitForDone(readOn(b));
    expect(job.status, job.error ?? '').toBe('done');
    expect(job.attempts).toBe(2);
    expect(job.accuracy).not.toBeNull();
    // One run for the upload's version, stored by B.
    const { sql } = await import('drizzle-orm');
    const runs = await b.app.storage.read.rows<{ n: string }>(sql`SELECT count(*) AS n FROM forecast_runs WHERE source = 'lease-test'`);
    expect(Number(runs[0]!.n)).toBe(1);
    const f = await b.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&source=lease-test&occupation=2544&region=NSW&horizon=3&history=0' });
    expect(f.statusCode).toBe(200);
    expect((f.json() as { items: { forecast: unknown[] }[] }).items[0]!.forecast).toHaveLength(3);
  }, 300_000);
});
