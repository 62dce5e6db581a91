import type pg from 'pg';

/** The result @fastify/rate-limit expects from a store: requests so far in the window, and ms until it ends. */
export interface RateLimitCount {
  current: number;
  ttl: number;
}

/**
 * A @fastify/rate-limit store on PostgreSQL (issue 15): every replica counts against the same window, one atomic
 * upsert per request (drizzle/pg/0003_rate_limit_counters.sql). Expired rows are swept every `sweepEvery` calls.
 * On a database error the callback gets it, and the plugin's `skipOnError` decides whether requests pass.
 */
export class PgRateLimitStore {
  private calls = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly prefix = 'rl:',
    private readonly sweepEvery = 1000,
  ) {}

  incr(key: string, cb: (err: Error | null, result?: RateLimitCount) => void, timeWindow: number): void {
    this.count(key, timeWindow).then(
      (r) => cb(null, r),
      (err: Error) => cb(err),
    );
  }

  async count(key: string, timeWindow: number): Promise<RateLimitCount> {
    const { rows } = await this.pool.query('SELECT current, ttl_ms FROM passerelle_rate_limit_incr($1, $2)', [this.prefix + key, timeWindow]);
    if (++this.calls % this.sweepEvery === 0) {
      this.pool.query('DELETE FROM rate_limit_counters WHERE window_ends_at < clock_timestamp()').catch(() => undefined);
    }
    return { current: Number(rows[0].current), ttl: Number(rows[0].ttl_ms) };
  }

  /** A route with its own limits counts in its own keys. */
  child(routeOptions: { path?: string; url?: string; method?: string | string[] }): PgRateLimitStore {
    const route = `${[routeOptions.method].flat().join(',')}:${routeOptions.path ?? routeOptions.url ?? ''}`;
    return new PgRateLimitStore(this.pool, `${this.prefix}${route}:`, this.sweepEvery);
  }
}
