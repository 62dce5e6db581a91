import pg from 'pg';
import type { VectorCollection } from '../vector-index/collection.js';
import { CHANGE_CHANNEL, PgChangeLog, type ChangeRow } from './pg-change-log.js';

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface FollowerOptions {
  /** The shared PostgreSQL system of record. */
  pool: pg.Pool;
  /** LISTEN needs a dedicated connection: its URL (null: poll only). */
  listenUrl: string | null;
  /** The replica's own collection (local SQLite rows + in-memory HNSW graph), fed from the log. */
  local: VectorCollection;
  /** The collection's name in PostgreSQL (defaults to the local one's). */
  collection?: string;
  /** Poll even without a notification, as a safety net for lost notifications and a dropped LISTEN connection. */
  pollMs?: number;
  batch?: number;
  /**
   * After the first catch-up, at least this many vectors waiting for the graph: build the graph in a worker from the
   * replica's rows (both cores) instead of adding them one by one on the event loop (default 5,000).
   */
  bootstrapRebuildMin?: number;
  /** Called after each applied batch with the ids it changed (e.g. to drop per-process caches of those rows). */
  onApply?: (itemIds: string[]) => void;
  log?: (obj: Record<string, unknown>, msg: string) => void;
}

export interface FollowerStatus {
  collection: string;
  /** Last PostgreSQL change sequence applied to the local collection. */
  appliedSeq: number;
  /** The log's head when last read. */
  headSeq: number;
  lagSeq: number;
  /** Time from a change's write to its application here, over the last applied changes (ms). */
  lagMs: { p50: number; p99: number; samples: number } | null;
  caughtUp: boolean;
  /** The first catch-up (start-up: everything committed before start) is done. */
  initialCatchUp: boolean;
  /** How stale this replica may be now: 0 when caught up, else the time since it last was (ms). */
  staleMs: number;
  listening: boolean;
  lastError: string | null;
}

/**
 * Follows a collection's change log on PostgreSQL and replays it into this replica's own collection (issue 15).
 * Wakes on NOTIFY (sent at commit by PgChangeLog) and polls every `pollMs` as well; reads "seq > applied" in seq
 * order, which is exact because the log hands out sequences in commit order (see PgChangeLog).
 */
export class LogFollower {
  private readonly log: PgChangeLog;
  private appliedSeq = 0;
  private headSeq = 0;
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;
  private lastError: string | null = null;
  private connecting: Promise<void> | null = null;
  private initialCatchUp = false;
  private caughtUpAt = Date.now();
  private readonly startedAt = Date.now();
  private readonly lags: number[] = [];
  private readonly waiters: { seq: number; resolve: () => void }[] = [];

  constructor(private readonly opts: FollowerOptions) {
    this.log = new PgChangeLog(opts.collection ?? opts.local.name);
  }

  /** Listen, then replay everything committed so far. Resolves once caught up with the head read at start. */
  async start(): Promise<void> {
    // The replica's rows are in the leader's sequence space: resume where its file (or its snapshot's replay) ended.
    this.appliedSeq = this.opts.local.store.lastSeq();
    this.headSeq = this.appliedSeq;
    if (this.opts.listenUrl && !this.listener) await this.listen(this.opts.listenUrl).catch((err: Error) => void (this.lastError = err.message));
    await this.poll();
    this.initialCatchUp = true;
    const local = this.opts.local;
    if (local.status().pending >= (this.opts.bootstrapRebuildMin ?? 5000)) {
      local.rebuild().catch((err: Error) => this.opts.log?.({ err: err.message }, 'replica graph build failed'));
    }
    const every = this.opts.pollMs ?? 1000;
    this.timer = setInterval(() => void this.poll().catch(() => undefined), every);
    this.timer.unref();
  }

