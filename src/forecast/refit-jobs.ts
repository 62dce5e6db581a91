// Background refits: one job at a time in a worker thread (the engine is CPU-bound), state and result in SQLite.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { newId } from '../ids.js';
import { withoutTransactionParticipant } from '../storage/storage.js';
import type { SourceModels } from './model-store.js';
import type { PanelItem } from './panel-backtest.js';

const BOOT_FILE = fileURLToPath(new URL('./refit-worker-boot.mjs', import.meta.url));
const ENTRY = new URL('./refit-worker.ts', import.meta.url).href;

/** Run the engine for one source in a worker thread; resolves with its models. */
export function refitInWorker(items: PanelItem[], onProgress: (share: number, stage: string) => void): { promise: Promise<SourceModels>; terminate: () => Promise<number> } {
  const worker = new Worker(BOOT_FILE, { workerData: { items, entry: ENTRY } });
  const promise = new Promise<SourceModels>((resolve, reject) => {
    let done = false;
    worker.on('message', (m: { type: string; share?: number; stage?: string; models?: SourceModels }) => {
      if (m.type === 'progress') onProgress(m.share ?? 0, m.stage ?? '');
      if (m.type === 'done') {
        done = true;
        resolve(m.models!);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (!done) reject(new Error(`refit worker exited with code ${code}`));
    });
  });
  return { promise, terminate: () => worker.terminate() };
}

export interface JobRow {
  id: string;
  source: string;
  upload_id: string | null;
  owner_key_id: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  stage: string;
  error: string | null;
  run_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  attempts: number;
}

/** Where a job's state lives when it is not this process's SQLite file (PostgreSQL: forecast/series-repo.ts). */
export interface JobStore {
  /** Take the queued job; false if another caller (replica) already did. */
  claim(id: string): Promise<boolean>;
  progress(id: string, share: number, stage: string): Promise<void>;
  /** Store the run and mark the job done, together; returns the run id. */
  finish(id: string, source: string, dataVersion: string, models: SourceModels, series: number): Promise<string>;
  fail(id: string, message: string): Promise<void>;
  /** Renew the lease of the jobs this process holds (queued here or running here). */
  heartbeat(ids: readonly string[]): Promise<void>;
}

/** The reference sources' jobs are derived from the release: a new one is queued at start-up, never resumed. */
const REFERENCE_SOURCES = new Set(['ivi', 'jolts']);

export interface RefitTask {
  /** The job's state store; without it, forecast_jobs/forecast_runs in the queue's SQLite database. */
  store?: JobStore;
  jobId: string;
  source: string;
  dataVersion: string;
  /** Read the panel when the job starts (the latest rows, not those at enqueue time). */
  items: () => PanelItem[] | Promise<PanelItem[]>;
  /** Called with the stored run once it is committed. */
  onDone: (models: SourceModels, runId: string) => void;
}

/** The INSERT of a queued job in this process's SQLite file (the caller's transaction, if one is open). */
export function insertQueuedJob(sqlite: Database.Database, id: string, source: string, uploadId: string | null, ownerKeyId: string | null): void {
  sqlite
    .prepare("INSERT INTO forecast_jobs (id, source, upload_id, owner_key_id, status, progress, stage, created_at) VALUES (?, ?, ?, ?, 'queued', 0, 'queued', ?)")
    .run(id, source, uploadId, ownerKeyId, new Date().toISOString());
}

/**
 * Runs a synchronous write on the queue's SQLite connection as its own committed transaction. When SQLite is the
 * storage back end, this must be the storage's write queue (`storage.transaction`): a bare statement issued while
 * another request's async transaction body is open on the same connection would silently join that transaction (and
 * be lost with it if it rolls back, or if the process dies before it commits). Default: run at once (tests, and the
 * PostgreSQL back end, where nothing else opens async transactions on the local file).
 */
export type LocalWrite = <T>(fn: () => T) => Promise<T>;
const immediate: LocalWrite = async (fn) => fn();

/** A FIFO of refit jobs, one running at a time; every state change is written to forecast_jobs. */
export class RefitQueue {
  private readonly queue: RefitTask[] = [];
  private running: { terminate: () => Promise<number> } | null = null;
  /** The task being run (its job id is held, with those in the queue). */
  private current: RefitTask | null = null;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};

  constructor(
    private readonly sqlite: Database.Database,
    private readonly log: { error: (o: object, msg: string) => void; info: (o: object, msg: string) => void },
    private readonly write: LocalWrite = immediate,
  ) {}

  /** Insert a queued job row and return its id (start-up only: no request transaction can be open yet). */
  createJob(source: string, uploadId: string | null, ownerKeyId: string | null): string {
    const id = newId('job');
    insertQueuedJob(this.sqlite, id, source, uploadId, ownerKeyId);
    return id;
  }

  getJob(id: string): JobRow | undefined {
    return this.sqlite.prepare('SELECT * FROM forecast_jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  enqueue(task: RefitTask): void {
    if (this.closed) return;
    if (this.queue.length === 0 && !this.running) this.idle = new Promise((r) => (this.markIdle = r));
    this.queue.push(task);
    // The job runs in the background: its state writes never join the enqueuing request's write transactions (the
    // idempotency plugin's commit mark, src/storage/storage.ts TransactionParticipant).
    if (!this.running) withoutTransactionParticipant(() => void this.next());
  }

  /** Ids of the jobs in a shared store (PostgreSQL) that this process holds: queued here or running here. */
  heldStoredJobs(): string[] {
    return [this.current, ...this.queue].filter((t): t is RefitTask => !!t?.store).map((t) => t.jobId);
  }

  /**
   * Jobs a stopped process left queued or running in this process's SQLite file (nobody else writes it, so every such
   * job was left by a crash or a deploy). A ministry's job is set back to queued and returned, to be resumed under the
   * same id; a reference source's job is marked failed (a new one is queued at start-up).
   */
  takeOverLocal(): { id: string; source: string }[] {
    const left = this.sqlite.prepare("SELECT id, source FROM forecast_jobs WHERE status IN ('queued', 'running') ORDER BY created_at").all() as { id: string; source: string }[];
    const now = new Date().toISOString();
    const requeue = this.sqlite.prepare("UPDATE forecast_jobs SET status = 'queued', progress = 0, stage = 'queued', heartbeat_at = ? WHERE id = ?");
    const fail = this.sqlite.prepare(
      "UPDATE forecast_jobs SET status = 'failed', progress = 0, stage = 'failed', error = 'interrupted: the process stopped before the job finished; a new job was queued at start-up', finished_at = ? WHERE id = ?",
    );
    const resumed: { id: string; source: string }[] = [];
    this.sqlite.transaction(() => {
      for (const job of left) {
        if (REFERENCE_SOURCES.has(job.source)) fail.run(now, job.id);
        else {
          requeue.run(now, job.id);
          resumed.push(job);
        }
      }
    })();
    return resumed;
  }

  /** Settles when no job is queued or running. */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  private async next(): Promise<void> {
    const task = this.queue.shift();
    if (!task || this.closed) {
      this.running = null;
      this.markIdle();
      return;
    }
    this.current = task;
    if (task.store) {
      await this.runStored(task, task.store);
      this.running = null;
      this.current = null;
      void this.next();
      return;
    }
    const upd = this.sqlite.prepare('UPDATE forecast_jobs SET status = ?, progress = ?, stage = ?, error = ?, run_id = ?, started_at = coalesce(started_at, ?), finished_at = ? WHERE id = ?');
    const now = (): string => new Date().toISOString();
    const started = this.sqlite.prepare('UPDATE forecast_jobs SET attempts = attempts + 1, heartbeat_at = ? WHERE id = ?');
    try {
      await this.write(() => {
        upd.run('running', 0, 'reading series', null, null, now(), null, task.jobId);
        started.run(now(), task.jobId);
      });
      const items = (await task.items()) as PanelItem[];
      // Closed while the series were read: start no worker (nobody would terminate it, and its progress would be
      // written to a closed database, an uncaught error that exits the process).
      if (this.closed) throw new Error('closed');
      const job = refitInWorker(items, (share, stage) => {
        if (this.closed) return; // messages already in flight when close() terminated the worker
        // Queued behind earlier writes (FIFO): progress is stored in order, and before the job's final state.
        this.write(() => {
          if (!this.closed) upd.run('running', Number(share.toFixed(3)), stage, null, null, now(), null, task.jobId);
        }).catch((err: unknown) => this.log.error({ err, jobId: task.jobId }, 'forecast refit progress not stored'));
      });
      this.running = job;
      const models = await job.promise;
      const runId = newId('run');
      if (this.closed) throw new Error('closed');
      await this.write(() => this.sqlite.transaction(() => {
        this.sqlite
          .prepare('INSERT INTO forecast_runs (id, source, data_version, engine_version, models, series, ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, data_version, engine_version) DO UPDATE SET id = excluded.id, models = excluded.models, series = excluded.series, ms = excluded.ms, created_at = excluded.created_at')
          .run(runId, task.source, task.dataVersion, models.engineVersion, JSON.stringify(models), items.length, models.accuracy?.ms ?? 0, now());
        upd.run('done', 1, 'done', null, runId, now(), now(), task.jobId);
      })());
      task.onDone(models, runId);
      this.log.info({ jobId: task.jobId, source: task.source, series: items.length, ms: models.accuracy?.ms }, 'forecast refit done');
    } catch (err) {
      if (!this.closed) {
        await this.write(() => upd.run('failed', 0, 'failed', (err as Error).message.slice(0, 500), null, now(), now(), task.jobId)).catch(() => undefined);
        this.log.error({ err, jobId: task.jobId }, 'forecast refit failed');
      }
    }
    this.running = null;
    this.current = null;
    void this.next();
  }

  /** The same steps with the job's state in `store`: claimed once, progress written in order, run + done together. */
  private async runStored(task: RefitTask, store: JobStore): Promise<void> {
    let writes: Promise<void> = Promise.resolve();
    try {
      if (!(await store.claim(task.jobId))) return; // another replica took it
      const items = await task.items();
      if (this.closed) throw new Error('closed');
      const job = refitInWorker(items, (share, stage) => {
        if (this.closed) return;
        const s = Number(share.toFixed(3));
        writes = writes.then(() => store.progress(task.jobId, s, stage)).catch((err: unknown) => this.log.error({ err, jobId: task.jobId }, 'forecast refit progress not stored'));
      });
      this.running = job;
      const models = await job.promise;
      await writes;
      const runId = await store.finish(task.jobId, task.source, task.dataVersion, models, items.length);
      task.onDone(models, runId);
      this.log.info({ jobId: task.jobId, source: task.source, series: items.length, ms: models.accuracy?.ms }, 'forecast refit done');
    } catch (err) {
      if (!this.closed) {
        await writes;
        await store.fail(task.jobId, (err as Error).message).catch(() => {});
        this.log.error({ err, jobId: task.jobId }, 'forecast refit failed');
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    // A worker mid-import can be slow to stop: never hold the server's close for it.
    if (this.running) await Promise.race([this.running.terminate(), new Promise((r) => setTimeout(r, 2000).unref())]);
    this.markIdle();
  }
}
