import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { DEMO_PATH } from '../src/services/bootstrap.js';

// The fairness audit through HTTP on a population with a planted bias (women's profiles degraded) and a planted proxy
// (one nationality region lives in one country whose residents do not target the vacancy's country, which the
// location component penalises). Disability is assigned independently of everything that enters a score: i mod 12
// fixes sex, region and German level, and each of those 12 profile types has exactly one disabled person out of
// four (the block i / 12 picks which). It must not be flagged.
const demo = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as { vacancies: (Record<string, unknown> & { employer: number; title: string })[]; candidates: Record<string, unknown>[] };
// Joy P., a specialist nurse, without her declared attributes (each test person declares their own, or nothing).
const { protected: _declared, ...nurseProfile } = demo.candidates[2] as { skills: { label: string }[] } & Record<string, unknown>;

let t: TestApp;
let employer: { employerId: string; key: string };
let vacancyId: string;
const people: { candidateId: string; key: string; displayName: string; sex: string | null; region: string | null; profile: Record<string, unknown> }[] = [];
let ranking: { auditId: string; items: { candidateId: string; rank: number; score: number; candidate: Record<string, unknown>; explanation: { matchedSkills: { evidence: { label: string; esco?: string; how: string } }[] } }[] };
let rankingBody = '';

