import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { apiKeyRow, type CreatedKey } from '../src/services/api-keys.js';
import { emptyCandidateRow } from '../src/services/candidates.js';
import { apiKeys, candidates, employers, type Role } from '../src/db/schema/index.js';
import { newId } from '../src/ids.js';
import { nowIso } from '../src/db/client.js';
import { PG_REQUIRED, scratchPgDatabase } from './pg-helper.js';
import { sharedEmbedderFor } from './shared-embedder.js';

/** The storage back ends a parametrised suite runs on (issue 15). */
export type Backend = 'sqlite' | 'postgres';

/**
 * Back ends for `describe.each(BACKENDS)`: SQLite always; PostgreSQL when TEST_DATABASE_URL is set, or when
 * PASSERELLE_REQUIRE_PG=1 (then a missing or unreachable server fails the PostgreSQL tests, never skips them).
 */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL || PG_REQUIRED ? ['sqlite', 'postgres'] : ['sqlite'];
if (!BACKENDS.includes('postgres')) {
  console.warn('SKIPPED the PostgreSQL half of the parametrised suites: TEST_DATABASE_URL is not set (export TEST_DATABASE_URL=$(bash .ci/pg-up | tail -n 1))');
}

export interface TestApp {
  app: FastifyInstance;
  backend: Backend;
  dir: string;
  admin: CreatedKey;
  /** A new employer tenant and its key. */
  employer(country?: string): { employerId: string; key: string };
  /** A new, empty job-seeker profile and its key. */
  jobseeker(): { candidateId: string; key: string };
  keyFor(role: Role): string;
  request(key: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /**
   * Read the app's database directly, on either back end: SQL with `?` placeholders and snake_case columns (as both
   * schemas name them); PostgreSQL's bigint counts come back as numbers.
   */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * A fresh app with the real components on a temp-file SQLite database or, with `backend: 'postgres'`, on a fresh
 * PostgreSQL database (created on TEST_DATABASE_URL's server, migrated by the app, dropped by close()).
 */
export async function buildTestApp(config: Partial<Config> & { backend?: Backend; /** PostgreSQL: share this app's database (another replica). */ sameDatabaseAs?: TestApp } = {}): Promise<TestApp> {
  const { backend = 'sqlite', sameDatabaseAs, ...overrides } = config;
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-test-'));
  let pg: Awaited<ReturnType<typeof scratchPgDatabase>> | null = null;
  if (backend === 'postgres') {
    if (!process.env.TEST_DATABASE_URL) throw new Error('PostgreSQL tests need TEST_DATABASE_URL (PASSERELLE_REQUIRE_PG=1: failing, not skipping). Start one with: export TEST_DATABASE_URL=$(bash .ci/pg-up | tail -n 1)');
    pg = sameDatabaseAs ? null : await scratchPgDatabase({ migrate: false, max: 1 });
  }
  const pgUrl = pg?.url ?? sameDatabaseAs?.app.config.DATABASE_URL;
  // The process's one loaded model (test/shared-embedder.ts), unless this app configures its own embedder.
  const embedder = await sharedEmbedderFor(overrides);
  const app = await buildApp({
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
    ...(embedder ? { embedder } : {}),
    config: {
      ...(embedder ? { EMBED_WORKERS: embedder.threads } : {}),
      ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
      // Replicas share the keyring (audit MAC and signing keys, idempotency secret), as in a deployment.
      ...(sameDatabaseAs ? { KEYRING_PATH: join(sameDatabaseAs.dir, 'keyring.json') } : {}),
      DATABASE_PATH: join(dir, 'test.db'),
      INDEX_DIR: join(dir, 'index'),
      REPLICA_DIR: join(dir, 'replica'),
      PASSERELLE_DEMO: false,
      RATE_LIMIT_MAX: 100_000,
      ANON_RATE_LIMIT_MAX: 100_000,
      MAX_EVENT_LOOP_DELAY_MS: 0,
      // Tests fire requests in parallel on one key; the cost limits have their own tests (overload.test.ts).
      COST_HEAVY_QUEUE: 10_000,
      COST_QUEUE_WAIT_MS: 600_000,
      COST_PER_KEY_IN_FLIGHT: 10_000,
      COST_BUDGET_MS: 0,
      // 720k reference rows per test app would only burn CPU; the forecast tests switch it back on.
      REFERENCE_SERIES_LOAD: false,
      // The reference refit is a minute of CPU per fresh database; the forecast tests that need it switch it on.
      FORECAST_REFERENCE_REFIT: [],
      // Building every skill index up front is seconds of CPU per test app; requests build what they use.
      TAXONOMY_WARMUP: false,
      ...overrides,
    },
  });
  // Fixtures (keys, employers, empty profiles) are created synchronously for the tests. On SQLite they are written at
  // once on the write connection; on PostgreSQL the writes are started at once and every request waits for them.
  // The last fixture write (they are chained, so it settles after every earlier one); never cleared, so concurrent
  // requests all wait for it.
  let lastWrite: Promise<unknown> = Promise.resolve();
  const onPg = backend === 'postgres';
  if (onPg) {
    app.addHook('onRequest', async () => {
      await lastWrite;
    });
  }
  await app.ready();
  const insert = (write: (h: { db: FastifyInstance['db']; t: { apiKeys: typeof apiKeys; employers: typeof employers; candidates: typeof candidates } }) => unknown): void => {
    if (!onPg) {
      write({ db: app.db, t: { apiKeys, employers, candidates } });
      return;
    }
    // In order (a key's employer first), one after another.
    const p = lastWrite.then(() =>
      app.storage.transaction(async (tx) => {
        await (write({ db: tx.db as FastifyInstance['db'], t: tx.t }) as Promise<unknown>);
      }),
    );
    lastWrite = p;
    p.catch(() => undefined); // reported when a request awaits it
  };
  const newKey = (input: Parameters<typeof apiKeyRow>[0]): CreatedKey => {
    const { row, created } = apiKeyRow(input);
    insert(({ db, t }) => (onPg ? db.insert(t.apiKeys).values(row) : db.insert(t.apiKeys).values(row).run()));
    return created;
  };
  const admin = newKey({ role: 'admin', name: 'test admin' });
  const employer = (country = 'DE') => {
    const id = newId('emp');
    const now = nowIso();
    const row = { id, name: `Employer ${id.slice(-4)}`, country, createdAt: now, updatedAt: now };
    insert(({ db, t }) => (onPg ? db.insert(t.employers).values(row) : db.insert(t.employers).values(row).run()));
    return { employerId: id, key: newKey({ role: 'employer', employerId: id }).key };
  };
  const jobseeker = () => {
    const row = emptyCandidateRow();
    insert(({ db, t }) => (onPg ? db.insert(t.candidates).values(row) : db.insert(t.candidates).values(row).run()));
    return { candidateId: row.id!, key: newKey({ role: 'jobseeker', candidateId: row.id! }).key };
  };
  const keyFor = (role: Role): string => {
    if (role === 'admin') return newKey({ role: 'admin' }).key;
    if (role === 'ministry') return newKey({ role: 'ministry' }).key;
    if (role === 'employer') return employer().key;
    return jobseeker().key;
  };
  if (onPg) {
    await lastWrite;
    // The replicas answer searches once they caught up with the change log (503 NOT_READY before).
    for (let i = 0; i < 1200 && !app.replicas?.status().ready; i++) await new Promise((r) => setTimeout(r, 50));
    if (!app.replicas?.status().ready) throw new Error('the PostgreSQL replicas did not catch up within 60 s');
  }
  return {
    app,
    backend,
    dir,
    admin,
    employer,
    jobseeker,
    keyFor,
    async query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
      if (!onPg) return app.sqlite.prepare(sql).all(...params) as T[];
      let i = 0;
      const res = await app.pgDb.pool.query(sql.replace(/\?/g, () => `$${++i}`), params);
      const int8 = res.fields.filter((f) => f.dataTypeID === 20).map((f) => f.name);
      return res.rows.map((r: Record<string, unknown>) => {
        for (const k of int8) if (r[k] !== null) r[k] = Number(r[k]);
        return r as T;
      });
    },
    request: async (key, opts) => {
      await lastWrite;
      return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(key ? { authorization: `Bearer ${key}` } : {}) } });
    },
    async close() {
      await lastWrite.catch(() => undefined);
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      await pg?.drop();
    },
  };
}

