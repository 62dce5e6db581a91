import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { createApiKey, type CreatedKey } from '../src/services/api-keys.js';
import { insertEmptyCandidate } from '../src/services/candidates.js';
import { employers, type Role } from '../src/db/schema/index.js';
import { newId } from '../src/ids.js';
import { nowIso } from '../src/db/client.js';

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  admin: CreatedKey;
  /** A new employer tenant and its key. */
  employer(country?: string): { employerId: string; key: string };
  /** A new, empty job-seeker profile and its key. */
  jobseeker(): { candidateId: string; key: string };
  keyFor(role: Role): string;
  request(key: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A fresh app on a temp-file SQLite database, migrated, with the real components; close() removes everything. */
export async function buildTestApp(config: Partial<Config> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-test-'));
  const app = await buildApp({
    logger: false,
    config: {
      DATABASE_PATH: join(dir, 'test.db'),
      INDEX_DIR: join(dir, 'index'),
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
      ...config,
    },
  });
  await app.ready();
  const admin = createApiKey(app.db, { role: 'admin', name: 'test admin' });
  const employer = (country = 'DE') => {
    const id = newId('emp');
    const now = nowIso();
    app.db.insert(employers).values({ id, name: `Employer ${id.slice(-4)}`, country, createdAt: now, updatedAt: now }).run();
    return { employerId: id, key: createApiKey(app.db, { role: 'employer', employerId: id }).key };
  };
  const jobseeker = () => {
    const cand = insertEmptyCandidate(app.db);
    return { candidateId: cand.id, key: createApiKey(app.db, { role: 'jobseeker', candidateId: cand.id }).key };
  };
  const keyFor = (role: Role): string => {
    if (role === 'admin') return createApiKey(app.db, { role: 'admin' }).key;
    if (role === 'ministry') return createApiKey(app.db, { role: 'ministry' }).key;
    if (role === 'employer') return employer().key;
    return jobseeker().key;
  };
  return {
    app,
    dir,
    admin,
    employer,
    jobseeker,
    keyFor,
    request: (key, opts) =>
      app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(key ? { authorization: `Bearer ${key}` } : {}) } }),
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
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
