import { isIP } from 'node:net';
import { z } from 'zod';
import { parseMacKeys } from './keyring.js';
import { SCREENING_MODES } from './screening/types.js';

const boolFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Which reverse proxies may set X-Forwarded-For (so rate limits and idempotency scopes see the real client IP):
 * false (default: no proxy, the socket address is the client), a hop count, or addresses/CIDR ranges of the proxies
 * (proxy-addr names such as loopback also work). `true` trusts any sender of the header: only behind a proxy that
 * overwrites it.
 */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const trustProxySchema = z
  .string()
  .trim()
  .transform((v, ctx): boolean | number | string[] => {
    const lower = v.toLowerCase();
    if (lower === '' || lower === '0' || lower === 'false' || lower === 'no') return false;
    if (lower === 'true' || lower === 'yes') return true;
    if (/^[1-9]$/.test(lower)) return Number(lower);
    const parts = v.split(',').map((p) => p.trim()).filter(Boolean);
    for (const p of parts) {
      const [addr, bits, extra] = p.split('/');
      const family = isIP(addr ?? '');
      const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
      if (!(PROXY_NAMES.has(p) || (family !== 0 && okBits && extra === undefined))) {
        ctx.addIssue({ code: 'custom', message: `"${p}" is not false, true, a hop count 1-9, an IP address, a CIDR range or loopback/linklocal/uniquelocal` });
        return z.NEVER;
      }
    }
    return parts;
  });