  private async listen(url: string): Promise<void> {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    c.on('error', (err) => {
      // The server went away (restart, failover): poll until a new LISTEN connection is up (see poll()).
      this.lastError = err.message;
      if (this.listener === c) this.listener = null;
      void c.end().catch(() => undefined);
    });
    c.on('notification', (n) => {
      if (n.channel !== CHANGE_CHANNEL || !n.payload) return;
      const [name, seq] = n.payload.split(':');
      if (name === this.log.collection && Number(seq) > this.appliedSeq) void this.poll().catch(() => undefined);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    this.listener = c;
  }

  /** A dropped LISTEN connection is opened again on the next poll (a notification lost meanwhile: the poll reads it). */
  private relisten(): void {
    const url = this.opts.listenUrl;
    if (!url || this.listener || this.connecting || this.stopped) return;
    this.connecting = this.listen(url)
      .catch(() => undefined)
      .finally(() => (this.connecting = null));
  }

  /** Apply every committed change after appliedSeq; concurrent calls coalesce. Returns how many rows were applied. */
  poll(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.relisten();
    this.running = (async () => {
      let applied = 0;
      try {
        do {
          this.again = false;
          applied += await this.drain();
        } while (this.again && !this.stopped);
        this.lastError = null;
      } catch (err) {
        this.lastError = (err as Error).message;
        throw err;
      } finally {
        this.running = null;
      }
      return applied;
    })();
    return this.running;
  }

  private async drain(): Promise<number> {
    const batch = this.opts.batch ?? 2000;
    let applied = 0;
    for (;;) {
      if (this.stopped) return applied;
      // Head first: any change with seq ≤ head is committed by now, so the read below sees it.
      this.headSeq = Math.max(this.headSeq, await this.log.lastSeq(this.opts.pool));
      const rows = await this.log.changesSince(this.opts.pool, this.appliedSeq, batch);
      if (rows.length === 0) break;
      this.apply(rows);
      applied += rows.length;
      if (rows.length < batch) break;
    }
    // Every change up to the head read above is applied now.
    if (this.appliedSeq >= this.headSeq) this.caughtUpAt = Date.now();
    this.wake();
    return applied;
  }

  /** One local transaction per batch, rows kept with the leader's labels and seqs; the graph catches up after it commits. */
  private apply(rows: ChangeRow[]): void {
    const local = this.opts.local;
    const now = Date.now();
    for (const r of rows) {
      // A vector of another dimension (the leader switched models) stops here, before it is stored.
      if (r.vector && r.vector.byteLength !== local.dims * 4) throw new Error(`${r.itemId}: stored vector has ${r.vector.byteLength / 4} dims, expected ${local.dims}`);
    }
    local.store.applyReplicated(rows, local.dims);
    local.catchUp();
    if (this.opts.onApply) {
      try {
        this.opts.onApply(rows.map((r) => r.itemId));
      } catch (err) {
        this.opts.log?.({ err: (err as Error).message }, 'replica onApply hook failed');
      }
    }
    // An erasure (or any delete) replayed here: this replica's snapshot on disk must not keep the vector either.
    // Nor its rows file's WAL.
    if (rows.some((r) => r.deleted)) {
      local.requestScrubSnapshot();
      local.truncateLocalWal();
    }
    for (const r of rows) {
      // Steady-state lag only: the first catch-up replays changes of any age (a bootstrap, not lag).
      if (this.initialCatchUp) this.lags.push(now - Date.parse(r.updatedAt));
      this.appliedSeq = r.seq;
    }
    if (this.lags.length > 4096) this.lags.splice(0, this.lags.length - 4096);
    this.headSeq = Math.max(this.headSeq, this.appliedSeq);
  }

  private wake(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]!.seq <= this.appliedSeq) this.waiters.splice(i, 1)[0]!.resolve();
    }
  }

  /** Read the log's head now (readiness probes): lagSeq is then exact as of this call. */
  async refreshHead(): Promise<number> {
    this.headSeq = Math.max(this.headSeq, await this.log.lastSeq(this.opts.pool));
    if (this.headSeq > this.appliedSeq) void this.poll().catch(() => undefined);
    return this.headSeq;
  }

  /** Resolves once the follower has applied `seq` (e.g. the seq a write on another replica returned). */
  waitFor(seq: number, timeoutMs = 10_000): Promise<void> {
    if (seq <= this.appliedSeq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`follower did not reach seq ${seq} in ${timeoutMs} ms (at ${this.appliedSeq})`)), timeoutMs);
      this.waiters.push({
        seq,
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
      });
    });
  }

  status(): FollowerStatus {
    const lags = [...this.lags].sort((a, b) => a - b);
    return {
      collection: this.log.collection,
      appliedSeq: this.appliedSeq,
      headSeq: this.headSeq,
      lagSeq: Math.max(0, this.headSeq - this.appliedSeq),
      lagMs: lags.length ? { p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), samples: lags.length } : null,
      caughtUp: this.headSeq <= this.appliedSeq && this.lastError === null,
      initialCatchUp: this.initialCatchUp,
      staleMs: this.headSeq <= this.appliedSeq ? 0 : Date.now() - (this.initialCatchUp ? this.caughtUpAt : this.startedAt),
      listening: this.listener !== null,
      lastError: this.lastError,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
