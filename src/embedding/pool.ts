// The service-side embedder: a coalescing queue that groups concurrent embed() calls into batches of up to
// `batchSize` texts within a few ms, in front of an executor that runs the model off the event loop:
//  - use-lite: a piscina pool of worker threads, one tfjs-wasm instance each (inference never runs on the loop);
//  - transformers: onnxruntime-node in this thread (its session.run is async on ORT's native threads). Its binding
//    is not context-aware: from a second thread it aborts the process, and it cannot be loaded again in a
//    replacement worker ("Module did not self-register"), so it must not live in worker threads.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { AppError } from '../errors.js';
import { TransformersModel, type TransformersOptions } from './transformers.js';
import type { Embedder } from './types.js';

/** What a worker thread loads: only USE-lite runs in workers (transformers.js runs in-thread, see below). */
export type WorkerModelConfig = { provider: 'use-lite'; maxTokens?: number };

/** Runs one batch; rejects if the model fails, crashes or exceeds the timeout. */
export interface BatchExecutor {
  run(texts: string[], signal: AbortSignal): Promise<Float32Array[]>;
  /** Load the model everywhere it runs; resolves to the model's dimension. */
  warmUp(): Promise<number>;
  /** Live threads running the model. */
  readonly threads: number;
  /** Batches that may run at once (the configured thread count). */
  readonly capacity: number;
  workerThreads(): readonly Worker[];
  close(): Promise<void>;
}

const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Workers run TypeScript through tsx, both under `node --import tsx` and under vitest (which does not use tsx). */
function workerExecArgv(): string[] {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  // Keep only harmless flags: the inspector and test-runner flags of the parent do not belong in workers.
  const kept = process.execArgv.filter((a) => /^--(max-old-space-size|stack-size|enable-source-maps)/.test(a));
  return [...kept, '--import', tsxLoader];
}

export const defaultThreads = (): number => Math.max(1, availableParallelism());

/** A piscina pool of model workers (use-lite). A dead worker fails its batch and piscina starts a replacement. */
export class WorkerPoolExecutor implements BatchExecutor {
  private readonly pool: Piscina;

