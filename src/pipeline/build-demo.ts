/**
 * Builds data/demo/demo.json: realistic demo employers, vacancies and candidate profiles derived from real ESCO
 * occupations and skills (ESCO v1.1.1, © European Union). Deterministic: the same input gives the same file.
 * Usage: npm run data:build:demo [-- --shared ../shared/data]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Row {
  [k: string]: string;
}

function readCsv(path: string): Row[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Row[];
}

// Shortage occupations across the EU's and Australia's lists, by ESCO preferred label.
const OCCUPATIONS: { label: string; country: string; region: string; lang: string; salary: [number, number]; languages: { code: string; level: string }[] }[] = [
  { label: 'specialist nurse', country: 'DE', region: 'Bavaria', lang: 'en', salary: [3400, 4300], languages: [{ code: 'de', level: 'B2' }] },
  { label: 'nurse assistant', country: 'FR', region: 'Île-de-France', lang: 'fr', salary: [1900, 2300], languages: [{ code: 'fr', level: 'B1' }] },
  { label: 'welder', country: 'NL', region: 'Noord-Brabant', lang: 'en', salary: [2800, 3500], languages: [{ code: 'en', level: 'B1' }] },
  { label: 'cargo vehicle driver', country: 'DE', region: 'North Rhine-Westphalia', lang: 'en', salary: [2700, 3200], languages: [{ code: 'de', level: 'A2' }] },
  { label: 'software developer', country: 'NL', region: 'North Holland', lang: 'en', salary: [4200, 6000], languages: [{ code: 'en', level: 'C1' }] },
  { label: 'electrician', country: 'SE', region: 'Stockholm', lang: 'en', salary: [32000, 40000], languages: [{ code: 'en', level: 'B1' }] },
  { label: 'plumber', country: 'BE', region: 'Flanders', lang: 'en', salary: [2700, 3300], languages: [{ code: 'nl', level: 'A2' }] },
  { label: 'cook', country: 'ES', region: 'Balearic Islands', lang: 'es', salary: [1500, 1900], languages: [{ code: 'es', level: 'A2' }] },
  { label: 'fruit and vegetable picker', country: 'ES', region: 'Andalusia', lang: 'es', salary: [1200, 1400], languages: [{ code: 'es', level: 'A1' }] },
  { label: 'vehicle technician', country: 'AT', region: 'Vienna', lang: 'en', salary: [2600, 3200], languages: [{ code: 'de', level: 'B1' }] },
  { label: 'home care aide', country: 'IT', region: 'Lombardy', lang: 'en', salary: [1400, 1700], languages: [{ code: 'it', level: 'A2' }] },
  { label: 'civil engineer', country: 'FR', region: 'Auvergne-Rhône-Alpes', lang: 'fr', salary: [3300, 4500], languages: [{ code: 'fr', level: 'B2' }] },
  { label: 'bricklayer', country: 'BE', region: 'Wallonia', lang: 'fr', salary: [2500, 3000], languages: [{ code: 'fr', level: 'A2' }] },
  { label: 'data scientist', country: 'DE', region: 'Berlin', lang: 'en', salary: [4500, 6200], languages: [{ code: 'en', level: 'C1' }] },
  { label: 'general practitioner', country: 'SE', region: 'Västra Götaland', lang: 'en', salary: [60000, 75000], languages: [{ code: 'sv', level: 'B2' }] },
];

// What some demo vacancies state beyond skills and languages (issue 11: only what is stated is scored).
const REQUIREMENTS: Record<string, Record<string, unknown>> = {
  'specialist nurse': { occupationYears: { min: 2, essential: true }, licences: [{ kind: 'recognition', country: 'DE', essential: false }] },
  welder: { occupationYears: { min: 3, essential: true }, licences: [{ kind: 'certificate', label: 'ISO 9606-1 welder qualification', essential: false }] },
  'cargo vehicle driver': {
    licences: [
      { kind: 'driving-licence', category: 'CE', essential: true },
      { kind: 'certificate', label: 'driver CPC (code 95)', essential: true },
    ],
  },
  'software developer': { experienceYears: { min: 3, essential: false }, education: { minLevel: 6, essential: false } },
  electrician: { occupationYears: { min: 2, essential: true }, education: { minLevel: 3, essential: true } },
  'civil engineer': { education: { minLevel: 7, essential: true }, licences: [{ kind: 'recognition', country: 'FR', essential: true }] },
  'general practitioner': { education: { minLevel: 7, essential: true }, licences: [{ kind: 'recognition', country: 'SE', essential: true }] },
};

// Licences some demo seekers hold.
const LICENCES: Record<string, Record<string, unknown>[]> = {
  'Kwame A.': [{ kind: 'driving-licence', category: 'CE' }, { kind: 'certificate', label: 'driver CPC (code 95)' }],
  'Joy P.': [{ kind: 'recognition', country: 'DE', status: 'in-progress' }],
  'Oleksandr V.': [{ kind: 'driving-licence', category: 'B' }],
};

const EMPLOYERS = [
  { name: 'Klinikum Südpark GmbH', country: 'DE' },
  { name: 'Santé Horizon SAS', country: 'FR' },
  { name: 'Noordzee Metaal BV', country: 'NL' },
  { name: 'Iberia Campo y Mesa SL', country: 'ES' },
  { name: 'Nordic Build & Care AB', country: 'SE' },
];

// Self-declared attributes (issue 13), for the fairness report only: one seeker declares nothing, one only part.
const SEEKERS: {
  displayName: string;
  residenceCountry: string;
  destinations: string[];
  lang: string;
  occupation: string;
  languages: { code: string; level: string }[];
  years: number;
  protected?: Record<string, string>;
}[] = [
  { displayName: 'Amina K.', residenceCountry: 'MA', destinations: ['FR', 'BE', 'ES'], lang: 'fr', occupation: 'nurse assistant', languages: [{ code: 'fr', level: 'C1' }, { code: 'ar', level: 'C2' }, { code: 'en', level: 'A2' }], years: 6, protected: { sex: 'female', ageBand: '35-44', nationalityRegion: 'north-africa', disability: 'no' } },
  { displayName: 'Carlos R.', residenceCountry: 'CO', destinations: ['ES'], lang: 'es', occupation: 'cook', languages: [{ code: 'es', level: 'C2' }, { code: 'en', level: 'A2' }], years: 8, protected: { sex: 'male', ageBand: '35-44', nationalityRegion: 'latin-america-caribbean', disability: 'no' } },
  { displayName: 'Joy P.', residenceCountry: 'PH', destinations: ['DE', 'NL', 'SE'], lang: 'en', occupation: 'specialist nurse', languages: [{ code: 'en', level: 'C1' }, { code: 'de', level: 'B1' }], years: 5, protected: { sex: 'female', ageBand: '25-34', nationalityRegion: 'east-southeast-asia', disability: 'no' } },
  { displayName: 'Oleksandr V.', residenceCountry: 'UA', destinations: ['DE', 'NL'], lang: 'en', occupation: 'welder', languages: [{ code: 'uk', level: 'C2' }, { code: 'en', level: 'B1' }], years: 12, protected: { sex: 'male', ageBand: '35-44', nationalityRegion: 'europe-other', disability: 'yes' } },
  { displayName: 'Moussa D.', residenceCountry: 'SN', destinations: ['FR', 'BE'], lang: 'fr', occupation: 'bricklayer', languages: [{ code: 'fr', level: 'C1' }], years: 9, protected: { sex: 'male', ageBand: '25-34', nationalityRegion: 'sub-saharan-africa', disability: 'prefer-not-to-say' } },
  { displayName: 'Priya S.', residenceCountry: 'IN', destinations: ['NL', 'DE'], lang: 'en', occupation: 'software developer', languages: [{ code: 'en', level: 'C2' }], years: 4, protected: { sex: 'female', ageBand: '25-34', nationalityRegion: 'south-asia', disability: 'no' } },
  { displayName: 'Youssef B.', residenceCountry: 'TN', destinations: ['DE', 'AT'], lang: 'en', occupation: 'vehicle technician', languages: [{ code: 'ar', level: 'C2' }, { code: 'fr', level: 'C1' }, { code: 'de', level: 'A2' }], years: 7 },
  { displayName: 'Ana L.', residenceCountry: 'PE', destinations: ['ES', 'IT'], lang: 'es', occupation: 'home care aide', languages: [{ code: 'es', level: 'C2' }, { code: 'it', level: 'A1' }], years: 3, protected: { sex: 'female', ageBand: '<25', nationalityRegion: 'latin-america-caribbean', disability: 'no' } },
  { displayName: 'Kwame A.', residenceCountry: 'GH', destinations: ['DE', 'SE'], lang: 'en', occupation: 'cargo vehicle driver', languages: [{ code: 'en', level: 'C1' }], years: 10, protected: { sex: 'male', ageBand: '45-54', nationalityRegion: 'sub-saharan-africa', disability: 'no' } },
  { displayName: 'Lina H.', residenceCountry: 'JO', destinations: ['DE'], lang: 'en', occupation: 'data scientist', languages: [{ code: 'ar', level: 'C2' }, { code: 'en', level: 'C1' }], years: 3, protected: { sex: 'prefer-not-to-say' } },
];

const firstSentences = (text: string, n: number): string => (text.replace(/\s+/g, " ").match(/[^.!?]+[.!?]/g) ?? [text]).slice(0, n).map((s) => s.trim()).join(' ');
const splitLabels = (s: string | undefined): string[] => (s ?? '').split('\n').map((x) => x.trim()).filter(Boolean);

export function buildDemo(sharedDir: string, outDir: string): { vacancies: number; candidates: number } {
  const esco = join(sharedDir, 'esco');
  const occupations = readCsv(join(esco, 'v1.1.1_en/occupations_en.csv'));
  const skills = new Map(readCsv(join(esco, 'v1.1.1_en/skills_en.csv')).map((r) => [r.conceptUri!, r]));
  const frSkills = new Map(readCsv(join(esco, 'v1.0_labels_es_fr/skills_fr.csv')).map((r) => [r.conceptUri!, r.preferredLabel!]));
  const esSkills = new Map(readCsv(join(esco, 'v1.0_labels_es_fr/skills_es.csv')).map((r) => [r.conceptUri!, r.preferredLabel!]));
  const frOcc = new Map(readCsv(join(esco, 'v1.1.1_fr/occupations_fr.csv')).map((r) => [r.conceptUri!, r]));
  const esOcc = new Map(readCsv(join(esco, 'v1.0_labels_es_fr/occupations_es.csv')).map((r) => [r.conceptUri!, r]));
  const relations = readCsv(join(esco, 'v1.1.1_en/occupationSkillRelations.csv'));
  const byLabel = new Map(occupations.map((o) => [o.preferredLabel!, o]));
  const relByOcc = new Map<string, Row[]>();
  for (const r of relations) {
    const list = relByOcc.get(r.occupationUri!) ?? [];
    list.push(r);
    relByOcc.set(r.occupationUri!, list);
  }
  const occ = (label: string): Row => {
    const o = byLabel.get(label);
    if (!o) throw new Error(`ESCO occupation "${label}" not found`);
    return o;
  };
  // Prefer concrete competences over broad knowledge areas; stable order by URI.
  const skillsOf = (uri: string, type: 'essential' | 'optional', n: number): Row[] =>
    (relByOcc.get(uri) ?? [])
      .filter((r) => r.relationType === type && r.skillType === 'skill/competence')
      .sort((a, b) => a.skillUri!.localeCompare(b.skillUri!))
      .slice(0, n)
      .map((r) => skills.get(r.skillUri!)!)
      .filter(Boolean);
  const localLabel = (o: Row, lang: string): string =>
    lang === 'fr' ? (frOcc.get(o.conceptUri!)?.preferredLabel ?? o.preferredLabel!) : lang === 'es' ? (esOcc.get(o.conceptUri!)?.preferredLabel ?? o.preferredLabel!) : o.preferredLabel!;
  const skillLabel = (s: Row, lang: string): string =>
    lang === 'fr' ? (frSkills.get(s.conceptUri!) ?? s.preferredLabel!) : lang === 'es' ? (esSkills.get(s.conceptUri!) ?? s.preferredLabel!) : s.preferredLabel!;

  const employerFor = (country: string): number => {
    const i = EMPLOYERS.findIndex((e) => e.country === country);
    return i >= 0 ? i : country.charCodeAt(0) % EMPLOYERS.length;
  };

  const vacancies = OCCUPATIONS.map((spec, i) => {
    const o = occ(spec.label);
    const essential = skillsOf(o.conceptUri!, 'essential', 6);
    const optional = skillsOf(o.conceptUri!, 'optional', 3);
    const title = localLabel(o, spec.lang);
    const description = `${firstSentences(o.description ?? '', 2)} We sponsor the work permit and pay all recruitment and travel costs.`;
    return {
      employer: employerFor(spec.country),
      title: title.charAt(0).toUpperCase() + title.slice(1),
      description,
      country: spec.country,
      region: spec.region,
      occupation: { esco: o.conceptUri, isco: o.iscoGroup },
      skills: [
        // Half of the essential skills are given as free text only, as employers write them.
        ...essential.map((s, j) => ({ label: skillLabel(s, spec.lang), ...(j % 2 === 0 ? { esco: s.conceptUri } : {}), essential: true })),
        ...optional.map((s) => ({ label: skillLabel(s, spec.lang), esco: s.conceptUri, essential: false })),
      ],
      languages: spec.languages,
      ...(REQUIREMENTS[spec.label] ? { requirements: REQUIREMENTS[spec.label] } : {}),
      salary: { min: spec.salary[0], max: spec.salary[1], currency: spec.country === 'SE' ? 'SEK' : 'EUR', period: 'month' },
      contractType: spec.label === 'fruit and vegetable picker' ? 'seasonal' : 'permanent',
      hoursPerWeek: 38,
      positions: 1 + (i % 4),
      startDate: '2027-03-01',
      expiresAt: '2027-12-31',
      shortage: true,
      status: 'open',
      recruitmentFees: { chargedToWorker: false, note: 'Employer pays all recruitment fees and related costs (ILO General Principles).' },
      lang: spec.lang,
    };
  });

  const candidates = SEEKERS.map((s) => {
    const o = occ(s.occupation);
    const ess = skillsOf(o.conceptUri!, 'essential', 8);
    // Seekers describe themselves with alternative labels and their own words, not ESCO's preferred ones.
    const skillTexts = ess.slice(0, 6).map((sk, j) => {
      if (s.lang !== 'en') return skillLabel(sk, s.lang);
      const alts = splitLabels(sk.altLabels);
      return alts.length > 0 ? alts[j % alts.length]! : sk.preferredLabel!;
    });
    const alt = splitLabels(o.altLabels);
    const expTitle = s.lang === 'en' ? (alt[0] ?? o.preferredLabel!) : localLabel(o, s.lang);
    return {
      displayName: s.displayName,
      skills: skillTexts.map((label) => ({ label })),
      experience: [{ title: expTitle, years: s.years, country: s.residenceCountry }],
      educationLevel: 4,
      languages: s.languages,
      ...(LICENCES[s.displayName] ? { licences: LICENCES[s.displayName] } : {}),
      residenceCountry: s.residenceCountry,
      destinations: s.destinations,
      pathways: ['work-permit'],
      consent: { matching: true, visibleToEmployers: true },
      ...(s.protected ? { protected: s.protected } : {}),
      lang: s.lang,
    };
  });

  const out = {
    version: 'demo-1',
    source: 'Derived from ESCO v1.1.1 (© European Union, https://esco.ec.europa.eu). Employers and people are fictitious.',
    employers: EMPLOYERS,
    vacancies,
    candidates,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'demo.json'), `${JSON.stringify(out, null, 1)}\n`);
  return { vacancies: vacancies.length, candidates: candidates.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--shared');
  const shared = resolve(i > 0 ? process.argv[i + 1]! : join(ROOT, '../shared/data'));
  if (!existsSync(shared)) {
    console.error(`shared data not found at ${shared}; the committed data/demo/demo.json stays as it is`);
    process.exit(1);
  }
  const res = buildDemo(shared, join(ROOT, 'data/demo'));
  console.log(`data/demo/demo.json: ${res.vacancies} vacancies, ${res.candidates} candidates`);
}
