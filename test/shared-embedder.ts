import { createEmbedder } from '../src/embedding/create.js';
import type { PooledEmbedder } from '../src/embedding/pool.js';
import type { Config } from '../src/config.js';

/**
 * One real USE-lite embedder (one worker thread, as the test servers run: QUIET_SERVER_ENV) for every app that
 * buildTestApp() builds in a test file's process, instead of loading the model into new worker threads for each app
 * (about 1.6 s of CPU per thread; a file on both back ends built two apps of two threads each). Each app still wraps
 * it in its own cache on its own database. An app whose config names any embedder setting gets its own, as before.
 * Enabled by test/setup.ts (vitest setupFiles), which closes it after the file; elsewhere apps create their own.
 */
const EMBEDDER_KEYS = ['EMBEDDER', 'EMBEDDER_MODEL', 'MODELS_DIR', 'ALLOW_MODEL_DOWNLOAD', 'EMBED_WORKERS'] as const;

let enabled = false;
let shared: Promise<PooledEmbedder> | null = null;

export function enableSharedEmbedder(): void {
  enabled = true;
}

/** The shared embedder, as an app's embedder whose close() leaves it open; undefined when the app must own one. */
export async function sharedEmbedderFor(overrides: Partial<Config>): Promise<PooledEmbedder | undefined> {
  if (!enabled || EMBEDDER_KEYS.some((k) => k in overrides)) return undefined;
  // The environment decides like loadConfig() would, so a run with EMBEDDER=… set is not silently served USE-lite.
  if (EMBEDDER_KEYS.some((k) => process.env[k] !== undefined)) return undefined;
  shared ??= createEmbedder({ EMBEDDER: 'use-lite', EMBEDDER_MODEL: '', MODELS_DIR: './models', ALLOW_MODEL_DOWNLOAD: false, EMBED_WORKERS: 1 });
  const pooled = await shared;
  return new Proxy(pooled, {
    get(target, prop) {
      if (prop === 'close') return async () => undefined;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export async function closeSharedEmbedder(): Promise<void> {
  const s = shared;
  shared = null;
  await (await s?.catch(() => undefined))?.close();
}
