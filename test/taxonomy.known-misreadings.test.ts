/**
 * t15-titles: four misreadings noted in the 2026-12-02 session, each a class of title rather than one string.
 * - a single trade noun with its setting in brackets ("Carer (domiciliary / live-in)"): the bracket was dropped;
 * - a bare German "Kaufmann" / "Kauffrau": read "clerk", which alone reads as a typist;
 * - "electronics technician": ESCO lists it only as a label of the meteorology technician;
 * - French "commercial" + a computing word ("commercial informatique"): read as the generic sales representative.
 * Titles written by hand for these tests.
 */
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { bracketDomain } from '../src/taxonomy/title-glossary.js';

const taxonomy = useEmbeddedTaxonomy();
const top = async (t: string, n = 1) => (await taxonomy().normalizeTitle(t, { limit: n })).map((r) => r.label);

describe('a trade noun with its setting in brackets', () => {
  it('puts the bracket before the one trade noun, hyphenated words kept whole', () => {
    expect(bracketDomain('Carer (domiciliary / live-in)')).toBe('domiciliary live in carer');
    expect(bracketDomain('Nurse (ICU)')).toBe('icu nurse');
  });

  it('still drops brackets of grades, licence classes, shifts and gender, and brackets after two words', () => {
    expect(bracketDomain('Nurse (Band 5)')).toBeUndefined();
    expect(bracketDomain('Driver (Cat C)')).toBeUndefined();
    expect(bracketDomain('Welder (night shift)')).toBeUndefined();
    expect(bracketDomain('Cook (m/f/d)')).toBeUndefined();
    expect(bracketDomain('Lorry Driver (5 Tons)')).toBeUndefined();
  });

  it('serves a domiciliary carer as care in the home, not the generic social care worker', async () => {
    const [first] = await top('Carer (domiciliary / live-in)');
    expect(['home care aide', 'care at home worker']).toContain(first);
  });
});

describe('everyday words that read as the wrong occupation', () => {
  it('reads a bare German Kaufmann / Kauffrau as an office clerk, not a typist', async () => {
    expect(await top('Kaufmann')).toEqual(['office clerk']);
    expect(await top('Kauffrau (m/w/d)')).toEqual(['office clerk']);
    // the named fields keep their own reading
    expect((await top('Bankkaufmann'))[0]).toMatch(/^bank /);
    expect((await top('Speditionskaufmann'))[0]).not.toBe('office clerk');
  });

  it('reads an electronics technician as the electronics engineering technician', async () => {
    expect(await top('Technician (Electronics)')).toEqual(['electronics engineering technician']);
    expect(await top('Electronics Technician')).toEqual(['electronics engineering technician']);
  });

  it('reads a French computing salesperson as an ICT sales role', async () => {
    const [first] = await top('commercial informatique');
    expect(first).toMatch(/^ICT /);
    expect(await top('Commerciale informatique')).toEqual([first]);
    // a bare commercial stays the sales representative
    expect(await top('commercial')).toEqual(['commercial sales representative']);
  });
});