type Report = {
  categories: {
    category: string;
    comparable: boolean;
    suppressed: boolean;
    candidates: number | null;
    assessments: number | null;
    scoring: { rate: number | null; impactRatio: number | null; adverseImpact: boolean; positive: number | null; pValue: number | null };
    topK: { rate: number | null; impactRatio: number | null };
    shortlisted: { rate: number | null; positive: number | null };
    hired: { rate: number | null; positive: number | null };
    exposure: { ratio: number | null } | null;
  }[];
  flags: { metric: string; category: string; impactRatio: number }[];
  dataSources: Record<string, number | null>;
  proxies: { strongest: { input: string; attribute: string; kind: string; cramersV: number; strength: number }[] } | null;
  references: Record<string, string | null>;
  reranking: { rankings: number; meanNdcgAtK: number | null };
  audience: string;
};
const report = async (query: string, key = t.admin.key) => {
  const res = await t.request(key, { method: 'GET', url: `/v1/fairness/report?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const cat = (r: Report, c: string) => r.categories.find((x) => x.category === c)!;

beforeAll(async () => {
  t = await buildTestApp({ FAIR_RERANKING_ALLOWED: true, FAIRNESS_ALERT_MIN_CANDIDATES: 10, FAIRNESS_ALERT_INTERVAL_S: 0 });
  employer = t.employer('DE');
  const { employer: _e, ...nurse } = demo.vacancies.find((v) => v.title === 'Specialist nurse')!;
  vacancyId = (await t.request(employer.key, { method: 'POST', url: '/v1/vacancies', payload: nurse })).json().id;
  for (let i = 0; i < 56; i++) {
    const s = t.jobseeker();
    const female = i % 2 === 0;
    const middleEast = Math.floor(i / 2) % 2 === 0;
    // 48 declared; then 2 prefer-not-to-say and 6 undeclared.
    const sex = i < 48 ? (female ? 'female' : 'male') : i < 50 ? 'prefer-not-to-say' : null;
    const region = i < 48 ? (middleEast ? 'middle-east' : 'north-africa') : null;
    const displayName = `${female ? 'Fatima' : 'Karim'} Test${i}`;
    const profile = {
      ...nurseProfile,
      displayName,
      // The planted bias: women's profiles list two of the six skills.
      skills: female && i < 48 ? nurseProfile.skills.slice(0, 2) : nurseProfile.skills,
      languages: [{ code: 'en', level: 'C1' }, { code: 'de', level: ['B1', 'B2', 'C1'][i % 3] }],
      // The planted proxy: the middle-east group lives in SY and targets Sweden, not the vacancy's Germany.
      residenceCountry: middleEast && i < 48 ? 'SY' : 'MA',
      destinations: middleEast && i < 48 ? ['SE'] : ['DE'],
      contact: { email: `person${i}@example.org` },
      ...(sex || region
        ? { protected: { ...(sex ? { sex } : {}), ...(region ? { nationalityRegion: region } : {}), ...(i < 48 ? { disability: Math.floor(i / 12) === i % 4 ? 'yes' : 'no', ageBand: Math.floor(i / 4) % 2 ? '25-34' : '35-44' } : {}) } }
        : {}),
    };
    const put = await t.request(s.key, { method: 'PUT', url: '/v1/candidates/me', payload: profile });
    expect(put.statusCode, put.body).toBe(200);
    people.push({ ...s, displayName, sex, region, profile });
  }
  const res = await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/matches?limit=20` });
  expect(res.statusCode).toBe(200);
  ranking = res.json();
  rankingBody = res.body;
  // People decide on the top of the list: shortlist the first three, hire the first.
  for (const [i, decision] of [
    [0, 'shortlisted'],
    [1, 'shortlisted'],
    [2, 'shortlisted'],
    [0, 'hired'],
  ] as const) {
    const d = await t.request(employer.key, {
      method: 'POST',
      url: `/v1/vacancies/${vacancyId}/decisions`,
      payload: { candidateId: ranking.items[i]!.candidateId, auditId: ranking.auditId, decision, reasonCode: 'skills-match' },
    });
    expect(d.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

describe('the LL144-style report', () => {
  it('flags the planted bias against women with an impact ratio below 0.8, and counts agree', async () => {
    const r = (await report('attribute=sex&k=10')).json() as Report;
    const female = cat(r, 'female');
    const male = cat(r, 'male');
    expect(female).toMatchObject({ candidates: 24, assessments: 24, comparable: true });
    expect(male).toMatchObject({ candidates: 24, assessments: 24 });
    expect(female.scoring.impactRatio!).toBeLessThan(0.8);
    expect(female.scoring.adverseImpact).toBe(true);
    expect(female.scoring.pValue!).toBeLessThan(0.05);
    expect(r.flags.some((f) => f.metric === 'scoring' && f.category === 'female' && f.impactRatio < 0.8)).toBe(true);
    expect(r.references.scoring).toBe('male');
    // Shown in the top 10: the degraded profiles lose exposure too.
    expect(female.topK.impactRatio!).toBeLessThan(0.8);
    expect(female.exposure!.ratio!).toBeLessThan(male.exposure!.ratio!);
    // Unknown categories are reported, never compared.
    expect(cat(r, 'undeclared')).toMatchObject({ candidates: 6, comparable: false });
    expect(cat(r, 'undeclared').scoring.impactRatio).toBeNull();
    expect(cat(r, 'prefer-not-to-say')).toMatchObject({ candidates: 2, comparable: false });
    // Counts agree with the audit log and the decisions.
    const sum = (f: (c: Report['categories'][number]) => number | null) => r.categories.reduce((a, c) => a + (f(c) ?? 0), 0);
    expect(sum((c) => c.candidates)).toBe(56);
    expect(r.dataSources).toMatchObject({ rankings: 1, auditRecords: 1, candidates: 56, assessments: 56, decisions: 4 });
    expect(sum((c) => c.shortlisted.positive)).toBe(3);
    expect(sum((c) => c.hired.positive)).toBe(1);
    const top3 = ranking.items.slice(0, 3).map((i) => people.find((p) => p.candidateId === i.candidateId)!.sex ?? 'undeclared');
    expect(cat(r, 'male').shortlisted.positive).toBe(top3.filter((s) => s === 'male').length);
  });

  it('does not flag an attribute that the scores do not depend on (disability assigned independently)', async () => {
    const r = (await report('attribute=disability')).json() as Report;
    expect(cat(r, 'yes').candidates).toBe(12);
    expect(cat(r, 'no').candidates).toBe(36);
    expect(r.flags).toEqual([]);
  });

  it('reports intersections such as sex × nationality region', async () => {
    const r = (await report(`attribute=${encodeURIComponent('sex×nationalityRegion')}`)).json() as Report;
    expect(r.categories.map((c) => c.category).sort()).toEqual(
      ['female×middle-east', 'female×north-africa', 'male×middle-east', 'male×north-africa', 'prefer-not-to-say×undeclared', 'undeclared×undeclared'].sort(),
    );
    expect(cat(r, 'female×middle-east').candidates).toBe(12);
    // The planted disadvantages show per intersection: men of the middle-east group lose to men of the other group
    // (location), women lose to both (skills), and the reference is men of the north-africa group.
    const rate = (c: string) => cat(r, c).scoring.rate!;
    expect(rate('male×north-africa')).toBe(1);
    expect(rate('male×middle-east')).toBeLessThan(rate('male×north-africa'));
    expect(rate('female×middle-east')).toBeLessThan(rate('male×middle-east'));
    expect(r.references.scoring).toBe('male×north-africa');
    expect(cat(r, 'male×middle-east').topK.impactRatio).toBe(0);
    expect((await report('attribute=sex*nationalityRegion')).json().attribute).toBe('sex×nationalityRegion');
  });

  it('names the planted proxy: residence country (and the location component) for nationality region', async () => {
    const r = (await report('attribute=nationalityRegion')).json() as Report;
    const forRegion = r.proxies!.strongest.filter((p) => p.attribute === 'nationalityRegion');
    expect(forRegion.map((p) => p.input)).toEqual(expect.arrayContaining(['residenceCountry', 'location']));
    const residence = forRegion.find((p) => p.input === 'residenceCountry')!;
    expect(residence.cramersV).toBeGreaterThan(0.9);
    // Nothing about the profile's inputs stands in for sex here; the sex gap goes through the skills component.
    const forSex = r.proxies!.strongest.filter((p) => p.attribute === 'sex');
    expect(forSex.filter((p) => p.kind === 'profile')).toEqual([]);
    expect(forSex.map((p) => p.input)).toContain('essentialSkills');
  });

  it('serves CSV and a one-page HTML summary with the same figures', async () => {
    const json = (await report('attribute=sex')).json() as Report;
    const csv = await report('attribute=sex&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="fairness-sex-/);
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(1 + 5 * 4);
    const header = lines[0]!.split(',');
    const row = lines.find((l) => l.startsWith('sex,female,') && l.includes(',scoring,'))!.split(',');
    expect(Number(row[header.indexOf('impact_ratio')])).toBeCloseTo(cat(json, 'female').scoring.impactRatio!, 10);
    expect(row[header.indexOf('adverse_impact')]).toBe('true');
    // The shared CSV rule (src/csv.ts): no cell starts a spreadsheet formula unless it is a number as a whole.
    for (const line of lines) for (const c of line.split(',')) if (/^[=+\-@\t\r]/.test(c)) expect(c).toMatch(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i);
    const html = await report('attribute=sex&format=html');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('<!doctype html>');
    expect(html.body).toContain('Period of the data');
    expect(html.body).toContain('What was not measured');
    expect(html.body).toMatch(/<th scope="row">female<\/th><td>24<\/td>/);
    expect(html.body).toContain('class="adverse"');
    expect(html.body).toContain('residenceCountry');
  });

  it('scopes by period, employer, occupation and country', async () => {
    const past = (await report('from=2020-01-01&to=2020-12-31')).json() as Report;
    expect(past.dataSources).toMatchObject({ rankings: 0, candidates: 0 });
    expect(past.flags).toEqual([]);
    const other = t.employer();
    expect(((await report(`employer=${other.employerId}`)).json() as Report).dataSources.rankings).toBe(0);
    expect(((await report(`employer=${employer.employerId}`)).json() as Report).dataSources.rankings).toBe(1);
    expect(((await report('occupation=2221')).json() as Report).dataSources.rankings).toBe(1);
    expect(((await report('occupation=22')).json() as Report).dataSources.rankings).toBe(1);
    expect(((await report('occupation=7212')).json() as Report).dataSources.rankings).toBe(0);
    expect(((await report('country=DE')).json() as Report).dataSources.rankings).toBe(1);
    expect(((await report('country=FR')).json() as Report).dataSources.rankings).toBe(0);
    for (const bad of ['attribute=race', 'from=2026-02-01&to=2026-01-01', 'k=0', 'country=XX', 'occupation=nurse', 'format=pdf']) {
      const res = await t.request(t.admin.key, { method: 'GET', url: `/v1/fairness/report?${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('gives ministries aggregates only: small cells withheld, no numerators, no proxy check; others are refused', async () => {
    const ministry = t.keyFor('ministry');
    const r = (await onGrid(() => report(`attribute=sex&period=${quarter}`, ministry))).json() as Report;
    expect(r.audience).toBe('ministry');
    expect(cat(r, 'prefer-not-to-say')).toMatchObject({ suppressed: true, candidates: null });
    // The next smallest (undeclared, 6) is withheld as well, so totals cannot give the first away.
    expect(cat(r, 'undeclared')).toMatchObject({ suppressed: true, candidates: null });
    expect(cat(r, 'female')).toMatchObject({ suppressed: false, candidates: 24 });
    expect(cat(r, 'female').scoring.positive).toBeNull();
    expect(cat(r, 'female').scoring.rate).not.toBeNull();
    expect(r.proxies).toBeNull();
    expect(r.dataSources.candidates).toBeNull();
    const html = await onGrid(() => report(`attribute=sex&format=html&period=${quarter}`, ministry));
    expect(html.body).toContain('withheld');
    expect((await t.request(employer.key, { method: 'GET', url: '/v1/fairness/report' })).statusCode).toBe(403);
    expect((await t.request(people[0]!.key, { method: 'GET', url: '/v1/fairness/report' })).statusCode).toBe(403);
  });
});

// The rankings of this file are made now, in the current quarter; a ministry may read that quarter once it has ended,
// so the ministry's requests run with the clock (Date only) moved to the first day of the next quarter.
const realNow = new Date();
const quarter = `${realNow.getUTCFullYear()}-Q${Math.floor(realNow.getUTCMonth() / 3) + 1}`;
const nextQuarter = Date.UTC(realNow.getUTCFullYear(), Math.floor(realNow.getUTCMonth() / 3) * 3 + 3, 1, 12);
async function onGrid<T>(f: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'], now: nextQuarter });
  try {
    return await f();
  } finally {
    vi.useRealTimers();
  }
}

describe('ministry view: the publication grid (t11-grid)', () => {
  it('refuses every off-grid request with 400 PUBLICATION_GRID naming the field', async () => {
    const ministry = t.keyFor('ministry');
    const cases: [string, string][] = [
      ['attribute=sex', 'query.period'],
      [`attribute=sex&period=${quarter}`, 'query.period'], // this quarter has not ended (real clock)
      ['attribute=sex&from=2026-01-01&to=2026-03-31', 'query.from'],
      [`attribute=sex&period=2026-Q1&to=2026-02-28`, 'query.to'],
      [`attribute=sex&period=2026-Q1&employer=${employer.employerId}`, 'query.employer'],
      ['attribute=sex&period=2026-Q1&occupation=22', 'query.occupation'],
      ['attribute=sex&period=2026-Q1&country=DE', 'query.country'],
      ['attribute=sex&period=2026-Q1&k=11', 'query.k'],
    ];
    for (const [query, field] of cases) {
      const res = await t.request(ministry, { method: 'GET', url: `/v1/fairness/report?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe('PUBLICATION_GRID');
      expect(res.json().error.message, query).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    }
    // A malformed quarter is a plain validation error, for everyone.
    const bad = await t.request(ministry, { method: 'GET', url: '/v1/fairness/report?period=2026-Q5' });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.json().error.message).toMatch(/period/);
    // Admins keep any period and scope; period is a shorthand for them too.
    const admin = (await report(`attribute=sex&period=${quarter}`)).json() as Report & { period: { from: string; to: string } };
    expect(admin.dataSources).toMatchObject({ rankings: 1, candidates: 56 });
    expect(((await report(`attribute=sex&employer=${employer.employerId}&from=2026-01-01`)).json() as Report).dataSources.rankings).toBe(1);
    expect((await t.request(t.admin.key, { method: 'GET', url: `/v1/fairness/report?period=${quarter}&from=2026-01-01` })).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('on the grid: the closed quarter with the same counts as the admin sees, and an earlier quarter empty', async () => {
    const ministry = t.keyFor('ministry');
    const admin = (await report(`attribute=sex&period=${quarter}`)).json() as Report & { period: { from: string; to: string } };
    const r = (await onGrid(() => report(`attribute=sex&period=${quarter}`, ministry))).json() as Report & { period: { from: string; to: string } };
    expect(r.period).toEqual(admin.period);
    expect(Date.parse(r.period.to) - Date.parse(r.period.from)).toBeGreaterThan(89 * 86_400_000);
    for (const c of r.categories.filter((x) => !x.suppressed)) {
      expect(c.candidates, c.category).toBe(cat(admin, c.category).candidates);
      expect(c.scoring.rate, c.category).toBe(cat(admin, c.category).scoring.rate);
    }
    expect(r.categories.filter((c) => !c.suppressed && (c.candidates ?? 0) > 0).map((c) => c.category).sort()).toEqual(['female', 'male']);
    const empty = (await onGrid(() => report('attribute=sex&period=2020-Q1', ministry))).json() as Report;
    expect(empty.dataSources.rankings).toBe(0);
  });

  it('never tells a ministry the declared attribute of the one person hired (outcomes are cells too, t8-audit)', async () => {
    const ministry = t.keyFor('ministry');
    const hired = people.find((p) => p.candidateId === ranking.items[0]!.candidateId)!;
    // Positive control: the admin's report holds the one hire, in the category the hired person declared.
    const admin = (await report('attribute=disability')).json() as Report;
    const adminHires = admin.categories.filter((c) => (c.hired.positive ?? 0) > 0);
    expect(adminHires.map((c) => [c.category, c.hired.positive])).toEqual([[(hired.profile.protected as { disability?: string } | undefined)?.disability ?? 'undeclared', 1]]);
    const r = (await onGrid(() => report(`attribute=disability&period=${quarter}`, ministry))).json() as Report & { withheldMetrics?: string[]; references: Record<string, string | null> };
    // 1 hire and 3 shortlisted in scope (< SUPPRESSION_K = 10): their rates, ratios, flags and reference are withheld
    // everywhere (before: hired.rate × assessments gave 1 in the hired person's category, 0 elsewhere).
    for (const c of r.categories) {
      expect(c.hired, c.category).toMatchObject({ rate: null, impactRatio: null, pValue: null, positive: null });
      expect(c.shortlisted, c.category).toMatchObject({ rate: null, impactRatio: null, positive: null });
    }
    expect(r.references.hired).toBeNull();
    expect(r.references.shortlisted).toBeNull();
    expect(r.flags.filter((f) => f.metric === 'hired' || f.metric === 'shortlisted')).toEqual([]);
    expect(r.withheldMetrics).toEqual(['shortlisted', 'hired']);
    // What has enough outcomes stays: scoring and top-10 rates of the large categories.
    expect(cat(r, 'no').scoring.rate).not.toBeNull();
    expect(cat(r, 'no').topK.rate).not.toBeNull();
  });

  it('a differencing attempt: the intersection and the single-attribute reports of a quarter leave no cell derivable', async () => {
    const ministry = t.keyFor('ministry');
    const get = async (attribute: string) => (await onGrid(() => report(`attribute=${encodeURIComponent(attribute)}&period=${quarter}`, ministry))).json() as Report;
    const [sex, disability, both] = [await get('sex'), await get('disability'), await get('disability×sex')];
    // The admin's table: yes×female 6, yes×male 6, no×female 18, no×male 18 (disability is 1 in 4 of each sex).
    const exact = (await report(`attribute=${encodeURIComponent('disability×sex')}`)).json() as Report;
    expect(cat(exact, 'yes×female').candidates).toBe(6);
    expect(cat(exact, 'no×female').candidates).toBe(18);
    // Every margin a ministry can read from another report of the quarter: a published single category's count equals
    // the sum of its intersection cells, so it must cover 0 or at least 2 withheld cells — never exactly one.
    const margins: { total: number; parts: Report['categories'] }[] = [];
    for (const [single, position] of [[disability, 0], [sex, 1]] as const) {
      for (const c of single.categories.filter((x) => !x.suppressed && (x.candidates ?? 0) > 0)) {
        margins.push({ total: c.candidates!, parts: both.categories.filter((x) => x.category.split('×')[position] === c.category) });
      }
    }
    margins.push({ total: 56, parts: both.categories });
    expect(margins.length).toBeGreaterThan(2);
    for (const m of margins) {
      const withheld = m.parts.filter((p) => p.suppressed);
      expect(withheld.length, m.parts.map((p) => p.category).join('+')).not.toBe(1);
      // And where nothing is withheld the published cells add up, so a ministry reads true figures.
      if (withheld.length === 0) expect(m.parts.reduce((a, p) => a + (p.candidates ?? 0), 0)).toBe(m.total);
    }
    // The 6s are below k; the 18s are withheld with them (female − no×female would otherwise give yes×female).
    expect(cat(both, 'yes×female').suppressed).toBe(true);
    expect(cat(both, 'no×female').suppressed).toBe(true);
  });
});

describe('alerts', () => {
  it('records an alert when the ratio stays below 0.8 in every segment of the window, logs a warning, and does not duplicate it', async () => {
    // Two segments of the last day: the first half holds no ranking, so the ratio is not sustained.
    const none = await t.request(t.admin.key, { method: 'POST', url: '/v1/fairness/alerts/evaluate', payload: { windowDays: 1, segments: 2 } });
    expect(none.statusCode).toBe(200);
    expect(none.json().opened).toEqual([]);
    const warn = vi.spyOn(t.app.log, 'warn');
    const res = await t.request(t.admin.key, { method: 'POST', url: '/v1/fairness/alerts/evaluate', payload: { windowDays: 1, segments: 1 } });
    expect(res.statusCode).toBe(200);
    const opened = res.json().opened as { id: string; scope: string; attribute: string; category: string; metric: string; impactRatio: number }[];
    const female = opened.find((a) => a.scope === 'all' && a.attribute === 'sex' && a.category === 'female' && a.metric === 'scoring');
    expect(female).toBeDefined();
    expect(female!.impactRatio).toBeLessThan(0.8);
    expect(opened.some((a) => a.scope === employer.employerId)).toBe(true);
    expect(opened.some((a) => a.attribute === 'disability')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ alertId: female!.id, attribute: 'sex', category: 'female' }), expect.stringContaining('fairness alert'));
    warn.mockRestore();
    const again = (await t.request(t.admin.key, { method: 'POST', url: '/v1/fairness/alerts/evaluate', payload: { windowDays: 1, segments: 1 } })).json();
    expect(again.opened).toEqual([]);
    expect(again.refreshed).toBe(opened.length);
    const list = (await t.request(t.admin.key, { method: 'GET', url: '/v1/fairness/alerts?status=open' })).json();
    expect(list.items.map((a: { id: string }) => a.id)).toContain(female!.id);
    const ack = await t.request(t.admin.key, { method: 'POST', url: `/v1/fairness/alerts/${female!.id}/acknowledge`, payload: { note: 'Profiles of women were imported incompletely; fixing the import.' } });
    expect(ack.json()).toMatchObject({ status: 'acknowledged', note: expect.stringContaining('import') });
    expect((await t.request(t.admin.key, { method: 'POST', url: `/v1/fairness/alerts/${female!.id}/acknowledge`, payload: { note: 'x' } })).statusCode).toBe(409);
    expect((await t.request(employer.key, { method: 'GET', url: '/v1/fairness/alerts' })).statusCode).toBe(403);
  });
});

describe('pseudonymous candidates and the contact flow', () => {
  it('shows employers a stable pseudonym and a relocation status, never names, countries or the seeker’s own words', async () => {
    for (const item of ranking.items) {
      expect(item.candidate.displayName).toMatch(/^Candidate [0-9A-Z]{6}$/);
      expect(item.candidate.pseudonym).toBe(item.candidate.displayName);
      expect(item.candidate).not.toHaveProperty('residenceCountry');
      expect(item.candidate).not.toHaveProperty('destinations');
      const person = people.find((p) => p.candidateId === item.candidateId)!;
      expect(item.candidate.relocation).toBe(person.region === 'middle-east' ? 'other-destinations' : 'wants-this-country');
    }
    for (const p of people) expect(rankingBody).not.toContain(p.displayName);
    expect(rankingBody).not.toContain('"SY"');
    expect(rankingBody).not.toContain('@example.org');
    // Evidence linked to ESCO is shown with ESCO's label, not with the seeker's wording.
    const taxonomy = t.app.matchEngine.taxonomy;
    const linked = ranking.items.flatMap((i) => i.explanation.matchedSkills).filter((m) => m.evidence.esco && m.evidence.how !== 'lexical');
    expect(linked.length).toBeGreaterThan(0);
    for (const m of linked) expect(m.evidence.label).toBe(taxonomy.label(taxonomy.skill(m.evidence.esco!)!, 'en'));
    const again = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/matches?limit=20` })).json();
    expect(again.items[0].candidate.displayName).toBe(ranking.items[0]!.candidate.displayName);
    const decisions = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/decisions` })).json();
    expect(decisions.items[0].candidate.pseudonym).toBe(ranking.items[0]!.candidate.pseudonym);
  });

  it('reveals the name and contact details only after the seeker accepts, and hides them again on withdrawal', async () => {
    const top = ranking.items[0]!;
    const person = people.find((p) => p.candidateId === top.candidateId)!;
    const ask = await t.request(employer.key, {
      method: 'POST',
      url: `/v1/vacancies/${vacancyId}/contact-requests`,
      payload: { candidateId: top.candidateId, auditId: ranking.auditId, message: 'We would like to talk about the ICU position.' },
    });
    expect(ask.statusCode).toBe(201);
    expect(ask.json()).toMatchObject({ status: 'pending', pseudonym: top.candidate.pseudonym });
    const requestId = ask.json().id as string;
    expect((await t.request(employer.key, { method: 'POST', url: `/v1/vacancies/${vacancyId}/contact-requests`, payload: { candidateId: top.candidateId, auditId: ranking.auditId } })).statusCode).toBe(409);
    const notRanked = people.find((p) => !ranking.items.some((i) => i.candidateId === p.candidateId))!;
    expect((await t.request(employer.key, { method: 'POST', url: `/v1/vacancies/${vacancyId}/contact-requests`, payload: { candidateId: notRanked.candidateId, auditId: ranking.auditId } })).statusCode).toBe(409);

    const pending = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/matches?limit=5` })).json();
    expect(pending.items.find((i: { candidateId: string }) => i.candidateId === top.candidateId).candidate).toMatchObject({ contactRequest: 'pending', displayName: top.candidate.pseudonym });

    const inbox = (await t.request(person.key, { method: 'GET', url: '/v1/candidates/me/contact-requests' })).json();
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ id: requestId, vacancy: { title: 'Specialist nurse', country: 'DE' }, status: 'pending', message: expect.stringContaining('ICU') });
    expect(inbox.items[0].employer.name).toMatch(/^Employer /);
    // Someone else cannot answer it.
    expect((await t.request(people.find((p) => p !== person)!.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${requestId}/accept` })).statusCode).toBe(404);

    expect((await t.request(person.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${requestId}/accept` })).json().status).toBe('accepted');
    const revealed = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/matches?limit=5` })).json();
    expect(revealed.items.find((i: { candidateId: string }) => i.candidateId === top.candidateId).candidate).toMatchObject({ contactRequest: 'accepted', displayName: person.displayName });
    const requests = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/contact-requests` })).json();
    expect(requests.items[0].candidate).toEqual({ displayName: person.displayName, email: expect.stringMatching(/@example\.org$/), phone: null });
    // Another employer learns nothing.
    const other = t.employer();
    expect((await t.request(other.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/contact-requests` })).statusCode).toBe(404);

    expect((await t.request(person.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${requestId}/withdraw` })).json().status).toBe('withdrawn');
    const hidden = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/contact-requests` })).json();
    expect(hidden.items[0]).toMatchObject({ status: 'withdrawn', candidate: null });
    const after = (await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/matches?limit=5` })).json();
    expect(after.items.find((i: { candidateId: string }) => i.candidateId === top.candidateId).candidate.displayName).toBe(top.candidate.pseudonym);
    expect((await t.request(person.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${requestId}/accept` })).statusCode).toBe(409);
    // A seeker who withdrew visibility cannot be asked any more (the same answer as for an erased profile).
    const second = ranking.items[1]!;
    const secondPerson = people.find((p) => p.candidateId === second.candidateId)!;
    const setVisible = (visibleToEmployers: boolean) =>
      t.request(secondPerson.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...secondPerson.profile, consent: { matching: true, visibleToEmployers } } });
    expect((await setVisible(false)).statusCode).toBe(200);
    const refused = await t.request(employer.key, { method: 'POST', url: `/v1/vacancies/${vacancyId}/contact-requests`, payload: { candidateId: second.candidateId, auditId: ranking.auditId } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CANDIDATE_UNAVAILABLE');
    expect((await setVisible(true)).statusCode).toBe(200);
  });

  it('hides an accepted contact’s name and details again when the seeker withdraws consent, without her withdrawing each acceptance (t8-audit)', async () => {
    const third = ranking.items[2]!;
    const person = people.find((p) => p.candidateId === third.candidateId)!;
    const ask = await t.request(employer.key, { method: 'POST', url: `/v1/vacancies/${vacancyId}/contact-requests`, payload: { candidateId: third.candidateId, auditId: ranking.auditId } });
    expect(ask.statusCode, ask.body).toBe(201);
    expect((await t.request(person.key, { method: 'POST', url: `/v1/candidates/me/contact-requests/${ask.json().id}/accept` })).json().status).toBe('accepted');
    const shown = async () =>
      ((await t.request(employer.key, { method: 'GET', url: `/v1/vacancies/${vacancyId}/contact-requests?limit=50` })).json().items as { candidateId: string; status: string; candidate: unknown }[]).find(
        (i) => i.candidateId === third.candidateId,
      )!;
    expect((await shown()).candidate).toMatchObject({ displayName: person.displayName, email: expect.stringMatching(/@example\.org$/) });
    const consent = (c: { matching: boolean; visibleToEmployers: boolean }) => t.request(person.key, { method: 'PUT', url: '/v1/candidates/me', payload: { ...person.profile, consent: c } });
    for (const c of [
      { matching: true, visibleToEmployers: false },
      { matching: false, visibleToEmployers: true },
    ]) {
      expect((await consent(c)).statusCode).toBe(200);
      // Before: still { displayName, email } for as long as the acceptance stood.
      expect(await shown(), JSON.stringify(c)).toMatchObject({ status: 'accepted', candidate: null });
    }
    expect((await consent({ matching: true, visibleToEmployers: true })).statusCode).toBe(200);
    expect((await shown()).candidate).toMatchObject({ displayName: person.displayName });
  });
});

