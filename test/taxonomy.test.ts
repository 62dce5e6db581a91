import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { createInProcessUseLite, type Embedder } from '../src/embedding/index.js';
import { linkSkills, loadTaxonomy, SkillLinker, suggestOccupation, type Taxonomy } from '../src/taxonomy/index.js';

let tax: Taxonomy;
beforeAll(() => {
  tax = loadTaxonomy();
});

describe('taxonomy data and lookups', () => {
  it('loads ESCO, ISCO and O*NET once, with the manifest', () => {
    expect(loadTaxonomy()).toBe(tax);
    expect(tax.occupations).toHaveLength(3007);
    expect(tax.skills).toHaveLength(13896);
    expect(tax.manifest.dataVersion).toMatch(/^tax-/);
    expect(tax.manifest.counts.iscoGroups).toBe(619);
    expect(tax.onetOccupations().length).toBe(1016);
  });

  it('looks occupations up by URI, short id and ESCO code, with labels in four languages', () => {
    const uri = 'http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34';
    const occ = tax.occupation(uri)!;
    expect(occ.labels.en?.pref).toBe('technical director');
    expect(occ.labels.fr?.pref).toContain('directeur technique');
    expect(occ.labels.nl?.pref).toBeTruthy();
    expect(tax.occupation('00030d09-2b3a-4efd-87cc-c4ea39d27c34')).toBe(occ);
    expect(tax.occupation(occ.code)).toBe(occ);
    expect(tax.occupation('http://data.europa.eu/esco/occupation/nope')).toBeUndefined();
    expect(tax.label(occ, 'es')).toMatch(/director técnico/);
  });

  it('gives essential and optional skills, ISCO ancestors and related skills', () => {
    const nurse = tax.occupations.find((o) => o.labels.en?.pref === 'specialist nurse')!;
    const sk = tax.occupationSkills(nurse.uri)!;
    expect(sk.essential.length).toBeGreaterThan(5);
    expect(sk.optional.length).toBeGreaterThan(0);
    expect(tax.iscoAncestors(nurse.iscoGroup).map((g) => g.code)).toEqual(['2221', '222', '22', '2']);
    expect(tax.iscoAncestors('2221')[0]!.labels.fr).toBe('Cadres infirmiers');
    const withRel = tax.skills.find((s) => tax.relatedSkills(s.uri).some((r) => r.relation !== 'sibling'))!;
    const rel = tax.relatedSkills(withRel.uri);
    expect(rel[0]!.weight).toBeGreaterThan(0);
    expect(tax.skill(rel[0]!.uri)).toBeDefined();
    expect(tax.relatedSkills('http://data.europa.eu/esco/skill/unknown')).toEqual([]);
  });

  it('maps ESCO occupations to O*NET-SOC 2019 codes through the crosswalk', () => {
    const withOnet = tax.occupations.filter((o) => o.onet.length > 0);
    expect(withOnet.length).toBeGreaterThan(1500);
    for (const o of withOnet.slice(0, 50)) for (const c of o.onet) expect(tax.onetOccupation(c)).toBeDefined();
  });
});

