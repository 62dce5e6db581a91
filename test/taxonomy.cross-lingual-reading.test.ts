/**
 * Cross-lingual title reading (issue 11): a French title whose own-language label the index cannot see is read through
 * the bilingual lexicon into English; a reading that names an English preferred label exactly wins over the sibling
 * whose French label shares more n-grams, and glossary units keep their own word order when the reading is reordered.
 */
import { describe, expect, it } from 'vitest';
import { Taxonomy, defaultDataDir } from '../src/taxonomy/taxonomy.js';
import { translateToEnglish } from '../src/taxonomy/lexicon.js';
import { foldText } from '../src/taxonomy/text.js';
import { crossLingualSet } from '../src/taxonomy/train/title-training.js';

describe('cross-lingual title reading', () => {
  it('keeps a multi-word glossary unit as one piece of the reading', () => {
    const unit = (ws: string[], i: number) => (ws[i] === 'agent' && ws[i + 1] === 'securite' ? { en: 'security guard', n: 2 } : undefined);
    const tr = translateToEnglish({ chef: [['supervisor', 0.9]] }, foldText('chef agent de sécurité'), { unit });
    expect(tr.parts).toEqual(['supervisor', 'security guard']);
    expect(tr.text).toBe('supervisor security guard');
    // head-first languages are reordered by pieces: the unit is not reversed into "guard security"
    expect([...tr.parts].reverse().join(' ')).toBe('security guard supervisor');
  });

  it('a French title whose English reading is exactly a preferred label reads as that occupation, not its sibling', () => {
    const title = 'superviseur de production d’articles en cuir';
    // as in the cross-lingual bench: the occupation's labels hidden from the index and left out of the lexicon, so only
    // the lexicon's English reading reaches it
    const supervisor = new Taxonomy(defaultDataDir(), { semantic: false, lexicons: {} }).occupations.find((o) => o.labels.en?.pref === 'leather goods production supervisor')!.uri;
    const { xtax: tax } = crossLingualSet(defaultDataDir(), (uri) => uri === supervisor, ['fr']);
    const r = tax.rankTitle(title, { readLang: 'fr', limit: 3 });
    expect(r[0]?.evidence.translated).toBe('leather goods production supervisor');
    expect(r[0]?.label).toBe('leather goods production supervisor');
    expect(r.map((x) => x.label)).toContain('leather goods production manager');
    // (Two taxonomies are built from the shipped data: seconds alone, a minute on a loaded 2-core CI box.)
  }, 180_000);
});
