import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killHard, startServer, type ServerProcess } from './server-process.js';
import { BACKENDS } from './helper.js';
import { lastClosedQuarter } from '../src/fairness/publication-grid.js';
import { scratchPgDatabase } from './pg-helper.js';
import { WALKTHROUGH_FRENCH_NURSE, WALKTHROUGH_ICU_AD } from './walkthrough-fixtures.js';

// The README's walkthrough against the real server, started as `npm start` starts it, with the demo data seeded, on
// each back end (issue 15): the SQLite file, then DATABASE_URL=postgres://… on a fresh database.
describe.each(BACKENDS)('%s', (backend) => {
const dir = mkdtempSync(join(tmpdir(), 'passerelle-walkthrough-'));
let server: ServerProcess | null = null;
let pg: Awaited<ReturnType<typeof scratchPgDatabase>> | null = null;
afterAll(async () => {
  if (server) await killHard(server);
  rmSync(dir, { recursive: true, force: true });
  await pg?.drop();
});

async function call(method: string, path: string, key: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server!.baseUrl}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

describe('README walkthrough on a fresh database with demo data', () => {
  it('prints one key per role once, and serves the three journeys', async () => {
    if (backend === 'postgres') pg = await scratchPgDatabase({ migrate: false, max: 1 });
    server = await startServer({
      DATABASE_PATH: join(dir, 'w.db'),
      INDEX_DIR: join(dir, 'index'),
      REPLICA_DIR: join(dir, 'replica'),
      ...(pg ? { DATABASE_URL: pg.url } : {}),
      PASSERELLE_DEMO: '1',
      REFERENCE_SERIES_LOAD: '1',
    });
    const out = server.stdout();
    const key = (role: string) => new RegExp(`${role}\\s+(psk_\\S+)`).exec(out)?.[1] ?? null;
    const admin = key('admin');
    const employer = key('employer');
    const seeker = key('jobseeker');
    const ministry = key('ministry');
    expect([admin, employer, seeker, ministry].every(Boolean), out).toBe(true);

    // 1. An employer posts a vacancy; free-text skills are linked to ESCO as suggestions.
    const vac = await call('POST', '/v1/vacancies', employer, WALKTHROUGH_ICU_AD);
    expect(vac.status, vac.text).toBe(201);
    expect(vac.json().suggestions.skills.length).toBe(3);
    expect(vac.json().requirements.occupationYears).toEqual({ min: 2, essential: true });
    const icuId = vac.json().id as string;

    // 2. A job seeker registers and fills a French profile.
    const reg = await call('POST', '/v1/jobseekers', null, { lang: 'fr' });
    expect(reg.status).toBe(201);
    const seeker2 = reg.json().key as string;
    const put = await call('PUT', '/v1/candidates/me', seeker2, {
      ...WALKTHROUGH_FRENCH_NURSE,
      consent: { matching: true, visibleToEmployers: true },
      contact: { email: 'fatou@example.org' },
    });
    expect(put.status, put.text).toBe(200);

    // 3. Lists, matches in French and English, the employer's view, a ministry forecast, the audit chain.
    const list = await call('GET', '/v1/vacancies?country=DE&shortage=true&limit=5', seeker2);
    expect(list.json().items.map((v: { title: string }) => v.title)).toContain('Registered nurse, intensive care');
    const fr = await call('GET', '/v1/candidates/me/matches?limit=3&destination=DE,FR', seeker2, undefined, { 'accept-language': 'fr' });
    expect(fr.status, fr.text).toBe(200);
    // The nurse's first match is the ICU vacancy, and its French explanation names the occupation read and agrees with itself.
    const top = fr.json().items[0];
    expect(top.vacancyId).toBe(icuId);
    const e = top.explanation;
    expect(e.lang).toBe('fr');
    expect(e.occupation.profile.status).toBe('inferred');
    const read = e.occupation.profile.candidates[0];
    expect(read.iscoCode.startsWith('2221'), JSON.stringify(e.occupation.profile)).toBe(true); // nursing professionals
    expect(read.probability).toBeGreaterThan(0);
    expect(read.label.lang).toBe('fr');
    expect(e.summary).toContain(`Nous lisons votre profil comme «\u00a0${read.label.text}\u00a0»`);
    const counts = /entièrement (\d+) des (\d+) compétences essentielles(?: et (\d+) en partie)? \(couverture (\d+)\s?%\)/.exec(e.summary);
    expect(counts, e.summary).not.toBeNull();
    const essential = e.matchedSkills.filter((m: { essential: boolean }) => m.essential) as { credit: number }[];
    expect(Number(counts![2])).toBe(2);
    expect(Number(counts![1])).toBe(essential.filter((m) => m.credit === 1).length);
    expect(Number(counts![3] ?? 0)).toBe(essential.filter((m) => m.credit < 1).length);
    const coverage = e.components.find((c: { name: string }) => c.name === 'essentialSkills').value as number;
    expect(Number(counts![4])).toBe(Math.round(coverage * 100));
    expect(e.licences).toMatchObject([{ required: { kind: 'recognition', country: 'DE' }, credit: 0.5 }]);
    // Six years as «infirmière» count toward the two years required in the occupation.
    expect(e.experience, JSON.stringify([e.experience, e.occupation])).toMatchObject([{ kind: 'occupationYears', required: 2, essential: true, credit: 1 }]);
    expect(e.experience[0].have).toBeLessThanOrEqual(6);
    for (const step of e.improve) if (step.kind === 'skill') expect(e.matchedSkills.map((m: { label: string }) => m.label)).not.toContain(step.label);
    const en = await call('GET', '/v1/candidates/me/matches?limit=3', seeker, undefined, { 'accept-language': 'en' });
    expect(en.json().items[0].explanation.summary).toMatch(/profile/);
    const vacancies = await call('GET', '/v1/vacancies?limit=1&status=open', employer);
    const vacId = vacancies.json().items[0].id as string;
    const cands = await call('GET', `/v1/vacancies/${vacId}/matches?limit=5`, employer);
    expect(cands.status, cands.text).toBe(200);
    expect(cands.json().items.length).toBeGreaterThan(0);
    expect(cands.text).not.toContain('@example.org');
    const forecast = await call('GET', '/v1/forecasts/shortages?country=AU&region=NSW&occupation=2544&horizon=12', ministry);
    expect(forecast.status, forecast.text).toBe(200);
    expect(forecast.json().items[0].forecast).toHaveLength(12);
    const chart = await call('GET', '/v1/forecasts/shortages/chart.svg?country=AU&region=AUST&occupation=2544&horizon=12', ministry);
    expect(chart.text.startsWith('<svg')).toBe(true);
    const verify = await call('GET', '/v1/audit/verify', admin);
    expect(verify.json()).toMatchObject({ ok: true });

    // 8. A human decision on that ranking, then the admin's LL144-style report on the demo data as JSON, CSV and HTML.
    const topCandidate = cands.json().items[0];
    expect(topCandidate.candidate.displayName).toMatch(/^Candidate [0-9A-Z]{6}$/);
    const decided = await call('POST', `/v1/vacancies/${vacId}/decisions`, employer, {
      candidateId: topCandidate.candidateId,
      auditId: cands.json().auditId,
      decision: 'shortlisted',
      reasonCode: 'skills-match',
    });
    expect(decided.status, decided.text).toBe(201);
    const report = await call('GET', '/v1/fairness/report?attribute=sex', admin);
    expect(report.status, report.text).toBe(200);
    const r = report.json();
    expect(r.dataSources).toMatchObject({ rankings: 1, decisions: 1, candidates: cands.json().candidateSetSize });
    const counted = r.categories.reduce((a: number, c: { candidates: number }) => a + c.candidates, 0);
    expect(counted).toBe(cands.json().candidateSetSize);
    expect(r.categories.map((c: { category: string }) => c.category)).toEqual(['female', 'male', 'other', 'prefer-not-to-say', 'undeclared']);
    expect(r.categories.reduce((a: number, c: { shortlisted: { positive: number } }) => a + c.shortlisted.positive, 0)).toBe(1);
    const csv = await call('GET', '/v1/fairness/report?attribute=sex%C3%97ageBand&format=csv', admin);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toContain('impact_ratio');
    const html = await call('GET', '/v1/fairness/report?attribute=nationalityRegion&format=html', admin);
    expect(html.text).toContain('What was not measured');
    // A ministry reads closed calendar quarters of the whole platform only (the publication grid).
    const offGrid = await call('GET', '/v1/fairness/report?attribute=sex', ministry);
    expect(offGrid.status).toBe(400);
    expect(offGrid.json().error).toMatchObject({ code: 'PUBLICATION_GRID' });
    const forMinistry = await call('GET', `/v1/fairness/report?attribute=sex&period=${lastClosedQuarter(new Date())}`, ministry);
    expect(forMinistry.status, forMinistry.text).toBe(200);
    expect(forMinistry.json().categories.every((c: { suppressed: boolean; candidates: number | null }) => c.suppressed || c.candidates === 0)).toBe(true);
    // A whole server start with demo data and reference series: minutes on a loaded 2-core machine.
  }, 300_000);

  it('8. holds a vacancy that asks for a placement fee, with its evidence, and releases it once the fee is removed', async () => {
    const out = server!.stdout();
    const key = (role: string) => new RegExp(`${role}\\s+(psk_\\S+)`).exec(out)![1]!;
    const [admin, employer, seeker, ministry] = [key('admin'), key('employer'), key('jobseeker'), key('ministry')];
    const withFee = 'Greenhouse work near Abbotsford, $18.50/hour, 40 hours. Placement fee of USD 1,500 payable before departure.';
    const posted = await call('POST', '/v1/vacancies', employer, {
      title: 'Farm workers – British Columbia',
      description: withFee,
      country: 'CA',
      region: 'British Columbia',
      skills: [],
      languages: [],
      salary: { min: 18.5, max: 18.5, currency: 'CAD', period: 'hour' },
      hoursPerWeek: 40,
      lang: 'en',
    });
    expect(posted.status, posted.text).toBe(201);
    const vac = posted.json();
    expect(vac.status).toBe('held');
    const fee = vac.screening.flags.find((f: { type: string }) => f.type === 'worker-pays-fees');
    expect(fee.severity).toBe('high');
    expect(fee.evidence[0].text).toBe('Placement fee of USD 1,500 payable before departure.');
    expect(withFee.slice(fee.evidence[0].start, fee.evidence[0].end)).toBe(fee.evidence[0].text);
    expect(fee.explanation).toMatch(/pay/);
    expect((await call('GET', `/v1/vacancies/${vac.id}`, seeker)).status).toBe(404);
    const queue = await call('GET', '/v1/admin/screening', admin);
    expect(queue.json().items.map((r: { vacancyId: string }) => r.vacancyId)).toContain(vac.id);

    const fixed = await call('PATCH', `/v1/vacancies/${vac.id}`, employer, {
      description: 'Greenhouse work near Abbotsford, $18.50/hour, 40 hours. We pay all recruitment and travel costs.',
    });
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'open', screening: { status: 'clear', flags: [], review: { status: 'superseded' } } });
    expect((await call('GET', `/v1/vacancies/${vac.id}`, seeker)).status).toBe(200);
    const aggregates = await call('GET', '/v1/screening/aggregates?by=destination', ministry);
    expect(aggregates.status, aggregates.text).toBe(200);
    expect(aggregates.json().suppressionK).toBeGreaterThanOrEqual(5);
  });
});
});
