import { PooledEmbedder } from './pool.js';
import { checkModelFolder, EmbedderStartupError, transformersModelId } from './transformers.js';
import type { Embedder, EmbedderConfig } from './types.js';
import { USE_LITE_DIMENSIONS, USE_LITE_ID } from './use-lite.js';

export interface CreateEmbedderOptions {
  batchSize?: number;
  batchWindowMs?: number;
  taskTimeoutMs?: number;
  onWorkerError?: (err: Error) => void;
}

/**
 * The configured embedder as the service uses it: a pool of worker threads (EMBED_WORKERS, 0 = one per core) behind
 * a batching queue. Resolves once every worker has loaded the model; a missing or corrupt model fails here.
 */
export async function createEmbedder(config: EmbedderConfig, options: CreateEmbedderOptions = {}): Promise<PooledEmbedder> {
  let embedder: PooledEmbedder;
  if (config.EMBEDDER === 'use-lite') {
    embedder = new PooledEmbedder({
      ...options,
      id: USE_LITE_ID,
      dimensions: USE_LITE_DIMENSIONS,
      model: { provider: 'use-lite' },
      threads: config.EMBED_WORKERS,
    });
  } else {
    checkModelFolder(config.MODELS_DIR, config.EMBEDDER_MODEL, config.ALLOW_MODEL_DOWNLOAD);
    embedder = new PooledEmbedder({
      ...options,
      id: await transformersModelId(config.MODELS_DIR, config.EMBEDDER_MODEL),
      model: {
        provider: 'transformers',
        modelsDir: config.MODELS_DIR,
        model: config.EMBEDDER_MODEL,
        allowDownload: config.ALLOW_MODEL_DOWNLOAD,
      },
      threads: config.EMBED_WORKERS,
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
