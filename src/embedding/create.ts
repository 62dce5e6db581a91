import { defaultThreads, InThreadTransformersExecutor, PooledEmbedder, WorkerPoolExecutor } from './pool.js';
import { checkModelFolder, EmbedderStartupError, transformersModelId } from './transformers.js';
import type { Embedder, EmbedderConfig } from './types.js';
import { USE_LITE_DIMENSIONS, USE_LITE_ID } from './use-lite-meta.js';

export interface CreateEmbedderOptions {
  batchSize?: number;
  batchWindowMs?: number;
  taskTimeoutMs?: number;
  onWorkerError?: (err: Error) => void;
}

/**
 * The configured embedder as the service uses it: a batching queue in front of the model (use-lite: a pool of
 * EMBED_WORKERS worker threads, 0 = one per core; transformers: onnxruntime in this thread, see pool.ts).
 * Resolves once the model is loaded everywhere; a missing or corrupt model fails here with an EmbedderStartupError.
 */
export async function createEmbedder(config: EmbedderConfig, options: CreateEmbedderOptions = {}): Promise<PooledEmbedder> {
  let embedder: PooledEmbedder;
  if (config.EMBEDDER === 'use-lite') {
    const threads = config.EMBED_WORKERS > 0 ? config.EMBED_WORKERS : defaultThreads();
    embedder = new PooledEmbedder({
      ...options,
      id: USE_LITE_ID,
      dimensions: USE_LITE_DIMENSIONS,
      executor: new WorkerPoolExecutor({ provider: 'use-lite' }, threads, options.onWorkerError),
    });
  } else {
    checkModelFolder(config.MODELS_DIR, config.EMBEDDER_MODEL, config.ALLOW_MODEL_DOWNLOAD);
    embedder = new PooledEmbedder({
      ...options,
      id: await transformersModelId(config.MODELS_DIR, config.EMBEDDER_MODEL),
      executor: new InThreadTransformersExecutor({
        modelsDir: config.MODELS_DIR,
        model: config.EMBEDDER_MODEL,
        allowDownload: config.ALLOW_MODEL_DOWNLOAD,
      }),
    });
  }
  try {
    await embedder.warmUp();
  } catch (err) {
    await embedder.close().catch(() => {});
    const message = err instanceof Error ? err.message : String(err);
    throw err instanceof EmbedderStartupError ? err : new EmbedderStartupError(`embedder ${embedder.id} failed to start: ${message}`);
  }
  return embedder;
}

export type { Embedder };

/**
 * The USE-lite embedder for offline scripts (data pipelines, training, benches): batches of 8 and a long task timeout,
 * so thousands of texts can be queued without tripping the service's per-task limit.
 */
export function createScriptEmbedder(workers = 2): Promise<PooledEmbedder> {
  return createEmbedder(
    { EMBEDDER: 'use-lite', EMBEDDER_MODEL: '', MODELS_DIR: './models', ALLOW_MODEL_DOWNLOAD: false, EMBED_WORKERS: workers },
    { batchSize: 8, taskTimeoutMs: 600_000 },
  );
}
