import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, truncateWal, type OpenedDatabase } from '../db/client.js';
import { AppError } from '../errors.js';
import { VectorCollection } from '../vector-index/collection.js';
import { LogFollower, type FollowerStatus } from './log-follower.js';
import { PgChangeLog } from './pg-change-log.js';
import { fetchLatestSnapshot, publishSnapshot, readLatest, type SharedManifest } from './shared-snapshots.js';

export interface ReplicaSetOptions {
  databaseUrl: string;
  /** This replica's own files: one SQLite rows file and one snapshot directory per collection. */
  dir: string;
  /** Shared directory snapshots are published to and bootstrapped from (null: none). */
  sharedDir: string | null;
  /** Seconds between publications to the shared directory (0: never publish; still bootstrap from it). */
  publishIntervalS: number;
  collections: { name: string; modelId: string; dims: number }[];
  m: number;
  efConstruction: number;
  efSearch: number;
  targetRecall: number;
  pollMs: number;
  /** Once caught up at start, the replica stays ready while it is at most this many changes behind the log. */
  readyMaxLag: number;
  /** Called after each applied batch of a collection with the ids it changed (per-process caches of those rows). */
  onApply?: (collection: string, itemIds: string[]) => void;
  /** Identifies this replica in published snapshots (default: host-pid). */
  replicaId?: string;
  log?: (obj: Record<string, unknown>, msg: string) => void;
}

interface Member {
  name: string;
  db: OpenedDatabase;
  indexDir: string;
  collection: VectorCollection;
  follower: LogFollower;
  bootstrap: { source: 'local' | 'shared-snapshot' | 'log'; seq: number; ms: number | null };
}

export interface ReplicaCollectionStatus extends FollowerStatus {
  bootstrap: Member['bootstrap'];
  size: number;
  state: string;
}

export interface ReplicaSetStatus {
  ready: boolean;
  /** Changes committed in PostgreSQL and not yet applied here (sum over collections). */
  lagSeq: number;
  /** How stale this replica may be now (worst collection; 0 when caught up). */
  lagMs: number;
  /** Commit → applied here, over the last applied changes (worst collection). */
  applyLagMs: { p50: number; p99: number } | null;
  lastPublished: Pick<SharedManifest, 'collection' | 'seq' | 'createdAt'>[];
  collections: ReplicaCollectionStatus[];
}

/**
 * This API process's replicas of the vector collections on PostgreSQL (issue 15). Each collection is a local
 * VectorCollection (rows in a local SQLite file, HNSW in memory, local snapshots) fed by a LogFollower; a new replica
 * starts from the latest shared snapshot, then replays the log from its sequence. Searches are refused (NOT_READY)
 * until the first catch-up is done.
 */
export class ReplicaSet {
  private readonly members = new Map<string, Member>();
  private readonly pool: pg.Pool;
  private timer: NodeJS.Timeout | null = null;
  private publishing: Promise<void> | null = null;
  private closed = false;
  private readonly starting: Promise<void>[] = [];
  private readonly published = new Map<string, SharedManifest>();
  readonly replicaId: string;

