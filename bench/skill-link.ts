/**
 * npm run bench:skill-link — free text → ESCO skill: lexical linking alone vs with a semantic fallback (USE-lite over
 * the skills' English preferred labels, embedded here into bench/out, about 20 s). Queries are the first sentence of
 * ESCO skill descriptions: paraphrases that no label in the lexical index contains. Thresholds are read on the tune
 * half; figures are reported on the test half. Result (docs/taxonomy.md): the fallback is not served.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createInProcessUseLite } from '../src/embedding/index.js';
import { loadTaxonomy } from '../src/taxonomy/index.js';
import { embedAll, loadLabelVectors, quantise, writeLabelVectorShards, type LabelVectorHeader } from '../src/taxonomy/label-vectors.js';
import { SKILL_LINK_MIN_SCORE } from '../src/services/match-engine.js';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), 'out');
const HEADER = join(OUT, 'skill-label-vectors.json.gz');
const BIN = join(OUT, 'skill-label-vectors.bin.gz');
const FALLBACK_COSINE = 0.7;

async function ensureSkillVectors(tax: ReturnType<typeof loadTaxonomy>): Promise<void> {
  if (existsSync(HEADER)) return;
  mkdirSync(OUT, { recursive: true });
  const skills = tax.skills.filter((s) => s.labels.en?.pref);
  const texts = skills.map((s) => s.labels.en!.pref.toLowerCase().trim());
  const embedder = await createInProcessUseLite();
  const vectors = await embedAll(embedder, texts);
  await embedder.close();
  const { q8, scales } = quantise(vectors, embedder.dimensions);
  const header: LabelVectorHeader = { modelId: embedder.id, dim: embedder.dimensions, count: vectors.length, concepts: skills.map((s) => s.uri.split('/').pop()!), texts, kinds: texts.map(() => 0) };
  writeFileSync(HEADER, gzipSync(Buffer.from(JSON.stringify(header))));
  writeLabelVectorShards(BIN, Buffer.concat([Buffer.from(scales.buffer), Buffer.from(q8.buffer)]));
}

const ni = process.argv.indexOf('--n');
const N = ni >= 0 ? Number(process.argv[ni + 1]) : 1200;

async function main() {
  const tax = loadTaxonomy();
  await ensureSkillVectors(tax);
  const lv = loadLabelVectors(HEADER, BIN)!;
  const prefix = 'http://data.europa.eu/esco/skill/';
  const pool = tax.skills
    .filter((s) => /^[A-Z]/.test(s.description) && s.description.length > 30)
    .sort((a, b) => (hash(a.uri) < hash(b.uri) ? -1 : 1))
    .slice(0, N);
  const queries = pool.map((s) => ({ gold: s.uri, text: (s.description.match(/^[^.]+\./)?.[0] ?? s.description).trim(), half: parseInt(hash(s.uri).slice(0, 2), 16) % 2 === 0 ? 'tune' : 'test' }));
  const embedder = await createInProcessUseLite();
  const vectors = await embedder.embed(queries.map((q) => q.text.toLowerCase()));
  await embedder.close();
  const rows = queries.map((q, i) => {
    const [lex] = tax.linkSkill(q.text, { lang: 'en', limit: 1 });
    const [sem] = lv.search(vectors[i]!, 1);
    return { ...q, lexId: lex?.id, lexScore: lex?.score ?? 0, semId: sem ? prefix + lv.header.concepts[sem.label] : undefined, semScore: sem?.score ?? 0 };
  });
  const evaluate = (half: string, tau: number | null) => {
    const rs = rows.filter((r) => r.half === half);
    let linked = 0;
    let correct = 0;
    for (const r of rs) {
      let id: string | undefined;
      if (r.lexScore >= SKILL_LINK_MIN_SCORE) id = r.lexId;
      else if (tau !== null && r.semScore >= tau) id = r.semId;
      if (!id) continue;
      linked++;
      if (id === r.gold) correct++;
    }
    return { n: rs.length, linked, correct, precision: linked ? correct / linked : 0, recall: correct / rs.length };
  };
  const taus = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
  console.log('tune half: correct links by cosine threshold of the semantic fallback');
  for (const tau of taus) {
    const e = evaluate('tune', tau);
    console.log(`  τ=${tau}: linked ${e.linked}/${e.n}, correct ${e.correct}, precision ${e.precision.toFixed(3)}`);
  }
  const lex = evaluate('test', null);
  const fused = evaluate('test', FALLBACK_COSINE);
  const semOnly = rows.filter((r) => r.half === 'test');
  const semAcc = semOnly.filter((r) => r.semId === r.gold).length / semOnly.length;
  console.log(`\n## bench:skill-link — ${lex.n} held-out ESCO description sentences → skill (test half)`);
  console.log('| linking | linked | correct (recall) | precision |\n|---|---:|---:|---:|');
  console.log(`| lexical alone (score ≥ ${SKILL_LINK_MIN_SCORE}) | ${lex.linked} | ${lex.correct} (${lex.recall.toFixed(3)}) | ${lex.precision.toFixed(3)} |`);
  console.log(`| semantic top-1 alone (no threshold) | ${semOnly.length} | ${Math.round(semAcc * semOnly.length)} (${semAcc.toFixed(3)}) | ${semAcc.toFixed(3)} |`);
  console.log(`| lexical, then semantic fallback (cosine ≥ ${FALLBACK_COSINE}) | ${fused.linked} | ${fused.correct} (${fused.recall.toFixed(3)}) | ${fused.precision.toFixed(3)} |`);
  for (const text of ['fixing cars', 'looking after old people', 'driving lorries', 'cooking for restaurants', 'writing python code']) {
    const [v] = await (async () => {
      const e = await createInProcessUseLite();
      try {
        return await e.embed([text]);
      } finally {
        await e.close();
      }
    })();
    const [lexHit] = tax.linkSkill(text, { lang: 'en', limit: 1 });
    const [semHit] = lv.search(v!, 1);
    console.log(`  "${text}": lexical → ${lexHit?.label} (${lexHit?.score.toFixed(2)}); semantic → ${lv.header.texts[semHit!.label]} (${semHit!.score.toFixed(2)})`);
  }
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
void main();
