import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Test files whose subject is a process's own start-up state (the taxonomy warm-up from cold, a close during start-up
 * work, the n-gram cache's environment variable, model loading and the embedding workers, stubbed globals): each runs
 * in a fresh process. Every other file shares its worker's process with the files that ran before it (see `shared`).
 */
const OWN_PROCESS = ['test/shutdown.test.ts', 'test/taxonomy.warmup.test.ts', 'test/lexical-index.cache.test.ts', 'test/embedding*.test.ts'];

export default defineConfig({
  test: {
    // One loaded embedding model per test file, shared by the apps it builds (test/shared-embedder.ts).
    setupFiles: ['test/setup.ts'],
    // Built char n-gram indexes (the skill and title indexes) are kept on disk between test files' processes, named by
    // a hash of what they are built from (src/taxonomy/lexical-index.ts); the spawned test servers inherit it.
    env: { PASSERELLE_NGRAM_CACHE_DIR: process.env.PASSERELLE_NGRAM_CACHE_DIR ?? join(tmpdir(), 'passerelle-test-ngram-cache') },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      // Most of a fresh process's cost per file was loading the same modules and the same taxonomy again (src/app.ts
      // and its imports, about 3.5 s; loadTaxonomy, about 4 s of CPU): here a worker's process keeps them between
      // files, as one service process shares its loaded taxonomy between app instances. Each file still builds its
      // own apps on its own databases and closes them.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: OWN_PROCESS, isolate: false } },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS } },
    ],
  },
});