describe('title normalisation (lexical, every language)', () => {
  it('ranks the exact label first and explains the match', async () => {
    const [top] = await tax.normalizeTitle('MARKETING ASSISTANT (Selangor)', { limit: 3 });
    expect(top!.label).toBe('marketing assistant');
    expect(top!.evidence.matchedLabel.toLowerCase()).toBe('marketing assistant');
    expect(top!.score).toBeGreaterThan(0);
    expect(top!.score).toBeLessThanOrEqual(1);
  });

  it('reaches the concept through French, Spanish and Dutch labels', async () => {
    const fr = await tax.normalizeTitle('infirmière', { lang: 'fr', limit: 5 });
    expect(fr.some((r) => r.iscoGroup?.startsWith('222'))).toBe(true);
    expect(fr[0]!.evidence.matchedLang).toBe('fr');
    const es = await tax.normalizeTitle('enfermera', { lang: 'es', limit: 3 });
    expect(es[0]!.label).toMatch(/enfermer/);
    const nl = await tax.normalizeTitle('vrachtwagenchauffeur', { lang: 'nl', limit: 3 });
    expect(nl[0]!.iscoGroup).toMatch(/^83/);
  });

  it('reads realistic home-country titles in French, Spanish and Arabic (realistic dev split)', async () => {
    const cases: [string, string][] = [
      ['soudeur', 'welder'], ['cuisinier', 'cook'], ['chauffeur poids lourd', 'cargo vehicle driver'], ['cariste', 'forklift operator'],
      ['soldador', 'welder'], ['camionero', 'cargo vehicle driver'], ['cocinero', 'cook'],
      ['لحام', 'welder'],
    ];
    for (const [title, label] of cases) {
      const [top] = await tax.normalizeTitle(title, { limit: 1 });
      expect(top?.label, title).toBe(label);
      expect(top!.evidence.readLang).not.toBe('en');
    }
  });

  it('answers in the ISCO and O*NET schemes', async () => {
    const isco = await tax.normalizeTitle('registered nurse', { scheme: 'isco', limit: 3 });
    expect(isco.map((r) => r.id)).toContain('2221');
    const onet = await tax.normalizeTitle('registered nurse', { scheme: 'onet', limit: 3 });
    expect(onet[0]!.id).toBe('29-1141.00');
  });

  it('reads the title in the language it is written in: `lang` only picks the labels', async () => {
    const asDe = await tax.normalizeTitle('marketing assistant', { lang: 'de', limit: 3 });
    const asEn = await tax.normalizeTitle('marketing assistant', { lang: 'en', limit: 3 });
    const asFr = await tax.normalizeTitle('marketing assistant', { lang: 'fr', limit: 3 });
    expect(asDe.map((r) => [r.id, r.score])).toEqual(asEn.map((r) => [r.id, r.score]));
    expect(asFr.map((r) => [r.id, r.score])).toEqual(asEn.map((r) => [r.id, r.score]));
    expect(asEn[0]!.evidence.readLang).toBe('en');
    expect(asFr[0]!.label).toMatch(/assistant/);
  });

  it('flags German (no ESCO labels here) as a best effort with lower confidence and ignores empty or binary input', async () => {
    const de = await tax.normalizeTitle('Pflegefachkraft für die Altenpflege', { limit: 1 });
    expect(de[0]!.evidence.readLang).toBe('de');
    expect(de[0]!.evidence.unsupportedLanguage).toBe(true);
    expect(de[0]!.score).toBeLessThanOrEqual(0.6);
    expect(de[0]!.iscoGroup).toBe('2221'); // read through the hand-written German titles (german-titles.test)
    expect(await tax.normalizeTitle('   ')).toEqual([]);
    expect(await tax.normalizeTitle('\u0000\u0001\u0002abc')).toEqual([]);
  });

  it('suggests an occupation for a write, as a suggestion', async () => {
    const s = await suggestOccupation(tax, 'Truck driver', 'en');
    expect(s?.source).toBe('suggested');
    expect(s?.iscoGroup).toMatch(/^83/);
  });
});

describe('skill linking and extraction', () => {
  it('reads trade abbreviations, licences and technology names, and never links a function word', () => {
    const first = (t: string) => tax.linkSkillDetailed(t, { limit: 1 });
    expect(first('MIG').links[0]!.label).toBe('perform metal inert gas welding');
    expect(first('carnet C+E').links[0]!.label).toBe('manoeuvre heavy trucks');
    expect(first('HGV').links[0]!.label).toBe('manoeuvre heavy trucks');
    expect(first('grilling').links[0]!.label).toBe('use cooking techniques');
    expect(first('medication administration').links[0]!.label).toBe('administer prescribed medication');
    const react = first('React');
    expect(react.links).toEqual([]);
    expect(react.unlinked).toBe('technology-not-in-esco');
    expect(first('JavaScript').links[0]!.label).toBe('JavaScript');
    expect(first('les')).toMatchObject({ links: [], unlinked: 'no-content-words' });
    expect(first('Quittungen abheften').unlinked).toBe('unsupported-language');
    expect(SkillLinker.unresolvedTradeTerms(tax)).toEqual([]);
  });

  it('reads Arabic skills through the lexicon learnt from the parallel labels', () => {
    const r = tax.linkSkillDetailed('قيادة الشاحنات الثقيلة', { limit: 3 });
    expect(r.readLang).toBe('ar');
    expect(r.translated).toMatch(/truck/);
    expect(r.links.map((l) => l.label)).toContain('manoeuvre heavy trucks');
  });

  it('reads Arabic job-ad verbs and objects through the workplace glossary, with clitics stripped', () => {
    const top = (t: string) => tax.linkSkillDetailed(t, { limit: 1 });
    expect(top('وتفريغ البضائع')).toMatchObject({ readLang: 'ar', translated: 'unload cargo' });
    expect(top('وتفريغ البضائع').links[0]!.label).toBe('unload cargo');
    expect(top('غسل الصحون').links[0]!.label).toBe('wash the dishes');
    expect(top('إعطاء الأدوية').links[0]!.label).toBe('administer prescribed medication');
    expect(top('لحام المعادن').links[0]!.label).toBe('join metals');
  });

  it('reads German skill text through the workplace glossary, compounds split', () => {
    const top = (t: string) => tax.linkSkillDetailed(t, { limit: 1 });
    expect(top('Medikamente verabreichen')).toMatchObject({ readLang: 'de', translated: 'medication administer' });
    expect(top('Medikamente verabreichen').links[0]!.label).toBe('administer prescribed medication');
    expect(top('Wundversorgung').links[0]!.label).toBe('carry out wound care');
    expect(top('Vitalzeichen überwachen').links[0]!.label).toBe("monitor patient's vital signs");
  });

  it('finds the several skills a sentence holds, and none in a sentence without any', () => {
    const labels = (t: string) => tax.extractSkills(t).map((s) => s.label);
    expect(labels('You will weld steel frames (MIG/TIG) and read technical drawings.')).toEqual(
      expect.arrayContaining(['perform metal inert gas welding', 'perform tungsten inert gas welding']),
    );
    expect(labels('Chauffeur poids lourd, permis C+E exigé, chargement de la marchandise.')).toContain('manoeuvre heavy trucks');
    expect(labels('Nous recherchons les meilleurs candidats pour les postes.')).toEqual([]);
    const withCands = tax.extractSkillsDetailed('Care assistant: help residents with personal hygiene and medication administration.', { limit: 5 });
    expect(withCands.skills.map((s) => s.label)).toContain('administer prescribed medication');
    expect(withCands.candidates.length).toBeGreaterThanOrEqual(withCands.skills.length);
  });

  it('links synonyms and typos to ESCO skills', () => {
    expect(tax.linkSkill('project managment')[0]!.label).toMatch(/project management/i);
    expect(tax.linkSkill('customer service')[0]!.label).toMatch(/customer service/i);
    expect(tax.linkSkill('gestion de projet', { lang: 'fr' })[0]!.label).toMatch(/gestion de projets/);
    // a word the label repeats counts once: "plats de viande" is "plats à base de viande", not "plats préparés"
    expect(tax.linkSkill('préparer des plats de viande', { lang: 'fr' })[0]!.label).toBe('préparer des plats à base de viande');
    expect(tax.linkSkill('prepare meat dishes', { lang: 'fr' })[0]!.id).toBe(tax.linkSkill('préparer des plats de viande')[0]!.id);
    const links = linkSkills(tax, ['SQL', 'zzqqxx'], 'en');
    expect(links[0]!.uri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
    expect(links[1]!.uri).toBeNull();
  });

  it('extracts skills with character spans from a job ad', () => {
    const ad = 'We are hiring a nurse. You have experience in patient care and wound care.\n- customer service\n- Microsoft Excel';
    const got = tax.extractSkills(ad);
    const labels = got.map((s) => s.label.toLowerCase());
    expect(labels.some((l) => l.includes('customer service'))).toBe(true);
    for (const s of got) for (const [a, b] of s.spans) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThanOrEqual(ad.length);
      expect(b).toBeGreaterThan(a);
    }
    const cs = got.find((s) => s.label.toLowerCase().includes('customer service'))!;
    expect(ad.slice(cs.spans[0]![0], cs.spans[0]![1]).toLowerCase()).toBe('customer service');
  });
});