  constructor(
    model: WorkerModelConfig,
    readonly capacity: number,
    onError?: (err: Error) => void,
  ) {
    const threads = capacity;
    this.pool = new Piscina({
      filename: WORKER_FILE,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: model,
      execArgv: workerExecArgv(),
      // Tasks are async (tfjs executeAsync): Atomics.wait between tasks would only add risk here.
      atomics: 'disabled',
    });
    // Never let a worker error crash the process: it surfaces as a rejected batch.
    this.pool.on('error', (err: Error) => onError?.(err));
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  workerThreads(): readonly Worker[] {
    return this.pool.threads;
  }

  async run(texts: string[], signal: AbortSignal): Promise<Float32Array[]> {
    const flat = (await this.pool.run({ texts }, { signal })) as Float32Array;
    const d = flat.length / texts.length;
    return texts.map((_, i) => flat.slice(i * d, (i + 1) * d));
  }

  async warmUp(): Promise<number> {
    const n = this.pool.maxThreads;
    const results = (await Promise.all(Array.from({ length: n }, () => this.pool.run({ texts: ['warm up'] })))) as Float32Array[];
    return results[0]!.length;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** transformers.js in this thread: one batch at a time on ORT's native threads. */
export class InThreadTransformersExecutor implements BatchExecutor {
  private model: Promise<TransformersModel> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  readonly threads = 1;
  readonly capacity = 1;

  constructor(private readonly config: TransformersOptions) {}

  private load() {
    this.model ??= TransformersModel.load(this.config);
    return this.model;
  }

  workerThreads(): readonly Worker[] {
    return [];
  }

  run(texts: string[], signal: AbortSignal): Promise<Float32Array[]> {
    const job = this.chain.then(async () => (await this.load()).embedBatch(texts));
    this.chain = job.catch(() => {});
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      job.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async warmUp(): Promise<number> {
    return (await this.load()).dimensions;
  }

  async close(): Promise<void> {
    const m = await this.model?.catch(() => undefined);
    await m?.dispose();
  }
}

export interface PooledEmbedderOptions {
  id: string;
  /** Known up front (use-lite) or learnt from the warm-up (transformers). */
  dimensions?: number;
  executor: BatchExecutor;
  batchSize?: number;
  batchWindowMs?: number;
  /** A batch that takes longer is aborted (a worker is replaced) and fails with EMBEDDER_UNAVAILABLE. */
  taskTimeoutMs?: number;
  onWorkerError?: (err: Error) => void;
}

interface PendingText {
  text: string;
  resolve: (v: Float32Array) => void;
  reject: (err: unknown) => void;
}

export class PooledEmbedder implements Embedder {
  readonly id: string;
  private dims: number;
  private readonly executor: BatchExecutor;
  private readonly batchSize: number;
  private readonly batchWindowMs: number;
  private readonly taskTimeoutMs: number;
  private pending: PendingText[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Batches dispatched, texts embedded and failed batches, for tests and the benchmark. */
  readonly stats = { batches: 0, texts: 0, failures: 0 };

  constructor(private readonly options: PooledEmbedderOptions) {
    this.id = options.id;
    this.dims = options.dimensions ?? 0;
    this.executor = options.executor;
    this.batchSize = options.batchSize ?? 32;
    this.batchWindowMs = options.batchWindowMs ?? 3;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
  }

  get dimensions(): number {
    return this.dims;
  }

  get threads(): number {
    return this.executor.threads;
  }

  /** Batches a worker holds right now (diagnostics; the crash test waits for one before it kills the workers). */
  get batchesInFlight(): number {
    return this.inFlight;
  }

  /** The live worker threads (diagnostics; the crash test terminates them to prove recovery). */
  workerThreads(): readonly Worker[] {
    return this.executor.workerThreads();
  }

  /** Load the model everywhere; rejects with the model's own message (e.g. a corrupt model file). */
  async warmUp(): Promise<void> {
    const d = await this.executor.warmUp();
    if (!this.dims) this.dims = d;
    if (d !== this.dims) throw new Error(`model returned ${d} dimensions, expected ${this.dims}`);
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (this.closed) return Promise.reject(new AppError('EMBEDDER_UNAVAILABLE', 'embedder is shut down'));
    if (texts.length === 0) return Promise.resolve([]);
    const promises = texts.map(
      (text) => new Promise<Float32Array>((resolve, reject) => this.pending.push({ text: String(text), resolve, reject })),
    );
    this.schedule();
    return Promise.all(promises);
  }

  /**
   * At most `threads` batches are in flight; the rest wait here, so a batch's timeout only runs while a worker has it,
   * and texts that arrive while the workers are busy are coalesced into full batches.
   */
  private schedule(): void {
    const capacity = Math.max(1, this.executor.capacity);
    while (this.inFlight < capacity && this.pending.length >= this.batchSize) this.dispatch(this.pending.splice(0, this.batchSize));
    if (this.inFlight < capacity && this.pending.length > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        while (this.inFlight < capacity && this.pending.length > 0) this.dispatch(this.pending.splice(0, this.batchSize));
      }, this.batchWindowMs);
    }
  }

  private dispatch(batch: PendingText[]): void {
    this.stats.batches++;
    this.stats.texts += batch.length;
    this.inFlight++;
    const done = () => {
      this.inFlight--;
      if (!this.closed) this.schedule();
    };
    this.executor.run(batch.map((p) => p.text), AbortSignal.timeout(this.taskTimeoutMs)).then(
      (vectors) => {
        done();
        batch.forEach((p, i) => p.resolve(vectors[i]!));
      },
      (err: unknown) => {
        done();
        this.stats.failures++;
        const cause = err instanceof Error ? err.message : String(err);
        this.options.onWorkerError?.(err instanceof Error ? err : new Error(cause));
        const appErr = new AppError('EMBEDDER_UNAVAILABLE', 'the embedding engine failed on this request; retry', undefined, {
          'retry-after': '1',
        });
        (appErr as Error).cause = cause;
        for (const p of batch) p.reject(appErr);
      },
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const p of this.pending.splice(0)) p.reject(new AppError('EMBEDDER_UNAVAILABLE', 'embedder is shut down'));
    await this.executor.close();
  }
}
