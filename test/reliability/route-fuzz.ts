import fc from 'fast-check';
import { z } from 'zod';
import type { LightMyRequestResponse } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../../src/errors.js';
import { CreateVacancySchema } from '../../src/schemas/vacancy.js';
import { RESERVED_SOURCES, SeriesLineSchema } from '../../src/forecast/user-series.js';
import { mulberry32 } from '../../src/seeded-random.js';
import type { RouteTableEntry } from '../../src/plugins/auth.js';
import { concreteUrl, PATH_PARAM_SAMPLES, sampleProfile, sampleVacancy, type TestApp } from '../helper.js';
import { arbitraryFor, mutate, type Mutation } from './zod-arbitrary.js';
import { installWriteCounter } from './state-probe.js';

// Every route, every role, schema-driven bodies: valid-but-extreme and one-mutation invalid ones, plus the NDJSON
// parser of the bulk import. Each answer is checked against what the API documents, not only for "no 5xx".

type Caller = 'admin' | 'employer' | 'jobseeker' | 'ministry' | 'anonymous' | 'invalid-key';
const ROLES = ['admin', 'employer', 'jobseeker', 'ministry'] as const;

export interface FuzzReport {
  requests: number;
  serverErrors: number;
  byStatus: Record<string, number>;
  /** Requests per kind of input: valid-extreme bodies, invalid bodies, wrong roles, NDJSON lines, … */
  kinds: Record<string, number>;
  /** Routes whose valid input reached a 2xx at least once. */
  routesWith2xx: number;
  routes: number;
  checks: Record<string, { pass: number; fail: number }>;
  failures: string[];
  /** Routes no generated input reached a 2xx on (diagnostics). */
  routesWithout2xx?: string[];
  /** The routes that took longest (diagnostics). */
  slowest?: string[];
}

export interface FuzzOptions {
  requests: number;
  seed: number;
  onProgress?: (done: number) => void;
}

/** Routes that cost much per call get fewer of the requests. */
const weightOf = (r: RouteTableEntry): number => {
  if (r.url.includes('/rebuild')) return 0.05;
  if (r.url === '/v1/admin/index') return 0.2; // measureRecall=true runs exact scans over 36k label vectors
  if (r.config?.cost === 'bulk') return 0.6;
  if (r.config?.cost === 'heavy') return 0.5;
  return 1;
};

