/// <reference lib="dom" />
// Debian's Chromium driven by playwright-core, with the flags this machine needs, plus axe-core and page-weight
// measurement through the DevTools protocol (the browser's own byte counts and timings).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Browser {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

/** A fresh browser with a fresh profile directory (no cookies, no cache), HTTP cache disabled for measurement. */
export async function openBrowser(lang: string): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: PHONE,
    locale: lang,
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return {
    context,
    page,
    cdp,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface AxeResult {
  url: string;
  violations: { id: string; impact: string | null; help: string; nodes: number; target: string }[];
}

/** axe-core in the page (evaluated through the protocol, so the page's CSP stays on), WCAG 2.0–2.2 A and AA rules. */
export async function runAxe(page: Page): Promise<AxeResult> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const res = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: JSON.stringify(v.nodes[0]?.target ?? []) }));
  });
  return { url: page.url(), violations };
}

export interface Weight {
  url: string;
  bytes: number;
  jsBytes: number;
  requests: number;
}

/** Navigate with an empty cache and count what went over the wire (compressed), by the browser's own figures. */
export async function measureLoad(b: Browser, url: string): Promise<Weight> {
  const types = new Map<string, string>();
  let bytes = 0;
  let jsBytes = 0;
  let requests = 0;
  const onResponse = (e: { requestId: string; type?: string }) => types.set(e.requestId, e.type ?? '');
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    requests += 1;
    bytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') jsBytes += e.encodedDataLength;
  };
  b.cdp.on('Network.responseReceived', onResponse);
  b.cdp.on('Network.loadingFinished', onFinished);
  try {
    await b.page.goto(url, { waitUntil: 'load' });
    await b.page.waitForLoadState('networkidle');
  } finally {
    b.cdp.off('Network.responseReceived', onResponse);
    b.cdp.off('Network.loadingFinished', onFinished);
  }
  return { url, bytes, jsBytes, requests };
}

// Chrome DevTools' "Slow 3G" preset: 400 kbit/s down and up (500 × 0.8), 2,000 ms added round-trip latency.
export const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (500 * 1000) / 8 * 0.8, uploadThroughput: (500 * 1000) / 8 * 0.8 };

export interface PageTiming {
  responseEnd: number;
  domInteractive: number;
  firstContentfulPaint: number;
  load: number;
  /** Content painted and parsed: links and forms work (the script is an enhancement). */
  usable: number;
}

export async function timeLoad(b: Browser, url: string): Promise<PageTiming> {
  await b.cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  try {
    await b.page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    return await b.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
      return {
        responseEnd: nav.responseEnd,
        domInteractive: nav.domInteractive,
        firstContentfulPaint: fcp,
        load: nav.loadEventEnd,
        usable: Math.max(fcp, nav.domInteractive),
      };
    });
  } finally {
    await b.cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
}

export const SHOTS_DIR = join(process.cwd(), 'var', 'e2e', 'screenshots');
mkdirSync(SHOTS_DIR, { recursive: true });

/** Full-page screenshots at phone and desktop widths. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SHOTS_DIR, `${name}-${label}.png`), fullPage: true });
    // What a person sees first on a phone (the README shows these).
    if (label === 'phone') await page.screenshot({ path: join(SHOTS_DIR, `${name}-phone-first-screen.png`) });
  }
  await page.setViewportSize(PHONE);
}
