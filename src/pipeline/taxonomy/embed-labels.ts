import { writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScriptEmbedder } from '../../embedding/index.js';
import type { Embedder } from '../../embedding/index.js';
import { type Manifest, type OccupationRow, defaultDataDir, readGzJson, writeGzJson } from '../../taxonomy/files.js';
import { type LabelVectorHeader, embedAll, quantise, writeLabelVectorShards } from '../../taxonomy/label-vectors.js';

/** The texts we embed per occupation: lower-cased en preferred + alternative labels, and "label: first description sentence". */
export function occupationEmbeddingTexts(occupations: OccupationRow[]): Pick<LabelVectorHeader, 'concepts' | 'texts' | 'kinds'> {
  const concepts: string[] = [];
  const texts: string[] = [];
  const kinds: number[] = [];
  for (const o of occupations) {
    const en = o.labels.en;
    if (!en) continue;
    const seen = new Set<string>();
    const push = (t: string, k: number) => {
      const s = t.toLowerCase().trim();
      if (!s || seen.has(s)) return;
      seen.add(s);
      concepts.push(o.id);
      texts.push(s);
      kinds.push(k);
    };
    push(en.pref, 0);
    for (const a of en.alt ?? []) push(a, 1);
    if (o.desc) push(`${en.pref}: ${o.desc}`, 3);
  }
  return { concepts, texts, kinds };
}

/** Embeds the occupation labels once and writes int8 vectors + header under outDir; records the model id in the manifest. */
export async function embedOccupationLabels(outDir: string, embedder: Embedder, log = (m: string) => console.log(m)): Promise<LabelVectorHeader> {
  const occupations = readGzJson<OccupationRow[]>(join(outDir, 'occupations.json.gz'));
  const { concepts, texts, kinds } = occupationEmbeddingTexts(occupations);
  const t0 = Date.now();
  let last = 0;
  const vectors = await embedAll(embedder, texts, (done) => {
    if (done - last >= 4096) {
      last = done;
      log(`embedded ${done}/${texts.length} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  });
  const dim = embedder.dimensions;
  const { q8, scales } = quantise(vectors, dim);
  const header: LabelVectorHeader = { modelId: embedder.id, dim, count: vectors.length, concepts, texts, kinds };
  writeGzJson(join(outDir, 'occupation-label-vectors.json.gz'), header);
  const bin = Buffer.concat([Buffer.from(scales.buffer), Buffer.from(q8.buffer)]);
  writeLabelVectorShards(join(outDir, 'occupation-label-vectors.bin.gz'), bin);
  const manifestPath = join(outDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  manifest.embeddings = { modelId: embedder.id, dim, count: vectors.length, file: 'occupation-label-vectors.bin.<n>.gz' };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  log(`embedded ${vectors.length} labels in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return header;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? defaultDataDir());
  const workers = Number(process.env.EMBED_WORKERS ?? 2) || 2;
  const embedder = await createScriptEmbedder(workers);
  try {
    await embedOccupationLabels(out, embedder);
  } finally {
    await embedder.close();
  }
}
