import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '../../taxonomy/files.js';
import { LABEL_GRAPH_FILE, loadLabelVectors } from '../../taxonomy/label-vectors.js';
import { buildFrozenGraph, decodeGraphFile } from '../../vector-index/frozen.js';
import { defaultDataDir } from '../../taxonomy/files.js';

/**
 * Builds the HNSW graph over the shipped occupation label vectors (the read-only `taxonomy-labels` collection)
 * and writes it links-only: the vectors are already in occupation-label-vectors.*, so the graph file is ~3 MB
 * instead of ~80 MB. Deterministic for given vectors and parameters (one thread, fixed seed).
 */
export function buildLabelGraph(dir: string, opts: { m?: number; efConstruction?: number } = {}, log = (m: string) => console.log(m)): void {
  const lv = loadLabelVectors(join(dir, 'occupation-label-vectors.json.gz'), join(dir, 'occupation-label-vectors.bin.gz'));
  if (!lv) throw new Error(`no label vectors in ${dir}: run npm run data:build:taxonomy first`);
  const t0 = performance.now();
  const m = opts.m ?? 16;
  const efConstruction = opts.efConstruction ?? 200;
  const file = buildFrozenGraph(lv.vectorOf, { modelId: lv.modelId, dims: lv.dim, count: lv.size, m, efConstruction });
  writeFileSync(join(dir, LABEL_GRAPH_FILE), file);
  const { header } = decodeGraphFile(file);
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  manifest.labelGraph = { file: LABEL_GRAPH_FILE, modelId: header.modelId, count: header.count, m, efConstruction, crc32: header.crc32, bytes: file.length };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  log(`label graph: ${lv.size} vectors, M=${m} efC=${efConstruction}, ${(file.length / 2 ** 20).toFixed(1)} MB shipped, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildLabelGraph(resolve(process.argv[2] ?? defaultDataDir()));
}
