import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readGzJson } from '../src/gz-json.js';
import { defaultDataDir } from '../src/taxonomy/files.js';
import { foldText } from '../src/taxonomy/text.js';
import { editDistance } from '../src/taxonomy/edit-distance.js';
import { TypoVocabulary } from '../src/taxonomy/typo-vocabulary.js';

// The real English skill-label vocabulary.
const skills = readGzJson<{ labels: Record<string, { pref?: string; alt?: string[] }> }[]>(join(defaultDataDir(), 'skills.json.gz'));
const words: string[] = [];
for (const s of skills) {
  const en = s.labels.en;
  for (const label of [en?.pref ?? '', ...(en?.alt ?? [])]) for (const w of foldText(label).split(' ')) if (w.length > 2) words.push(w);
}
const vocab = new TypoVocabulary(words);
const known = [...new Set(words)];

/** The scan the vocabulary replaces: every known word of a near length, by edit distance, first of the closest. */
function reference(w: string): string {
  if (w.length < 4 || known.includes(w)) return w;
  let best = w;
  let bd = w.length >= 7 ? 3 : 2;
  for (let L = w.length - 2; L <= w.length + 2; L++) {
    for (const c of known) {
      if (c.length !== L) continue;
      const d = editDistance(w, c, bd);
      if (d < bd) {
        bd = d;
        best = c;
      }
    }
  }
  return best;
}

describe('typo repair vocabulary', () => {
  it('answers exactly like the full edit-distance scan, for misspelt, made-up and known words', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const misspelt = fc
      .tuple(fc.constantFrom(...known.filter((w) => w.length >= 4)), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...letters), fc.constantFrom('sub', 'del', 'ins', 'swap')), { maxLength: 3 }))
      .map(([w, edits]) => {
        let s = w;
        for (const [i, ch, op] of edits) {
          const p = i % Math.max(1, s.length);
          if (op === 'sub') s = s.slice(0, p) + ch + s.slice(p + 1);
          else if (op === 'del' && s.length > 1) s = s.slice(0, p) + s.slice(p + 1);
          else if (op === 'ins') s = s.slice(0, p) + ch + s.slice(p);
          else if (p + 1 < s.length) s = s.slice(0, p) + s[p + 1] + s[p] + s.slice(p + 2);
        }
        return s;
      });
    const madeUp = fc.string({ unit: fc.constantFrom(...letters), minLength: 4, maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(misspelt, madeUp), (w) => {
        expect(vocab.correct(w)).toBe(reference(w));
      }),
      { numRuns: 150 },
    );
    // Answered again from the memo, unchanged.
    expect(vocab.correct('welidng')).toBe(reference('welidng'));
    expect(vocab.correct('welidng')).toBe('welding');
  });
});
