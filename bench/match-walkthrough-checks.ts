/**
 * Hard checks for weight tuning: the rankings the walkthrough and match tests assert, computed from the service's own
 * features (the demo data, the walkthrough's ICU ad and French nurse, the tests' specialist nurse and ad-hoc welder).
 * A weights candidate that breaks any of them is never taken, whatever it wins elsewhere.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { createApiKeyIn } from '../src/services/api-keys.js';
import { DEMO_PATH } from '../src/services/bootstrap.js';
import { candidates, employers, vacancies as vacancyTable } from '../src/db/schema/index.js';
import { nowIso } from '../src/db/client.js';
import { newId } from '../src/ids.js';
import { cosine } from '../src/embedding/index.js';
import { candidateEmbeddingText, vacancyEmbeddingText } from '../src/embedding/texts.js';
import { computeComponents, placeGate } from '../src/matching/scorer.js';
import { queryScores, type TuningQuery } from '../src/matching/ranking-metrics.js';
import { COMPONENT_NAMES, type ComponentWeights, type MatchParams } from '../src/matching/types.js';
import { WALKTHROUGH_FRENCH_NURSE, WALKTHROUGH_ICU_AD } from '../test/walkthrough-fixtures.js';

export interface RankingCheck {
  name: string;
  /** Candidates of the ranking (relevance unused) and the index that must come first. */
  query: TuningQuery;
  first: number;
}

/** The ad-hoc welder of test/matches.happy.test.ts, as a profile. */
const WELDER = { title: 'welder', skills: [{ label: 'TIG welding' }, { label: 'weld metal parts' }], languages: [{ code: 'en', level: 'B2' }], destinations: ['NL'] };

export async function walkthroughChecks(): Promise<{ checks(params: MatchParams): RankingCheck[]; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-checks-'));
  const app = await buildApp({
    logger: false,
    config: { DATABASE_PATH: join(dir, 'c.db'), INDEX_DIR: join(dir, 'index'), PASSERELLE_DEMO: false, RATE_LIMIT_MAX: 10_000_000, ANON_RATE_LIMIT_MAX: 10_000_000, MAX_EVENT_LOOP_DELAY_MS: 0, REFERENCE_SERIES_LOAD: false, FORECAST_REFERENCE_REFIT: [] },
  });
  const close = async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await app.ready();
    const call = async (key: string | null, method: 'POST' | 'PUT', url: string, payload: unknown) => {
      const res = await app.inject({ method, url, payload: payload as object, headers: key ? { authorization: `Bearer ${key}` } : {} });
      if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body}`);
      return res.json();
    };
    const empId = newId('emp');
    app.db.insert(employers).values({ id: empId, name: 'Checks employer', country: 'DE', createdAt: nowIso(), updatedAt: nowIso() }).run();
    const employerKey = (await createApiKeyIn(app.storage, { role: 'employer', employerId: empId })).key;
    const demo = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as { vacancies: (Record<string, unknown> & { employer: number; title: string })[]; candidates: Record<string, unknown>[] };
    const ads: { id: string; title: string; country: string }[] = [];
    for (const { employer: _e, ...v } of demo.vacancies) {
      const created = await call(employerKey, 'POST', '/v1/vacancies', { status: 'open', ...v });
      ads.push({ id: created.id, title: v.title, country: String(v.country) });
    }
    const icu = await call(employerKey, 'POST', '/v1/vacancies', { status: 'open', ...WALKTHROUGH_ICU_AD });
    ads.push({ id: icu.id, title: WALKTHROUGH_ICU_AD.title, country: WALKTHROUGH_ICU_AD.country });
    const profile = async (body: Record<string, unknown>) => {
      const reg = await call(null, 'POST', '/v1/jobseekers', { lang: 'en' });
      await call(reg.key, 'PUT', '/v1/candidates/me', { ...body, consent: { matching: true, visibleToEmployers: true } });
      return reg.candidateId as string;
    };
    const fatou = await profile(WALKTHROUGH_FRENCH_NURSE);
    const joy = await profile(demo.candidates[2]!);
    const welder = await profile({ displayName: 'W.', experience: [{ title: WELDER.title, years: 1 }], skills: WELDER.skills, languages: WELDER.languages, residenceCountry: 'PL', destinations: WELDER.destinations });

    const engine = app.matchEngine;
    const vRows = ads.map((a) => app.db.select().from(vacancyTable).where(eq(vacancyTable.id, a.id)).get()!);
    const vVecs = await app.embedder.embed(vRows.map((row) => vacancyEmbeddingText(row)));
    const vFeat = vRows.map((row) => engine.vacancyFeatures(row));
    const m = COMPONENT_NAMES.length;
    const profiles = new Map<string, { vec: Float32Array; prof: ReturnType<typeof engine.profileFeatures> }>();
    for (const id of [fatou, joy, welder]) {
      const row = app.db.select().from(candidates).where(eq(candidates.id, id)).get()!;
      const [vec] = await app.embedder.embed([candidateEmbeddingText(row)]);
      profiles.set(id, { vec: vec!, prof: engine.profileFeatures(row) });
    }
    const check = (params: MatchParams, name: string, candidateId: string, keep: (a: { title: string; country: string }) => boolean, firstTitle: string): RankingCheck => {
      const { vec, prof } = profiles.get(candidateId)!;
      const idx = ads.map((a, j) => ({ a, j })).filter(({ a }) => keep(a));
      const values = new Float64Array(idx.length * m);
      const stated = new Uint8Array(idx.length * m);
      const gate = new Float64Array(idx.length);
      idx.forEach(({ j }, x) => {
        const c = computeComponents(vFeat[j]!, prof, params, { ...engine.context(cosine(vec, vVecs[j]!)) });
        gate[x] = placeGate(c.values, c.stated, params);
        COMPONENT_NAMES.forEach((n, k) => {
          values[x * m + k] = c.values[n];
          stated[x * m + k] = c.stated[n] ? 1 : 0;
        });
      });
      const first = idx.findIndex(({ a }) => a.title === firstTitle);
      if (first < 0) throw new Error(`check ${name}: no ad titled ${firstTitle}`);
      return { name, query: { values, stated, relevance: new Uint8Array(idx.length), gate }, first };
    };
    return {
      checks: (params: MatchParams) => [
        check(params, 'walkthrough: the French nurse ranks the ICU ad first (DE, FR)', fatou, (a) => a.country === 'DE' || a.country === 'FR', WALKTHROUGH_ICU_AD.title),
        check(params, 'matches.happy: Joy P. ranks Specialist nurse first', joy, (a) => a.title !== WALKTHROUGH_ICU_AD.title, 'Specialist nurse'),
        check(params, 'matches.happy: the welder query ranks Welder first (NL)', welder, (a) => a.title !== WALKTHROUGH_ICU_AD.title && a.country === 'NL', 'Welder'),
      ],
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** True when every check's required item comes strictly first under the weights. */
export function passesChecks(checks: readonly RankingCheck[], w: ComponentWeights): boolean {
  return checks.every((c) => {
    const s = queryScores(c.query, w);
    for (let i = 0; i < s.length; i++) if (i !== c.first && s[i]! >= s[c.first]! - 1e-9) return false;
    return true;
  });
}
