/**
 * t14-jobbert: three ways English titles name their domain somewhere the earlier rules did not look.
 * - the role word written first, the domain after it ("Executive, Piping", "Executive - Freight");
 * - a stage of training or a rank word before the trade ("Marketing Apprenticeship", "Chief Chef"): an occupation
 *   that matched only that word (ESCO lists "apprentice" under *cook*) is not the reading;
 * - a bare role or stage outside brackets, the domain inside ("Apprentice (Information Technology)").
 * Titles written by hand for these tests.
 */
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { roleAndDomain, stageAndDomain } from '../src/taxonomy/title-normaliser.js';
import { bracketDomain } from '../src/taxonomy/title-glossary.js';
import { cleanTitle, stem } from '../src/taxonomy/text.js';

const taxonomy = useEmbeddedTaxonomy();
const top = async (t: string, n = 1) => (await taxonomy().normalizeTitle(t, { limit: n })).map((r) => r.label);
/** words that end an English preferred label (a person): a small stand-in for the normaliser's own set */
const PERSON = new Set(['assistant', 'chef', 'nurse', 'teacher', 'driver', 'engineer']);
const namesPerson = (w: string) => PERSON.has(w);

describe('the role word written first, the domain after it', () => {
  it('reads the domain after a leading role word', () => {
    expect(roleAndDomain(cleanTitle('Executive, Piping'), namesPerson)).toEqual({ head: stem('executive'), domain: [stem('piping')] });
    expect(roleAndDomain(cleanTitle('Senior Executive - Freight'), namesPerson)).toEqual({ head: stem('executive'), domain: [stem('freight')] });
    expect(roleAndDomain(cleanTitle('Specialist, HR Talent'), namesPerson)?.domain).toEqual(['hr', 'talent'].map(stem));
  });

  it('leaves titles that end in a word naming a person, and titles without a domain', () => {
    expect(roleAndDomain(cleanTitle('Executive Assistant'), namesPerson)).toBeUndefined();
    expect(roleAndDomain(cleanTitle('Executive Chef'), namesPerson)).toBeUndefined();
    expect(roleAndDomain(cleanTitle('Specialist Nurse'), namesPerson)).toBeUndefined();
    expect(roleAndDomain(cleanTitle('Senior Executive'), namesPerson)).toBeUndefined();
    // without the person check (the t13 rule alone) a leading role word is not read
    expect(roleAndDomain(cleanTitle('Executive, Piping'))).toBeUndefined();
    // a title ending in a role word keeps the t13 reading
    expect(roleAndDomain(cleanTitle('HR Executive'), namesPerson)).toEqual({ head: stem('executive'), domain: ['hr'] });
  });

  it('does not read "Executive - Freight" as the executive assistant', async () => {
    expect(await top('Executive - Freight')).not.toEqual(['executive assistant']);
    expect(await top('Executive Chef')).toEqual(['head chef']);
    expect(await top('executive assistant')).toEqual(['executive assistant']);
  });
});

describe('a stage of training or a rank word before the trade', () => {
  it('separates the stage or rank from the domain', () => {
    expect(stageAndDomain(cleanTitle('Marketing Apprenticeship'))).toEqual({ stage: [stem('apprenticeship')], domain: [stem('marketing')] });
    expect(stageAndDomain(cleanTitle('Information technology apprentice'))?.domain).toEqual(['information', 'technology'].map(stem));
    expect(stageAndDomain(cleanTitle('Chief Chef'))).toEqual({ stage: [stem('chief')], domain: [stem('chef')] });
  });

  it('names nothing when there is no stage, no domain, or the rank word is the head', () => {
    expect(stageAndDomain(cleanTitle('Apprentice'))).toBeUndefined();
    expect(stageAndDomain(cleanTitle('Pastry cook'))).toBeUndefined();
    expect(stageAndDomain(cleanTitle('Department Head'))).toBeUndefined();
  });
});

describe('the domain inside brackets after a bare role or stage', () => {
  it('puts the bracket first when the rest names only a role or a stage', () => {
    expect(bracketDomain('Apprentice (Information Technology)')).toBe('information technology apprentice');
    expect(bracketDomain('Internship (Graphic Design)')).toBe('graphic design internship');
    expect(bracketDomain('Engineer (Civil)')).toBe('civil engineer');
  });

  it('leaves brackets of contract, gender, place and numbers, and titles that name a trade outside them', () => {
    expect(bracketDomain('Cook (m/f/d)')).toBeUndefined();
    expect(bracketDomain('Lorry Driver (5 Tons)')).toBeUndefined();
    expect(bracketDomain('Software Engineer (PHP)')).toBeUndefined();
    expect(bracketDomain('Welder (night shift)')).toBeUndefined();
    expect(bracketDomain('Driver (full time)')).toBeUndefined();
    expect(bracketDomain('Apprentice')).toBeUndefined();
  });

  it('serves the bracket as the domain', async () => {
    expect(await top('Internship (Graphic Design)')).toEqual(['graphic designer']);
    const it3 = await top('Apprentice (Information Technology)', 3);
    expect(it3[0]).not.toBe('cook');
    expect(it3.some((l) => /ICT|software/.test(l))).toBe(true);
  });
});
