/// <reference lib="dom" />
// End-to-end journeys in a real browser against the real server (demo data, real model, real index):
// a French seeker and an Arabic seeker register, build a profile, see matches, contest one, export and erase;
// a ministry user opens the dashboard and downloads the CSV. Every page is checked with axe-core, weighed with an
// empty cache and screenshotted at phone and desktop widths; the matches page is timed on emulated slow 3G.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHard, startServer, type ServerProcess } from '../server-process.js';
import { measureLoad, openBrowser, runAxe, screenshots, timeLoad, type AxeResult, type Browser, type PageTiming, type Weight } from './browser.js';

let server: ServerProcess;
let dir: string;
let keys: Record<string, string> = {};
const axeResults: AxeResult[] = [];
const weights: Weight[] = [];
const timings: PageTiming[] = [];

const WEIGHT_LIMIT = 100 * 1024;
const JS_LIMIT = 30 * 1024;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-e2e-'));
  server = await startServer({
    DATABASE_PATH: join(dir, 'e2e.db'),
    INDEX_DIR: join(dir, 'index'),
    PASSERELLE_DEMO: '1',
    RATE_LIMIT_MAX: '100000',
    ANON_RATE_LIMIT_MAX: '100000',
  }, 180_000);
  for (const m of server.stdout().matchAll(/^\s+(admin|employer|jobseeker|ministry)\s+(psk_\S+)/gm)) keys[m[1]!] = m[2]!;
  expect(keys.ministry, server.stdout()).toMatch(/^psk_/);
});

afterAll(async () => {
  if (server) await killHard(server);
  if (dir) rmSync(dir, { recursive: true, force: true });
  const out = join(process.cwd(), 'var', 'e2e');
  mkdirSync(out, { recursive: true });
  const serious = axeResults.flatMap((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ url: r.url, ...v })));
  const figures = {
    pagesChecked: axeResults.length,
    axeSeriousOrCritical: serious.length,
    axeMinorOrModerate: axeResults.reduce((n, r) => n + r.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').length, 0),
    maxPageBytes: Math.max(0, ...weights.map((w) => w.bytes)),
    maxJsBytes: Math.max(0, ...weights.map((w) => w.jsBytes)),
    weights,
    matchesSlow3G: timings,
  };
  writeFileSync(join(out, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  const path = (u: string) => u.replace(/^https?:\/\/[^/]+/, '');
  console.log('\n== Web app figures (Chromium, empty cache, compressed bytes as transferred)');
  console.log(`axe-core WCAG 2.2 A/AA on ${figures.pagesChecked} page loads: ${figures.axeSeriousOrCritical} serious/critical, ${figures.axeMinorOrModerate} minor/moderate`);
  for (const w of weights) console.log(`  ${path(w.url).padEnd(48)} ${String(w.bytes).padStart(7)} B total  ${String(w.jsBytes).padStart(6)} B JS  ${w.requests} requests`);
  console.log(`largest first load: ${figures.maxPageBytes} B (limit ${WEIGHT_LIMIT}); largest JS: ${figures.maxJsBytes} B (limit ${JS_LIMIT})`);
  for (const t of timings) {
    console.log(`matches page on slow 3G (2,000 ms RTT, 400 kbit/s): HTML ${t.responseEnd.toFixed(0)} ms, FCP ${t.firstContentfulPaint.toFixed(0)} ms, DOM interactive ${t.domInteractive.toFixed(0)} ms, usable ${t.usable.toFixed(0)} ms, load ${t.load.toFixed(0)} ms`);
  }
});

/** Weigh, check with axe and screenshot the page at this URL (a fresh, uncached load). */
async function checkPage(b: Browser, url: string, name: string): Promise<void> {
  const w = await measureLoad(b, url);
  weights.push(w);
  expect(w.bytes, `${url} transferred bytes`).toBeLessThanOrEqual(WEIGHT_LIMIT);
  expect(w.jsBytes, `${url} JavaScript bytes`).toBeLessThanOrEqual(JS_LIMIT);
  // Nothing sticks out sideways on a phone (a scrolled table keeps its overflow inside its own box).
  expect(await b.page.evaluate(() => document.documentElement.scrollWidth), `${url} page width at 360 px`).toBeLessThanOrEqual(360);
  const axe = await runAxe(b.page);
  axeResults.push(axe);
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${url} axe serious/critical`).toEqual([]);
  await screenshots(b.page, name);
}

async function adminGet(path: string): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${keys.admin}` } });
}

interface SeekerScript {
  lang: 'fr' | 'ar';
  login: string;
  name: string;
  residence: string;
  title: string;
  years: string;
  skills: string[];
  languages: [string, string][];
  destinations: string[];
  suggestProbe: string;
  contest: string;
}

