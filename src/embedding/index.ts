export type { Embedder, EmbedderConfig } from './types.js';
export { createInProcessUseLite, USE_LITE_ID, USE_LITE_DIMENSIONS, USE_LITE_MAX_TOKENS } from './use-lite.js';
export { createEmbedder } from './create.js';
