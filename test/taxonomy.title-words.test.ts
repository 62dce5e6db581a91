/**
 * Title words beyond the occupations our realistic sets cover (issue 11, t12-titles): German words read as the English
 * words they are spelt like (against ESCO's English label vocabulary), gender and case endings folded first, German
 * compounds split at glossary heads and then at such cognate heads, the common heads of German titles, abbreviations
 * of job words, and noise words (sales regions, contract and start words, shifts, licence classes).
 */
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { germanCognate, readTitleInEnglish, roleOfFunction } from '../src/taxonomy/title-glossary.js';
import { cleanTitle } from '../src/taxonomy/text.js';

const taxonomy = useEmbeddedTaxonomy();
const english = (w: string) => taxonomy().isEnglishWord(w);
const read = (title: string) => readTitleInEnglish(title, taxonomy().detectLanguage(title).lang, english);

describe('German words read as the English words they are spelt like', () => {
  it('maps German spelling and learned suffixes onto words of the English labels, gender and case endings dropped', () => {
    const cases: [string, string][] = [
      ['soziologe', 'sociologist'], ['meteorologin', 'meteorologist'], ['psychologin', 'psychologist'], ['qualitat', 'quality'],
      ['elektronik', 'electronics'], ['textil', 'textile'], ['maschine', 'machine'], ['sekretarin', 'secretary'],
      ['techniker', 'technician'], ['biologie', 'biology'], ['energie', 'energy'], ['musikerin', 'musician'],
      ['fotograf', 'photographer'], ['architekt', 'architect'],
    ];
    for (const [de, en] of cases) expect(germanCognate(de, english), de).toBe(en);
  });

  it('reads no German word that spells no English one, and a word spelt exactly as English only when identity is allowed', () => {
    expect(germanCognate('backer', english)).toBeUndefined();
    expect(germanCognate('apotheker', english)).toBeUndefined();
    expect(germanCognate('binder', english)).toBe('binder');
    expect(germanCognate('binder', english, false)).toBeUndefined();
    // too short to guess from
    expect(germanCognate('chef', english)).toBeUndefined();
  });

  it('splits German compounds at glossary heads, then at cognate heads, and reads gendered and bracketed titles', () => {
    expect(read('Qualitätsprüfer (m/w/d)')?.text).toBe('quality inspector');
    expect(read('Vertriebsleiterin')?.text).toBe('sales manager');
    expect(read('Meteorologin')?.text).toBe('meteorologist');
    expect(read('Physiotherapeutin')?.text).toBe('physiotherapist');
    expect(read('Elektronikmonteurin')?.text).toBe('electronics fitter');
    // a licence class and its letter qualify the person, not the trade
    expect(read('Fahrlehrer Klasse B')?.text).toBe('driving teacher');
  });

  it('does not take an English-looking compound for German: a title read only through identical English words stays unread', () => {
    // "Webadministrator" is read as written (ESCO's "webmaster" is reached there), not as German "administrator"
    expect(read('Webadministrator')).toBeUndefined();
    const r = read('Buchbinder');
    expect(r?.text).toBe('book binder');
    expect(r?.known).toBe(0);
  });

  it('reads German titles outside the migration trades into the right ESCO occupation or unit group', async () => {
    const top = async (t: string) => (await taxonomy().normalizeTitle(t, { limit: 3 }))[0];
    expect((await top('Soziologe'))?.label).toBe('sociologist');
    expect((await top('Vertriebsleiter (m/w/d)'))?.label).toBe('sales manager');
    expect((await top('Psychologin'))?.label).toBe('psychologist');
    expect((await top('Fotografin'))?.iscoGroup).toBe('3431');
  });
});

describe('abbreviations of job words and title noise', () => {
  it('expands abbreviations language-wide (Eng., Ing., aux., mgr)', () => {
    expect(read('Electrical Eng.')?.text).toBe('electrical engineer');
    expect(read('ing. electricista')?.text).toContain('engineer');
    expect(read('Project Mgr')?.text).toBe('project manager');
  });

  it('puts "head of" / "director of" titles in ESCO word order unless ESCO holds the title as written', async () => {
    const isLabel = (t: string) => t === 'head of kitchen';
    expect(roleOfFunction('Head of Sales EMEA', isLabel)).toBe('sales manager');
    expect(roleOfFunction('Director of Nursing', isLabel)).toBe('nursing director');
    expect(roleOfFunction('Head of Kitchen', isLabel)).toBeUndefined();
    expect(roleOfFunction('Head of Sales for Food and Drink Retail', isLabel)).toBeUndefined();
    expect(roleOfFunction('Sales manager', isLabel)).toBeUndefined();
    expect((await taxonomy().normalizeTitle('Head of Sales EMEA', { limit: 3 }))[0]?.label).toBe('sales manager');
  });

  it('drops sales regions, contract and start words in four languages', () => {
    expect(cleanTitle('Head of Sales EMEA')).toBe('head of sales');
    expect(cleanTitle('Koch Vollzeit unbefristet ab sofort')).toBe('koch');
    expect(cleanTitle('Serveur CDI')).toBe('serveur');
    expect(cleanTitle('Camarero urgente')).toBe('camarero');
  });
});
