/**
 * Titles as people write them (issue 11): Latin American Spanish, Arabic with the article, feminine and plural forms
 * and qualifiers after the head noun, German compounds outside the German list, English slang, and English titles
 * holding French words. Titles and judgements from the dev split of bench/data/titles-people-write.json (the test
 * split is reported by `npm run bench:understand`, never asserted here).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessUseLite, type Embedder } from '../src/embedding/index.js';
import { loadTaxonomy, type Taxonomy } from '../src/taxonomy/index.js';
import { readTitleInEnglish } from '../src/taxonomy/title-glossary.js';
import { foldText } from '../src/taxonomy/text.js';

const set = JSON.parse(readFileSync(new URL('../bench/data/titles-people-write.json', import.meta.url), 'utf8')) as { items: { split: string; lang: string; title: string; gold: string[] }[] };
const dev = new Map(set.items.filter((i) => i.split === 'dev').map((i) => [i.title, i]));

let tax: Taxonomy;
let embedder: Embedder;
beforeAll(async () => {
  embedder = await createInProcessUseLite();
  tax = loadTaxonomy().withEmbedder(embedder);
}, 120_000);
afterAll(async () => {
  await embedder?.close();
});

async function expectRead(titles: string[]): Promise<void> {
  for (const title of titles) {
    const item = dev.get(title);
    expect(item, `${title} is a dev title`).toBeDefined();
    const [top] = await tax.normalizeTitle(title, { limit: 3 });
    const gold = new Set(item!.gold.map(foldText));
    expect(gold.has(foldText(tax.occupations.find((o) => o.uri === top?.id)?.labels.en?.pref ?? '')), `${title} → ${top?.label}`).toBe(true);
  }
}

describe('titles as people write them, read right (dev split)', () => {
  it('Spanish: Latin American job words', async () => {
    await expectRead(['mesero', 'trailero', 'plomero', 'montacarguista', 'lavaplatos', 'chalán de obra']);
  });

  it('Arabic: the article, feminine forms and qualifiers after the head noun', async () => {
    await expectRead(['الطباخ', 'ممرضة عناية مركزة', 'سائق رافعة شوكية', 'عامل بناء', 'عامل زراعي', 'مربية أطفال']);
  });

  it('German: compounds split at a known head, outside the German title list', async () => {
    await expectRead(['Lagermitarbeiter', 'Gerüstbauer', 'Kranführer', 'Lieferfahrer', 'Hausmeister']);
  });

  it('French: informal titles and multi-word units', async () => {
    await expectRead(['femme de ménage', 'manoeuvre BTP', 'cuisinier polyvalent', 'chauffeur livreur', 'plongeur']);
  });

  it('English: slang, abbreviations, and an English title holding French words with a place after a dash', async () => {
    await expectRead(['brickie', 'HCA nights', 'Chef de Partie - Hotel Restaurant', 'Staff nurse - A&E']);
    // read as English although the detector says French: "chef de partie" is an English ESCO label
    const [top] = await tax.normalizeTitle('Chef de partie', { limit: 1 });
    expect(['chef', 'cook']).toContain(top!.label);
    expect(top!.evidence.readLang).toBe('en');
  });
});

describe('the English reading through the title glossaries', () => {
  it('puts head-first languages in English order and reads inflected forms', () => {
    expect(readTitleInEnglish('ayudante de cocina', 'es')?.text).toBe('kitchen assistant');
    expect(readTitleInEnglish('طباخات', 'ar')?.text).toBe('cook');
    expect(readTitleInEnglish('Turmdrehkranführerin', 'de')?.text).toBe('tower crane operator');
    expect(readTitleInEnglish('conductrice de chariot élévateur', 'fr')?.text).toBe('forklift driver');
  });

  it('says nothing when it cannot read the head, and leaves plain English alone', () => {
    expect(readTitleInEnglish('xyzzy de cocina', 'es')).toBeUndefined();
    expect(readTitleInEnglish('welder', 'en')).toBeUndefined();
  });

  it('shows the reading in the evidence, and keeps a distribution that sums to at most 1', async () => {
    const r = await tax.normalizeTitle('montacarguista', { limit: 5 });
    expect(r[0]!.evidence.via).toBe('title-glossary:es');
    expect(r[0]!.evidence.translated).toBe('forklift operator');
    expect(r.reduce((a, x) => a + x.score, 0)).toBeLessThanOrEqual(1.0001);
    // the explanation language changes labels, never the reading
    const fr = await tax.normalizeTitle('montacarguista', { limit: 5, lang: 'fr' });
    expect(fr.map((x) => [x.id, x.score])).toEqual(r.map((x) => [x.id, x.score]));
  });
});