export const sampleVacancy = (over: Record<string, unknown> = {}) => ({
  title: 'Welder',
  description: 'MIG and TIG welding of steel structures in our workshop.',
  country: 'DE',
  region: 'Bavaria',
  occupation: { esco: 'http://data.europa.eu/esco/occupation/c5d2c7f4-2a9b-4b7d-9e0b-1d2f3e4a5b6c', isco: '7212' },
  skills: [
    { label: 'MIG welding', essential: true },
    { label: 'read engineering drawings', essential: false },
  ],
  languages: [{ code: 'de', level: 'A2' }],
  salary: { min: 2800, max: 3400, currency: 'EUR', period: 'month' },
  contractType: 'permanent',
  hoursPerWeek: 38,
  positions: 2,
  startDate: '2027-01-15',
  expiresAt: '2027-06-30',
  shortage: true,
  status: 'open',
  recruitmentFees: { chargedToWorker: false },
  lang: 'en',
  ...over,
});

export const sampleProfile = (over: Record<string, unknown> = {}) => ({
  displayName: 'Seeker A',
  skills: [{ label: 'MIG welding' }, { label: 'blueprint reading' }],
  experience: [{ title: 'welder', years: 6, country: 'MA' }],
  educationLevel: 3,
  languages: [{ code: 'fr', level: 'C1' }, { code: 'de', level: 'A2' }],
  residenceCountry: 'MA',
  destinations: ['DE', 'FR'],
  pathways: ['work-permit'],
  consent: { matching: true, visibleToEmployers: true },
  contact: { email: 'seeker@example.org', phone: '+212 600 000 000' },
  protected: { sex: 'female', ageBand: '25-34', nationality: 'MA' },
  ...over,
});

