/**
 * Everyday words for common occupations outside the trades (t13-vocab): the words people in the Arab world, Latin
 * America and Spain, France and francophone Africa, and Germany write for accountants, programmers, sales reps,
 * secretaries, teachers, pharmacists, HR and delivery jobs, where ESCO's labels use another word form (ESCO: صيدلاني,
 * people: صيدلي). Titles written for this test, not taken from any evaluation set.
 */
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { readTitleInEnglish } from '../src/taxonomy/title-glossary.js';

const taxonomy = useEmbeddedTaxonomy();
const top = async (t: string) => (await taxonomy().normalizeTitle(t, { limit: 1 }))[0]?.label;
const read = (t: string) => readTitleInEnglish(t, taxonomy().detectLanguage(t).lang)?.text;

async function expectTop(cases: [string, string][]): Promise<void> {
  for (const [title, want] of cases) expect(await top(title), title).toBe(want);
}

describe('everyday job words read as the occupation people mean', () => {
  it('Arabic: feminine and article forms of everyday office, IT and teaching words', async () => {
    expect(read('المحاسبة')).toBe('accountant');
    expect(read('مبرمجة')).toBe('software developer');
    expect(read('مندوبة مبيعات')).toBe('commercial sales representative');
    await expectTop([['محاسبة', 'accountant'], ['مبرمجة', 'software developer'], ['مهندس مدني', 'civil engineer'], ['معلمة روضة', 'early years teacher']]);
  });

  it('Spanish: Latin American and Spanish words for accountants, programmers, sales and teachers', async () => {
    expect(read('contadora')).toBe('accountant');
    await expectTop([['contadora', 'accountant'], ['programadora', 'software developer'], ['ejecutiva de ventas', 'commercial sales representative'],
      ['maestra de primaria', 'primary school teacher'], ['educadora de párvulos', 'early years teacher']]);
  });

  it('French: comptable, instituteur, attaché commercial, technicien de surface', async () => {
    await expectTop([['comptable', 'accountant'], ['instituteur', 'primary school teacher'], ['attachée commerciale', 'commercial sales representative'],
      ['technicien de surface', 'building cleaner'], ['pharmacienne', 'pharmacist']]);
  });

  it('German: Personalreferentin, Außendienstmitarbeiter, Apothekerin, Grundschullehrerin', async () => {
    await expectTop([['Personalreferentin', 'human resources officer'], ['Außendienstmitarbeiter', 'commercial sales representative'],
      ['Apothekerin', 'pharmacist'], ['Grundschullehrerin', 'primary school teacher']]);
  });

  it('does not read the new words where they mean something else', async () => {
    // the pharmacy is a place, not the pharmacist
    expect(read('صيدلية')).toBe('pharmacy');
    // a sales director is a manager, not a sales rep; an English "personal trainer" is no HR job
    expect(read('directeur commercial')).toBe('sales manager');
    expect(await top('directeur commercial')).not.toBe('commercial sales representative');
    expect(await top('Personal Trainer')).not.toMatch(/human resources/);
  });
});
