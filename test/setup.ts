// vitest setupFiles: runs in each test file's process before the file.
import { afterAll } from 'vitest';
import { closeSharedEmbedder, enableSharedEmbedder } from './shared-embedder.js';

enableSharedEmbedder();
// Registered first, so it runs after the file's own afterAll hooks (which close the apps using it).
afterAll(closeSharedEmbedder, 60_000);
