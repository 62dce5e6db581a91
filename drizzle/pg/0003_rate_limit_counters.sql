-- Rate-limit counters shared by every API replica (issue 15), for @fastify/rate-limit's `store` option
-- (src/storage/pg-rate-limit-store.ts). PostgreSQL only: one SQLite process keeps them in memory. UNLOGGED: not
-- WAL-logged (fast), emptied after a crash, which for rate limits only means a fresh window.
CREATE UNLOGGED TABLE rate_limit_counters (
  key text PRIMARY KEY NOT NULL,
  current bigint NOT NULL,
  window_ends_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_ends_at);
--> statement-breakpoint
-- One atomic statement per request: a new or expired window starts at 1, otherwise the count goes up by one.
CREATE FUNCTION passerelle_rate_limit_incr(p_key text, p_window_ms bigint) RETURNS TABLE (current bigint, ttl_ms bigint) LANGUAGE sql AS $$
  INSERT INTO rate_limit_counters AS c (key, current, window_ends_at)
  VALUES (p_key, 1, clock_timestamp() + make_interval(secs => (p_window_ms / 1000.0)::double precision))
  ON CONFLICT (key) DO UPDATE SET
    current = CASE WHEN c.window_ends_at <= clock_timestamp() THEN 1 ELSE c.current + 1 END,
    window_ends_at = CASE WHEN c.window_ends_at <= clock_timestamp() THEN excluded.window_ends_at ELSE c.window_ends_at END
  RETURNING c.current, GREATEST(0, ceil(extract(epoch FROM c.window_ends_at - clock_timestamp()) * 1000))::bigint;
$$;
