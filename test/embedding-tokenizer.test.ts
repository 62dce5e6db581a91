import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeForPieces, UnigramTokenizer, type Vocabulary } from '../src/embedding/sentencepiece.js';
import { useLiteModelDir } from '../src/embedding/use-lite.js';

// The reference vocabulary and expected ids of the tfjs-models USE tokenizer tests (Apache-2.0): known segmentations.
const stub: Vocabulary = [
  ['\uFFFD', 0], ['<s>', 0], ['</s>', 0], ['extra_token_id_1', 0], ['extra_token_id_2', 0], ['extra_token_id_3', 0],
  ['▁', -2], ['▁a', -1], ['▁ç', -2], ['a', -3], ['.', -1], ['▁I', -1], ['▁like', -1], ['▁it', -1],
  ['I', -2], ['like', -2], ['it', -2], ['l', -3], ['i', -3], ['k', -3], ['e', -3], ['i', -3], ['t', -3],
];

describe('UnigramTokenizer on the reference stub vocabulary', () => {
  const tok = new UnigramTokenizer(stub);
  it('segments without spaces by best total score', () => {
    expect(tok.encode('Ilikeit.')).toEqual([11, 15, 16, 10]);
  });
  it('uses word-boundary pieces after spaces', () => {
    expect(tok.encode('I like it.')).toEqual([11, 12, 13, 10]);
  });
  it('normalises with NFKC (composed and decomposed ç agree)', () => {
    expect(tok.encode('ça')).toEqual(tok.encode('c\u0327a'));
    expect(tok.encode('ça')).toEqual([8, 9]);
  });
  it('merges a run of unknown characters into one unknown id', () => {
    expect(tok.encode('a😹😹')).toEqual([7, 0]);
  });
  it('collapses and trims whitespace; empty input gives no ids', () => {
    expect(tok.encode('  I   like\tit. ')).toEqual([11, 12, 13, 10]);
    expect(tok.encode('')).toEqual([]);
    expect(tok.encode(' \n\t ')).toEqual([]);
    expect(normalizeForPieces('a b')).toBe('▁a▁b');
  });
});

describe('UnigramTokenizer on the USE-lite vocabulary', () => {
  const vocab = JSON.parse(readFileSync(join(useLiteModelDir(), 'vocab.json'), 'utf8')) as Vocabulary;
  const tok = new UnigramTokenizer(vocab);
  it('keeps whole words that are in the vocabulary', () => {
    expect(tok.pieces('registered nurse')).toEqual(['▁registered', '▁nurse']);
    expect(tok.pieces('java software developer')).toEqual(['▁ja', 'va', '▁software', '▁developer']);
  });
  it('splits punctuation and rare words into known pieces', () => {
    expect(tok.pieces('hello, world!')).toEqual(['▁hell', 'o', ',', '▁world', '!']);
    const pieces = tok.pieces('unbelievably');
    expect(pieces.join('')).toBe('▁unbelievably');
    expect(pieces.length).toBeGreaterThan(1);
  });
  it('matches the maximum-score segmentation found by brute force on short words', () => {
    const index = new Map(vocab.map(([p, s], i) => [p, i >= 6 ? s : undefined] as const));
    const bestScore = (s: string): number => {
      if (s === '') return 0;
      let best = -Infinity;
      for (let i = 1; i <= s.length; i++) {
        const sc = index.get(s.slice(0, i));
        if (sc !== undefined) best = Math.max(best, sc + bestScore(s.slice(i)));
      }
      return best;
    };
    for (const w of ['plumber', 'caregiver', 'welding', 'carpentry', 'electrician', 'hospitality']) {
      const ids = tok.encode(w);
      const total = ids.reduce((s, id) => s + vocab[id]![1], 0);
      expect(total).toBeCloseTo(bestScore(`▁${w}`), 6);
    }
  });
});
