// The match explanation carries the destination's shortage rating (AU) or BLS projection (US) for the vacancy's
// occupation, in the seeker's explanation language, computed by the forecast service; it never changes the score.
// Driven through a real HTTP server (listen + fetch).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, buildTestApp, type TestApp } from './helper.js';
import { DEMO_PATH } from '../src/services/bootstrap.js';

interface Demo {
  vacancies: (Record<string, unknown> & { employer: number; title: string })[];
  candidates: (Record<string, unknown> & { displayName: string })[];
}
const demo = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as Demo;

interface Outlook {
  text: string;
  lang: string;
  country: string;
  region: string;
  occupation: { scheme: string; code: string; label: string };
  rating: string | null;
  asOf: string | null;
  basis: string;
}
interface Item {
  vacancyId: string;
  score: number;
  explanation: { lang: string; components: { name: string; contribution: number }[]; outlook?: Outlook };
}

// On each back end (PostgreSQL when TEST_DATABASE_URL is set): the outlook reads the vacancy and the profile through the
// storage port.
describe.each(BACKENDS)('%s', (backend) => {
let t: TestApp;
let base: string;
let seekerKey: string;
let employerKey: string;
const ids: Record<string, string> = {};

async function get(path: string, key: string, lang: string): Promise<{ status: number; body: { items: Item[] } }> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}`, 'accept-language': lang } });
  return { status: res.status, body: (await res.json()) as { items: Item[] } };
}

beforeAll(async () => {
  t = await buildTestApp({ backend });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { employer: _e, ...cook } = demo.vacancies.find((v) => v.title === 'Cocinero/cocinera')!;
  const places: Record<string, Record<string, unknown>> = {
    nsw: { country: 'AU', region: 'Sydney, New South Wales', salary: { min: 6000, max: 7000, currency: 'AUD', period: 'month' } },
    sa: { country: 'AU', region: 'SA', salary: { min: 6000, max: 7000, currency: 'AUD', period: 'month' } },
    us: { country: 'US', region: 'Texas', salary: { min: 4000, max: 5000, currency: 'USD', period: 'month' } },
    es: { country: 'ES', region: 'Balearic Islands' },
    // The occupation set by its ESCO URI alone (the ISCO unit comes from ESCO).
    vic: { country: 'AU', region: 'Melbourne', occupation: { esco: (cook.occupation as { esco: string }).esco }, salary: { min: 6000, max: 7000, currency: 'AUD', period: 'month' } },
  };
  const employer = t.employer('AU');
  employerKey = employer.key;
  const s = t.jobseeker();
  seekerKey = s.key;
  // On PostgreSQL the fixtures are written in the background: an injected request waits for them before real HTTP.
  await t.request(null, { method: 'GET', url: '/healthz' });
  for (const [name, place] of Object.entries(places)) {
    const res = await fetch(`${base}/v1/vacancies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${employer.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...cook, ...place }),
    });
    expect(res.status).toBe(201);
    ids[name] = ((await res.json()) as { id: string }).id;
  }
  const put = await fetch(`${base}/v1/candidates/me`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...demo.candidates[1], destinations: ['AU', 'US', 'ES'] }),
  });
  expect(put.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const byId = (items: Item[]): Map<string, Item> => new Map(items.map((i) => [i.vacancyId, i]));

describe('occupation outlook in match explanations', () => {
  it('says in English that cooks are rated in shortage in NSW and not in South Australia, as the forecast service computes', async () => {
    const { status, body } = await get('/v1/candidates/me/matches?limit=100', seekerKey, 'en');
    expect(status).toBe(200);
    const items = byId(body.items);
    const nsw = items.get(ids.nsw!)!.explanation.outlook!;
    const sa = items.get(ids.sa!)!.explanation.outlook!;
    expect(nsw.text).toBe('this occupation is rated in shortage in NSW (2021)');
    expect(nsw).toMatchObject({ lang: 'en', country: 'AU', region: 'NSW', rating: 'shortage', asOf: '2021', basis: 'set', occupation: { scheme: 'anzsco', code: '3514' } });
    expect(sa.text).toBe('this occupation is not rated in shortage in South Australia (2021)');
    expect(sa).toMatchObject({ region: 'SA', rating: 'no shortage' });
    // The same ratings the ministry's forecast route serves, computed from the vacancy index at start-up.
    const rating = (region: string) => t.app.forecasts.shortages({ country: 'AU', region, occupation: '3514', horizon: 1, historyMonths: 0 })[0]!.rating.value;
    expect(rating('NSW')).toBe('shortage');
    expect(rating('SA')).toBe('no shortage');
    // No outlook where there is no rated destination series.
    expect(items.get(ids.es!)!.explanation.outlook).toBeUndefined();
    // An ESCO-only occupation reaches the same ANZSCO unit group; Melbourne is read as Victoria.
    expect(items.get(ids.vic!)!.explanation.outlook).toMatchObject({ region: 'VIC', basis: 'set', occupation: { code: '3514' }, rating: rating('VIC') });
  });

  it('shows the employer the same note in the employer’s language, on the candidates matched to the vacancy', async () => {
    const res = await fetch(`${base}/v1/vacancies/${ids.nsw}/matches?limit=5`, { headers: { authorization: `Bearer ${employerKey}`, 'accept-language': 'fr' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { explanation: { lang: string; outlook?: Outlook } }[] };
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.explanation.outlook).toMatchObject({ lang: 'fr', text: 'ce métier est classé en pénurie en Nouvelle-Galles du Sud (2021)' });
  });

  it('gives the US the BLS projection with the published figures', async () => {
    const { body } = await get('/v1/candidates/me/matches?limit=100', seekerKey, 'en');
    const us = byId(body.items).get(ids.us!)!.explanation.outlook!;
    expect(us).toMatchObject({ country: 'US', region: 'US', rating: null, occupation: { scheme: 'soc' } });
    const p = t.app.occupationOutlook.projection(us.occupation.code)!;
    const openings = Math.round(p.annualOpenings! * 1000).toLocaleString('en-US');
    expect(us.text).toBe(`US employment in this occupation is projected to ${p.changePct! >= 0 ? 'grow' : 'decline'} ${Math.abs(p.changePct!).toFixed(1)} % in 2024–34 (BLS), with ${openings} openings a year`);
  });

  it('speaks the seeker’s explanation language (fr, es, ar)', async () => {
    const want: Record<string, { nsw: string; sa: string; us: RegExp }> = {
      fr: { nsw: 'ce métier est classé en pénurie en Nouvelle-Galles du Sud (2021)', sa: 'ce métier n’est pas classé en pénurie en Australie-Méridionale (2021)', us: /^aux États-Unis, l’emploi dans ce métier devrait (augmenter|baisser) de \d+,\d %/ },
      es: { nsw: 'esta ocupación está calificada como deficitaria en Nueva Gales del Sur (2021)', sa: 'esta ocupación no está calificada como deficitaria en Australia Meridional (2021)', us: /^en Estados Unidos, se prevé que el empleo en esta ocupación (crezca|disminuya) un \d+,\d %/ },
      ar: { nsw: 'هذه المهنة مصنفة ضمن المهن التي تعاني من نقص في نيو ساوث ويلز (2021)', sa: 'هذه المهنة غير مصنفة ضمن المهن التي تعاني من نقص في جنوب أستراليا (2021)', us: /^يُتوقع أن (ينمو|ينخفض) التوظيف في هذه المهنة في الولايات المتحدة بنسبة \d+\.\d٪/ },
    };
    for (const [lang, w] of Object.entries(want)) {
      const { body } = await get('/v1/candidates/me/matches?limit=100', seekerKey, `${lang},en;q=0.5`);
      const items = byId(body.items);
      const nsw = items.get(ids.nsw!)!.explanation;
      expect(nsw.lang).toBe(lang);
      expect(nsw.outlook).toMatchObject({ text: w.nsw, lang, rating: 'shortage' });
      expect(items.get(ids.sa!)!.explanation.outlook).toMatchObject({ text: w.sa, lang, rating: 'no shortage' });
      expect(items.get(ids.us!)!.explanation.outlook!.text).toMatch(w.us);
    }
  });

  it('never changes the score: a shortage and a non-shortage destination score the same, in every language', async () => {
    const scores: Record<string, Record<string, number>> = {};
    for (const lang of ['en', 'fr', 'es', 'ar']) {
      const { body } = await get('/v1/candidates/me/matches?limit=100', seekerKey, lang);
      const items = byId(body.items);
      scores[lang] = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, items.get(id)!.score]));
      for (const item of body.items) {
        // The parts that produce the score are the components alone; none of them is the outlook.
        expect(item.explanation.components.map((c) => c.name)).not.toContain('outlook');
        const sum = item.explanation.components.reduce((a, c) => a + c.contribution, 0);
        expect(Math.round(sum * 1e4)).toBe(Math.round(item.score * 1e4));
      }
    }
    // NSW (shortage) and SA (no shortage) ads are identical apart from the region: same score.
    expect(scores.en!.nsw).toBe(scores.en!.sa);
    for (const lang of ['fr', 'es', 'ar']) expect(scores[lang]).toEqual(scores.en);
  });
});