async function seekerJourney(s: SeekerScript): Promise<void> {
  const b = await openBrowser(s.lang);
  const { page } = b;
  const base = server.baseUrl;
  try {
    await page.goto(`${base}/app?lang=${s.lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(s.lang);
    expect(await page.getAttribute('html', 'dir')).toBe(s.lang === 'ar' ? 'rtl' : 'ltr');
    await checkPage(b, `${base}/app`, `${s.lang}-home`);

    // Register (keyboard only: Tab into fields, Enter to submit).
    await Promise.all([page.waitForURL(/\/app\/register/), page.click('a[href="/app/register"] >> nth=-1')]);
    await page.waitForLoadState('networkidle');
    await checkPage(b, `${base}/app/register`, `${s.lang}-register`);
    await page.fill('#displayName', s.name);
    await page.fill('#login', s.login);
    await page.fill('#password', 'une phrase assez longue');
    await page.fill('#password2', 'une phrase différente');
    await page.press('#password2', 'Enter');
    await page.waitForLoadState('load');
    // The mismatch is announced: a focused alert, the field marked invalid.
    expect(await page.locator('.error-summary[role=alert]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.getAttribute('#password2', 'aria-invalid')).toBe('true');
    await page.fill('#password', 'une phrase assez longue');
    await page.fill('#password2', 'une phrase assez longue');
    await Promise.all([page.waitForURL(/\/app\/profile/), page.press('#password2', 'Enter')]);
    const cookies = await b.context.cookies();
    const sid = cookies.find((c) => c.name === 'psl_sid')!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Strict');
    expect(await page.evaluate(() => document.cookie)).not.toContain('psl_sid');
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).toBe('{}{}');

    // Step 1: you and your work.
    await page.selectOption('#residenceCountry', s.residence);
    await page.fill('#title-0', s.title);
    await page.fill('#years-0', s.years);
    await page.selectOption('#educationLevel', '4');
    await Promise.all([page.waitForURL(/step=2/), page.click('button[value=next]')]);

    // Step 2: skills, with taxonomy suggestions as you type.
    await page.fill('#skill', s.suggestProbe);
    await page.waitForFunction(() => (document.getElementById('skill-suggestions')?.children.length ?? 0) > 0, undefined, { timeout: 15_000 });
    for (const skill of s.skills) {
      await page.fill('#skill', skill);
      await Promise.all([page.waitForURL(/saved=1/), page.press('#skill', 'Enter')]);
    }
    expect(await page.locator('.skill-list li').count()).toBe(s.skills.length);
    await Promise.all([page.waitForURL(/step=3/), page.click('button[value=next]')]);

    // Step 3: languages, with the CEFR help.
    await page.click('details summary');
    expect(await page.locator('#cefr-help li').count()).toBe(6);
    for (const [i, [code, level]] of s.languages.entries()) {
      await page.selectOption(`#lang-${i}`, code);
      await page.selectOption(`#level-${i}`, level);
    }
    await Promise.all([page.waitForURL(/step=4/), page.click('button[value=next]')]);

    // Step 4: destinations.
    for (const d of s.destinations) await page.check(`#dest-${d}`);
    await Promise.all([page.waitForURL(/step=5/), page.click('button[value=next]')]);

    // Step 5: consent, after the plain-language notice.
    expect(await page.locator('#notice-title').count()).toBe(1);
    await page.check('#consentMatching');
    await page.check('#consentVisible');
    await Promise.all([page.waitForURL(/\/app\/matches/), page.click('button[value=next]')]);

    // Matches, explained in the seeker's language.
    const cards = page.locator('article.card');
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await page.locator('article.card p[lang]').first().getAttribute('lang')).toBe(s.lang);
    expect(await page.locator('article.card .bar-svg').count()).toBe(await cards.count());
    await checkPage(b, `${base}/app/matches`, `${s.lang}-matches`);
    // Filters: shortage only, one destination.
    await page.selectOption('#destination', s.destinations[0]!);
    await page.check('#shortage');
    await Promise.all([page.waitForURL(/shortage=1/), page.click('form[action="/app/matches"] button')]);
    const shown = await page.locator('article.card .meta').allTextContents();
    expect(shown.every((m) => m.length > 0)).toBe(true);

    // Every profile step and the reading page, measured and checked.
    for (let step = 1; step <= 5; step++) await checkPage(b, `${base}/app/profile?step=${step}`, `${s.lang}-profile-${step}`);
    await checkPage(b, `${base}/app/profile/reading`, `${s.lang}-reading`);
    // Correct the occupation: choose the first reading offered; it is then shown as the seeker's choice.
    const firstOcc = page.locator('input[name=occupation]').first();
    if ((await firstOcc.getAttribute('value')) !== 'auto') {
      await firstOcc.check();
      await Promise.all([page.waitForURL(/saved=1/), page.click('form[action="/app/profile/reading"] button[type=submit]')]);
      expect(await page.locator('#occ-title ~ p.meta').first().textContent()).toBeTruthy();
      expect(await page.locator('input[name=occupation]:checked').getAttribute('value')).not.toBe('auto');
    }

    // Contest the ranking of the first match.
    await page.goto(`${base}/app/matches`);
    const contestHref = (await page.locator('a[href^="/app/contest"]').first().getAttribute('href'))!;
    await checkPage(b, `${base}${contestHref}`, `${s.lang}-contest`);
    await page.fill('#message', s.contest);
    await Promise.all([page.waitForURL(/\/app\/decisions/), page.click('form[action="/app/contest"] button')]);
    expect(await page.locator('.notice[role=status]').count()).toBe(1);
    expect(await page.locator('article.card').count()).toBe(1);
    await checkPage(b, `${base}/app/decisions`, `${s.lang}-decisions`);

    // Export my data (JSON).
    await checkPage(b, `${base}/app/data`, `${s.lang}-data`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/app/data/export"]')]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.candidate.displayName).toBe(s.name);
    expect(exported.candidate.skills.map((x: { label: string }) => x.label)).toEqual(s.skills);
    expect(exported.webSignIn.login).toBe(s.login);
    expect(exported.webSessions.length).toBeGreaterThan(0);
    expect(exported.auditRecords.length).toBeGreaterThan(0);
    expect(exported.contests).toHaveLength(1);
    expect(exported.contests[0].message).toBe(s.contest);
    expect(JSON.stringify(exported)).not.toMatch(/psk_|scrypt\$/);
    const candidateId: string = exported.candidate.id;

    // Erase, with a confirmation: first without ticking the box (refused, announced), then for real.
    await page.click('button.danger');
    await page.waitForLoadState('load');
    expect(await page.locator('.error-summary[role=alert]').count()).toBe(1);
    expect((await adminGet(`/v1/candidates/${candidateId}`)).status).toBe(200);
    await page.check('#confirm');
    await Promise.all([page.waitForURL(/erased=1/), page.click('button.danger')]);
    expect(await page.locator('.notice').count()).toBe(1);
    expect((await adminGet(`/v1/candidates/${candidateId}`)).status).toBe(404);
    expect((await b.context.cookies()).some((c) => c.name === 'psl_sid')).toBe(false);
    await page.goto(`${base}/app/matches`);
    expect(page.url()).toContain('/app/signin');
    // The sign-in is gone too.
    await page.fill('#login', s.login);
    await page.fill('#password', 'une phrase assez longue');
    await page.press('#password', 'Enter');
    await page.waitForLoadState('load');
    expect(await page.locator('.error-summary').count()).toBe(1);
  } finally {
    await b.close();
  }
}

