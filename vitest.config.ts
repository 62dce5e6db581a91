import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One loaded embedding model per test file's process, shared by the apps it builds (test/shared-embedder.ts).
    setupFiles: ['test/setup.ts'],
    // Built char n-gram indexes (the skill and title indexes) are kept on disk between test files' processes, named by
    // a hash of what they are built from (src/taxonomy/lexical-index.ts); the spawned test servers inherit it.
    env: { PASSERELLE_NGRAM_CACHE_DIR: process.env.PASSERELLE_NGRAM_CACHE_DIR ?? join(tmpdir(), 'passerelle-test-ngram-cache') },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
