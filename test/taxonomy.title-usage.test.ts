/**
 * t17-titles: what ads wrap around a title (pay, shift ordinals, requirement clauses) and English job-board usage
 * (clipped heads, UK school years, the NHS staff bank, trade slang) read before the title is. Titles written by hand for
 * these tests, not taken from any evaluation set.
 */
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { detectLanguage } from '../src/taxonomy/detect-language.js';
import { dropAdNoise, englishUsage } from '../src/taxonomy/title-usage.js';
import { tradeAndDomain } from '../src/taxonomy/title-normaliser.js';
import { stem } from '../src/taxonomy/text.js';

const taxonomy = useEmbeddedTaxonomy();
const top = async (t: string, n = 1) => (await taxonomy().normalizeTitle(t, { limit: n })).map((r) => r.label);

describe('ad noise around a title', () => {
  it('drops pay amounts, shift ordinals and a requirement clause', () => {
    expect(dropAdNoise('Welder £14.20ph')).toBe('Welder');
    expect(dropAdNoise('Machine operator 3rd shift $22/hr')).toBe('Machine operator');
    expect(dropAdNoise('Plumber – CSCS card required')).toBe('Plumber');
    expect(dropAdNoise('Serveur 12 €/h')).toBe('Serveur');
  });

  it('keeps a title that is nothing but the clause, and numbers that are no pay', () => {
    expect(dropAdNoise('Class 2 driver')).toBe('Class 2 driver');
    expect(dropAdNoise('Year 1 apprentice electrician')).toBe('Year 1 apprentice electrician');
  });
});

describe('English job-board usage', () => {
  it('writes a clipped head out in full, and a clipped word before the head as the adjective', () => {
    expect(englishUsage('Pallet truck op')).toBe('Pallet truck operator');
    expect(englishUsage('Vet tech nights')).toBe('Vet technician nights');
    expect(englishUsage('Mech eng')).toBe('mechanical eng');
    expect(englishUsage('Insurance sales rep')).toBe('Insurance sales representative');
  });

  it('reads a UK school year or US grade as the stage of school, only in a title about teaching', () => {
    expect(englishUsage('Year 3 class teacher')).toBe('primary school teacher');
    expect(englishUsage('KS4 science teacher')).toBe('secondary school science teacher');
    expect(englishUsage('3rd grade teacher')).toBe('primary school teacher');
    expect(englishUsage('Year 1 apprentice electrician')).toBe('Year 1 apprentice electrician');
  });

  it('reads "bank" before shifts or a health-care role as the NHS staff bank, and leaves a bank clerk alone', () => {
    expect(englishUsage('Bank staff nurse')).toBe('staff nurse');
    expect(englishUsage('Bank clerk')).toBe('Bank clerk');
  });

  it('takes the German gender marker of an ad as German', () => {
    expect(detectLanguage('Lagerhelfer (m/w/d)').lang).toBe('de');
    expect(detectLanguage('Koch (w/m/d) gesucht').lang).toBe('de');
  });
});

describe('titles read through the usage', () => {
  it('reads the clipped, paid and slang titles as the trade', async () => {
    expect(await top('Reach truck op – £12.10ph')).toEqual(['forklift operator']);
    expect(await top('Year 4 class teacher')).toEqual(['primary school teacher']);
    expect(await top('Sparky needed')).toEqual(['electrician']);
  });

  it('leaves a near miss as it read before: a bank clerk, a class 2 driver', async () => {
    expect((await top('Bank clerk', 3)).some((l) => /bank/.test(l))).toBe(true);
    expect(await top('Class 2 driver')).not.toEqual(['primary school teacher']);
  });
});

describe('a trade head takes its trade from the words before it', () => {
  it('finds the last trade head and its domain, words after it being the place or the conditions', () => {
    expect(tradeAndDomain('wind turbine technician travel')).toEqual({ head: stem('technician'), domain: ['wind', 'turbine'].map(stem) });
    expect(tradeAndDomain('senior technician')).toBeUndefined();
    expect(tradeAndDomain('welder')).toBeUndefined();
  });

  it('reads a wind turbine technician as a wind farm technician, not an engineering assistant', async () => {
    expect((await top('Wind turbine technician', 2)).some((l) => /wind|renewable/.test(l))).toBe(true);
    expect(await top('Wind turbine technician')).not.toEqual(['engineering assistant']);
  });
});
