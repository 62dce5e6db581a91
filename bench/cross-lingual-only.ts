/**
 * Dev helper: only the cross-lingual section of bench:taxonomy (same set, same quick subset), with misses.
 * `node --import tsx bench/cross-lingual-only.ts [--full] [--misses fr,ar] [--served]`
 * `--served`: also through `normalizeTitle` with the embedder (glossary readings read by the English reader), as served.
 */
import { resolve } from 'node:path';
import { crossLingualSet, occupationHalf } from '../src/taxonomy/train/title-training.js';
import { Taxonomy, defaultDataDir, type Lang } from '../src/taxonomy/taxonomy.js';
import { createScriptEmbedder } from '../src/embedding/index.js';

const dataDir = resolve(process.env.TAXONOMY_DIR ?? defaultDataDir());
const quick = !process.argv.includes('--full');
// --offset k: the k-th fifth instead of the quick bench's (k = 0), to choose among variants without looking at the reported subset
const oi = process.argv.indexOf('--offset');
const offset = oi >= 0 ? Number(process.argv[oi + 1]) : 0;
const mi = process.argv.indexOf('--misses');
const missLangs = mi >= 0 ? (process.argv[mi + 1] ?? '').split(',') : [];
const served = process.argv.includes('--served');
const shipped = new Taxonomy(dataDir);
const { xtax, examples } = crossLingualSet(dataDir, (uri) => occupationHalf(uri) === 1);
xtax.titleModel = shipped.titleModel;
xtax.lexicalReranker = shipped.lexicalReranker;
xtax.reranker = shipped.reranker;
const view = served ? xtax.withEmbedder(await createScriptEmbedder()) : undefined;
const label = new Map(xtax.occupations.map((o) => [o.uri, o.labels.en!.pref]));
for (const lang of ['fr', 'es', 'nl', 'ar'] as Lang[]) {
  const sub0 = examples.filter((e) => e.lang === lang);
  const sub = quick ? sub0.filter((_, i) => i % 5 === offset) : sub0;
  let a1 = 0, a5 = 0, s1 = 0;
  for (const e of sub) {
    if (view) {
      const c = await view.normalizeTitle(e.title, { readLang: lang, limit: 5 });
      if (c[0]?.id === e.gold) s1++;
    }
    const b = xtax.rankTitle(e.title, { readLang: lang, limit: 5 });
    if (b[0]?.id === e.gold) a1++;
    else if (missLangs.includes(lang)) console.error(`[miss ${lang}] ${e.title} → ${b[0]?.label} (${b[0]?.score}) | gold ${label.get(e.gold)} | read "${b[0]?.evidence.translated ?? ''}"`);
    if (b.some((r) => r.id === e.gold)) a5++;
  }
  console.log(`${lang} n=${sub.length} acc1=${(a1 / sub.length).toFixed(3)} acc5=${(a5 / sub.length).toFixed(3)}${view ? ` served normalizeTitle acc1=${(s1 / sub.length).toFixed(3)}` : ''}`);
}
