import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, killHard, type ServerProcess } from './server-process.js';
import { sampleProfile, sampleVacancy } from './helper.js';
import { ISO_COUNTRIES } from '../src/schemas/common.js';

/**
 * Several real API processes on one PostgreSQL (issue 15): start, stop, kill -9 and restart replicas, and the HTTP
 * calls the multi-replica test and `bench:scale` make. Each replica has its own REPLICA_DIR; they share a snapshot
 * directory and the audit MAC keys (the chain is verified across every replica's records).
 */
export interface Replica {
  name: string;
  env: Record<string, string>;
  proc: ServerProcess;
  base: string;
}

export interface CallResult {
  status: number;
  body: any;
  headers: Headers;
  ms: number;
}

export async function call(base: string, key: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<CallResult> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers, ms: performance.now() - t0 };
}

/** Fixed MAC key shared by all replicas (test only): records signed by one must verify on every other. */
const SHARED_MAC = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

export class ReplicaCluster {
  readonly replicas = new Map<string, Replica>();
  constructor(
    readonly databaseUrl: string,
    readonly dir: string,
    readonly extraEnv: Record<string, string> = {},
  ) {
    mkdirSync(join(dir, 'shared'), { recursive: true });
  }

  envFor(name: string, over: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      DATABASE_PATH: join(this.dir, `${name}-unused.db`),
      KEYRING_PATH: join(this.dir, 'keyring.json'),
      AUDIT_MAC_KEYS: SHARED_MAC,
      AUDIT_ANCHOR_PATH: join(this.dir, `${name}-anchor.jsonl`),
      INDEX_DIR: join(this.dir, `${name}-index`),
      REPLICA_DIR: join(this.dir, `replica-${name}`),
      REPLICA_SNAPSHOT_DIR: join(this.dir, 'shared'),
      REPLICA_POLL_MS: '200',
      PASSERELLE_DEMO: '0',
      TAXONOMY_WARMUP: '0',
      REFERENCE_SERIES_LOAD: '0',
      FORECAST_REFERENCE_REFIT: 'none',
      FAIRNESS_ALERT_INTERVAL_S: '0',
      AUDIT_HEAD_INTERVAL_S: '0',
      // Load is the point here: no per-key or global shedding, no rate limits.
      RATE_LIMIT_MAX: '1000000',
      ANON_RATE_LIMIT_MAX: '100000',
      COST_PER_KEY_IN_FLIGHT: '10000',
      COST_HEAVY_QUEUE: '10000',
      COST_QUEUE_WAIT_MS: '60000',
      COST_BUDGET_MS: '0',
      ...this.extraEnv,
      ...over,
    };
  }

  async start(name: string, over: Record<string, string> = {}, timeoutMs = 120_000): Promise<Replica> {
    const env = this.envFor(name, over);
    const proc = await startServer(env, timeoutMs);
    const r = { name, env, proc, base: proc.baseUrl };
    this.replicas.set(name, r);
    return r;
  }

  /** Start several replicas at once (they load their models in parallel). */
  async startAll(names: string[]): Promise<Replica[]> {
    return Promise.all(names.map((n) => this.start(n)));
  }

  async kill(name: string): Promise<void> {
    const r = this.replicas.get(name);
    if (r) await killHard(r.proc);
  }

  /** Restart a killed replica with the same files (its local rows and snapshots). */
  async restart(name: string): Promise<Replica> {
    const old = this.replicas.get(name);
    if (!old) throw new Error(`no replica ${name}`);
    const proc = await startServer(old.env, 120_000);
    const r = { ...old, proc, base: proc.baseUrl };
    this.replicas.set(name, r);
    return r;
  }

  get(name: string): Replica {
    const r = this.replicas.get(name);
    if (!r) throw new Error(`no replica ${name}`);
    return r;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.replicas.values()].map((r) => killHard(r.proc)));
  }
}

/** Keys and ids a workload needs: an admin key, one employer with its key, one consenting seeker with its key. */
export interface Actors {
  admin: string;
  employerId: string;
  employer: string;
  seeker: string;
  candidateId: string;
}

/** The first admin key: `npm run keys:create` against the same database (as an operator would). */
export function adminKeyFrom(stdout: string): string | null {
  return /admin\s+(psk_\S+)/.exec(stdout)?.[1] ?? null;
}

export async function setUpActors(base: string, admin: string): Promise<Actors> {
  const emp = await call(base, admin, 'POST', '/v1/employers', { name: `Replica GmbH ${randomBytes(3).toString('hex')}`, country: 'DE' });
  if (emp.status !== 201) throw new Error(`employer: ${emp.status} ${JSON.stringify(emp.body)}`);
  const key = await call(base, admin, 'POST', '/v1/admin/keys', { role: 'employer', employerId: emp.body.id });
  if (key.status !== 201) throw new Error(`employer key: ${key.status} ${JSON.stringify(key.body)}`);
  const reg = await call(base, null, 'POST', '/v1/jobseekers', { lang: 'en' });
  if (reg.status !== 201) throw new Error(`jobseeker: ${reg.status} ${JSON.stringify(reg.body)}`);
  const put = await call(base, reg.body.key, 'PUT', '/v1/candidates/me', sampleProfile());
  if (put.status !== 200) throw new Error(`profile: ${put.status} ${JSON.stringify(put.body)}`);
  return { admin, employerId: emp.body.id, employer: key.body.key, seeker: reg.body.key, candidateId: reg.body.candidateId };
}

/**
 * Destination countries used as disjoint buckets: a seeker's match query filtered to one country returns every open
 * vacancy there. Buckets are kept small (a few items, well under 3 % of the collection), so the filtered search is an
 * exact scan of the allowed items on every replica: answers are then equal item for item on replicas whose live sets
 * are equal, whatever each one's graph looks like, and a missing item means a missing write, not HNSW recall.
 */
export const COUNTRIES = [...ISO_COUNTRIES].sort();

/** One vacancy text for all: its embedding is cached after the first, so a write costs the write, not the model. */
export const replicaVacancy = (country: string, over: Record<string, unknown> = {}) => sampleVacancy({ country, region: undefined, ...over });

/** Ids of the vacancies a replica's match query returns for one destination (all pages). */
export async function matchedIds(base: string, seeker: string, country: string): Promise<{ status: number; ids: string[]; res: CallResult }> {
  const res = await call(base, seeker, 'GET', `/v1/candidates/me/matches?destination=${country}&limit=100`);
  if (res.status !== 200) return { status: res.status, ids: [], res };
  return { status: 200, ids: (res.body.items as { vacancyId: string }[]).map((i) => i.vacancyId), res };
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
