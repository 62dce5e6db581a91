// Builds CPU-specific copies of the hnswlib-node addon (SIMD flags detected from /proc/cpuinfo) next to the stock one.
// Never fails the install: any problem leaves the stock build in use. Works offline (node-gyp with the local headers).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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

/**
 * Our own change to hnswlib's loadIndex, applied to the copied sources of the CPU-specific builds only: hnswlib
 * validates a file in a first pass that calls tellg()/seekg() per element, each a syscall that also drops the
 * stream buffer (9.5 s to open a 1M × 512 graph here, nearly all of it in that pass). The patch checks the same
 * thing with arithmetic while the second pass reads the link-list sizes: each size must be a whole number of
 * link lists, the running total may never pass the file's end, and must end exactly on it. It also reserves the
 * label map. If the sources do not match (another hnswlib-node version), the build goes ahead unpatched.
 */
export const FAST_LOAD_PATCH = {
  name: 'fast-load',
  edits: [
    {
      from: /        auto pos = input\.tellg\(\);\n\n        \/\/\/ Optional - check if index is ok:[\s\S]*?\/\/\/ Optional check end\n\n        input\.seekg\(pos, input\.beg\);\n/,
      to: [
        '        // passerelle fast-load: no per-element tellg()/seekg() pass; sizes are checked arithmetically below.',
        '        std::streamoff pfl_expected = (std::streamoff) input.tellg() + (std::streamoff) (cur_element_count * size_data_per_element_);',
        '        if (pfl_expected > (std::streamoff) total_filesize)',
        '            throw std::runtime_error("Index seems to be corrupted or unsupported");',
        '        label_lookup_.reserve(cur_element_count);',
        '',
      ].join('\n'),
    },
    {
      from: /            unsigned int linkListSize;\n            readBinaryPOD\(input, linkListSize\);\n            if \(linkListSize == 0\) \{\n                element_levels_\[i\] = 0;/,
      to: [
        '            unsigned int linkListSize;',
        '            readBinaryPOD(input, linkListSize);',
        '            pfl_expected += (std::streamoff) sizeof(unsigned int) + (std::streamoff) linkListSize;',
        '            if (!input || pfl_expected > (std::streamoff) total_filesize || linkListSize % size_links_per_element_ != 0)',
        '                throw std::runtime_error("Index seems to be corrupted or unsupported");',
        '            if (linkListSize == 0) {',
        '                element_levels_[i] = 0;',
      ].join('\n'),
    },
    {
      from: /        for \(size_t i = 0; i < cur_element_count; i\+\+\) \{\n            if \(isMarkedDeleted\(i\)\) \{/,
      to: [
        '        if (!input || pfl_expected != (std::streamoff) total_filesize)',
        '            throw std::runtime_error("Index seems to be corrupted or unsupported");',
        '        for (size_t i = 0; i < cur_element_count; i++) {',
        '            if (isMarkedDeleted(i)) {',
      ].join('\n'),
    },
  ],
};

/** Apply the patch to a copied source tree; false (and nothing written) if any edit does not match exactly once. */
export function applyFastLoadPatch(srcDir: string): boolean {
  const file = join(srcDir, 'src/hnswlib/hnswalg.h');
  if (!existsSync(file)) return false;
  let text = readFileSync(file, 'utf8');
  for (const e of FAST_LOAD_PATCH.edits) {
    const matches = text.match(new RegExp(e.from.source, 'g'));
    if (!matches || matches.length !== 1) return false;
    text = text.replace(e.from, e.to);
  }
  writeFileSync(file, text);
  return true;
}

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
    const patches = applyFastLoadPatch(work) ? [FAST_LOAD_PATCH.name] : [];
    if (!patches.length) log(`${p.profile}: hnswlib sources differ from the ones the fast-load patch was written for; building unpatched`);
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
    // Copy then rename: a running service has the previous file mapped, and overwriting it in place would crash it.
    copyFileSync(built, join(NATIVE_DIR, `${file}.tmp`));
    renameSync(join(NATIVE_DIR, `${file}.tmp`), join(NATIVE_DIR, file));
    rmSync(work, { recursive: true, force: true });
    // Smoke test in a child: a SIGILL there must not take the installer down.
    const smoke = spawnSync(
      process.execPath,
      [
        '-e',
        `const h=require(${JSON.stringify(join(NATIVE_DIR, file))});const i=new h.HierarchicalNSW('l2',8);i.initIndex(50);` +
          `for(let j=0;j<50;j++)i.addPoint(Array.from({length:8},(_,k)=>Math.sin(j+k)),j);` +
          `const r=i.searchKnn(Array.from({length:8},(_,k)=>Math.sin(3+k)),1);if(r.neighbors[0]!==3)process.exit(3);` +
          // the (patched) loader reads back what was written, and refuses a truncated file
          `const fs=require('fs'),f=require('os').tmpdir()+'/hnsw-smoke-'+process.pid;i.writeIndexSync(f);` +
          `const j=new h.HierarchicalNSW('l2',8);j.readIndexSync(f);if(j.searchKnn(Array.from({length:8},(_,k)=>Math.sin(3+k)),1).neighbors[0]!==3)process.exit(4);` +
          `fs.truncateSync(f,fs.statSync(f).size-3);let bad=false;try{new h.HierarchicalNSW('l2',8).readIndexSync(f)}catch{bad=true}fs.rmSync(f);if(!bad)process.exit(5)`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (smoke.status !== 0) {
      log(`${p.profile}: smoke test failed (${smoke.signal ?? smoke.status}); discarded`);
      rmSync(join(NATIVE_DIR, file), { force: true });
      continue;
    }
    builds.push({ ...p, nodeAbi: process.versions.modules, arch: process.arch, file, patches, builtAt: new Date().toISOString() });
    log(`${p.profile}: built in ${((Date.now() - started) / 1000).toFixed(1)} s with ${p.cxxflags}${patches.length ? ` + ${patches.join(', ')}` : ''}`);
    if (!all && !only) break;
  }
  writeFileSync(join(NATIVE_DIR, 'builds.json'), JSON.stringify(builds, null, 2));
  log(builds.length ? `usable: ${builds.map((b) => b.profile).join(', ')}` : 'no native build; using the stock build');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    log(`failed (${(err as Error).message}); using the stock build`);
  }
  process.exitCode = 0;
}