/** A syntactically valid value for each kind of path parameter, keyed by the path segment before it. */
export const PATH_PARAM_SAMPLES: Record<string, string> = {
  vacancies: 'vac_01jdx0y8a7m2c9t4v6w8z0b1c3',
  employers: 'emp_01jdx0y8a7m2c9t4v6w8z0b1c3',
  candidates: 'cand_01jdx0y8a7m2c9t4v6w8z0b1c3',
  keys: 'key_01jdx0y8a7m2c9t4v6w8z0b1c3',
  records: 'audit_01jdx0y8a7m2c9t4v6w8z0b1c3',
  matches: 'audit_01jdx0y8a7m2c9t4v6w8z0b1c3',
  contests: 'cont_01jdx0y8a7m2c9t4v6w8z0b1c3',
  alerts: 'alert_01jdx0y8a7m2c9t4v6w8z0b1c3',
  reranking: 'emp_01jdx0y8a7m2c9t4v6w8z0b1c3',
  'contact-requests': 'creq_01jdx0y8a7m2c9t4v6w8z0b1c3',
  screening: 'scr_01jdx0y8a7m2c9t4v6w8z0b1c3',
};

/** A route-table URL with its parameters filled (`value` for a parameter, else the sample for its segment) and `::` unescaped. */
export function concreteUrl(url: string, value?: (param: string, segmentBefore: string) => string): string {
  const parts = url.split('/');
  return parts
    .map((p, i) => (p.startsWith(':') ? (value?.(p, parts[i - 1] ?? '') ?? PATH_PARAM_SAMPLES[parts[i - 1] ?? ''] ?? 'x') : p.replace('::', ':')))
    .join('/');
}
