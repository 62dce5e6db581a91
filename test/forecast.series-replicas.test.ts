import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { pgAvailable } from './pg-helper.js';
import { readSeriesFile, addMonths } from '../src/forecast/reference-data.js';
import { PgJobStore } from '../src/forecast/series-repo.js';

// Issue 15: a ministry's upload on one replica is a refit job that runs once, whose progress and result every replica
// reads, and whose forecasts and scorecard every replica serves.
const hasPg = await pgAvailable('forecast.series-replicas.test.ts');
const ivi = readSeriesFile('ivi').series.filter((s) => ['0000', '2544'].includes(s.code) && ['AUST', 'NSW'].includes(s.region));
const rows = ivi.flatMap((s) => s.values.map((v, i) => ({ source: 'replica-test', scheme: 'anzsco', code: s.code, region: s.region, period: addMonths(s.start, i), value: v! })));
const head = rows.filter((r) => r.period <= '2020-12');
const tail = rows.filter((r) => r.period > '2020-12');

describe.skipIf(!hasPg)('ministry series across two replicas on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;
  let ministry: string;
  beforeAll(async () => {
    a = await buildTestApp({ backend: 'postgres' });
    b = await buildTestApp({ backend: 'postgres', sameDatabaseAs: a });
    ministry = a.keyFor('ministry');
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const upload = async (t: TestApp, lines: typeof rows) => {
    const res = await t.request(ministry, { method: 'POST', url: '/v1/series', headers: { 'content-type': 'application/x-ndjson' }, payload: lines.map((r) => JSON.stringify(r)).join('\n') });
    expect(res.statusCode).toBe(202);
    return res.json() as { uploads: { version: number; jobId: string }[] };
  };

  it('a job uploaded on A is readable on B, runs once, and B serves its forecasts and scorecard', async () => {
    const first = await upload(a, head);
    const jobId = first.uploads[0]!.jobId;
    // B reads the job's state from the shared table (queued or running or done, never 404).
    const seen = new Set<string>();
    let job: { status: string; progress: number; accuracy: { chosen: string } | null } | undefined;
    for (let i = 0; i < 600; i++) {
      const res = await b.request(ministry, { method: 'GET', url: `/v1/series/jobs/${jobId}` });
      expect(res.statusCode).toBe(200);
      job = res.json();
      seen.add(job!.status);
      if (job!.status === 'done' || job!.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job!.status).toBe('done');
    expect(job!.progress).toBe(1);
    expect(job!.accuracy?.chosen).toBeTypeOf('string');
    // One run stored for the upload's version, by one job.
    const runs = await a.app.storage.read.rows<{ n: string }>(
      (await import('drizzle-orm')).sql`SELECT count(*) AS n FROM forecast_runs WHERE source = 'replica-test' AND data_version = 'replica-test@v1'`,
    );
    expect(Number(runs[0]!.n)).toBe(1);
    // A finished job cannot be claimed again, by any replica.
    expect(await new PgJobStore(b.app.storage).claim(jobId)).toBe(false);

    // B never saw the upload in its own process, and still serves the forecasts from the last uploaded month.
    const fc = await b.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&source=replica-test&horizon=12&history=0' });
    expect(fc.statusCode).toBe(200);
    const items = (fc.json() as { items: { origin: string; forecast: unknown[]; model: string }[] }).items;
    expect(items).toHaveLength(4);
    for (const it of items) {
      expect(it.origin).toBe('2020-12');
      expect(it.forecast).toHaveLength(12);
      expect(it.model).not.toBe('insufficient-data');
    }
    // The new months arrive on B; A serves the scorecard of the forecasts B stored.
    const second = await upload(b, tail);
    expect(second.uploads[0]!.version).toBe(2);
    const sc = await a.request(ministry, { method: 'GET', url: '/v1/forecasts/scorecard?source=replica-test' });
    expect(sc.statusCode).toBe(200);
    const card = sc.json() as { storedForecasts: number; scoredForecasts: number; horizons: { h: number; n: number }[] };
    expect(card.storedForecasts).toBe(4);
    expect(card.scoredForecasts).toBe(4);
    expect(card.horizons.find((h) => h.h === 1)!.n).toBe(4);
    // A's list shows version 2 (taken on B).
    const list = await a.request(ministry, { method: 'GET', url: '/v1/series' });
    expect((list.json() as { items: { source: string; latestVersion: number }[] }).items).toEqual([expect.objectContaining({ source: 'replica-test', latestVersion: 2 })]);
  }, 180_000);

  it('source=platform aggregates the shared vacancies and consenting candidates, small cells suppressed', async () => {
    const now = new Date().toISOString();
    const emp = `emp_pgplatform${Date.now()}`;
    let n = 0;
    const vac = (status: 'open' | 'filled', region: string) => ({
      id: `vac_pgplatform${n++}`,
      employerId: emp,
      title: 'Welder',
      description: 'Welding',
      occupationIsco: '7212',
      skills: [],
      languages: [],
      country: 'DE',
      region,
      status,
      openedAt: '2026-01-10T00:00:00.000Z',
      closedAt: status === 'filled' ? '2026-02-20T00:00:00.000Z' : null,
      createdAt: now,
      updatedAt: now,
    });
    // Written through A's storage; served by B.
    await a.app.storage.transaction(async (uow) => {
      await uow.db.insert(uow.t.employers).values({ id: emp, name: 'Acme', country: 'DE', createdAt: now, updatedAt: now });
      await uow.db.insert(uow.t.vacancies).values([...Array.from({ length: 12 }, () => vac('open', 'BY')), ...Array.from({ length: 3 }, () => vac('filled', 'BE'))]);
      await uow.db
        .insert(uow.t.candidates)
        .values(Array.from({ length: 4 }, (_, i) => ({ id: `cand_pgplatform${i}`, displayName: 'x', skills: [], experience: [], languages: [], destinations: ['DE'], pathways: [], occupationIsco: '7212', consentMatching: true, createdAt: now, updatedAt: now })));
    });
    const res = await b.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=DE&source=platform&occupation=7212' });
    expect(res.statusCode).toBe(200);
    type P = { region: string; source: string; history: { period: string; value: number | null; suppressed?: boolean }[]; signals: { candidatesPerVacancy: number | null; suppressed: string[] } };
    const items = (res.json() as { items: P[] }).items;
    const national = items.find((i) => i.region === 'DE')!;
    expect(national.source).toBe('platform');
    expect(national.history.find((h) => h.period === '2026-01')!.value).toBe(15);
    expect(items.find((i) => i.region === 'BE')!.history.find((h) => h.period === '2026-01')).toEqual({ period: '2026-01', value: null, suppressed: true });
    expect(national.signals.candidatesPerVacancy).toBeNull();
    expect(national.signals.suppressed).toContain('candidatesPerVacancy');
    expect(JSON.stringify(items)).not.toMatch(/vac_|cand_|emp_/);
  });

  it('of two concurrent claims of one queued job, exactly one wins', async () => {
    const store = new PgJobStore(a.app.storage);
    const other = new PgJobStore(b.app.storage);
    const id = await store.create('claim-test', null, null);
    const wins = await Promise.all([store.claim(id), other.claim(id), store.claim(id), other.claim(id)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect((await other.get(id))!.status).toBe('running');
  });
});