// Every variable is documented in .env.example; keep the two in step.
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_PATH: z.string().min(1).default('./var/passerelle.db'),
  // PostgreSQL (issue 15): postgres://… selects the PostgreSQL back end (several API replicas on one database);
  // unset, the SQLite file at DATABASE_PATH is the database. On PostgreSQL, DATABASE_PATH holds only this process's
  // data derived from the release (reference series, fitted forecast models). docs/scale-out.md.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  // PostgreSQL connection pool per process (DATABASE_URL=postgres://…).
  PG_POOL_MAX: z.coerce.number().int().min(2).max(500).default(10),
  PASSERELLE_DEMO: boolFlag.default(true),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  BULK_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(16 * 1024 * 1024),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  ANON_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(20),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  // Expensive routes (matching, embedding writes, taxonomy linking, bulk): plugins/cost-limit.ts
  COST_HEAVY_CONCURRENCY: z.coerce.number().int().min(0).max(256).default(0),
  COST_HEAVY_QUEUE: z.coerce.number().int().min(0).max(10_000).default(4),
  COST_BULK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  COST_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  COST_PER_KEY_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(2),
  COST_BUDGET_MS: z.coerce.number().int().min(0).default(60_000),
  TRUST_PROXY: trustProxySchema.default(false),
  // Secrets outside the database (issue 12): key file path (empty: keyring.json next to the database file)
  KEYRING_PATH: z.string().default(''),
  // Audit MAC keys from the environment, id:base64[,id:base64…] (first signs new records); empty: the key file's
  AUDIT_MAC_KEYS: z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      if (!v) return;
      try {
        parseMacKeys(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  // Embedding engine (issue 3)
  EMBEDDER: z.enum(['use-lite', 'transformers']).default('use-lite'),
  EMBEDDER_MODEL: z.string().default(''),
  MODELS_DIR: z.string().default('./models'),
  ALLOW_MODEL_DOWNLOAD: boolFlag.default(false),
  EMBED_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  // Taxonomy (issue 5): folder of the compact ESCO/O*NET/ISCO files; empty means the shipped data/taxonomy
  TAXONOMY_DIR: z.string().default(''),
  // Build the lazily built taxonomy indexes (skill indexes, language vocabulary, O*NET titles) at start-up, off the
  // request path; /readyz shows the progress (tests that never read skills switch it off)
  TAXONOMY_WARMUP: boolFlag.default(true),
  // Vector index (issue 4)
  INDEX_DIR: z.string().default('./var/index'),
  HNSW_M: z.coerce.number().int().min(4).max(128).default(16),
  HNSW_EF_CONSTRUCTION: z.coerce.number().int().min(10).max(2000).default(200),
  HNSW_EF_SEARCH: z.coerce.number().int().min(10).max(5000).default(64),
  HNSW_TARGET_RECALL: z.coerce.number().min(0).max(1).default(0.95),
  INDEX_SNAPSHOT_INTERVAL_S: z.coerce.number().int().min(0).default(300),
  // Matching (issue 6)
  MATCH_RETRIEVAL_N: z.coerce.number().int().min(10).max(5000).default(200),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(183).default(365),
  // Signed audit heads (issue 12): seconds between periodic heads (0: only on start, shutdown, purge and on demand)
  AUDIT_HEAD_INTERVAL_S: z.coerce.number().int().min(0).default(600),
  // File outside the database where every signed head is appended; empty: audit-anchor.jsonl next to the key file
  AUDIT_ANCHOR_PATH: z.string().default(''),
  // Forecasts (issue 7)
  // Load the official labour series into SQLite at start-up (reference data; tests switch it off where unused)
  REFERENCE_SERIES_LOAD: boolFlag.default(true),
  SUPPRESSION_K: z.coerce.number().int().min(5).default(10),
  // Fair-recruitment screening (issue 17)
  SCREENING_ENABLED: boolFlag.default(true),
  SCREENING_MODE: z.enum(SCREENING_MODES).default('rules+weak'),
  // Web app (issue 14): session cookies are Secure when the request came over TLS (auto), always, or never
  WEB_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  // Forecasts (issue 16): a forecast is stale when its last observation is older than this many months before today
  FORECAST_STALE_AFTER_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  // Reference sources whose accuracy the service computes in a background worker at start-up (once per data and
  // engine version): all, none, or a comma list of ivi, jolts
  FORECAST_REFERENCE_REFIT: z
    .string()
    .regex(/^(all|none|ivi|jolts|ivi,jolts|jolts,ivi)$/, { message: 'must be all, none, ivi, jolts or ivi,jolts' })
    .default('all')
    .transform((v) => (v === 'all' ? ['ivi', 'jolts'] : v === 'none' ? [] : v.split(','))),
  // A refit job's lease on PostgreSQL: renewed every third of it by the replica holding the job; a queued or running job
  // whose lease ran out (its replica was killed or lost) is resumed by another replica under the same id
  FORECAST_JOB_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  // An Idempotency-Key claim's lease: renewed every third of it while its request runs; a claim whose lease ran out
  // before its write committed (its process was killed) is taken over by the next retry
  IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  // Fairness (issue 13)
  // Opt-in fair re-ranking (FA*IR) may be unlawful in some jurisdictions: off unless the operator allows it here
  FAIR_RERANKING_ALLOWED: boolFlag.default(false),
  // Contests (EU AI Act Art. 86): at most this many per person in a rolling window, so one person cannot flood the
  // reviewers' queue (one open contest per ranking is enforced apart from this)
  CONTEST_LIMIT_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  CONTEST_LIMIT_WINDOW_MS: z.coerce.number().int().min(60_000).default(24 * 3600 * 1000),
  FAIRNESS_ALERT_INTERVAL_S: z.coerce.number().int().min(0).default(3600),
  FAIRNESS_ALERT_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(28),
  FAIRNESS_ALERT_SEGMENTS: z.coerce.number().int().min(1).max(12).default(2),
  FAIRNESS_ALERT_MIN_CANDIDATES: z.coerce.number().int().min(5).default(30),
  FAIRNESS_ALPHA: z.coerce.number().gt(0).lt(0.5).default(0.05),
  // Replicas on PostgreSQL (issue 15, docs/scale-out.md): this process's own copy of each vector collection
  REPLICA_DIR: z.string().default('./var/replica'),
  // Shared directory replicas publish snapshots to and new replicas start from (empty: none)
  REPLICA_SNAPSHOT_DIR: z.string().default(''),
  REPLICA_SNAPSHOT_INTERVAL_S: z.coerce.number().int().min(0).default(300),
  // Poll the change log this often besides LISTEN/NOTIFY (a lost notification or a dropped connection)
  REPLICA_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  // After its first catch-up a replica stays ready while at most this many changes behind the log
  REPLICA_READY_MAX_LAG: z.coerce.number().int().min(0).default(1000),
  // Before each expensive request (matches, writes), wait until this replica applied every change committed so far:
  // a search then sees every write any replica acknowledged before it (one indexed read per request); 0: eventual
  REPLICA_READ_SYNC: boolFlag.default(true),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parse the environment once; a bad variable fails start-up with its name. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
