/**
 * Loads the realistic set (bench/fixtures/realistic/) into a fresh service, through the API, and turns it into
 * tuning queries computed from the service's own features (shared by bench:match-realistic and train:match).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { createApiKey } from '../src/services/api-keys.js';
import { candidates, employers, vacancies as vacancyTable } from '../src/db/schema/index.js';
import { nowIso } from '../src/db/client.js';
import { newId } from '../src/ids.js';
import { cosine } from '../src/embedding/index.js';
import { candidateEmbeddingText, vacancyEmbeddingText } from '../src/embedding/texts.js';
import { computeComponents } from '../src/matching/scorer.js';
import { COMPONENT_NAMES, type MatchParams } from '../src/matching/types.js';
import type { TuningQuery } from '../src/matching/ranking-metrics.js';
import { gain, loadRealisticSet, type RealisticSeeker, type RealisticVacancy, type Split } from './match-realistic-set.js';

export interface LoadedRealistic {
  app: FastifyInstance;
  vacancies: RealisticVacancy[];
  seekers: RealisticSeeker[];
  vacancyId: Map<string, string>;
  keyOfVacancy: Map<string, RealisticVacancy>;
  seekerKey: Map<string, string>;
  candidateId: Map<string, string>;
  candidateOf: Map<string, RealisticSeeker>;
  employerKey(country: string): string;
  call(key: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<any>;
  loadSeconds: number;
  close(): Promise<void>;
}

export async function loadRealisticService(config: Partial<Config> = {}): Promise<LoadedRealistic> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-realistic-'));
  const app = await buildApp({
    logger: false,
    config: {
      DATABASE_PATH: join(dir, 'bench.db'),
      INDEX_DIR: join(dir, 'index'),
      PASSERELLE_DEMO: false,
      RATE_LIMIT_MAX: 10_000_000,
      ANON_RATE_LIMIT_MAX: 10_000_000,
      MAX_EVENT_LOOP_DELAY_MS: 0,
      REFERENCE_SERIES_LOAD: false,
      ...config,
    },
  });
  await app.ready();
  const { vacancies, seekers } = loadRealisticSet();
  const call = async (key: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, payload: payload as object, headers: key ? { authorization: `Bearer ${key}` } : {} });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body}`);
    return res.json();
  };
  // One employer per country, as real employers post in their own country.
  const employerKeys = new Map<string, string>();
  const employerKey = (country: string): string => {
    let key = employerKeys.get(country);
    if (!key) {
      const id = newId('emp');
      const now = nowIso();
      app.db.insert(employers).values({ id, name: `Employer ${country}`, country, createdAt: now, updatedAt: now }).run();
      key = createApiKey(app.db, { role: 'employer', employerId: id }).key;
      employerKeys.set(country, key);
    }
    return key;
  };
  const t0 = performance.now();
  const vacancyId = new Map<string, string>();
  const keyOfVacancy = new Map<string, RealisticVacancy>();
  for (const v of vacancies) {
    const created = await call(employerKey(v.ad.country), 'POST', '/v1/vacancies', { status: 'open', ...v.ad });
    vacancyId.set(v.key, created.id);
    keyOfVacancy.set(created.id, v);
  }
  const seekerKey = new Map<string, string>();
  const candidateId = new Map<string, string>();
  const candidateOf = new Map<string, RealisticSeeker>();
  for (const s of seekers) {
    const reg = await call(null, 'POST', '/v1/jobseekers', { lang: s.profile.lang ?? 'en' });
    await call(reg.key, 'PUT', '/v1/candidates/me', { ...s.profile, consent: { matching: true, visibleToEmployers: true } });
    seekerKey.set(s.key, reg.key);
    candidateId.set(s.key, reg.candidateId);
    candidateOf.set(reg.candidateId, s);
  }
  return {
    app,
    vacancies,
    seekers,
    vacancyId,
    keyOfVacancy,
    seekerKey,
    candidateId,
    candidateOf,
    employerKey,
    call,
    loadSeconds: (performance.now() - t0) / 1000,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Seeker-side tuning queries from the service's own features: every (seeker, vacancy) pair of the whole pool, with the
 * embedding cosine the service would use, component values and stated flags under `params`, and the judged gain.
 */
export async function realisticTuningQueries(r: LoadedRealistic, params: MatchParams, split: Split | 'all'): Promise<TuningQuery[]> {
  const engine = r.app.matchEngine;
  const vRows = r.vacancies.map((v) => r.app.db.select().from(vacancyTable).where(eq(vacancyTable.id, r.vacancyId.get(v.key)!)).get()!);
  const vVecs = await r.app.embedder.embed(vRows.map((row) => vacancyEmbeddingText(row)));
  const vFeat = vRows.map((row) => engine.vacancyFeatures(row));
  const m = COMPONENT_NAMES.length;
  const out: TuningQuery[] = [];
  for (const s of r.seekers) {
    if (split !== 'all' && s.split !== split) continue;
    const row = r.app.db.select().from(candidates).where(eq(candidates.id, r.candidateId.get(s.key)!)).get()!;
    const [vec] = await r.app.embedder.embed([candidateEmbeddingText(row)]);
    const profile = engine.profileFeatures(row);
    const n = r.vacancies.length;
    const values = new Float64Array(n * m);
    const stated = new Uint8Array(n * m);
    const relevance = new Uint8Array(n);
    r.vacancies.forEach((v, j) => {
      const c = computeComponents(vFeat[j]!, profile, params, { ...engine.context(cosine(vec!, vVecs[j]!)) });
      COMPONENT_NAMES.forEach((name, k) => {
        values[j * m + k] = c.values[name];
        stated[j * m + k] = c.stated[name] ? 1 : 0;
      });
      relevance[j] = gain(s, v);
    });
    out.push({ values, stated, relevance });
  }
  return out;
}
