import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import hnswlibStock from 'hnswlib-node';

export type HnswLib = typeof hnswlibStock;

/** Where `npm run build:hnsw-native` (and postinstall) puts CPU-specific builds of the hnswlib-node addon. */
export const NATIVE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/passerelle-hnsw');

export interface NativeBuild {
  profile: string;
  cxxflags: string;
  requiredCpuFlags: string[];
  nodeAbi: string;
  arch: string;
  file: string;
  /** Our source patches applied to this build (see src/cli/build-hnsw-native.ts), e.g. 'fast-load'. */
  patches?: string[];
  builtAt: string;
}

export function cpuFlags(): Set<string> {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const line = info.split('\n').find((l) => l.startsWith('flags'));
    return new Set((line?.split(':')[1] ?? '').trim().split(/\s+/));
  } catch {
    return new Set();
  }
}

export function nativeBuilds(): NativeBuild[] {
  const manifest = join(NATIVE_DIR, 'builds.json');
  if (!existsSync(manifest)) return [];
  try {
    return JSON.parse(readFileSync(manifest, 'utf8')) as NativeBuild[];
  } catch {
    return [];
  }
}

/** A build is usable only on the same Node ABI and a CPU that has every instruction set it was compiled for. */
export function usableBuild(b: NativeBuild, flags = cpuFlags()): boolean {
  return (
    b.nodeAbi === process.versions.modules &&
    b.arch === process.arch &&
    b.requiredCpuFlags.every((f) => flags.has(f)) &&
    existsSync(join(NATIVE_DIR, b.file))
  );
}

export interface LoadedHnsw {
  lib: HnswLib;
  variant: string;
  /** Absolute path of the addon (null: the stock package), for worker threads. */
  addonPath: string | null;
}

let cached: LoadedHnsw | null = null;

/**
 * The fastest usable hnswlib-node addon: a CPU-specific build if one was made for this CPU and Node ABI (see
 * docs/vector-index.md), else the stock build. `prefer`: 'stock' or a profile name forces a choice (benchmarks).
 */
export function loadHnsw(prefer: 'auto' | 'stock' | string = 'auto'): LoadedHnsw {
  if (prefer === 'auto' && cached) return cached;
  let out: LoadedHnsw = { lib: hnswlibStock, variant: 'stock', addonPath: null };
  if (prefer !== 'stock' && process.env.PASSERELLE_HNSW_STOCK !== '1') {
    const flags = cpuFlags();
    const candidates = nativeBuilds().filter((b) => usableBuild(b, flags) && (prefer === 'auto' || b.profile === prefer));
    const pick = candidates[0];
    if (pick) {
      const path = join(NATIVE_DIR, pick.file);
      try {
        out = { lib: createRequire(import.meta.url)(path) as HnswLib, variant: pick.profile, addonPath: path };
      } catch {
        // an unloadable build falls back to the stock addon
      }
    }
  }
  if (prefer === 'auto') cached = out;
  return out;
}