describe('web app in Chromium', () => {
  it('a French seeker registers, builds a profile, sees matches in French, contests one, exports and erases', async () => {
    await seekerJourney({
      lang: 'fr',
      login: 'fatou.d',
      name: 'Fatou',
      residence: 'SN',
      title: 'infirmière',
      years: '6',
      skills: ['soins infirmiers', 'surveiller les signes vitaux', 'administrer des médicaments'],
      languages: [['fr', 'C2'], ['de', 'B1']],
      destinations: ['DE', 'FR', 'BE'],
      suggestProbe: 'soins inf',
      contest: 'Je suis infirmière diplômée : les offres de maçon ne me correspondent pas.',
    });
  });

  it('an Arabic seeker does the same, right to left', async () => {
    await seekerJourney({
      lang: 'ar',
      login: 'youssef.b',
      name: 'يوسف',
      residence: 'MA',
      title: 'لحام',
      years: '8',
      skills: ['welding', 'read technical drawings', 'لحام القوس الكهربائي'],
      languages: [['ar', 'C2'], ['fr', 'B2']],
      destinations: ['DE', 'ES'],
      suggestProbe: 'weld',
      contest: 'أنا لحّام منذ ثماني سنوات، والترتيب لا يعكس خبرتي.',
    });
  });

  it('Arabic pages are mirrored: right-to-left document, brand at the right, navigation flowing leftwards', async () => {
    const b = await openBrowser('ar');
    try {
      for (const size of [{ width: 360, height: 740 }, { width: 1280, height: 900 }]) {
        await b.page.setViewportSize(size);
        await b.page.goto(`${server.baseUrl}/app/signin?lang=ar`);
        expect(await b.page.getAttribute('html', 'dir')).toBe('rtl');
        const brand = (await b.page.locator('.brand').boundingBox())!;
        expect(brand.x + brand.width).toBeGreaterThan(size.width * 0.8);
        const items = await b.page.locator('.lang-switch li').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
        // On one line, each next item sits to the left of the previous one.
        if (items.every((x, i) => i === 0 || Math.abs(x - items[i - 1]!) > 1)) {
          const sameLine = await b.page.locator('.lang-switch li').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().y))).size === 1);
          if (sameLine) expect(items).toEqual([...items].sort((x, y) => y - x));
        }
        const label = (await b.page.locator('label[for=login]').boundingBox())!;
        const input = (await b.page.locator('#login').boundingBox())!;
        // Labels start at the right edge of the field in RTL.
        expect(Math.abs(label.x + label.width - (input.x + input.width))).toBeLessThan(2);
        await b.page.screenshot({ path: join(process.cwd(), 'var', 'e2e', 'screenshots', `ar-rtl-signin-${size.width}.png`), fullPage: true });
      }
    } finally {
      await b.close();
    }
  });

  it('the matches page is usable within 3 s on emulated slow 3G (cold cache)', async () => {
    const b = await openBrowser('en');
    try {
      await b.page.goto(`${server.baseUrl}/app/register`);
      await b.page.fill('#displayName', 'Speed');
      await b.page.fill('#login', 'speed.check');
      await b.page.fill('#password', 'a long enough passphrase');
      await b.page.fill('#password2', 'a long enough passphrase');
      await Promise.all([b.page.waitForURL(/\/app\/profile/), b.page.press('#password2', 'Enter')]);
      await b.page.selectOption('#residenceCountry', 'PH');
      await b.page.fill('#title-0', 'registered nurse');
      await b.page.fill('#years-0', '5');
      await Promise.all([b.page.waitForURL(/step=2/), b.page.click('button[value=next]')]);
      await b.page.goto(`${server.baseUrl}/app/profile?step=5`);
      await b.page.check('#consentMatching');
      await Promise.all([b.page.waitForURL(/\/app\/matches/), b.page.click('button[value=next]')]);
      expect(await b.page.locator('article.card').count()).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) timings.push(await timeLoad(b, `${server.baseUrl}/app/matches`));
      const usable = timings.map((t) => t.usable).sort((x, y) => x - y)[1]!;
      expect(usable).toBeLessThanOrEqual(3000);
    } finally {
      await b.close();
    }
  });

  it('a ministry user signs in with a key, opens the dashboard, draws a chart and downloads the CSV', async () => {
    const b = await openBrowser('en');
    const { page } = b;
    try {
      await page.goto(`${server.baseUrl}/app/ministry`);
      expect(page.url()).toContain('/app/ministry/signin');
      await checkPage(b, page.url(), 'ministry-signin');
      await page.fill('#key', keys.ministry!);
      await Promise.all([page.waitForURL(/\/app\/ministry$/), page.press('#key', 'Enter')]);
      expect(await page.content()).not.toContain(keys.ministry!);
      const rows = page.locator('#shortage-table tbody tr');
      expect(await rows.count()).toBeGreaterThan(10);
      expect(await page.locator('#freshness-title + p').textContent()).toMatch(/\d{4}/);
      // Accuracy is computed by the service in a background backtest at start-up: its table, or the note that it is not ready.
      const accuracyRows = await page.locator('#accuracy-title ~ .table-wrap tbody tr').count();
      if (accuracyRows === 0) expect(await page.locator('#accuracy-title + p').textContent()).toBe('No accuracy report yet.');
      await checkPage(b, `${server.baseUrl}/app/ministry`, 'ministry-dashboard');
      // Shortage only, then the chart of the first row.
      await page.selectOption('#rating', 'shortage');
      await Promise.all([page.waitForURL(/rating=shortage/), page.click('form[action="/app/ministry"] button')]);
      const ratings = await page.locator('#shortage-table tbody td:nth-child(3)').allTextContents();
      expect(ratings.length).toBeGreaterThan(0);
      expect(new Set(ratings)).toEqual(new Set(['Shortage']));
      const chartHref = (await page.locator('#shortage-table tbody a[href*="chart="]').first().getAttribute('href'))!;
      await checkPage(b, `${server.baseUrl}${chartHref}`, 'ministry-chart');
      expect(await page.locator('#chart img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/app/ministry/shortages.csv"]')]);
      const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
      expect(csv[0]).toMatch(/^source,scheme,code,label,region,kind,period,value/);
      expect(csv.length).toBeGreaterThan(ratings.length);
      expect(csv.slice(1).every((l) => l.includes(',shortage'))).toBe(true);
      // The Arabic dashboard, for the RTL screenshots.
      await page.goto(`${server.baseUrl}/app/ministry?lang=ar`);
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      await checkPage(b, `${server.baseUrl}/app/ministry`, 'ar-ministry-dashboard');
    } finally {
      await b.close();
    }
  });
});
