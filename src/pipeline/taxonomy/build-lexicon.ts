/**
 * Bilingual lexicons (fr/es/nl/ar → en) learnt from the shipped ESCO labels (themselves built from ../shared/data by
 * build-taxonomy.ts): `npm run data:build:lexicon` → data/taxonomy/lexicon.json.gz.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defaultDataDir, writeGzJson } from '../../taxonomy/files.js';
import { lexiconsFromLabels } from '../../taxonomy/lexicon.js';
import { LEXICON_FILE, Taxonomy } from '../../taxonomy/taxonomy.js';

export function buildLexiconFile(dataDir: string): { words: Record<string, number>; bytes: number } {
  const tax = new Taxonomy(dataDir, { semantic: false, lexicons: {} });
  const lexicons = lexiconsFromLabels([...tax.occupations, ...tax.skills]);
  const bytes = writeGzJson(join(dataDir, LEXICON_FILE), {
    about: 'word → English words with t(e|x), IBM model 1 over the preferred labels of ESCO occupations and skills (fr/es/nl/ar ↔ en)',
    dataVersion: tax.manifest.dataVersion,
    lexicons,
  });
  return { words: Object.fromEntries(Object.entries(lexicons).map(([l, x]) => [l, Object.keys(x ?? {}).length])), bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(buildLexiconFile(resolve(process.argv[2] ?? defaultDataDir()))));
}
