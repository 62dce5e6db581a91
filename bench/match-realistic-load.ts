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
import { createApiKeySync } from './sqlite-fixtures.js';
import { candidates, employers, vacancies as vacancyTable } from '../src/db/schema/index.js';
import { nowIso } from '../src/db/client.js';
import { newId } from '../src/ids.js';
import { cosine } from '../src/embedding/index.js';
import { candidateEmbeddingText, vacancyEmbeddingText } from '../src/embedding/texts.js';
import { computeComponents, placeGate } from '../src/matching/scorer.js';
import { COMPONENT_NAMES, type MatchParams } from '../src/matching/types.js';
import type { TuningQuery } from '../src/matching/ranking-metrics.js';
import { employerGradedGain, gain, gradedGain, loadRealisticSet, type RealisticJudgements, type RealisticSeeker, type RealisticVacancy, type Split } from './match-realistic-set.js';

export interface LoadedRealistic {
  app: FastifyInstance;
  vacancies: RealisticVacancy[];
  seekers: RealisticSeeker[];
  judgements: RealisticJudgements;
  vacancyId: Map<string, string>;
  /** Vacancies the fair-recruitment screening held on posting (key → flag types): they rank no one and are ranked for no one. */
  held: Map<string, string[]>;
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
      // a bench, not a tenant: no server-time budget per key (a loaded machine spent it while posting the set)
      COST_BUDGET_MS: 1_000_000_000_000,
      REFERENCE_SERIES_LOAD: false,
      // no forecast refit worker: it wrote to the closed database after the bench closed the app (uncaught, exit 1)
      FORECAST_REFERENCE_REFIT: [],
      ...config,
    },
  });
  await app.ready();
  const { vacancies, seekers, judgements } = loadRealisticSet();
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
      key = createApiKeySync(app.db, { role: 'employer', employerId: id }).key;
      employerKeys.set(country, key);
    }
    return key;
  };
  const t0 = performance.now();
  const vacancyId = new Map<string, string>();
  const held = new Map<string, string[]>();
  const keyOfVacancy = new Map<string, RealisticVacancy>();
  for (const v of vacancies) {
    const created = await call(employerKey(v.ad.country), 'POST', '/v1/vacancies', { status: 'open', ...v.ad });
    vacancyId.set(v.key, created.id);
    keyOfVacancy.set(created.id, v);
    if (created.status === 'held') {
      const flags = ((created.screening?.flags ?? []) as { type: string }[]).map((f) => f.type);
      held.set(v.key, flags);
    }
  }
  // A held ad is a screening false flag on this set (its ads are ordinary ones): say so loudly, never silently.
  if (held.size) console.error(`WARNING: screening held ${held.size} of ${vacancies.length} realistic vacancies on posting: ${[...held].map(([k, f]) => `${k} (${f.join(', ')})`).join('; ')}`);
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
    judgements,
    vacancyId,
    held,
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

/** Tuning queries of the realistic set: seeker side (a seeker ranks every ad) and employer side (an ad ranks every seeker). */
export interface RealisticTuningQueries {
  seeker: TuningQuery[];
  employer: TuningQuery[];
}

/**
 * Tuning queries from the service's own features: every (seeker, vacancy) pair of the whole pool, with the embedding
 * cosine the service would use, component values and stated flags under `params`, the occupation gain as `relevance`
 * and the graded gain (× skill coverage judged by hand) as `gains`. Seeker queries for the seekers of `split`,
 * employer queries for the judged ads of `split` (an ad is judged when some seeker shares its occupation group).
 */