  private constructor(private readonly opts: ReplicaSetOptions) {
    this.pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 3, connectionTimeoutMillis: 3000 });
    // An idle client that loses its server emits 'error' on the pool: without a listener the process would crash.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.replicaId = (opts.replicaId ?? `${hostname()}-${process.pid}`).replace(/[^A-Za-z0-9_.-]/g, '_');
  }

  private log(obj: Record<string, unknown>, msg: string): void {
    this.opts.log?.(obj, msg);
  }

  /**
   * Open every collection from local files (or the shared snapshot, or empty) and start following the log in the
   * background. Resolves before the catch-up: status() and the search gate say when it is done.
   */
  static async open(opts: ReplicaSetOptions): Promise<ReplicaSet> {
    const set = new ReplicaSet(opts);
    try {
      for (const c of opts.collections) await set.openMember(c);
    } catch (err) {
      await set.close();
      throw err;
    }
    for (const m of set.members.values()) set.starting.push(set.startFollower(m));
    if (opts.sharedDir && opts.publishIntervalS > 0) {
      set.timer = setInterval(() => void set.publishAll().catch(() => undefined), opts.publishIntervalS * 1000);
      set.timer.unref();
    }
    return set;
  }

  /**
   * Which log this is: the database and the creation time of the collection's row. Local files or a shared snapshot
   * made from another log (a database recreated or restored elsewhere) must not be resumed: their sequences mean
   * other changes. Null when PostgreSQL does not answer (then local files are trusted until it does).
   */
  private async logOrigin(c: { name: string; modelId: string; dims: number }): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        (async () => {
          await new PgChangeLog(c.name).ensureCollection(this.pool, c.modelId, c.dims);
          const { rows } = await this.pool.query('SELECT current_database() AS db, created_at FROM vector_collections WHERE name = $1', [c.name]);
          return rows[0] ? `${rows[0].db}/${c.name}/${rows[0].created_at}` : null;
        })(),
        new Promise<null>((res) => (timer = setTimeout(() => res(null), 3000))),
      ]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private async openMember(c: { name: string; modelId: string; dims: number }): Promise<void> {
    const o = this.opts;
    mkdirSync(o.dir, { recursive: true });
    const rowsPath = join(o.dir, `${c.name}.sqlite`);
    const indexDir = join(o.dir, `${c.name}-index`);
    const originPath = join(o.dir, `${c.name}.origin`);
    const t0 = performance.now();
    let bootstrap: Member['bootstrap'] = { source: 'local', seq: 0, ms: null };
    const origin = await this.logOrigin(c);
    if (origin && existsSync(rowsPath)) {
      const mine = existsSync(originPath) ? readFileSync(originPath, 'utf8') : null;
      if (mine !== origin) {
        this.log({ collection: c.name, local: mine, log: origin }, 'local replica files come from another change log; starting over');
        for (const f of [rowsPath, `${rowsPath}-wal`, `${rowsPath}-shm`]) rmSync(f, { force: true });
        rmSync(indexDir, { recursive: true, force: true });
      }
    }
    const fetched = o.sharedDir ? await fetchLatestSnapshot(o.sharedDir, c.name, rowsPath, indexDir, o.log, origin) : null;
    if (origin) writeFileSync(originPath, origin);
    const db = openDatabase(rowsPath);
    // The rows file is a cache of the log: a crash loses at most what the follower replays again from lastSeq.
    db.sqlite.pragma('synchronous = NORMAL');
    // A process killed right after replaying an erasure left WAL frames written before it: truncate them at start.
    await truncateWal(db.sqlite, 2000);
    const collection = await VectorCollection.open({
      name: c.name,
      modelId: c.modelId,
      dims: c.dims,
      sqlite: db.sqlite,
      dbPath: rowsPath,
      indexDir,
      m: o.m,
      efConstruction: o.efConstruction,
      efSearch: o.efSearch,
      targetRecall: o.targetRecall,
      replica: true,
      log: o.log,
    }).catch((err: Error) => {
      db.close();
      throw err;
    });
    const localSeq = collection.store.lastSeq();
    if (fetched) bootstrap = { source: 'shared-snapshot', seq: fetched.seq, ms: Math.round(performance.now() - t0) };
    else bootstrap = { source: localSeq > 0 ? 'local' : 'log', seq: localSeq, ms: null };
    const onApply = o.onApply;
    const follower = new LogFollower({
      pool: this.pool,
      listenUrl: o.databaseUrl,
      local: collection,
      pollMs: o.pollMs,
      onApply: onApply ? (ids) => onApply(c.name, ids) : undefined,
      log: o.log,
    });
    const member: Member = { name: c.name, db, indexDir, collection, follower, bootstrap };
    collection.setSearchGate(() => {
      if (follower.status().initialCatchUp) return null;
      const s = follower.status();
      return new AppError('NOT_READY', `this replica is catching up with the change log of ${c.name} (${s.lagSeq} changes behind); retry shortly or ask another replica`, { lagSeq: s.lagSeq, lagMs: s.staleMs }, { 'retry-after': '2' });
    });
    collection.setSeqWaiter((seq, timeoutMs) => this.waitFor(c.name, seq, timeoutMs));
    this.members.set(c.name, member);
    this.log({ collection: c.name, bootstrap, size: collection.size }, 'replica opened');
  }

  /** Create the collection's log row if needed, then follow; retried until PostgreSQL answers (it may be down at start). */
  private async startFollower(m: Member): Promise<void> {
    const t0 = performance.now();
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        await new PgChangeLog(m.name).ensureCollection(this.pool, m.collection.modelId, m.collection.dims);
        await m.follower.start();
        const s = m.follower.status();
        if (m.bootstrap.ms === null || m.bootstrap.source !== 'shared-snapshot') m.bootstrap.ms = Math.round(performance.now() - t0);
        else m.bootstrap.ms += Math.round(performance.now() - t0);
        this.log({ collection: m.name, appliedSeq: s.appliedSeq, size: m.collection.size, bootstrap: m.bootstrap }, 'replica caught up');
        return;
      } catch (err) {
        if (this.closed) return;
        this.log({ collection: m.name, err: (err as Error).message, attempt }, 'replica cannot follow the log yet; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** Math.min(attempt, 4))));
      }
    }
  }

  /** Resolves when every collection has done its first catch-up (tests, benches). */
  async whenCaughtUp(): Promise<void> {
    await Promise.all(this.starting);
  }

  collection(name: string): VectorCollection {
    const m = this.members.get(name);
    if (!m) throw new Error(`no replica of collection ${name}`);
    return m.collection;
  }

  /**
   * Wait until this replica applied `seq` of `collection` (the sequence a write's log entry got): read-your-writes on
   * the replica that took the write. Resolves false on timeout (the write is committed either way).
   */
  async waitFor(collection: string, seq: number | null | undefined, timeoutMs = 5000): Promise<boolean> {
    const m = this.members.get(collection);
    if (!m || seq === null || seq === undefined) return true;
    void m.follower.poll().catch(() => undefined);
    try {
      await m.follower.waitFor(seq, timeoutMs);
      return true;
    } catch {
      this.log({ collection, seq, timeoutMs }, 'replica did not apply a write in time');
      return false;
    }
  }

  /**
   * Linearisable reads across replicas: read the log heads (one query) and wait until this replica applied them, so a
   * search that follows sees every write any replica acknowledged before this call. Throws if PostgreSQL is
   * unreachable (503 through the error handler) or NOT_READY if this replica cannot catch up within timeoutMs.
   */
  async sync(timeoutMs = 3000): Promise<void> {
    const names = [...this.members.keys()];
    const { rows } = await this.pool.query('SELECT name, last_seq FROM vector_collections WHERE name = ANY($1)', [names]);
    await Promise.all(
      rows.map(async (r: { name: string; last_seq: string | number }) => {
        const m = this.members.get(r.name)!;
        const head = Number(r.last_seq);
        if (head <= m.follower.status().appliedSeq) return;
        void m.follower.poll().catch(() => undefined);
        try {
          await m.follower.waitFor(head, timeoutMs);
        } catch {
          const s = m.follower.status();
          throw new AppError('NOT_READY', `this replica is ${head - s.appliedSeq} changes behind the log of ${r.name}; retry shortly or ask another replica`, { lagSeq: head - s.appliedSeq }, { 'retry-after': '1' });
        }
      }),
    );
  }

  /** Read the log heads now (readiness probes); throws if PostgreSQL does not answer within timeoutMs. */
  async refresh(timeoutMs = 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`PostgreSQL did not answer in ${timeoutMs} ms`)), timeoutMs)));
    try {
      await Promise.race([Promise.all([...this.members.values()].map((m) => m.follower.refreshHead())), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** PostgreSQL reachable? (readiness) */
  async ping(timeoutMs = 1000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.pool.query('SELECT 1'), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timeout')), timeoutMs)))]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  status(): ReplicaSetStatus {
    const collections: ReplicaCollectionStatus[] = [...this.members.values()].map((m) => {
      const cs = m.collection.status();
      return { ...m.follower.status(), bootstrap: { ...m.bootstrap }, size: cs.size, state: cs.state };
    });
    const lagSeq = collections.reduce((s, c) => s + c.lagSeq, 0);
    const lagMs = collections.reduce((s, c) => Math.max(s, c.staleMs), 0);
    const lags = collections.map((c) => c.lagMs).filter((l): l is NonNullable<typeof l> => l !== null);
    const applyLagMs = lags.length ? { p50: Math.max(...lags.map((l) => l.p50)), p99: Math.max(...lags.map((l) => l.p99)) } : null;
    const ready = collections.every((c) => c.initialCatchUp && c.lagSeq <= this.opts.readyMaxLag);
    return {
      ready,
      lagSeq,
      lagMs,
      applyLagMs,
      lastPublished: [...this.published.values()].map((p) => ({ collection: p.collection, seq: p.seq, createdAt: p.createdAt })),
      collections,
    };
  }

  /**
   * Publish every caught-up collection to the shared directory, unless another replica published one at least as
   * recent within half the interval (replicas take turns without talking to each other).
   */
  publishAll(force = false): Promise<void> {
    if (this.publishing) return this.publishing;
    const shared = this.opts.sharedDir;
    if (!shared || this.closed) return Promise.resolve();
    this.publishing = (async () => {
      for (const m of this.members.values()) {
        if (this.closed || !m.follower.status().initialCatchUp) continue;
        if (!force) {
          const latest = await readLatest(shared, m.name);
          const fresh = latest && Date.now() - Date.parse(latest.createdAt) < (this.opts.publishIntervalS * 1000) / 2;
          if (fresh && latest.rowsSeq >= m.follower.status().appliedSeq) continue;
        }
        try {
          const originPath = join(this.opts.dir, `${m.name}.origin`);
          const origin = existsSync(originPath) ? readFileSync(originPath, 'utf8') : null;
          const man = await publishSnapshot(m.collection, m.db.sqlite, m.indexDir, shared, this.replicaId, origin);
          if (man) {
            this.published.set(m.name, man);
            this.log({ collection: m.name, seq: man.seq, rowsSeq: man.rowsSeq, dir: man.dir }, 'snapshot published');
          }
        } catch (err) {
          this.log({ collection: m.name, err: (err as Error).message }, 'snapshot publication failed');
        }
      }
    })().finally(() => (this.publishing = null));
    return this.publishing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.publishing?.catch(() => undefined);
    for (const m of this.members.values()) {
      await m.follower.stop();
      await m.collection.close().catch(() => undefined);
      m.db.close();
    }
    this.members.clear();
    await this.pool.end().catch(() => undefined);
  }
}
