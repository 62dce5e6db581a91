export type { Embedder, EmbedderConfig } from './types.js';
export { createInProcessUseLite, UseLiteModel, USE_LITE_ID, USE_LITE_DIMENSIONS, USE_LITE_MAX_TOKENS } from './use-lite.js';
export { createEmbedder, createScriptEmbedder, type CreateEmbedderOptions } from './create.js';
export { PooledEmbedder } from './pool.js';
export { EmbedderStartupError, REQUIRED_MODEL_FILES, TransformersModel } from './transformers.js';
export { cosine, isBlank } from './vector-math.js';