const ZOD_RULES = new Set(['invalid_type', 'too_big', 'too_small', 'invalid_format', 'not_multiple_of', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_element', 'invalid_value']);

const openapiPath = (url: string) => url.replace('::', '\u0000').replace(/:([A-Za-z]+)/g, '{$1}').replace('\u0000', ':');

export async function fuzzRoutes(t: TestApp, opts: FuzzOptions): Promise<FuzzReport> {
  const rnd = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const report: FuzzReport = { requests: 0, serverErrors: 0, byStatus: {}, kinds: {}, routesWith2xx: 0, routes: 0, checks: {}, failures: [] };
  const check = (name: string, ok: boolean, what: () => string) => {
    const c = (report.checks[name] ??= { pass: 0, fail: 0 });
    if (ok) c.pass++;
    else {
      c.fail++;
      if (report.failures.length < 50) report.failures.push(`${name}: ${what()}`);
    }
  };
  const kind = (k: string) => (report.kinds[k] = (report.kinds[k] ?? 0) + 1);
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

  // --- fixtures: one tenant per role, and real ids so that requests reach the handlers ---
  const req = (key: string | null, o: Parameters<TestApp['request']>[1]) => t.request(key, o);
  const employerA = t.employer('DE');
  const employerB = t.employer('FR');
  const seeker = t.jobseeker();
  const ministry = t.keyFor('ministry');
  const keys: Record<Caller, () => string | null> = {
    admin: () => t.admin.key,
    employer: () => employerA.key,
    jobseeker: () => seeker.key,
    ministry: () => ministry,
    anonymous: () => null,
    'invalid-key': () => `psk_${'x'.repeat(40)}`,
  };
  await req(seeker.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile() });
  const pools: Record<string, string[]> = { vacancies: [], employers: [employerA.employerId, employerB.employerId], candidates: [], keys: [], records: [], matches: [], contests: [] };
  for (let i = 0; i < 3; i++) {
    const v = await req(employerA.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ title: `Fuzz welder ${i}` }) });
    pools.vacancies!.push(v.json().id);
  }
  pools.vacancies!.push((await req(employerB.key, { method: 'POST', url: '/v1/vacancies', payload: sampleVacancy({ country: 'FR' }) })).json().id);
  for (let i = 0; i < 3; i++) {
    const c = t.jobseeker();
    await req(c.key, { method: 'PUT', url: '/v1/candidates/me', payload: sampleProfile({ displayName: `Fuzz ${i}` }) });
    pools.candidates!.push(c.candidateId);
  }
  const ranking = (await req(seeker.key, { method: 'GET', url: '/v1/candidates/me/matches' })).json() as { auditId?: string };
  if (ranking.auditId) pools.records!.push(ranking.auditId), pools.matches!.push(ranking.auditId);
  const k = await req(t.admin.key, { method: 'POST', url: '/v1/admin/keys', payload: { role: 'ministry', name: 'fuzz' } });
  if (k.statusCode === 201) pools.keys!.push(k.json().id);
  if (ranking.auditId) {
    const c = await req(seeker.key, { method: 'POST', url: `/v1/matches/${ranking.auditId}/contest`, payload: { message: 'I disagree with this ranking.' } });
    if (c.statusCode === 201) pools.contests!.push(c.json().id);
  }
  // Screening holds an ad that makes the worker pay a placement fee: its review is a real id for the admin routes.
  await req(employerA.key, {
    method: 'POST',
    url: '/v1/vacancies',
    payload: sampleVacancy({ title: 'Seasonal farm worker', description: 'Harvest work on a fruit farm. Placement fee of USD 1,500 payable by the worker before departure.' }),
  });
  pools.screening = ((await req(t.admin.key, { method: 'GET', url: '/v1/admin/screening' })).json() as { items?: { id: string }[] }).items?.map((r) => r.id) ?? [];
  // A ministry's own series: its source and its refit job are real ids for the series routes.
  const upload = await req(ministry, {
    method: 'POST',
    url: '/v1/series',
    headers: { 'content-type': 'application/x-ndjson' },
    payload: [1, 2, 3].map((m) => JSON.stringify({ ...(SERIES_LINES.sample('ministry') as object), period: `2024-0${m}` })).join('\n'),
  });
  pools.jobs = ((upload.json() as { uploads?: { jobId: string }[] }).uploads ?? []).map((u) => u.jobId);
  pools.series = pools.jobs.length ? [(SERIES_LINES.sample('ministry') as { source: string }).source] : [];
  await t.app.forecastJobs.whenIdle();
  const special: Record<string, string[]> = {
    index: ['vacancies', 'candidates', 'taxonomy-labels'],
    occupations: ['2221', 'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1'],
    skills: ['http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab'],
  };
  // Queries that pass rules beyond the schema's types (a ministry's fairness report is on the publication grid: a
  // quarter that has ended, nothing else): sent for some of the requests so those handlers answer 2xx too.
  const lastEndedQuarter = (() => {
    const now = new Date();
    const q = Math.floor(now.getUTCMonth() / 3); // the current quarter, 0-based; the one before it has ended
    return q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
  })();
  const knownGoodQueries: Record<string, Record<string, string>[]> = {
    'GET /v1/fairness/report': [{ period: lastEndedQuarter }, { period: lastEndedQuarter, attribute: 'ageBand', format: 'csv' }],
  };
  const counter = installWriteCounter(t.app.sqlite);

  // The JSON API and the probes (the web pages under /app have their own tests).
  const routes = t.app.routeTable.filter((r) => r.url.startsWith('/v1/') || r.url === '/healthz' || r.url === '/readyz');
  report.routes = routes.length;
  const totalWeight = routes.reduce((a, r) => a + weightOf(r), 0);
  // (No all-dot segments: URL rules resolve "." and ".." — even percent-encoded — into another route.)
  const garbage = fc
    .sample(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('a..b', '%00', '%2F', 'x'.repeat(301), '💥', "' OR 1=1 --")), { numRuns: 400, seed: opts.seed })
    .filter((g) => !/^\.*$/.test(g));
  const routes2xx = new Set<string>();
  const statusByRoute: Record<string, Record<number, number>> = {};

  const routeMs: Record<string, number> = {};
  for (const route of routes) {
    const started = performance.now();
    const quota = Math.max(6, Math.ceil((opts.requests * weightOf(route)) / totalWeight));
    const where = `${route.method} ${route.url}`;
    const schema = (route.schema ?? {}) as { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType };
    // The two NDJSON routes: the vacancies' bulk import and a ministry's series upload (each line its own result).
    const isBulk = route.config?.cost === 'bulk';
    const lines: NdjsonKind | null = !isBulk ? null : route.url.startsWith('/v1/series') ? SERIES_LINES : VACANCY_LINES;
    const bodySchema = lines ? lines.schema : schema.body;
    const takesBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    const bodies = bodySchema ? fc.sample(arbitraryFor(bodySchema), { numRuns: quota, seed: opts.seed + quota }) : [];
    const queries = schema.querystring ? fc.sample(arbitraryFor(schema.querystring), { numRuns: quota, seed: opts.seed + 7 }) : [];
    const documented = doc.paths[openapiPath(route.url)]?.[route.method.toLowerCase()]?.responses ?? {};
    const allowed: Caller[] = route.roles === 'public' ? [...ROLES, 'anonymous'] : [...route.roles];
    const denied: Caller[] = route.roles === 'public' ? [] : ['anonymous', 'invalid-key', ...ROLES.filter((r) => !route.roles.includes(r))];

    for (let i = 0; i < quota; i++) {
      const caller: Caller = denied.length && rnd() < 0.25 ? pick(denied) : allowed[i % allowed.length]!;
      let key = keys[caller]();
      // Erasing one's own profile ends the key: those calls use a profile of their own.
      if (route.method === 'DELETE' && route.url === '/v1/candidates/me' && caller === 'jobseeker') key = t.jobseeker().key;
      // Params: a real id most of the time, else a well-formed unknown one or garbage.
      let paramsValid = true;
      const url = concreteUrl(route.url, (_p, seg) => {
        const roll = rnd();
        const pool = special[seg] ?? pools[seg] ?? [];
        if (roll < 0.7 && pool.length) return encodeURIComponent(pick(pool));
        if (roll < 0.85 && PATH_PARAM_SAMPLES[seg]) return PATH_PARAM_SAMPLES[seg]!;
        paramsValid = false;
        return encodeURIComponent(pick(garbage));
      });
      // Query: generated from its schema, sometimes with an unknown parameter or a garbage value.
      let query = '';
      let queryValid = true;
      if (schema.querystring) {
        let q = { ...((queries[i] ?? {}) as Record<string, unknown>) };
        // The generator knows a schema's types, not its cross-field rules (one of esco or isco, a cursor it issued):
        // half of the generated queries that a route would refuse are replaced by the bare query when that is valid,
        // so the handlers behind such routes are reached too.
        const asSent = (v: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null).map(([n, x]) => [n, Array.isArray(x) ? x.join(',') : String(x)]));
        if (!schema.querystring.safeParse(asSent(q)).success && schema.querystring.safeParse({}).success && rnd() < 0.5) q = {};
        const good = knownGoodQueries[where];
        if (good && rnd() < 0.3) q = { ...pick(good) };
        if (rnd() < 0.15) {
          q.zzUnknown = 'x';
          queryValid = false;
        }
        const flat = Object.entries(q)
          .filter(([, v]) => v !== undefined && v !== null)
          .map(([name, v]): [string, string] => [name, Array.isArray(v) ? v.join(',') : String(v)]);
        query = new URLSearchParams(flat).toString();
        if (!schema.querystring.safeParse(Object.fromEntries(flat)).success) queryValid = false;
      }
      // Body: valid-but-extreme, one mutation away from valid, or not JSON at all.
      let payload: string | undefined;
      let contentType = isBulk ? 'application/x-ndjson' : 'application/json';
      let mutation: Mutation | null = null;
      let bodyKind = 'none';
      let ndjson: { lines: { text: string; valid: boolean | null }[] } | null = null;
      if (takesBody) {
        const roll = rnd();
        if (isBulk) {
          ndjson = ndjsonBody(lines!, bodies, caller, rnd);
          payload = ndjson.lines.map((l) => l.text).join(rnd() < 0.3 ? '\r\n' : '\n');
          bodyKind = 'ndjson';
        } else if (!bodySchema) {
          payload = rnd() < 0.5 ? '{}' : JSON.stringify(fc.sample(fc.jsonValue({ maxDepth: 2 }), { numRuns: 1, seed: opts.seed + i })[0]);
          bodyKind = 'free';
        } else if (roll < 0.5) {
          const v = bodies[i];
          bodyKind = bodySchema.safeParse(v).success ? 'valid-extreme' : 'generated-invalid';
          payload = JSON.stringify(v);
        } else if (roll < 0.9) {
          const base = bodies[i];
          mutation = bodySchema.safeParse(base).success ? mutate(bodySchema, base, rnd) : null;
          bodyKind = mutation ? `invalid:${mutation.kind}` : 'generated-invalid';
          payload = JSON.stringify(mutation ? mutation.value : base);
        } else {
          payload = pick(['{"title": ', '[]', 'null', '"text"', '{"a":1}{"b":2}', '\u0000']);
          bodyKind = 'malformed';
        }
        // (A route whose body is optional may get none: then there is no content type to refuse.)
        if (payload !== undefined && rnd() < 0.05) {
          contentType = pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', isBulk ? 'application/json' : 'application/x-ndjson']);
          bodyKind = 'wrong-content-type';
        }
      }
      kind(`caller:${allowed.includes(caller) ? 'allowed' : 'denied'}`);
      kind(`body:${bodyKind.replace(/^invalid:.*/, 'invalid-mutation')}`);

      // A series upload starts a refit in the background that writes its progress and models; it must settle, or
      // its writes would be charged to whichever request comes next.
      await t.app.forecastJobs.whenIdle();
      const before = counter.writes();
      let res: LightMyRequestResponse;
      try {
        res = await req(key, {
          method: route.method as 'GET',
          url: `${url}${query ? `?${query}` : ''}`,
          ...(payload !== undefined ? { payload, headers: { 'content-type': contentType } } : {}),
        });
      } catch (err) {
        check('no crash', false, () => `${where}: ${(err as Error).message}`);
        continue;
      }
      report.requests++;
      opts.onProgress?.(report.requests);
      const status = res.statusCode;
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      const tag = () => `${where} as ${caller} (${bodyKind}${mutation ? ` at ${mutation.path}` : ''}) → ${status} ${res.body.slice(0, 240)}`;
      if (status >= 500) report.serverErrors++;
      check('no 5xx', status < 500, tag);
      check('status documented in OpenAPI', String(status) in documented, tag);
      if (status >= 200 && status < 300) routes2xx.add(where);
      const byRoute = (statusByRoute[where] ??= {});
      byRoute[status] = (byRoute[status] ?? 0) + 1;
      if (status >= 400) {
        let code: ErrorCode | undefined;
        try {
          code = (res.json() as { error?: { code?: ErrorCode } }).error?.code;
        } catch {
          code = undefined;
        }
        check('error envelope with a catalogued code of that status', !!code && ERROR_STATUS[code] === status, tag);
        check('4xx leaves the database unchanged', counter.writes() === before, tag);
      }
      // The documented answer for this kind of input.
      if (!allowed.includes(caller)) {
        const want = caller === 'anonymous' || caller === 'invalid-key' ? 401 : 403;
        // A path parameter too long for the router is refused before any route (and its roles) is known.
        const routerRefused = !paramsValid && status === 400;
        check('wrong caller: 401 without a valid key, 403 for a wrong role', status === want || routerRefused, tag);
        continue;
      }
      if (bodyKind === 'wrong-content-type') {
        // A path parameter too long for the router is refused (400) before the route's media type is looked at.
        check('wrong content type: 415', status === 415 || (!paramsValid && status === 400), tag);
        continue;
      }
      if (mutation && paramsValid && queryValid && bodyKind.startsWith('invalid:')) {
        const details = status === 400 ? ((res.json() as { error: { details?: { path: string }[] } }).error.details ?? []) : [];
        const want = `body.${mutation.path}`;
        const named = details.some((d) => d.path === want || d.path.startsWith(`${want}.`) || want.startsWith(`${d.path}.`) || d.path === 'body');
        check('invalid body: 400 naming the field', status === 400 && named, () => `${tag()} (wanted ${want})`);
      }
      if (bodyKind === 'valid-extreme' && paramsValid && queryValid) {
        // A schema-valid body may still break a domain rule checked by the handler (a referenced id that does not
        // exist, dates against stored values); what must not happen is a schema rule refusing it.
        const bodyRejected =
          status === 400 &&
          ((res.json() as { error: { details?: { path: string; rule: string }[] } }).error.details ?? []).some((d) => d.path.startsWith('body') && ZOD_RULES.has(d.rule));
        check('valid body passes validation', !bodyRejected, tag);
      }
      if (ndjson && (status === 200 || status === 202)) {
        const out = lines!.counts(res.json());
        const nonBlank = ndjson.lines.map((l, n) => ({ ...l, n: n + 1 })).filter((l) => l.text.trim() !== '');
        check('NDJSON: one result per non-blank line, numbered as sent', out.results.length === nonBlank.length && out.results.every((r, j) => r.line === nonBlank[j]!.n), tag);
        const expectCreated = nonBlank.filter((l) => l.valid).length;
        const allValidCreated = out.results.every((r, j) => nonBlank[j]!.valid === null || (nonBlank[j]!.valid ? r.status === 201 : r.status === 400));
        check('NDJSON: valid lines created, invalid lines refused with their line number', allValidCreated && (out.created === expectCreated || nonBlank.some((l) => l.valid === null)), tag);
        check('NDJSON: created + failed = lines', out.created + out.failed === nonBlank.length, tag);
        for (const r of out.results) if (r.status === 400) check('NDJSON: an error names its line', !!r.error?.message.startsWith(`line ${r.line}:`), tag);
        report.kinds['ndjson-lines'] = (report.kinds['ndjson-lines'] ?? 0) + nonBlank.length;
      }
    }
    routeMs[where] = performance.now() - started;
  }
  report.routesWith2xx = routes2xx.size;
  report.routesWithout2xx = routes
    .map((r) => `${r.method} ${r.url}`)
    .filter((w) => !routes2xx.has(w))
    .map((w) => `${w} (${Object.entries(statusByRoute[w] ?? {}).map(([st, n]) => `${n}× ${st}`).join(', ')})`);
  report.slowest = Object.entries(routeMs)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([r, ms]) => `${r} ${Math.round(ms / 1000)} s`);
  return report;
}

