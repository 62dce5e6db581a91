// The test suite's on-disk cache of built char n-gram indexes (PASSERELLE_NGRAM_CACHE_DIR) gives exactly the index a
// build gives, keys it by the documents, and never trusts a damaged file.
import { mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CharNgramIndex } from '../src/taxonomy/lexical-index.js';

const words = ['weld', 'pipe', 'steel', 'care', 'patient', 'cook', 'menu', 'drive', 'truck', 'harvest', 'fruit', 'clean', 'office', 'ward', 'kitchen'];
const docs = Array.from({ length: 600 }, (_, i) => `${words[i % 15]} ${words[(i * 7) % 15]} ${words[(i * 11 + 3) % 15]}${i % 4 ? '' : ' ' + String(i)}`);
const queries = ['welding steel pipes', 'patient care', 'trck drivr', 'zzzz', 'cook', ''];

describe('char n-gram index cache (tests only)', () => {
  const saved = process.env.PASSERELLE_NGRAM_CACHE_DIR;
  const dir = mkdtempSync(join(tmpdir(), 'ngram-cache-'));
  afterAll(() => {
    if (saved === undefined) delete process.env.PASSERELLE_NGRAM_CACHE_DIR;
    else process.env.PASSERELLE_NGRAM_CACHE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  const scores = (ix: CharNgramIndex) => queries.map((q) => Array.from(ix.scoreAll(q)));

  it('an index read back from the cache scores every query exactly as one built without it', () => {
    delete process.env.PASSERELLE_NGRAM_CACHE_DIR;
    const built = scores(new CharNgramIndex(docs));
    expect(Math.max(...built[0]!)).toBeGreaterThan(0.1); // a real index: the welding query finds the welding docs
    process.env.PASSERELLE_NGRAM_CACHE_DIR = dir;
    expect(scores(new CharNgramIndex(docs))).toEqual(built); // built, written
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(scores(new CharNgramIndex(docs))).toEqual(built); // read back
    // other documents or n-gram sizes are another file, never this one
    const other = docs.slice(0, 599);
    expect(scores(new CharNgramIndex(other))).toEqual((delete process.env.PASSERELLE_NGRAM_CACHE_DIR, scores(new CharNgramIndex(other))));
    process.env.PASSERELLE_NGRAM_CACHE_DIR = dir;
    const bigrams = scores(new CharNgramIndex(docs, 2, 4));
    expect(bigrams).not.toEqual(built);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(3);
  });

  it('a truncated cache file is rebuilt, not read', () => {
    process.env.PASSERELLE_NGRAM_CACHE_DIR = dir;
    const want = scores(new CharNgramIndex(docs));
    for (const f of readdirSync(dir)) truncateSync(join(dir, f), 1000);
    expect(scores(new CharNgramIndex(docs))).toEqual(want);
    expect(scores(new CharNgramIndex(docs))).toEqual(want);
  });
});
