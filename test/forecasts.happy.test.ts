import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { employers, vacancies, candidates } from '../src/db/schema/index.js';
import { newId } from '../src/ids.js';
import { nowIso } from '../src/db/client.js';

let t: TestApp;
let ministry: string;
beforeAll(async () => {
  // The service computes the JOLTS accuracy itself in the background (IVI's takes minutes: the bench covers it).
  t = await buildTestApp({ REFERENCE_SERIES_LOAD: true, FORECAST_REFERENCE_REFIT: ['jolts'] });
  ministry = t.keyFor('ministry');
});
afterAll(async () => {
  await t?.close();
});

interface Item {
  occupation: { scheme: string; code: string; label: string };
  region: string;
  source: string;
  history: { period: string; value: number | null; suppressed?: boolean }[];
  forecast: { period: string; value: number; lower80: number; upper80: number; lower95: number; upper95: number }[];
  model: string;
  accuracy: { mase: number | null; smape: number | null } | null;
  rating: { value: string; indicators: Record<string, unknown> };
  signals?: Record<string, unknown>;
}

describe('GET /v1/forecasts/shortages', () => {
  it('returns every ANZSCO-4 × region IVI series for AU with forecasts, intervals, model, accuracy and rating', async () => {
    const t0 = performance.now();
    const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&horizon=12' });
    const ms = performance.now() - t0;
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Item[]; nextCursor: string | null; dataVersion: string };
    expect(body.items).toHaveLength(3168);
    expect(body.nextCursor).toBeNull();
    const regions = new Set(body.items.map((i) => i.region));
    expect([...regions].sort()).toEqual(['ACT', 'AUST', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA']);
    for (const it of body.items) {
      expect(it.occupation.scheme).toBe('anzsco');
      expect(it.source).toBe('ivi');
      expect(it.history).toHaveLength(24);
      expect(it.forecast).toHaveLength(12);
      expect(it.model).not.toBe('insufficient-data');
      for (const p of it.forecast) {
        expect(p.lower95).toBeLessThanOrEqual(p.lower80);
        expect(p.lower80).toBeLessThanOrEqual(p.value);
        expect(p.value).toBeLessThanOrEqual(p.upper80);
        expect(p.upper80).toBeLessThanOrEqual(p.upper95);
      }
    }
    expect(body.items[0]!.forecast[0]!.period).toBe('2022-01');
    expect(body.items[0]).toMatchObject({ lastObservation: '2021-12', origin: '2021-12', stale: true });
    const rated = body.items.filter((i) => i.occupation.code !== '0000');
    for (const it of rated) expect(['shortage', 'no shortage', 'regional shortage']).toContain(it.rating.value);
    // The whole country in one request stays interactive (model selection happened in the pipeline).
    expect(ms).toBeLessThan(20_000);
  });

  it('filters by occupation (ANZSCO-4 or ANZSCO-6) and region, with rating indicators and accuracy', async () => {
    const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&occupation=261313&region=NSW&horizon=6' });
    expect(res.statusCode).toBe(200);
    const [it] = (res.json() as { items: Item[] }).items;
    expect(it!.occupation).toEqual({ scheme: 'anzsco', code: '2613', label: 'Software and Applications Programmers' });
    expect(it!.forecast).toHaveLength(6);
    expect(it!.accuracy!.mase).toBeTypeOf('number');
    expect(it!.rating.indicators).toHaveProperty('vacancyLevelVsNorm');
    expect(it!.rating.indicators).toHaveProperty('forecastGrowth12');
    // A shorter horizon is the start of a longer one: same points, same intervals.
    const long = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&occupation=261313&region=NSW&horizon=18' });
    const [it18] = (long.json() as { items: Item[] }).items;
    expect(it18!.forecast).toHaveLength(18);
    expect(it18!.forecast.slice(0, 6)).toEqual(it!.forecast);
  });

  it('serves US JOLTS job openings by industry and state', async () => {
    const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=US&region=US&horizon=24' });
    const body = res.json() as { items: Item[] };
    expect(res.statusCode).toBe(200);
    expect(body.items).toHaveLength(28);
    const total = body.items.find((i) => i.occupation.code === '000000')!;
    expect(total.occupation.scheme).toBe('naics');
    expect(total.forecast).toHaveLength(24);
    expect(total.forecast[0]!.period).toBe('2021-09');
    expect(total.rating.indicators).toHaveProperty('fillDifficulty');
    const states = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=US&region=CA' });
    expect((states.json() as { items: Item[] }).items).toHaveLength(1);
  });

  it('pages with limit and cursor', async () => {
    const a = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&limit=2000&history=0&horizon=1' });
    const pa = a.json() as { items: Item[]; nextCursor: string };
    expect(pa.items).toHaveLength(2000);
    expect(pa.nextCursor).toBeTypeOf('string');
    const b = await t.request(ministry, { method: 'GET', url: `/v1/forecasts/shortages?country=AU&limit=2000&history=0&horizon=1&cursor=${pa.nextCursor}` });
    const pb = b.json() as { items: Item[]; nextCursor: string | null };
    expect(pb.items).toHaveLength(1168);
    expect(pb.nextCursor).toBeNull();
    const keys = new Set([...pa.items, ...pb.items].map((i) => `${i.occupation.code}|${i.region}`));
    expect(keys.size).toBe(3168);
  });

  it('exports CSV', async () => {
    const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=AU&occupation=2613&format=csv&horizon=3&history=2' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('source,scheme,code,label,region,kind,period,value,lower80,upper80,lower95,upper95,suppressed,model,mase6,rating,lastObservation,origin,stale');
    expect(lines).toHaveLength(1 + 9 * (2 + 3));
    // Freshness on every row: the shipped IVI ends in Dec 2021, years before today.
    for (const l of lines.slice(1)) expect(l.endsWith(',2021-12,2021-12,true')).toBe(true);
    expect(lines.filter((l) => l.includes(',forecast,'))).toHaveLength(27);
  });

  it('reports the platform’s own signals with small cells suppressed and marked', async () => {
    const now = nowIso();
    const emp = newId('emp');
    t.app.db.insert(employers).values({ id: emp, name: 'Acme', country: 'DE', createdAt: now, updatedAt: now }).run();
    const vac = (isco: string, status: 'open' | 'filled', region: string) => ({
      id: newId('vac'),
      employerId: emp,
      title: 'Welder',
      description: 'Welding',
      occupationIsco: isco,
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
    t.app.db.insert(vacancies).values([...Array.from({ length: 12 }, () => vac('7212', 'open', 'BY')), ...Array.from({ length: 3 }, () => vac('7212', 'filled', 'BE'))]).run();
    t.app.db
      .insert(candidates)
      .values(Array.from({ length: 4 }, () => ({ id: newId('cand'), displayName: 'x', skills: [], experience: [], languages: [], destinations: ['DE'], pathways: [], occupationIsco: '7212', consentMatching: true, createdAt: now, updatedAt: now })))
      .run();
    const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=DE&source=platform&occupation=7212' });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: Item[]; suppressionK: number }).items;
    const national = items.find((i) => i.region === 'DE')!;
    const berlin = items.find((i) => i.region === 'BE')!;
    expect(national.source).toBe('platform');
    expect(national.model).toBe('insufficient-data');
    expect(national.forecast).toEqual([]);
    const jan = national.history.find((h) => h.period === '2026-01')!;
    expect(jan.value).toBe(15);
    // 3 vacancies in Berlin and 4 candidates: below k = 10, so suppressed and marked.
    expect(berlin.history.find((h) => h.period === '2026-01')).toEqual({ period: '2026-01', value: null, suppressed: true });
    expect(national.signals!.candidatesPerVacancy).toBeNull();
    expect(national.signals!.suppressed).toContain('candidatesPerVacancy');
    expect(JSON.stringify(items)).not.toMatch(/vac_|cand_|emp_/);
    // Without an occupation, the country's cells include the same one, with the same figures.
    const all = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages?country=DE&source=platform' });
    expect(all.statusCode).toBe(200);
    const same = (all.json() as { items: Item[] }).items.find((i) => i.region === 'DE' && i.occupation.code === '7212')!;
    expect(same.history).toEqual(national.history);
    expect(same.signals).toEqual(national.signals);
  });
});

describe('platform signals: shown once there are enough months and vacancies', () => {
  it('forecasts a platform cell once its last 36 months each have at least k vacancies posted, not before', async () => {
    const now = nowIso();
    const emp = newId('emp');
    t.app.db.insert(employers).values({ id: emp, name: 'Clinic', country: 'NL', createdAt: now, updatedAt: now }).run();
    const thisMonth = new Date().toISOString().slice(0, 7);
    const rows = [];
    // ISCO 2221: 40 months × 10 vacancies (k = 10); ISCO 3221: 30 months × 10.
    for (const [isco, months] of [['2221', 40], ['3221', 30]] as const) {
      for (let m = 0; m < months; m++) {
        const d = new Date(`${thisMonth}-05T00:00:00.000Z`);
        d.setUTCMonth(d.getUTCMonth() - m);
        for (let i = 0; i < 10 + (m % 3); i++) {
          rows.push({ id: newId('vac'), employerId: emp, title: 'Nurse', description: 'Care', occupationIsco: isco, skills: [], languages: [], country: 'NL', region: 'NH', status: 'open' as const, openedAt: d.toISOString(), closedAt: null, createdAt: now, updatedAt: now });
        }
      }
    }
    t.app.db.insert(vacancies).values(rows).run();
    const get = async (isco: string) => {
      const res = await t.request(ministry, { method: 'GET', url: `/v1/forecasts/shortages?country=NL&source=platform&occupation=${isco}&horizon=6&history=48` });
      expect(res.statusCode).toBe(200);
      return (res.json() as { items: Item[] }).items.find((i) => i.region === 'NL')!;
    };
    const enough = await get('2221');
    expect(enough.model).toBe('theta');
    expect(enough.forecast).toHaveLength(6);
    expect(enough.signals).toMatchObject({ monthsWithEnoughVacancies: 40, monthsNeededForForecast: 36 });
    for (const p of enough.forecast) expect(p.value).toBeGreaterThan(5);
    const short = await get('3221');
    expect(short.model).toBe('insufficient-data');
    expect(short.forecast).toEqual([]);
    expect(short.signals).toMatchObject({ monthsWithEnoughVacancies: 30, monthsNeededForForecast: 36 });
    // The months themselves are shown (10 or more each), the older empty months are suppressed.
    expect(short.history.filter((h) => h.value !== null)).toHaveLength(30);
  });
});

describe('chart and accuracy', () => {
  it('renders an SVG line chart with history, forecast and interval bands', async () => {
    const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/shortages/chart.svg?country=AU&occupation=2613&horizon=12' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const cls of ['band95', 'band80', 'history', 'forecast']) expect(res.body).toMatch(new RegExp(`<path d="M[^"]+" [^>]*class="${cls}"`));
    expect(res.body).toMatch(/class="freshness" data-stale="true">Last observation 2021-12; forecast from 2021-12 \(STALE: older than 6 months\)</);
    expect(res.body).toContain('Software and Applications Programmers');
  });

  it('computes the accuracy of the served models itself (never a committed file), on origins the selection never saw', async () => {
    let body: { computedBy: string; sources: Record<string, { status: string; chosen?: string; origins?: { selection: string[]; evaluation: string[] }; evaluation?: { models: { model: string; horizons: { h: number; relMase: { median: number } }[] }[] } }>; spl2022?: { auc: number } } | null = null;
    for (let i = 0; i < 600; i++) {
      const res = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/accuracy' });
      expect(res.statusCode).toBe(200);
      body = res.json();
      if (body!.sources.jolts!.status === 'ready') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(body!.computedBy).toBe('service');
    const jolts = body!.sources.jolts!;
    expect(jolts.status).toBe('ready');
    expect(jolts.origins!.selection.some((o) => jolts.origins!.evaluation.includes(o))).toBe(false);
    const models = jolts.evaluation!.models.map((m) => m.model);
    expect(models).toEqual(expect.arrayContaining(['naive', 'snaive', 'auto']));
    for (const m of jolts.evaluation!.models) for (const h of m.horizons) expect(h.relMase.median).toBeGreaterThan(0);
    // IVI's refit is not switched on in this test app: it says so instead of serving a stale file.
    expect(body!.sources.ivi!.status).toBe('not-computed');
    expect(body!.spl2022!.auc).toBeGreaterThan(0.5);
    const row = t.app.sqlite.prepare("SELECT count(*) AS n FROM forecast_runs WHERE source = 'jolts'").get() as { n: number };
    expect(row.n).toBe(1);
  }, 180_000);

  it('fetches the rating and forecast of an ESCO occupation in its destination through the crosswalks, and BLS projections for the US', async () => {
    // ESCO "nurse responsible for general care" → ISCO 2221 → ANZSCO 2544 Registered Nurses.
    const esco = 'http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50';
    const au = await t.request(ministry, { method: 'GET', url: `/v1/forecasts/occupation?esco=${encodeURIComponent(esco)}&country=AU&region=NSW` });
    expect(au.statusCode).toBe(200);
    const o = au.json() as { isco: string; region: string; matches: { code: string; weight: number; forecast: { region: string; rating: { value: string }; forecast: unknown[] } }[]; note: { text: string } | null };
    expect(o.isco).toBe('2221');
    expect(o.matches[0]!.code).toBe('2544');
    expect(o.matches[0]!.forecast.region).toBe('NSW');
    expect(o.matches[0]!.forecast.forecast).toHaveLength(12);
    expect(o.note!.text).toMatch(new RegExp(`^this occupation is (not )?rated in shortage in NSW \\(2021\\)$|some Australian states`));
    const us = await t.request(t.keyFor('jobseeker'), { method: 'GET', url: '/v1/forecasts/occupation?isco=2221&country=US' });
    expect(us.statusCode).toBe(200);
    const u = us.json() as { matches: { code: string; weight: number; projection: { employment2024: number; changePct: number; annualOpenings: number } }[]; note: { text: string } };
    expect(u.matches[0]!.code).toBe('29-1141');
    expect(u.matches.reduce((a, m) => a + m.weight, 0)).toBeCloseTo(1, 3);
    expect(u.matches[0]!.projection.employment2024).toBeGreaterThan(1000);
    expect(u.note.text).toMatch(/^US employment in this occupation is projected to (grow|decline) [0-9.]+ % in 2024–34 \(BLS\)/);
    const p = await t.request(ministry, { method: 'GET', url: '/v1/forecasts/projections?soc=29-1141' });
    expect((p.json() as { items: { title: string }[] }).items[0]!.title).toBe('Registered nurses');
  });

  it('loads the reference series into SQLite at start-up', async () => {
    await t.app.referenceSeriesLoaded;
    const n = t.app.sqlite.prepare('SELECT count(*) AS n FROM reference_series').get() as { n: number };
    expect(n.n).toBe(3642);
  });
});