interface NdjsonKind {
  schema: z.ZodType;
  /** A line that must be accepted (for this caller: series sources belong to the key that first uploads them). */
  sample: (caller: Caller) => unknown;
  /** Whether a line is accepted: the schema, plus the route's own rules. */
  accepts: (value: unknown) => boolean;
  /** The per-line results and the totals of the answer. */
  counts: (body: any) => { results: { line: number; status: number; error?: { message: string } }[]; created: number; failed: number };
}

const VACANCY_LINES: NdjsonKind = {
  schema: CreateVacancySchema,
  sample: () => sampleVacancy(),
  accepts: (v) => CreateVacancySchema.safeParse(v).success,
  counts: (b) => b,
};

const SCHEMES_WITH_COUNTRY = new Set(['anzsco', 'soc', 'naics']);
const SERIES_LINES: NdjsonKind = {
  schema: SeriesLineSchema,
  sample: (caller) => ({ source: `fuzz-${caller}`, scheme: 'isco', code: '7212', region: 'DE1', country: 'DE', period: '2024-03', value: 41 }),
  accepts: (v) => {
    const p = SeriesLineSchema.safeParse(v);
    return p.success && (!!p.data.country || SCHEMES_WITH_COUNTRY.has(p.data.scheme)) && !(RESERVED_SOURCES as readonly string[]).includes(p.data.source);
  },
  counts: (b) => ({ results: b.results, created: b.accepted, failed: b.rejected }),
};

