/**
 * The classes of misreading found on probe 15 (t16-vocab), fixed as classes: clipped words and abbreviations of job
 * ads (French "admin", "prof", FLE; Spanish "profe", "ing.", MVZ), contract and certificate words that are no part of
 * the occupation (CDI, vacataire, TVöD, EFZ, Arabic مطلوب "wanted"), words borrowed from French and English written
 * in Arabic letters, the specific neighbour named by the goods or the specialism (bakery seller, packaging machine
 * operator, Elektroniker by specialism, language teachers), and a German title whose unknown last word dropped its
 * whole reading. Titles written for this test, none taken from any evaluation set; the negatives check readings the
 * new words must not change.
 */
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { readTitleInEnglish } from '../src/taxonomy/title-glossary.js';

const taxonomy = useEmbeddedTaxonomy();
const top = async (t: string) => (await taxonomy().normalizeTitle(t, { limit: 1 }))[0]?.label;
const read = (t: string) => readTitleInEnglish(t, taxonomy().detectLanguage(t).lang)?.text;

/** Each title's top occupation is one of the accepted labels. */
async function expectTop(cases: [string, string[]][]): Promise<void> {
  for (const [title, accepted] of cases) expect(accepted, title).toContain(await top(title));
}

describe('French: clipped words, contract words, the specific seller and operator', () => {
  it('reads clipped and abbreviated job words, in the feminine too', async () => {
    await expectTop([
      ['Administrateur systèmes et réseaux', ['ICT system administrator']],
      ['Admin réseau junior (H/F)', ['ICT network administrator']],
      ['Professeure de FLE', ['language school teacher']],
      ['Formatrice FLE - CDD', ['language school teacher']],
      ['Contrôleuse de gestion - CDD', ['financial controller']],
    ]);
  });

  it('names the specialised seller by the goods and tells a packaging machine operator from a hand packer', async () => {
    await expectTop([
      ['Vendeuse en boulangerie', ['bakery specialised seller']],
      ['Vendeur poissonnerie (H/F)', ['fish and seafood specialised seller']],
      ['Opératrice de conditionnement', ['packaging and filling machine operator']],
      ['Agent de conditionnement', ['hand packer']],
      ['Professeur des écoles', ['primary school teacher']],
    ]);
  });

  it('a farm hand named with the fruit or the grape harvest is its picker, with the ending after a slash dropped', async () => {
    await expectTop([
      ['Saisonnier cueillette fraises', ['fruit and vegetable picker']],
      ['Ouvrier agricole vendanges', ['vineyard worker']],
      ['Vendeur/euse en boulangerie', ['bakery specialised seller']],
    ]);
  });

  it('a contract word is no part of the reading', () => {
    expect(read('Conducteur de travaux - CDI')).toBe('construction manager');
  });
});

describe('Spanish: clipped words and Latin American degree titles', () => {
  it('reads profe, ing. and MVZ, and language teachers', async () => {
    await expectTop([
      ['Profesora de inglés', ['language school teacher']],
      ['Profe de primaria', ['primary school teacher']],
      ['Ingeniera de sistemas', ['software developer']],
      ['Médico veterinario zootecnista', ['general veterinarian']],
      ['Recolectora de fruta', ['fruit and vegetable picker']],
      ['Temporeras/os naranja', ['fruit and vegetable picker']],
      ['Jornalera cereza', ['fruit and vegetable picker']],
    ]);
  });
});

describe('Arabic: loanwords in Arabic letters and "wanted" in ads', () => {
  it('reads French and English job words written in Arabic letters', async () => {
    await expectTop([
      ['الكتريسيان', ['electrician']],
      ['فني صيانة جوالات', ['mobile phone repair technician']],
      ['مطلوب مطور باك اند', ['software developer']],
      ['مسؤول توظيف', ['recruitment consultant']],
      ['مدخلة بيانات', ['data entry clerk']],
    ]);
  });

  it('"wanted" and "urgent" are no part of the reading', async () => {
    expect(read('مطلوب محاسب عاجل')).toBe('accountant');
    expect(await top('سباك')).toBe('plumber');
  });
});

describe('German: the Elektroniker by specialism, event technicians, veterinary practices, municipalities', () => {
  it('reads the specialism and the practice', async () => {
    await expectTop([
      ['Elektronikerin für Energie- und Gebäudetechnik', ['building electrician']],
      ['Elektronikerin Betriebstechnik', ['industrial electrician']],
      ['Veranstaltungstechnikerin', ['stage technician']],
      ['Tierarzthelfer', ['veterinary nurse', 'veterinary technician']],
      ['Verwaltungsfachangestellter Gemeindeamt', ['civil service administrative officer']],
    ]);
  });

  it('an unknown last word after a person no longer drops the reading', async () => {
    expect(read('Kaufmann im Einzelhandel Filiale')).toBe('sales assistant');
    expect(read('Tischler Werkstatt')).toBe('carpenter');
  });

  it('a bare Elektroniker stays an electrician', async () => {
    expect(await top('Elektroniker')).toBe('electrician');
  });
});

describe('English: job-board shorthand', () => {
  it('reads CNC, front desk and store manager', async () => {
    await expectTop([
      ['CNC Operator - days', ['computer numerical control machine operator']],
      ['Front Desk Agent', ['receptionist']],
      ['Store Manager', ['shop manager']],
    ]);
  });
});
