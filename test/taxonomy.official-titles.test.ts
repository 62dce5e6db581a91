/**
 * Official and colloquial job titles (t14-vocab): German dual-system apprenticeship titles (Ausbildungsberufe) and their
 * abbreviations, Arabic colloquial job words of the Gulf, the Levant, Egypt and the Maghreb, and care in the client's
 * own home (live-in or visiting) in five languages. Titles written for this test, not taken from any evaluation set;
 * the negatives check that the new words do not change readings they must not.
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

describe('German official job titles (Ausbildungsberufe) and their abbreviations', () => {
  it('Kaufmann / Kauffrau für … by field, in either gendered form', async () => {
    await expectTop([
      ['Kaufmann im Einzelhandel (m/w/d)', ['sales assistant', 'shop assistant']],
      ['Kaufmann für Büromanagement', ['office clerk', 'administrative assistant']],
      ['Kauffrau für Groß- und Außenhandelsmanagement', ['wholesale merchant']],
      ['Kaufmann für Spedition und Logistikdienstleistung', ['shipping agent', 'forwarding manager']],
      ['Immobilienkauffrau', ['real estate agent']],
    ]);
  });

  it('the -fachangestellte family, masculine and feminine, with the office after the title', async () => {
    await expectTop([
      ['Rechtsanwalts- und Notarfachangestellte', ['legal administrative assistant', 'legal assistant']],
      ['Verwaltungsfachangestellter Stadtverwaltung', ['civil service administrative officer', 'administrative assistant', 'office clerk']],
      ['Steuerfachangestellter', ['tax clerk', 'accounting assistant', 'bookkeeper']],
      ['Sozialversicherungsfachangestellter', ['social security officer']],
      ['Zahnmedizinische Fachangestellte Kieferorthopädie', ['dental chairside assistant']],
      ['Tiermedizinischer Fachangestellter', ['veterinary nurse', 'veterinary technician']],
    ]);
  });

  it('abbreviations: MFA, ZFA, FISI, Fachinformatiker SI/AE', async () => {
    expect(read('MFA gesucht')).toBe('medical administrative assistant');
    await expectTop([
      ['ZFA Prophylaxe', ['dental chairside assistant', 'dental hygienist']],
      ['FISI', ['ICT system administrator']],
      ['Fachinformatikerin SI', ['ICT system administrator']],
      ['Fachinformatikerin für Anwendungsentwicklung', ['software developer', 'ICT application developer']],
    ]);
  });

  it('Fachkraft für …, the -mechaniker trades, teachers by school type and subject, Erzieher', async () => {
    await expectTop([
      ['Fachkraft für Lagerlogistik Frühschicht', ['warehouse worker', 'inventory coordinator']],
      ['Werkzeugmechanikerin', ['tool and die maker']],
      ['Zerspanungsmechaniker Drehtechnik', ['computer numerical control machine operator', 'lathe and turning machine operator']],
      ['Lehrer Gymnasium Chemie', ['chemistry teacher secondary school', 'secondary school teacher']],
      ['Staatlich anerkannter Erzieher', ['early years teacher', 'child day care worker']],
    ]);
  });
});

describe('Arabic colloquial job words', () => {
  it('drivers: سواق (Levant, Egypt), سايق (Gulf), the Gulf limousine is a taxi', async () => {
    expect(read('سواق')).toBeUndefined(); // a bare "driver" says nothing the English reader can rank
    await expectTop([
      ['سايق خاص', ['private chauffeur']],
      ['سواق ليموزين', ['taxi driver']],
      ['سواق شاحنة', ['cargo vehicle driver', 'moving truck driver']],
    ]);
  });

  it('technicians named by their field, stores keepers, furniture carpenters', async () => {
    await expectTop([
      ['فني أشعة', ['radiographer', 'diagnostic radiographer']],
      ['فنية مختبر تحاليل', ['medical laboratory assistant', 'bacteriology technician']],
      ['فني شبكات', ['ICT network technician']],
      ['امينة مستودعات', ['inventory coordinator', 'warehouse worker', 'raw materials warehouse specialist']],
      ['نجار أثاث', ['cabinet maker']],
      ['بنشرجي', ['tyre fitter']],
    ]);
  });

  it('"doctor" as a title before a health profession names that profession', async () => {
    await expectTop([
      ['دكتور صيدلي', ['pharmacist']],
      ['دكتور أسنان', ['dental practitioner']],
      ['دكتورة بيطرية', ['general veterinarian', 'specialised veterinarian']],
    ]);
  });
});

describe('care in the client\'s own home is home care, not the generic social care worker', () => {
  it('in English, Spanish, French, German and Arabic', async () => {
    const home = ['home care aide', 'care at home worker'];
    await expectTop([
      ['live-in care worker', home],
      ['home care worker', home],
      ['cuidadora cama adentro', home],
      ['cuidador a domicilio', home],
      ['assistante de vie aux familles', home],
      ['garde-malade', home],
      ['24-Stunden-Pflegekraft', home],
      ['Pflegekraft ambulanter Pflegedienst', home],
      ['مرافق مسنين', [...home, 'companion']],
    ]);
  });
});

describe('the new words do not change readings they must not', () => {
  it('keeps the neighbours apart', async () => {
    // "interna" is live-in only for care and domestic work
    expect(read('auditora interna')).toBe('internal auditor');
    expect(await top('auditora interna')).not.toMatch(/care|aide/);
    // a live-in nanny stays a nanny; a bare companion-carer (مرافق) is no home care aide; the pharmacy is a place
    expect(await top('Live-in nanny')).toBe('nanny');
    expect(read('مرافق')).toBe('care worker');
    expect(read('صيدلية')).toBe('pharmacy');
    // a Kinderpflegerin is a child care worker (only the Erzieher moved to early years); the Pflegehelfer stays in 5321
    expect(await top('Kinderpflegerin')).toBe('child care worker');
    expect(['nurse assistant', 'healthcare assistant']).toContain(await top('Pflegehelferin'));
    expect(await top('Verkäuferin')).toBe('sales assistant');
  });
});
