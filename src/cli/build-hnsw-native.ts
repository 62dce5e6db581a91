// Builds CPU-specific copies of the hnswlib-node addon (SIMD flags detected from /proc/cpuinfo) next to the stock one.
// Never fails the install: any problem leaves the stock build in use. Works offline (node-gyp with the local headers).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { NATIVE_DIR, cpuFlags, type NativeBuild } from '../vector-index/hnsw-binding.js';

interface Profile {
  profile: string;
  cxxflags: string;
  requiredCpuFlags: string[];
}

// Ordered fastest-first; loadHnsw() takes the first usable one. 'native' (-march=native) is built only on request
// (--with-native) because it may use instructions a copied node_modules would not find on another CPU.
const PROFILES: Profile[] = [
  { profile: 'avx512', cxxflags: '-O3 -mavx512f -mavx512dq -mavx512bw -mavx512vl -mavx2 -mfma', requiredCpuFlags: ['avx512f', 'avx512dq', 'avx512bw', 'avx512vl', 'avx2', 'fma'] },
  { profile: 'avx2', cxxflags: '-O3 -mavx2 -mfma', requiredCpuFlags: ['avx2', 'fma'] },
];

function log(msg: string): void {
  process.stdout.write(`[build-hnsw-native] ${msg}\n`);
}

function nodeGyp(): string | null {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

/** Offline: point node-gyp at the headers installed with Node instead of downloading them. */
function nodedirArg(): string[] {
  const fromNpm = process.env.npm_config_nodedir;
  if (fromNpm) return [`--nodedir=${fromNpm}`];
  const prefix = resolve(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include/node/node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

function main(): void {
  const args = new Set(process.argv.slice(2));
  if (process.env.PASSERELLE_SKIP_NATIVE === '1') return log('skipped (PASSERELLE_SKIP_NATIVE=1)');
  if (process.platform !== 'linux' || process.arch !== 'x64') return log(`skipped on ${process.platform}/${process.arch}`);
  const gyp = nodeGyp();
  if (!gyp) return log('node-gyp not found; using the stock build');
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('hnswlib-node/package.json'));
  const flags = cpuFlags();
  const profiles = [...PROFILES];
  if (args.has('--with-native')) profiles.unshift({ profile: 'native', cxxflags: '-O3 -march=native', requiredCpuFlags: [...flags].filter((f) => /^(avx|fma|sse4|f16c|bmi)/.test(f)) });
  const only = [...args].find((a) => a.startsWith('--only='))?.slice(7);
  // By default only the best profile this CPU supports (one ~15 s compile at install); --all builds every one.
  const all = args.has('--all') || args.has('--with-native');
  mkdirSync(NATIVE_DIR, { recursive: true });
  const builds: NativeBuild[] = [];
  for (const p of profiles) {
    if (only && p.profile !== only) continue;
    if (!p.requiredCpuFlags.every((f) => flags.has(f))) {
      log(`${p.profile}: CPU lacks ${p.requiredCpuFlags.filter((f) => !flags.has(f)).join(',')}`);
      continue;
    }
    const work = join(NATIVE_DIR, `src-${p.profile}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    for (const f of ['binding.gyp', 'package.json', 'src']) cpSync(join(pkgDir, f), join(work, f), { recursive: true });
    const started = Date.now();
    const r = spawnSync(process.execPath, [gyp, 'rebuild', '--release', ...nodedirArg()], {
      cwd: work,
      env: { ...process.env, CXXFLAGS: p.cxxflags, CFLAGS: p.cxxflags },
      encoding: 'utf8',
      timeout: 600_000,
    });
    const built = join(work, 'build/Release/addon.node');
    if (r.status !== 0 || !existsSync(built)) {
      log(`${p.profile}: build failed (${(r.stderr || r.error?.message || '').slice(-400)})`);
      continue;
    }
    const file = `addon-${p.profile}-abi${process.versions.modules}.node`;
    copyFileSync(built, join(NATIVE_DIR, file));
    rmSync(work, { recursive: true, force: true });
    // Smoke test in a child: a SIGILL there must not take the installer down.
    const smoke = spawnSync(
      process.execPath,
      [
        '-e',
        `const h=require(${JSON.stringify(join(NATIVE_DIR, file))});const i=new h.HierarchicalNSW('l2',8);i.initIndex(50);` +
          `for(let j=0;j<50;j++)i.addPoint(Array.from({length:8},(_,k)=>Math.sin(j+k)),j);` +
          `const r=i.searchKnn(Array.from({length:8},(_,k)=>Math.sin(3+k)),1);if(r.neighbors[0]!==3)process.exit(3)`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (smoke.status !== 0) {
      log(`${p.profile}: smoke test failed (${smoke.signal ?? smoke.status}); discarded`);
      rmSync(join(NATIVE_DIR, file), { force: true });
      continue;
    }
    builds.push({ ...p, nodeAbi: process.versions.modules, arch: process.arch, file, builtAt: new Date().toISOString() });
    log(`${p.profile}: built in ${((Date.now() - started) / 1000).toFixed(1)} s with ${p.cxxflags}`);
    if (!all && !only) break;
  }
  writeFileSync(join(NATIVE_DIR, 'builds.json'), JSON.stringify(builds, null, 2));
  log(builds.length ? `usable: ${builds.map((b) => b.profile).join(', ')}` : 'no native build; using the stock build');
}

try {
  main();
} catch (err) {
  log(`failed (${(err as Error).message}); using the stock build`);
}
process.exitCode = 0;
