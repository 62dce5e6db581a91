import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as tf from '@tensorflow/tfjs-core';
import { ensureWasmBackend } from '../../embedding/use-lite.js';
import { LabelVectors, type TextEmbedder, embedAll } from '../label-vectors.js';
import { type Lang, type Taxonomy, titleEmbeddingText } from '../taxonomy.js';
import type { FeatureVector } from '../reranker.js';

export interface TitleExample {
  title: string;
  gold: string;
  lang?: Lang;
}

/** JobBERT dev titles (evaluation/training folds only; never copied into the repository). */
export function loadJobbertDev(path: string): TitleExample[] {
  if (!existsSync(path)) throw new Error(`JobBERT dev set not found: ${path}`);
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  return rows.map((r) => ({ title: r.vacancyTitle ?? '', gold: r.conceptUri ?? '' })).filter((r) => r.title.trim() && r.gold);
}

/** Embed texts once and keep them in a binary cache keyed by model id (bench/out is gitignored). */
export async function embedCached(texts: string[], cacheFile: string, embedder: TextEmbedder & { dimensions?: number }, log = (m: string) => console.error(m)): Promise<Float32Array[]> {
  const dim = embedder.dimensions ?? 512;
  const metaFile = `${cacheFile}.json`;
  if (existsSync(cacheFile) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { modelId: string; texts: string[] };
    if (meta.modelId === embedder.id && meta.texts.length === texts.length && meta.texts.every((t, i) => t === texts[i])) {
      const buf = readFileSync(cacheFile);
      const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      return texts.map((_, i) => all.subarray(i * dim, (i + 1) * dim));
    }
  }
  const t0 = Date.now();
  let last = 0;
  const out = await embedAll(embedder, texts, (done) => {
    if (done - last >= 2048) {
      last = done;
      log(`embedded ${done}/${texts.length} queries in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  });
  mkdirSync(dirname(cacheFile), { recursive: true });
  const all = new Float32Array(texts.length * dim);
  out.forEach((v, i) => all.set(v, i * dim));
  writeFileSync(cacheFile, Buffer.from(all.buffer));
  writeFileSync(metaFile, JSON.stringify({ modelId: embedder.id, texts }));
  return out;
}

export interface TitleGroup {
  occ: string[];
  lex: number[];
  sem: number[];
  fused: number[];
  x: FeatureVector[];
  gold: number;
}

/**
 * Calls fn(i, cosines of query i against every label vector) computing the cosines block-wise with one matrix
 * product per block on the tfjs wasm backend (brute force per query in JS would take minutes for the dev set).
 */
export async function withLabelScores(lv: LabelVectors, vectors: Float32Array[], fn: (i: number, scores: Float32Array) => void, block = 128): Promise<void> {
  await ensureWasmBackend();
  const L = tf.tensor2d(lv.denseMatrix(), [lv.size, lv.dim]);
  try {
    for (let a = 0; a < vectors.length; a += block) {
      const rows = vectors.slice(a, a + block);
      const flat = new Float32Array(rows.length * lv.dim);
      rows.forEach((v, i) => flat.set(v, i * lv.dim));
      const out = tf.tidy(() => tf.matMul(tf.tensor2d(flat, [rows.length, lv.dim]), L, false, true));
      const data = (await out.data()) as Float32Array;
      out.dispose();
      rows.forEach((_, i) => fn(a + i, data.subarray(i * lv.size, (i + 1) * lv.size)));
    }
  } finally {
    L.dispose();
  }
}

/**
 * Candidate lists with features for each example (the unit the re-ranker trains and is evaluated on).
 * leaveOut: the examples are the title model's own training titles, so each one is removed from it while featurised.
 * served: take the semantic candidates from the HNSW label graph (the served path) instead of a dense exact scan.
 */
export async function buildTitleGroups(tax: Taxonomy, examples: TitleExample[], vectors?: Float32Array[], leaveOut = false, opts: { served?: boolean } = {}): Promise<TitleGroup[]> {
  const groups: TitleGroup[] = new Array(examples.length);
  const occIndex = new Map(tax.occupations.map((o, i) => [o.uri, i]));
  const one = (i: number, semScores?: Float32Array) => {
    const ex = examples[i]!;
    const lo = leaveOut && vectors ? { occ: occIndex.get(ex.gold) ?? -1, vec: vectors[i]! } : undefined;
    const { q, cands, centroid } = tax.titleCandidates(ex.title, ex.lang, vectors?.[i], 50, semScores, lo);
    const x = tax.titleFeatures(q, ex.lang, cands, centroid, lo);
    const occ = cands.map((c) => tax.occupations[c.occ]!.uri);
    groups[i] = { occ, lex: cands.map((c) => c.lex), sem: cands.map((c) => c.sem), fused: x.map((f) => f[6]!), x, gold: occ.indexOf(ex.gold) };
  };
  const lv = tax.labelVectors;
  // served: nearest labels from the HNSW graph, as the service does; else dense exact scores (fast in batches).
  if (vectors && lv instanceof LabelVectors && !opts.served) await withLabelScores(lv, vectors, one);
  else examples.forEach((_, i) => one(i));
  return groups;
}

export function queryTexts(examples: TitleExample[]): string[] {
  return examples.map((e) => titleEmbeddingText(e.title));
}

export interface RankMetrics {
  n: number;
  acc1: number;
  acc5: number;
  mrr10: number;
  recall50: number;
}

/** Metrics of one ranking per group given a score per candidate (ties broken by candidate order). */
export function rankMetrics(groups: TitleGroup[], score: (g: TitleGroup) => number[]): RankMetrics {
  let a1 = 0;
  let a5 = 0;
  let mrr = 0;
  let r50 = 0;
  for (const g of groups) {
    if (g.gold < 0) continue;
    const s = score(g);
    const gs = s[g.gold]!;
    let rank = 1;
    for (let j = 0; j < s.length; j++) if (s[j]! > gs || (s[j] === gs && j < g.gold)) rank++;
    if (rank === 1) a1++;
    if (rank <= 5) a5++;
    if (rank <= 10) mrr += 1 / rank;
    if (rank <= 50) r50++;
  }
  const n = groups.length;
  return { n, acc1: a1 / n, acc5: a5 / n, mrr10: mrr / n, recall50: r50 / n };
}