describe('semantic evidence with the real USE-lite embedder', () => {
  let embedder: Embedder;
  // A view with the embedder, as an app has (src/taxonomy/plugin.ts): the loaded taxonomy, shared by every file of
  // this process, is not changed.
  let sem: Taxonomy;
  beforeAll(async () => {
    embedder = await createInProcessUseLite();
    sem = tax.withEmbedder(embedder);
  }, 120_000);
  afterAll(async () => {
    await embedder?.close();
  });

  it('uses label vectors of the same model and fuses both kinds of evidence', async () => {
    expect(sem.labelVectors?.modelId).toBe(embedder.id);
    const r = await sem.normalizeTitle('Senior Java Developer', { limit: 5 });
    expect(r[0]!.evidence.semantic).toBeDefined();
    expect(r.some((x) => x.iscoGroup?.startsWith('25'))).toBe(true);
  });

  it('puts the occupation whose English preferred label the title is first, though the title model has no titles for it', async () => {
    // realistic dev titles: *electrician* holds "electrician" as its preferred label; *electrical mechanic*, *domestic*
    // and *industrial electrician* hold it as an alternative, and only they have JobBERT training titles
    for (const [title, label] of [['electrician', 'electrician'], ['welder', 'welder'], ['Cook', 'cook'], ['bricklayer', 'bricklayer']] as const) {
      const [top, second] = await sem.normalizeTitle(title, { limit: 2 });
      expect(top!.label, title).toBe(label);
      expect(top!.score).toBeGreaterThan(second!.score);
    }
    // a Spanish label is not trusted that far: ESCO's v1.0 Spanish labels give *phlebotomist* "enfermero/enfermera"
    const es = await sem.normalizeTitle('enfermera', { limit: 3 });
    expect(es[0]!.label).not.toBe('phlebotomist');
  });

  it('reads O*NET occupations from the meaning of the title, with probabilities', async () => {
    const r = await sem.normalizeTitle('diesel mechanic', { scheme: 'onet', limit: 3 });
    expect(r[0]!.id).toBe('49-3031.00');
    expect(r[0]!.evidence.method).toBe('learned');
    expect(r.reduce((a, x) => a + x.score, 0)).toBeLessThanOrEqual(1.0001);
    expect(r[0]!.score).toBeGreaterThan(r[1]!.score);
    const nurse = await sem.normalizeTitle('registered nurse', { scheme: 'onet', limit: 3 });
    expect(nurse[0]!.id).toBe('29-1141.00');
  });
});