// The same outlook on the seeker's own profile (issue 16): the API profile read and the seeker web page, for the
// profile's occupation in each of its destinations, in the reader's language, information only. Real HTTP (fetch).
describe('occupation outlook on the seeker profile', () => {
  let cookKey: string;
  const cookEsco = (): string => (demo.vacancies.find((v) => v.title === 'Cocinero/cocinera')!.occupation as { esco: string }).esco;
  const nationalRating = (): string => t.app.forecasts.shortages({ country: 'AU', region: 'AUST', occupation: '3514', horizon: 1, historyMonths: 0 })[0]!.rating.value;
  // The exact sentence for each rating the service can give Australia-wide (written out, not built by the code under test).
  const AU_TEXT: Record<string, Record<string, string>> = {
    en: {
      shortage: 'this occupation is rated in shortage in Australia (2021)',
      'regional shortage': 'this occupation is rated in shortage in some Australian states (2021)',
      'no shortage': 'this occupation is not rated in shortage in Australia (2021)',
    },
    fr: {
      shortage: 'ce métier est classé en pénurie en Australie (2021)',
      'regional shortage': 'ce métier est classé en pénurie dans certains États australiens (2021)',
      'no shortage': 'ce métier n’est pas classé en pénurie en Australie (2021)',
    },
    es: {
      shortage: 'esta ocupación está calificada como deficitaria en Australia (2021)',
      'regional shortage': 'esta ocupación está calificada como deficitaria en algunos estados australianos (2021)',
      'no shortage': 'esta ocupación no está calificada como deficitaria en Australia (2021)',
    },
  };

  beforeAll(async () => {
    const s = t.jobseeker();
    cookKey = s.key;
    await t.request(null, { method: 'GET', url: '/healthz' }); // the fixture is written (PostgreSQL)
    const put = await fetch(`${base}/v1/candidates/me`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...demo.candidates[1], occupation: { esco: cookEsco() }, destinations: ['ES', 'AU', 'US'], lang: 'es' }),
    });
    expect(put.status).toBe(200);
  });

  async function me(key: string, lang?: string): Promise<{ outlook?: Outlook[]; destinations: string[] }> {
    const res = await fetch(`${base}/v1/candidates/me`, { headers: { authorization: `Bearer ${key}`, ...(lang ? { 'accept-language': lang } : {}) } });
    expect(res.status).toBe(200);
    return (await res.json()) as { outlook?: Outlook[]; destinations: string[] };
  }

  it('GET /v1/candidates/me carries the Australia-wide rating and the US projection of the set occupation, in the Accept-Language', async () => {
    const rating = nationalRating();
    expect(['shortage', 'no shortage', 'regional shortage']).toContain(rating);
    const en = await me(cookKey, 'en');
    expect(en.outlook!.map((o) => o.country)).toEqual(['AU', 'US']); // ES has no official series: nothing said
    const [au, us] = en.outlook!;
    expect(au).toMatchObject({ lang: 'en', region: 'AUST', rating, asOf: '2021', basis: 'set', occupation: { scheme: 'anzsco', code: '3514' } });
    expect(au!.text).toBe(AU_TEXT.en![rating]);
    // The US note is the one the match explanation gives for a US cook vacancy (same occupation, same projection).
    const p = t.app.occupationOutlook.projection(us!.occupation.code)!;
    expect(us).toMatchObject({ lang: 'en', region: 'US', rating: null, basis: 'set', occupation: { scheme: 'soc' } });
    expect(us!.text).toContain(`${Math.abs(p.changePct!).toFixed(1)} % in 2024–34 (BLS)`);
    const fr = await me(cookKey, 'fr-FR,fr;q=0.9');
    expect(fr.outlook!.map((o) => o.lang)).toEqual(['fr', 'fr']);
    expect(fr.outlook![0]!.text).toBe(AU_TEXT.fr![rating]);
    expect(fr.outlook![1]!.text).toMatch(/^aux États-Unis, l’emploi dans ce métier devrait (augmenter|baisser) de \d+,\d %/);
    // No Accept-Language we speak: the profile's own language (es).
    const es = await me(cookKey, 'de');
    expect(es.outlook!.map((o) => o.lang)).toEqual(['es', 'es']);
    expect(es.outlook![0]!.text).toBe(AU_TEXT.es![rating]);
  });

  it('follows the profile: no destination with a rated series means no outlook; an admin reads it in the admin’s language', async () => {
    const s = t.jobseeker();
    await t.request(null, { method: 'GET', url: '/healthz' }); // the fixture is written (PostgreSQL)
    const put = (body: Record<string, unknown>) =>
      fetch(`${base}/v1/candidates/me`, { method: 'PUT', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put({ ...demo.candidates[1], occupation: { esco: cookEsco() }, destinations: ['ES', 'FR'] })).status).toBe(200);
    expect((await me(s.key, 'en')).outlook).toEqual([]);
    expect((await put({ ...demo.candidates[1], occupation: { esco: cookEsco() }, destinations: ['US'] })).status).toBe(200);
    expect((await me(s.key, 'en')).outlook!.map((o) => o.country)).toEqual(['US']);
    // An admin reading the profile gets it too, in the admin's language.
    const admin = await fetch(`${base}/v1/candidates/${s.candidateId}`, { headers: { authorization: `Bearer ${t.admin.key}`, 'accept-language': 'ar' } });
    expect(admin.status).toBe(200);
    const a = (await admin.json()) as { outlook: Outlook[] };
    expect(a.outlook).toHaveLength(1);
    expect(a.outlook[0]).toMatchObject({ lang: 'ar', country: 'US' });
    expect(a.outlook[0]!.text).toMatch(/الولايات المتحدة/);
  });

  it('is computed when the profile is read, never stored with it (nothing a score could read)', async () => {
    const rows = await t.query<Record<string, unknown>>('SELECT * FROM candidates');
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    expect(stored).not.toMatch(/rated in shortage|pénurie|deficitaria|2024–34/);
    // Two reads in two languages of the same profile: only the note's language changes, the profile does not.
    const { outlook: en, ...restEn } = (await me(cookKey, 'en')) as { outlook?: Outlook[] } & Record<string, unknown>;
    const { outlook: fr, ...restFr } = (await me(cookKey, 'fr')) as { outlook?: Outlook[] } & Record<string, unknown>;
    expect(restFr).toEqual(restEn);
    expect(en!.map((o) => o.rating)).toEqual(fr!.map((o) => o.rating));
  });

  it('the seeker web page “How we read your profile” shows the outlook in the page language, through real HTTP', async () => {
    const jar = new Map<string, string>();
    let lastHtml = '';
    const send = async (method: 'GET' | 'POST', path: string, form?: Record<string, string | string[]>): Promise<Response> => {
      const headers: Record<string, string> = { accept: 'text/html', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
      let body: string | undefined;
      if (form) {
        const p = new URLSearchParams();
        const token = /name="_csrf" value="([^"]*)"/.exec(lastHtml)?.[1] ?? '';
        p.append('_csrf', token);
        for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
        body = p.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      const res = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) lastHtml = await res.clone().text();
      return res;
    };
    await send('GET', '/app/register?lang=es');
    const reg = await send('POST', '/app/register', { displayName: 'Carlos', login: 'outlook.cook', password: 'a long enough passphrase', password2: 'a long enough passphrase' });
    expect(reg.status).toBe(303);
    await send('GET', '/app/profile?step=1');
    expect((await send('POST', '/app/profile', { step: '1', displayName: 'Carlos', residenceCountry: 'CO', title: ['cocinero', '', ''], years: ['8', '', ''], jobCountry: ['CO', '', ''], educationLevel: '4' })).status).toBe(303);
    await send('GET', '/app/profile?step=4');
    expect((await send('POST', '/app/profile', { step: '4', destinations: ['AU', 'US'] })).status).toBe(303);
    await send('GET', '/app/profile/reading');
    // The seeker says which occupation is hers (a set occupation: no dependence on how the title was read).
    expect((await send('POST', '/app/profile/reading', { occupation: cookEsco() })).status).toBe(303);
    const page = await send('GET', '/app/profile/reading');
    expect(page.status).toBe(200);
    const html = await page.text();
    const block = /<div class="outlook" id="occupation-outlook">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(block).toContain('solo informativo');
    const items = [...block.matchAll(/<li lang="(\w+)">([^<]*)<\/li>/g)].map((m) => ({ lang: m[1] ?? '', text: m[2] ?? '' }));
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.lang === 'es')).toBe(true);
    expect(items[0]!.text).toBe(AU_TEXT.es![nationalRating()]);
    expect(items[1]!.text).toMatch(/^en Estados Unidos, se prevé que el empleo en esta ocupación (crezca|disminuya) un \d+,\d %/);
    // The same page in Arabic.
    const ar = await (await send('GET', '/app/profile/reading?lang=ar')).text();
    expect(ar).toMatch(/<li lang="ar">[^<]*الولايات المتحدة[^<]*<\/li>/);
  });
});
});
