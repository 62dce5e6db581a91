/**
 * npm run bench:heavy-request -- --before <checkout of the code to compare with> [--rounds 3 --parallel 16]
 *
 * Issue 12, finding 2, measured side by side: the same host runs the server of another checkout ("before", e.g. a
 * `git archive` of main before the fix, with its node_modules) and this one ("after"), both on the demo data with
 * their default limits, and sends each the same requests in alternating order:
 * - the issue's heavy query (POST /v1/matches/query, 200 skills and 50 long experience titles, ~55 KB) and the
 *   largest query the caps allow (LIST_CAPS: 100 skills, 30 titles), one at a time: wall time and the server
 *   process's CPU time (all threads, /proc/<pid>/stat) per request;
 * - N of the largest accepted query at once, each from its own key: p50 / p99 / max, how many 503s (and how fast),
 *   and /healthz latency and statuses polled every 50 ms meanwhile;
 * - a stored profile with as many skills as accepted (200 before, 100 after), then
 *   GET /v1/candidates/me/matches?limit=100: wall and CPU time.
 * Prints a markdown table; ratios are before ÷ after in one run (absolute times on this shared host are noisy).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, ROOT } from '../test/server-process.js';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    parallel: { type: 'string', default: '16' },
  },
});
if (!values.before) throw new Error('--before <dir>: a checkout of the code to compare with (with node_modules)');
const ROUNDS = Number(values.rounds);
const PARALLEL = Number(values.parallel);
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

const WORDS = 'senior welding fabrication specialist responsible for heavy industrial steel structure assembly quality inspection production'.split(' ');
const longLabel = (i: number) => `${Array.from({ length: 24 }, (_, j) => WORDS[(i + j * 5) % WORDS.length]).join(' ')} ${i}`.slice(0, 200);
const query = (seed: number, skills: number, titles: number) => ({
  title: 'welder',
  skills: Array.from({ length: skills }, (_, i) => ({ label: longLabel(i + seed * 1000) })),
  experience: Array.from({ length: titles }, (_, i) => ({ title: longLabel(i + 500 + seed * 1000), years: i % 10 })),
  languages: [{ code: 'de', level: 'B1' }],
  destinations: ['DE', 'FR'],
});
const ISSUE = { skills: 200, titles: 50 };
const CAPS = { skills: 100, titles: 30 };

interface Server {
  name: string;
  child: ChildProcess;
  base: string;
  keys: string[];
  next: number;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux
const cpuMs = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime, stime (fields 14, 15)
};

async function start(name: string, root: string, dir: string): Promise<Server> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    // Default limits on both sides (under-pressure and the cost pool as shipped); only registration limits are raised
    // so the bench can make its keys, and the reference forecast refit (minutes of background CPU) is off.
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: join(dir, 'p.db'),
      INDEX_DIR: join(dir, 'index'),
      PASSERELLE_DEMO: '1',
      FORECAST_REFERENCE_REFIT: 'none',
      ANON_RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_MAX: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`${name} not ready in 600 s:\n${out}`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const keys: string[] = [];
  for (let i = 0; i < PARALLEL * 2 + ROUNDS * 4 + 4; i++) {
    const res = await fetch(`${base}/v1/jobseekers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lang":"en"}' });
    if (res.status !== 201) throw new Error(`${name}: registration ${res.status} ${await res.text()}`);
    keys.push(((await res.json()) as { key: string }).key);
  }
  log(`${name} ready at ${base}`);
  return { name, child, base, keys, next: 0 };
}

const key = (s: Server) => s.keys[s.next++ % s.keys.length]!;
const auth = (k: string) => ({ authorization: `Bearer ${k}`, 'content-type': 'application/json' });

async function timed(s: Server, path: string, init: RequestInit): Promise<{ status: number; ms: number; cpu: number; body: string }> {
  const pid = s.child.pid!;
  const c0 = cpuMs(pid);
  const t0 = performance.now();
  const res = await fetch(`${s.base}${path}`, init);
  const body = await res.text();
  const ms = performance.now() - t0;
  return { status: res.status, ms, cpu: cpuMs(pid) - c0, body };
}

const post = (s: Server, body: unknown) => timed(s, '/v1/matches/query?limit=100', { method: 'POST', headers: auth(key(s)), body: JSON.stringify(body) });

const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length ? a[Math.floor((a.length - 1) / 2)]! : NaN;
};
const pct = (xs: number[], p: number) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length ? a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)]! : NaN;
};
const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');

async function parallel(s: Server, shape: { skills: number; titles: number }, seed: number) {
  let polling = true;
  const health: { status: number; ms: number }[] = [];
  const poller = (async () => {
    while (polling) {
      const t0 = performance.now();
      try {
        const r = await fetch(`${s.base}/healthz`);
        await r.text();
        health.push({ status: r.status, ms: performance.now() - t0 });
      } catch {
        health.push({ status: 0, ms: performance.now() - t0 });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const c0 = cpuMs(s.child.pid!);
  const t0 = performance.now();
  const all = await Promise.all(
    Array.from({ length: PARALLEL }, async (_, i) => {
      const res = await fetch(`${s.base}/v1/matches/query?limit=100`, { method: 'POST', headers: auth(key(s)), body: JSON.stringify(query(seed * 100 + i, shape.skills, shape.titles)) });
      await res.text();
      return { status: res.status, ms: performance.now() - t0 };
    }),
  );
  const wall = performance.now() - t0;
  polling = false;
  await poller;
  const ok = all.filter((a) => a.status === 200).map((a) => a.ms);
  const shed = all.filter((a) => a.status === 503).map((a) => a.ms);
  const other = all.filter((a) => a.status !== 200 && a.status !== 503).map((a) => a.status);
  return {
    all: all.map((a) => a.ms),
    ok,
    shed,
    other,
    wall,
    cpu: cpuMs(s.child.pid!) - c0,
    health,
  };
}

async function main() {
  const dirs = [mkdtempSync(join(tmpdir(), 'passerelle-heavy-b-')), mkdtempSync(join(tmpdir(), 'passerelle-heavy-a-'))];
  // Started one after the other: two model loads at once would only slow both.
  const before = await start('before', resolve(values.before!), dirs[0]!);
  const after = await start('after', ROOT, dirs[1]!);
  const servers = [before, after];
  const seq: Record<string, Record<string, { ms: number[]; cpu: number[]; status: Set<number> }>> = {};
  const rec = (s: Server, what: string, r: { ms: number; cpu: number; status: number }) => {
    const m = ((seq[s.name] ??= {})[what] ??= { ms: [], cpu: [], status: new Set() });
    m.ms.push(r.ms);
    m.cpu.push(r.cpu);
    m.status.add(r.status);
  };
  try {
    // Warm-up: one small query each (model JIT, SQLite page cache).
    for (const s of servers) await post(s, query(999, 5, 2));
    log('sequential heavy queries');
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [after, before] : servers) {
        for (const [what, shape] of [['issue', ISSUE], ['caps', CAPS]] as const) {
          const res = await post(s, query(r + 1, shape.skills, shape.titles));
          rec(s, what, res);
          log(`  ${s.name} ${what}: ${res.status} ${f0(res.ms)} ms, CPU ${res.cpu} ms`);
        }
      }
    }
    log(`${PARALLEL} in parallel`);
    const par: Record<string, Awaited<ReturnType<typeof parallel>>> = {};
    for (const s of servers) {
      // The largest accepted query on each side: the issue's before, the caps' after.
      const shape = s === before ? ISSUE : CAPS;
      par[s.name] = await parallel(s, shape, s === before ? 50 : 60);
      const p = par[s.name]!;
      log(`  ${s.name}: wall ${f0(p.wall)} ms, 200s ${p.ok.length}, 503s ${p.shed.length}, other ${p.other.join(',') || '–'}, healthz max ${f0(Math.max(...p.health.map((h) => h.ms)))} ms`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    log('stored profile, GET matches?limit=100');
    const stored: Record<string, { put: { status: number; ms: number; cpu: number }; get: { ms: number[]; cpu: number[]; status: Set<number>; items: number } ; reject200?: number }> = {};
    for (const s of servers) {
      const k = key(s);
      const n = s === before ? 200 : 100;
      const profile = {
        displayName: 'Heavy profile',
        skills: Array.from({ length: n }, (_, i) => ({ label: longLabel(i + 7000) })),
        experience: Array.from({ length: s === before ? 50 : 30 }, (_, i) => ({ title: longLabel(i + 8000), years: i % 10, country: 'MA' })),
        languages: [{ code: 'fr', level: 'C1' }, { code: 'de', level: 'B1' }],
        residenceCountry: 'MA',
        destinations: ['DE', 'FR'],
        consent: { matching: true, visibleToEmployers: true },
      };
      const put = await timed(s, '/v1/candidates/me', { method: 'PUT', headers: auth(k), body: JSON.stringify(profile) });
      if (put.status !== 200) throw new Error(`${s.name}: PUT profile ${put.status} ${put.body.slice(0, 300)}`);
      const entry = { put, get: { ms: [] as number[], cpu: [] as number[], status: new Set<number>(), items: 0 }, reject200: undefined as number | undefined };
      if (s === after) {
        const r = await timed(s, '/v1/candidates/me', { method: 'PUT', headers: auth(key(s)), body: JSON.stringify({ ...profile, skills: Array.from({ length: 200 }, (_, i) => ({ label: longLabel(i + 7000) })) }) });
        entry.reject200 = r.status;
      }
      stored[s.name] = entry;
      (s as Server & { storedKey?: string }).storedKey = k;
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [after, before] : servers) {
        const k = (s as Server & { storedKey?: string }).storedKey!;
        const res = await timed(s, '/v1/candidates/me/matches?limit=100', { method: 'GET', headers: auth(k) });
        const e = stored[s.name]!.get;
        e.ms.push(res.ms);
        e.cpu.push(res.cpu);
        e.status.add(res.status);
        if (res.status === 200) e.items = (JSON.parse(res.body) as { items: unknown[] }).items.length;
        log(`  ${s.name}: ${res.status} ${f0(res.ms)} ms, CPU ${res.cpu} ms`);
      }
    }

    // The table.
    const b = seq.before!;
    const a = seq.after!;
    const lines: string[] = [];
    lines.push(`| measure (median of ${ROUNDS} rounds, same host, alternating) | before | after | before ÷ after |`);
    lines.push('|---|---|---|---|');
    const row = (label: string, x: number, y: number, unit = 'ms') => lines.push(`| ${label} | ${f0(x)} ${unit} | ${f0(y)} ${unit} | ${(x / y).toFixed(1)}× |`);
    lines.push(`| issue's query (200 skills, 50 titles, ${(JSON.stringify(query(1, 200, 50)).length / 1024).toFixed(0)} KB): status | ${[...b.issue!.status].join(',')} | ${[...a.issue!.status].join(',')} | |`);
    row("issue's query: server CPU per request", median(b.issue!.cpu), median(a.issue!.cpu));
    row("issue's query: wall time", median(b.issue!.ms), median(a.issue!.ms));
    lines.push(`| largest query the caps allow (100 skills, 30 titles, ${(JSON.stringify(query(1, 100, 30)).length / 1024).toFixed(0)} KB): status | ${[...b.caps!.status].join(',')} | ${[...a.caps!.status].join(',')} | |`);
    row('largest allowed query: server CPU per request', median(b.caps!.cpu), median(a.caps!.cpu));
    row('largest allowed query: wall time', median(b.caps!.ms), median(a.caps!.ms));
    row("heaviest accepted query (before: the issue's; after: the caps'): CPU per request", median(b.issue!.cpu), median(a.caps!.cpu));
    const pb = par.before!;
    const pa = par.after!;
    const parRow = (label: string, f: (p: typeof pb) => string) => lines.push(`| ${label} | ${f(pb)} | ${f(pa)} | |`);
    parRow(`${PARALLEL} heaviest accepted queries at once: answers`, (p) => `${p.ok.length}× 200, ${p.shed.length}× 503${p.other.length ? `, ${p.other.join(',')}` : ''}`);
    parRow('  latency of all, p50 / p99', (p) => `${f0(pct(p.all, 50))} / ${f0(pct(p.all, 99))} ms`);
    parRow('  latency of the 200s, p50 / p99', (p) => `${f0(pct(p.ok, 50))} / ${f0(pct(p.ok, 99))} ms`);
    parRow('  latency of the 503s, max', (p) => (p.shed.length ? `${f0(Math.max(...p.shed))} ms` : '–'));
    parRow('  all answered after', (p) => `${f0(p.wall)} ms`);
    parRow('  /healthz meanwhile (every 50 ms): p50 / max, statuses', (p) => `${f0(pct(p.health.map((h) => h.ms), 50))} / ${f0(Math.max(...p.health.map((h) => h.ms)))} ms, ${[...new Set(p.health.map((h) => h.status))].map((st) => `${p.health.filter((h) => h.status === st).length}× ${st}`).join(', ')}`);
    const sb = stored.before!;
    const sa = stored.after!;
    lines.push(`| stored profile: skills stored (PUT) | 200 (${sb.put.status}) | 100 (${sa.put.status}); 200 → ${sa.reject200} | |`);
    row('stored profile: PUT, server CPU', sb.put.cpu, sa.put.cpu);
    row('GET /v1/candidates/me/matches?limit=100: wall time', median(sb.get.ms), median(sa.get.ms));
    row('GET /v1/candidates/me/matches?limit=100: server CPU', median(sb.get.cpu), median(sa.get.cpu));
    lines.push(`| GET matches: items returned | ${sb.get.items} | ${sa.get.items} | |`);
    console.log(lines.join('\n'));
  } finally {
    for (const s of servers) s.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

await main();