/** An NDJSON body: valid lines at their extremes, mutated ones, malformed JSON, blank lines, a BOM. */
function ndjsonBody(kind: NdjsonKind, generated: unknown[], caller: Caller, rnd: () => number): { lines: { text: string; valid: boolean | null }[] } {
  // Series lines name a source; another key's source refuses the whole upload (409), so valid lines use the caller's.
  const bodies = kind === SERIES_LINES ? generated.map((g) => ({ ...(g as object), source: (kind.sample(caller) as { source: string }).source })) : generated;
  const n = 1 + Math.floor(rnd() * 12);
  const lines: { text: string; valid: boolean | null }[] = [];
  for (let i = 0; i < n; i++) {
    const roll = rnd();
    const base = bodies[Math.floor(rnd() * bodies.length)] ?? kind.sample(caller);
    if (roll < 0.5) {
      lines.push({ text: JSON.stringify(base), valid: kind.accepts(base) });
    } else if (roll < 0.75) {
      const m = kind.schema.safeParse(base).success ? mutate(kind.schema, base, rnd) : null;
      const value = m ? m.value : { title: 1 };
      lines.push({ text: JSON.stringify(value), valid: kind.accepts(value) });
    } else if (roll < 0.85) {
      lines.push({ text: ['{"title":', '{]', 'nul', '"just a string"', '[1,2]', '{"a":1} trailing'][Math.floor(rnd() * 6)]!, valid: false });
    } else if (roll < 0.95) {
      lines.push({ text: rnd() < 0.5 ? '' : '   \t', valid: null });
    } else {
      const extreme = kind === SERIES_LINES ? { ...(kind.sample(caller) as object), code: 'A'.repeat(80), value: 1e12 } : sampleVacancy({ title: 'A' + '\u00e9'.repeat(150) });
      lines.push({ text: JSON.stringify(extreme), valid: kind.accepts(extreme) });
    }
  }
  if (lines.every((l) => l.text.trim() === '')) lines.push({ text: JSON.stringify(kind.sample(caller)), valid: true });
  return { lines };
}