describe('opt-in fair re-ranking', () => {
  it('is applied per tenant, recorded in the audit record with its utility cost, and switchable per request only where allowed', async () => {
    const url = `/v1/vacancies/${vacancyId}/matches?limit=20`;
    expect((await t.request(employer.key, { method: 'GET', url: `${url}&rerank=on` })).statusCode).toBe(403);
    const bad = await t.request(t.admin.key, { method: 'PUT', url: `/v1/fairness/reranking/${employer.employerId}`, payload: { apply: { attribute: 'sex', category: 'undeclared', minShare: 0.5 } } });
    expect(bad.statusCode).toBe(400);
    const set = await t.request(t.admin.key, {
      method: 'PUT',
      url: `/v1/fairness/reranking/${employer.employerId}`,
      payload: { apply: { attribute: 'sex', category: 'female', minShare: 0.5, alpha: 0.1 }, allowPerRequest: true },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ serviceAllows: true, allowPerRequest: true, apply: { attribute: 'sex', category: 'female' } });

    const res = (await t.request(employer.key, { method: 'GET', url })).json();
    const isFemale = (id: string) => people.find((p) => p.candidateId === id)?.sex === 'female';
    const femalesTop10 = res.items.slice(0, 10).filter((i: { candidateId: string }) => isFemale(i.candidateId)).length;
    const before = ranking.items.slice(0, 10).filter((i) => isFemale(i.candidateId)).length;
    expect(femalesTop10).toBeGreaterThan(before);
    const scores = res.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => b - a)).not.toEqual(scores);
    const audit = (await t.request(t.admin.key, { method: 'GET', url: `/v1/audit/records/${res.auditId}` })).json();
    expect(audit.ranking.rerank).toMatchObject({ method: 'fa*ir', attribute: 'sex', category: 'female', minShare: 0.5, alpha: 0.1, source: 'tenant', k: 10 });
    expect(audit.ranking.rerank.ndcgAtK).toBeLessThan(1);
    expect(audit.ranking.rerank.meanScoreTopK.after).toBeLessThan(audit.ranking.rerank.meanScoreTopK.before);
    // Nothing protected in the audit record: no per-person attribute, only the parameters.
    expect(JSON.stringify(audit)).not.toMatch(/"(female|male)":|"sex":"/);

    const off = (await t.request(employer.key, { method: 'GET', url: `${url}&rerank=off` })).json();
    expect(off.items.map((i: { candidateId: string }) => i.candidateId)).toEqual(ranking.items.map((i) => i.candidateId));
    const perRequest = (await t.request(employer.key, { method: 'GET', url: `${url}&rerankAttribute=sex&rerankCategory=male&rerankMinShare=0.3` })).json();
    expect((await t.request(t.admin.key, { method: 'GET', url: `/v1/audit/records/${perRequest.auditId}` })).json().ranking.rerank).toMatchObject({ source: 'request', category: 'male' });
    const r = (await report('attribute=sex')).json() as Report;
    expect(r.reranking.rankings).toBeGreaterThanOrEqual(2);
    expect(r.reranking.meanNdcgAtK!).toBeLessThanOrEqual(1);

    await t.request(t.admin.key, { method: 'PUT', url: `/v1/fairness/reranking/${employer.employerId}`, payload: { apply: { attribute: 'sex', category: 'female', minShare: 0.5 }, allowPerRequest: false } });
    expect((await t.request(employer.key, { method: 'GET', url: `${url}&rerank=off` })).statusCode).toBe(403);
  });
});
