// The service-side embedder: a piscina pool of model workers (the event loop never runs inference), fed by a
// coalescing queue that groups concurrent embed() calls into batches of up to `batchSize` texts within a few ms.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { AppError } from '../errors.js';
import type { Embedder } from './types.js';

export type WorkerModelConfig =
  | { provider: 'use-lite'; maxTokens?: number }
  | { provider: 'transformers'; modelsDir: string; model: string; allowDownload: boolean };

export interface PooledEmbedderOptions {
  id: string;
  /** Known up front (use-lite) or learnt from the warm-up batch (transformers). */
  dimensions?: number;
  model: WorkerModelConfig;
  /** 0 = one per core. */
  threads?: number;
  batchSize?: number;
  batchWindowMs?: number;
  /** A batch that takes longer is aborted (its worker is replaced) and fails with EMBEDDER_UNAVAILABLE. */
  taskTimeoutMs?: number;
  onWorkerError?: (err: Error) => void;
}

interface PendingText {
  text: string;
  resolve: (v: Float32Array) => void;
  reject: (err: unknown) => void;
}

const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Workers run TypeScript through tsx, both under `node --import tsx` and under vitest (which does not use tsx). */
function workerExecArgv(): string[] {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const inherited = process.execArgv.filter((a, i, all) => !(a === '--import' && /tsx/.test(all[i + 1] ?? '')) && !/tsx/.test(a));
  // Keep only harmless flags: the inspector and test-runner flags of the parent do not belong in workers.
  const kept = inherited.filter((a) => /^--(max-old-space-size|stack-size|enable-source-maps)/.test(a));
  return [...kept, '--import', tsxLoader];
}

export const defaultThreads = (): number => Math.max(1, availableParallelism());

export class PooledEmbedder implements Embedder {
  readonly id: string;
  private dims: number;
  private readonly pool: Piscina;
  private readonly batchSize: number;
  private readonly batchWindowMs: number;
  private readonly taskTimeoutMs: number;
  private pending: PendingText[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Batches dispatched and texts embedded, for tests and the benchmark. */
  readonly stats = { batches: 0, texts: 0, failures: 0 };

  constructor(private readonly options: PooledEmbedderOptions) {
    this.id = options.id;
    this.dims = options.dimensions ?? 0;
    this.batchSize = options.batchSize ?? 32;
    this.batchWindowMs = options.batchWindowMs ?? 3;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
    const threads = options.threads && options.threads > 0 ? options.threads : defaultThreads();
    this.pool = new Piscina({
      filename: WORKER_FILE,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: options.model,
      execArgv: workerExecArgv(),
      // Tasks are async (tfjs executeAsync): Atomics.wait between tasks would only add risk here.
      atomics: 'disabled',
    });
    // A crashed worker surfaces as a rejected task; piscina respawns it (minThreads). Never let it crash the process.
    this.pool.on('error', (err: Error) => {
      this.stats.failures++;
      options.onWorkerError?.(err);
    });
  }

  get dimensions(): number {
    return this.dims;
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  /** The live worker threads (diagnostics; the crash test terminates one to prove recovery). */
  workerThreads(): readonly Worker[] {
    return this.pool.threads;
  }

  /** Load the model in every worker; reject with the worker's own message (e.g. a corrupt model file). */
  async warmUp(): Promise<void> {
    const n = this.pool.maxThreads;
    const results = await Promise.all(Array.from({ length: n }, () => this.pool.run({ texts: ['warm up'] })));
    const first = results[0] as Float32Array;
    if (!this.dims) this.dims = first.length;
    if (first.length !== this.dims) throw new Error(`model returned ${first.length} dimensions, expected ${this.dims}`);
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

  private schedule(): void {
    while (this.pending.length >= this.batchSize) this.dispatch(this.pending.splice(0, this.batchSize));
    if (this.pending.length > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        while (this.pending.length > 0) this.dispatch(this.pending.splice(0, this.batchSize));
      }, this.batchWindowMs);
    }
  }

  private dispatch(batch: PendingText[]): void {
    this.stats.batches++;
    this.stats.texts += batch.length;
    const signal = AbortSignal.timeout(this.taskTimeoutMs);
    (this.pool.run({ texts: batch.map((p) => p.text) }, { signal }) as Promise<Float32Array>).then(
      (flat) => {
        const d = flat.length / batch.length;
        if (!this.dims) this.dims = d;
        batch.forEach((p, i) => p.resolve(flat.slice(i * d, (i + 1) * d)));
      },
      (err: unknown) => {
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
    const left = this.pending.splice(0);
    for (const p of left) p.reject(new AppError('EMBEDDER_UNAVAILABLE', 'embedder is shut down'));
    await this.pool.destroy();
  }
}
