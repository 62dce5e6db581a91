import type { Embedder, EmbedderConfig } from './types.js';
import { createInProcessUseLite } from './use-lite.js';

/** The configured embedder. (Early version: in-process; the worker pool replaces it behind the same signature.) */
export async function createEmbedder(config: EmbedderConfig): Promise<Embedder> {
  if (config.EMBEDDER === 'use-lite') return createInProcessUseLite();
  throw new Error(`EMBEDDER=${config.EMBEDDER} is not available yet`);
}
