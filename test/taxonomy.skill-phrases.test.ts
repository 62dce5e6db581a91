/**
 * Short skill phrases of a vacancy's skills list read with the vacancy title (issue 11, sk17): the title's sector steers
 * away from another sector's variant, -ung nouns and English -ing nouns read as their verbs, and a title that says
 * little changes nothing. Real taxonomy, the vacancy route's own suggestion path; no mocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type Taxonomy } from '../src/taxonomy/index.js';
import { MatchEngine } from '../src/services/match-engine.js';
import { germanVariants } from '../src/taxonomy/glossary.js';
import { wordKey } from '../src/taxonomy/skill-linker.js';

let tax: Taxonomy;
let engine: MatchEngine;

beforeAll(() => {
  tax = loadTaxonomy();
  engine = new MatchEngine(tax);
});

const vacancy = async (title: string, skills: string[]) =>
  engine.suggestForVacancy({ title, description: '', country: 'DE', skills: skills.map((label) => ({ label, essential: true })) } as never);
const linked = (r: Awaited<ReturnType<typeof vacancy>>, label: string) => r.skills?.find((s) => s.label === label)?.escoLabel;

describe('skill phrases with the vacancy title', () => {
  it('reads load securing on a truck as securing goods, not as securing cargo on ships', async () => {
    const r = await vacancy('LKW-Fahrer (m/w/d) CE', ['Ladungssicherung', 'Führerschein CE']);
    expect(linked(r, 'Ladungssicherung')).toBe('secure goods');
    // unchanged: the licence is still the heavy-truck skill
    expect(linked(r, 'Führerschein CE')).toBe('manoeuvre heavy trucks');
  });

  it('does not link a kitchen "mise en place" to a data skill, and reads it as food preparation', async () => {
    const r = await vacancy('Cuisinier / Commis de cuisine H/F', ['mise en place']);
    expect(linked(r, 'mise en place')).toBe('use food preparation techniques');
  });

  it('reads German -ung nouns through their verbs and English -ing nouns as verbs', () => {
    expect(germanVariants('verpackung')).toContain('verpacken');
    expect(germanVariants('futterung')).toContain('futtern');
    expect(wordKey('cooking', 'en')).toBe(wordKey('cook', 'en'));
    expect(wordKey('nursing', 'en')).toBe(wordKey('nurse', 'en'));
    expect(wordKey('cutting', 'en')).toBe('cut');
    // not English: left to the stem
    expect(wordKey('cooking', 'fr')).toBe('cooking');
  });

  it('leaves a line alone when the title says little (a near miss of the sector rule)', async () => {
    // "Job" reads as a recruitment occupation; ironing has no close candidate of that sector and stays linked
    const r = await vacancy('Job', ['iron clothes']);
    expect(linked(r, 'iron clothes')).toBe('iron textiles');
  });
});
