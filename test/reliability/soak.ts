import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sampleProfile } from '../helper.js';
import { killHard, startServer } from '../server-process.js';

// A soak at a fixed request rate against the real server on loopback: an uncounted warm-up window first (JIT, caches,
// SQLite page cache), then RSS sampled from /proc after every window, p99 per window, and every answer must be a 2xx.

const CONNECTIONS = 8;

export interface SoakReport {
  seconds: number;
  rate: number;
  requests: number;
  errors: number;
  non2xx: number;
  warmupSeconds: number;
  /** RSS (MB) right after the warm-up and at the end (single samples: V8's heap and the allocator's arenas make RSS a
   * saw-tooth of several hundred MB, so these two alone say little). */
  rssWarmMb: number;
  rssEndMb: number;
  /** RSS sampled every 5 s over the measured minutes; growth = median of the last third ÷ median of the first third − 1. */
  rssSamples: number;
  rssFirstMedianMb: number;
  rssLastMedianMb: number;
  rssMinMb: number;
  rssMaxMb: number;
  rssGrowth: number;
  /** Answers by status code (all of them 2xx in a passing soak). */
  statuses: Record<string, number>;
  /** p99 latency (ms) of each window. */
  p99s: number[];
  p50s: number[];
}

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

export async function soak(opts: { seconds: number; rate: number; windowSeconds?: number; warmupSeconds?: number; log?: (s: string) => void }): Promise<SoakReport> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-soak-'));
  // One client key drives all the traffic, so the per-key limits are off here: the soak measures leaks and stability.
  // The heavy queue holds all of the soak's connections (and waits long enough on a busy host): with the default
  // (2 running + 4 waiting) 8 connections can find it full and get 503 — load shedding, which overload.test.ts tests.
  const server = await startServer(
    {
      DATABASE_PATH: join(dir, 'p.db'),
      INDEX_DIR: join(dir, 'index'),
      PASSERELLE_DEMO: '1',
      COST_BUDGET_MS: '0',
      COST_PER_KEY_IN_FLIGHT: '100',
      COST_HEAVY_QUEUE: String(CONNECTIONS),
      COST_QUEUE_WAIT_MS: '60000',
      RATE_LIMIT_MAX: '100000000',
      LOG_LEVEL: 'warn',
    },
    600_000,
  );
  try {
    const base = server.baseUrl;
    const out = server.stdout();
    const employer = /employer\s+(psk_\S+)/.exec(out)?.[1];
    const admin = /admin\s+(psk_\S+)/.exec(out)?.[1];
    if (!employer || !admin) throw new Error(`no employer or admin key printed:\n${out}`);
    const ministryKey = (await (await fetch(`${base}/v1/admin/keys`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: '{"role":"ministry","name":"soak"}' })).json()) as { key: string };
    const ministry = ministryKey.key;
    const reg = (await (await fetch(`${base}/v1/jobseekers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lang":"fr"}' })).json()) as { key: string };
    const seeker = reg.key;
    await fetch(`${base}/v1/candidates/me`, { method: 'PUT', headers: { authorization: `Bearer ${seeker}`, 'content-type': 'application/json' }, body: JSON.stringify(sampleProfile()) });
    const list = (await (await fetch(`${base}/v1/vacancies?limit=20`, { headers: { authorization: `Bearer ${seeker}` } })).json()) as { items: { id: string }[] };
    const vacancyId = list.items[0]?.id ?? 'vac_01jdx0y8a7m2c9t4v6w8z0b1c3';
    const auth = (k: string) => ({ authorization: `Bearer ${k}`, 'content-type': 'application/json' });
    // The three journeys (employer reads, a seeker's explained matches, a ministry's forecasts) plus taxonomy and probes.
    const requests = [
      { method: 'GET' as const, path: '/v1/vacancies?limit=20&country=DE', headers: auth(seeker) },
      { method: 'GET' as const, path: `/v1/vacancies/${vacancyId}`, headers: auth(seeker) },
      { method: 'GET' as const, path: '/v1/candidates/me/matches?limit=10', headers: { ...auth(seeker), 'accept-language': 'fr' } },
      { method: 'GET' as const, path: '/v1/forecasts/shortages?country=AU&limit=5', headers: auth(ministry) },
      { method: 'POST' as const, path: '/v1/taxonomy/occupations/normalize', headers: auth(seeker), body: JSON.stringify({ title: 'infirmière de nuit', lang: 'fr', limit: 3 }) },
      { method: 'GET' as const, path: '/healthz' },
    ];
    const windowSeconds = opts.windowSeconds ?? 60;
    const windows = Math.max(1, Math.round(opts.seconds / windowSeconds));
    const warmupSeconds = opts.warmupSeconds ?? windowSeconds;
    const report: SoakReport = { seconds: windows * windowSeconds, warmupSeconds, rate: opts.rate, requests: 0, errors: 0, non2xx: 0, rssWarmMb: 0, rssEndMb: 0, rssGrowth: 0, rssSamples: 0, rssFirstMedianMb: 0, rssLastMedianMb: 0, rssMinMb: 0, rssMaxMb: 0, statuses: {}, p99s: [], p50s: [] };
    const count = (r: autocannon.Result) => {
      for (const [code, st] of Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})) report.statuses[code] = (report.statuses[code] ?? 0) + st.count;
    };
    const pid = server.child.pid!;
    if (warmupSeconds > 0) {
      const r = await autocannon({ url: base, connections: CONNECTIONS, overallRate: opts.rate, duration: warmupSeconds, requests });
      // Errors count during the warm-up too: only its latency and memory are left out.
      report.errors += r.errors + r.timeouts;
      report.non2xx += r.non2xx;
      report.requests += r.requests.total;
      count(r);
      opts.log?.(`soak warm-up ${warmupSeconds} s: ${r.requests.total} requests, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, RSS ${rssMb(pid).toFixed(0)} MB`);
    }
    report.rssWarmMb = rssMb(pid);
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const v = rssMb(pid);
      if (Number.isFinite(v)) samples.push(v);
    }, 5000);
    for (let w = 0; w < windows; w++) {
      const r = await autocannon({ url: base, connections: CONNECTIONS, overallRate: opts.rate, duration: windowSeconds, requests });
      report.requests += r.requests.total;
      report.errors += r.errors + r.timeouts;
      report.non2xx += r.non2xx;
      count(r);
      report.p99s.push(r.latency.p99);
      report.p50s.push(r.latency.p50);
      const rss = rssMb(pid);
      report.rssEndMb = rss;
      opts.log?.(`soak window ${w + 1}/${windows}: ${r.requests.total} requests, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors + r.timeouts}, RSS ${rss.toFixed(0)} MB`);
    }
    clearInterval(sampler);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
    report.rssSamples = samples.length;
    report.rssFirstMedianMb = median(samples.slice(0, third));
    report.rssLastMedianMb = median(samples.slice(-third));
    report.rssMinMb = Math.min(...samples);
    report.rssMaxMb = Math.max(...samples);
    report.rssGrowth = report.rssFirstMedianMb > 0 ? (report.rssLastMedianMb - report.rssFirstMedianMb) / report.rssFirstMedianMb : 0;
    return report;
  } finally {
    await killHard(server);
    rmSync(dir, { recursive: true, force: true });
  }
}