export async function realisticTuningQueries(r: LoadedRealistic, params: MatchParams, split: Split | 'all'): Promise<RealisticTuningQueries> {
  const engine = r.app.matchEngine;
  const vRows = r.vacancies.map((v) => r.app.db.select().from(vacancyTable).where(eq(vacancyTable.id, r.vacancyId.get(v.key)!)).get()!);
  const vVecs = await r.app.embedder.embed(vRows.map((row) => vacancyEmbeddingText(row)));
  const vFeat = vRows.map((row) => engine.vacancyFeatures(row));
  const sRows = r.seekers.map((s) => r.app.db.select().from(candidates).where(eq(candidates.id, r.candidateId.get(s.key)!)).get()!);
  const sVecs = await r.app.embedder.embed(sRows.map((row) => candidateEmbeddingText(row)));
  const sFeat = sRows.map((row) => engine.profileFeatures(row));
  const m = COMPONENT_NAMES.length;
  // components[i][j]: seeker i × vacancy j (the score of a pair is the same on both sides).
  const comp = r.seekers.map((_, i) =>
    r.vacancies.map((_, j) => computeComponents(vFeat[j]!, sFeat[i]!, params, { ...engine.context(cosine(sVecs[i]!, vVecs[j]!)) })),
  );
  const query = (pairs: { i: number; j: number }[], rel: (i: number, j: number) => number, graded: (i: number, j: number) => number, audience: 'seeker' | 'employer'): TuningQuery => {
    const values = new Float64Array(pairs.length * m);
    const stated = new Uint8Array(pairs.length * m);
    const relevance = new Uint8Array(pairs.length);
    const gains = new Float64Array(pairs.length);
    const gate = new Float64Array(pairs.length);
    pairs.forEach(({ i, j }, x) => {
      const c = comp[i]![j]!;
      gate[x] = placeGate(c.values, c.stated, params, audience);
      COMPONENT_NAMES.forEach((name, k) => {
        values[x * m + k] = c.values[name];
        stated[x * m + k] = c.stated[name] ? 1 : 0;
      });
      relevance[x] = rel(i, j);
      gains[x] = graded(i, j);
    });
    return { values, stated, relevance, gains, gate };
  };
  const S = r.seekers;
  const V = r.vacancies;
  const seeker: TuningQuery[] = [];
  S.forEach((s, i) => {
    if (split !== 'all' && s.split !== split) return;
    seeker.push(query(V.map((_, j) => ({ i, j })), (i2, j) => gain(S[i2]!, V[j]!), (i2, j) => gradedGain(r.judgements, S[i2]!, V[j]!), 'seeker'));
  });
  const employer: TuningQuery[] = [];
  V.forEach((v, j) => {
    if (split !== 'all' && v.split !== split) return;
    if (!S.some((s) => s.occupation === v.occupation)) return;
    employer.push(query(S.map((_, i) => ({ i, j })), (i, j2) => (S[i]!.occupation === V[j2]!.occupation ? 1 : 0), (i, j2) => employerGradedGain(r.judgements, S[i]!, V[j2]!), 'employer'));
  });
  return { seeker, employer };
}

/**
 * Per-language-pair semantic floors (MatchParams.semanticFloors) estimated on one split: for every seeker × vacancy
 * pair of different occupation groups (unrelated), the raw embedding cosine, grouped by the detected languages of the
 * two embedded texts; each pair's floor is the `quantile` of its unrelated cosines (pairs with fewer than `minPairs`
 * samples fall back: `same` / `cross` = the largest floor listed of that kind, so an unlisted pair never gets a bonus).
 */
export async function semanticFloorTable(r: LoadedRealistic, quantile: number, split: Split = 'dev', minPairs = 20): Promise<NonNullable<MatchParams['semanticFloors']>> {
  const engine = r.app.matchEngine;
  const vs = r.vacancies.filter((v) => v.split === split);
  const ss = r.seekers.filter((s) => s.split === split);
  const vRows = vs.map((v) => r.app.db.select().from(vacancyTable).where(eq(vacancyTable.id, r.vacancyId.get(v.key)!)).get()!);
  const sRows = ss.map((s) => r.app.db.select().from(candidates).where(eq(candidates.id, r.candidateId.get(s.key)!)).get()!);
  const vTexts = vRows.map((row) => vacancyEmbeddingText(row));
  const sTexts = sRows.map((row) => candidateEmbeddingText(row));
  const vVecs = await r.app.embedder.embed(vTexts);
  const sVecs = await r.app.embedder.embed(sTexts);
  const vLang = vTexts.map((t) => engine.textLanguage(t));
  const sLang = sTexts.map((t) => engine.textLanguage(t));
  const byPair = new Map<string, number[]>();
  ss.forEach((s, i) =>
    vs.forEach((v, j) => {
      if (s.occupation === v.occupation || sLang[i] === 'und' || vLang[j] === 'und') return;
      const key = [sLang[i]!, vLang[j]!].sort().join('|');
      const list = byPair.get(key) ?? [];
      list.push(cosine(sVecs[i]!, vVecs[j]!));
      byPair.set(key, list);
    }),
  );
  const pairs: Record<string, number> = {};
  const spreads: Record<string, number> = {};
  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  for (const [key, xs] of [...byPair].sort(([a], [b]) => a.localeCompare(b))) {
    if (xs.length < minPairs) continue;
    const sorted = [...xs].sort((a, b) => a - b);
    pairs[key] = Math.round(at(sorted, quantile) * 1e3) / 1e3;
    // the unit of closeness (the tie-break): floor minus median of the same unrelated pairs
    spreads[key] = Math.max(0.005, Math.round((pairs[key] - at(sorted, 0.5)) * 1e3) / 1e3);
  }
  const kind = (table: Record<string, number>, same: boolean) => Object.entries(table).filter(([k]) => (k.split('|')[0] === k.split('|')[1]) === same).map(([, x]) => x);
  const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : 0.1);
  return {
    pairs,
    same: Math.max(0.2, ...kind(pairs, true)),
    cross: Math.max(0.2, ...kind(pairs, false)),
    quantile,
    spreads: { pairs: spreads, same: median(kind(spreads, true)), cross: median(kind(spreads, false)) },
  };
}
