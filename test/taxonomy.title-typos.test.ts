/**
 * t15-titles: mistyped words of English titles repaired before reading. Titles written by hand for these tests.
 */
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { TitleTypoRepair } from '../src/taxonomy/title-typos.js';

const taxonomy = useEmbeddedTaxonomy();
const top = async (t: string, n = 1) => (await taxonomy().normalizeTitle(t, { limit: n })).map((r) => r.label);

describe('typo repair of English title words', () => {
  const repair = new TitleTypoRepair(['designer', 'moulding', 'machine', 'operator', 'production', 'application', 'runway', 'welder'], (w) => ['roving', 'weeder'].includes(w));

  it('repairs one edit in a word of six letters or more, two from ten letters', () => {
    expect(repair.repair('GRAPHIC DISIGNER')).toBe('GRAPHIC designer');
    expect(repair.repair('Moudling Machine Operator')).toBe('moulding Machine Operator');
    expect(repair.repair('Senior Appliaticon Manager')).toBe('Senior application Manager');
  });

  it('leaves known words, short words, other first letters and words two edits away under ten letters', () => {
    expect(repair.repair('Roving Weeder')).toBe('Roving Weeder');
    expect(repair.repair('Sunway outlet')).toBe('Sunway outlet');
    expect(repair.repair('Prodction')).toBe('production');
    expect(repair.repair('Prodctn operator')).toBe('Prodctn operator');
    expect(repair.repair('desig')).toBe('desig');
  });

  it('serves a mistyped title as the title spelt right', async () => {
    expect(await top('Moudling Machine Operator')).toEqual(await top('Moulding Machine Operator'));
    expect(await top('Teacher Asisstant')).toEqual(await top('Teacher Assistant'));
  });
});
