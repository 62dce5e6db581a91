// npm run bench:index-real — the HNSW index on real embeddings only: the 36,085 shipped ESCO occupation label vectors
// (the taxonomy-labels collection, its shipped graph) queried with real job titles embedded by USE-lite: O*NET
// alternate titles (shipped data) and, when ../shared is present, JobBERT dev titles (evaluation only, never copied).
// Recall@10 against the exact scan, QPS ratios measured in the same run. [--queries 1000]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createScriptEmbedder } from '../src/embedding/index.js';
import { defaultSharedDir } from '../src/pipeline/build-taxonomy.js';
import { type LabelVectors } from '../src/taxonomy/label-vectors.js';
import { Taxonomy, defaultDataDir } from '../src/taxonomy/taxonomy.js';
import { embedCached, loadJobbertDev, queryTexts, type TitleExample } from '../src/taxonomy/train/title-dataset.js';

const argv = process.argv.slice(2);
const NQ = argv.includes('--queries') ? Number(argv[argv.indexOf('--queries') + 1]) : 1000;
const outDir = resolve('bench/out');
mkdirSync(outDir, { recursive: true });
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const tax = new Taxonomy(defaultDataDir());
const lv = tax.labelVectors as LabelVectors;
const idx = lv.index!;
log(`taxonomy-labels: ${idx.size} vectors, graph ${idx.graphSource}, addon ${idx.status().hnswVariant}`);

const sets: { name: string; examples: TitleExample[] }[] = [];
const onet: TitleExample[] = [];
for (const o of tax.onetOccupations()) for (const a of o.alternateTitles) onet.push({ title: a, gold: o.code });
sets.push({ name: 'O*NET alternate titles', examples: onet.filter((_, i) => i % Math.floor(onet.length / NQ) === 0).slice(0, NQ) });
const jobbert = join(resolve(process.env.TAXONOMY_SOURCE_DIR ?? defaultSharedDir()), 'jobbert', 'titles.dev.csv');
if (existsSync(jobbert)) {
  const dev = loadJobbertDev(jobbert);
  sets.push({ name: 'JobBERT dev titles', examples: dev.filter((_, i) => i % Math.floor(dev.length / NQ) === 0).slice(0, NQ) });
}

const embedder = await createScriptEmbedder();
const report: Record<string, unknown> = { labels: idx.size, graph: idx.status(), sets: {} };
try {
  for (const set of sets) {
    const file = join(outDir, `index-real-${set.name.split(' ')[0]!.replace(/\W/g, '').toLowerCase()}-${NQ}.f32`);
    const qs = await embedCached(queryTexts(set.examples), file, embedder, log);
    const K = 10;
    let t0 = performance.now();
    const truth = qs.map((q) => lv.exactSearch(q, 300));
    const exactQps = qs.length / ((performance.now() - t0) / 1000);
    const rows: Record<string, number | string>[] = [];
    for (const ef of [10, 16, 24, 32, 48, 64, 96, 128]) {
      let hit = 0;
      const lat: number[] = [];
      // warm-up, then timed
      for (const q of qs) idx.search(q, K, { ef });
      t0 = performance.now();
      qs.forEach((q, i) => {
        const a = performance.now();
        const got = new Set(idx.search(q, K, { ef }).items.map((h) => h.label));
        lat.push(performance.now() - a);
        for (const t of truth[i]!.slice(0, K)) if (got.has(t.label)) hit++;
      });
      const qps = qs.length / ((performance.now() - t0) / 1000);
      lat.sort((x, y) => x - y);
      rows.push({ ef, 'recall@10': (hit / (K * qs.length)).toFixed(3), qps: Math.round(qps), p50us: Math.round(lat[lat.length >> 1]! * 1000), 'x exact': Math.round(qps / exactQps) });
    }
    // The served call: the 300 nearest labels (ef = 301).
    let hit300 = 0;
    t0 = performance.now();
    qs.forEach((q, i) => {
      const got = new Set(idx.search(q, 300).items.map((h) => h.label));
      for (const t of truth[i]!) if (got.has(t.label)) hit300++;
    });
    const qps300 = qs.length / ((performance.now() - t0) / 1000);
    log(`${set.name} (${qs.length} real queries): exact scan ${exactQps.toFixed(1)} QPS; 300 nearest (as served): recall ${(hit300 / (300 * qs.length)).toFixed(3)} at ${Math.round(qps300)} QPS (${Math.round(qps300 / exactQps)}× exact)`);
    console.table(rows);
    (report.sets as Record<string, unknown>)[set.name] = { queries: qs.length, exactQps, ladder: rows, served300: { recall: hit300 / (300 * qs.length), qps: qps300 } };
  }
} finally {
  await embedder.close();
}
writeFileSync(join(outDir, `index-real-${NQ}.json`), JSON.stringify(report, null, 2));
log(`wrote bench/out/index-real-${NQ}.json`);
