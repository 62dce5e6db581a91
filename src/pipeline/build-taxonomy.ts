import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  ESCO_OCC_PREFIX,
  ESCO_SKILL_PREFIX,
  TAXONOMY_DATA_VERSION,
  type IscoGroupRow,
  type LabelSet,
  type Lang,
  type Manifest,
  type OccupationRow,
  type OnetFile,
  type RelationsFile,
  type SkillRow,
  defaultDataDir,
  writeGzJson,
} from '../taxonomy/files.js';

type Row = Record<string, string>;

function readCsv(path: string, delimiter = ','): Row[] {
  return parse(readFileSync(path, 'utf8'), {
    columns: true,
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  }) as Row[];
}

function readTsv(path: string): Row[] {
  return readCsv(path, '\t');
}

function lines(v: string | undefined): string[] {
  if (!v) return [];
  return [...new Set(v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean))];
}

function firstSentence(s: string | undefined): string {
  if (!s) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  const m = /^(.{20,}?[.!?])\s/.exec(t + ' ');
  return (m?.[1] ?? t).slice(0, 300);
}

function labelSet(r: Row): LabelSet | undefined {
  const pref = (r.preferredLabel ?? '').trim();
  if (!pref) return undefined;
  const alt = lines(r.altLabels).filter((a) => a !== pref);
  const hidden = lines(r.hiddenLabels);
  const out: LabelSet = { pref };
  if (alt.length) out.alt = alt;
  if (hidden.length) out.hidden = hidden;
  return out;
}

function short(uri: string, prefix: string): string {
  return uri.startsWith(prefix) ? uri.slice(prefix.length) : uri;
}

export interface BuildResult {
  manifest: Manifest;
}

/** Reads the raw ESCO / ISCO / O*NET snapshots under sharedDir and writes compact gzip JSON into outDir. */
export function buildTaxonomy(sharedDir: string, outDir: string): BuildResult {
  const esco = join(sharedDir, 'esco');
  const need = [
    join(esco, 'v1.1.1_en', 'occupations_en.csv'),
    join(esco, 'v1.1.1_en', 'skills_en.csv'),
    join(sharedDir, 'onet', 'Occupation Data.txt'),
  ];
  for (const p of need) {
    if (!existsSync(p)) {
      throw new Error(`taxonomy pipeline: source file missing: ${p} (set TAXONOMY_SOURCE_DIR or pass the shared data directory)`);
    }
  }
  mkdirSync(outDir, { recursive: true });

  // ---- occupations
  const occRows = readCsv(join(esco, 'v1.1.1_en', 'occupations_en.csv'));
  const occupations: OccupationRow[] = [];
  const occIndex = new Map<string, number>();
  for (const r of occRows) {
    const ls = labelSet(r);
    if (!ls || !r.conceptUri) continue;
    const id = short(r.conceptUri, ESCO_OCC_PREFIX);
    occIndex.set(id, occupations.length);
    occupations.push({ id, isco: r.iscoGroup ?? '', code: r.code ?? '', labels: { en: ls }, desc: firstSentence(r.description) });
  }
  // Occupations can have several sources per language: the first wins (v1.1.1 before v1.0).
  const addOccLang = (path: string, lang: Lang) => addLangLabels(path, ESCO_OCC_PREFIX, occIndex, occupations, lang, true);
  const occFr = addOccLang(join(esco, 'v1.1.1_fr', 'occupations_fr.csv'), 'fr');
  const occFr10 = addOccLang(join(esco, 'v1.0_labels_es_fr', 'occupations_fr.csv'), 'fr');
  const occEs = addOccLang(join(esco, 'v1.0_labels_es_fr', 'occupations_es.csv'), 'es');
  const occNl = addOccLang(join(esco, 'nl', 'occupations_nl.csv'), 'nl');
  // Arabic: preferred labels only ("masculine / feminine"); the title index splits the two forms
  const occAr = addOccLang(join(esco, 'ar', 'occupations_ar.csv'), 'ar');

  // ---- skills
  const skills: SkillRow[] = [];
  const skillIndex = new Map<string, number>();
  for (const r of readCsv(join(esco, 'v1.1.1_en', 'skills_en.csv'))) {
    const ls = labelSet(r);
    if (!ls || !r.conceptUri) continue;
    const id = short(r.conceptUri, ESCO_SKILL_PREFIX);
    skillIndex.set(id, skills.length);
    skills.push({ id, type: r.skillType ?? '', reuse: r.reuseLevel ?? '', labels: { en: ls }, desc: firstSentence(r.description) });
  }
  const addSkillLang = (path: string, lang: Lang) => addLangLabels(path, ESCO_SKILL_PREFIX, skillIndex, skills, lang, false);
  const skFr = addSkillLang(join(esco, 'v1.0_labels_es_fr', 'skills_fr.csv'), 'fr');
  const skEs = addSkillLang(join(esco, 'v1.0_labels_es_fr', 'skills_es.csv'), 'es');

  // ---- relations
  const occSkill: number[] = [];
  for (const r of readCsv(join(esco, 'v1.1.1_en', 'occupationSkillRelations.csv'))) {
    const o = occIndex.get(short(r.occupationUri ?? '', ESCO_OCC_PREFIX));
    const s = skillIndex.get(short(r.skillUri ?? '', ESCO_SKILL_PREFIX));
    if (o === undefined || s === undefined) continue;
    occSkill.push(o, s, r.relationType === 'essential' ? 1 : 0);
  }
  const skillSkill: number[] = [];
  for (const r of readCsv(join(esco, 'v1.1.1_en', 'skillSkillRelations.csv'))) {
    const a = skillIndex.get(short(r.originalSkillUri ?? '', ESCO_SKILL_PREFIX));
    const b = skillIndex.get(short(r.relatedSkillUri ?? '', ESCO_SKILL_PREFIX));
    if (a === undefined || b === undefined) continue;
    skillSkill.push(a, b, r.relationType === 'essential' ? 1 : 0);
  }
  const skillBroader: Record<string, string[]> = {};
  const skillGroups: RelationsFile['skillGroups'] = {};
  const groupLabels = new Map<string, string>();
  for (const r of readCsv(join(esco, 'v1.1.1_en', 'skillGroups_en.csv'))) {
    if (r.conceptUri) groupLabels.set(r.conceptUri, r.preferredLabel ?? '');
  }
  for (const r of readCsv(join(esco, 'v1.1.1_en', 'skillsHierarchy_en.csv'))) {
    for (const k of ['Level 0 URI', 'Level 1 URI', 'Level 2 URI', 'Level 3 URI']) {
      const uri = r[k];
      const lab = r[k.replace('URI', 'preferred term')];
      if (uri && lab && !groupLabels.has(uri)) groupLabels.set(uri, lab);
    }
  }
  for (const r of readCsv(join(esco, 'v1.1.1_en', 'broaderRelationsSkillPillar.csv'))) {
    const child = r.conceptUri ?? '';
    const parent = r.broaderUri ?? '';
    if (!child || !parent) continue;
    const si = skillIndex.get(short(child, ESCO_SKILL_PREFIX));
    if (si !== undefined && r.conceptType === 'KnowledgeSkillCompetence') {
      (skillBroader[String(si)] ??= []).push(parent);
    } else {
      const g = (skillGroups[child] ??= { label: groupLabels.get(child) ?? '', broader: [] });
      g.broader.push(parent);
    }
    // A parent that is not a skill, or that is a known group, is a group.
    if (!skillGroups[parent] && (!skillIndex.has(short(parent, ESCO_SKILL_PREFIX)) || groupLabels.has(parent))) {
      skillGroups[parent] = { label: groupLabels.get(parent) ?? '', broader: [] };
    }
  }
  const relations: RelationsFile = { occSkill, skillSkill, skillBroader, skillGroups };

  // ---- ISCO-08 groups, 4 levels, en/fr/es
  const isco = new Map<string, IscoGroupRow>();
  for (const r of readCsv(join(esco, 'v1.1.1_en', 'ISCOGroups_en.csv'))) {
    const code = (r.code ?? '').trim();
    if (!code) continue;
    isco.set(code, { code, level: code.length, parent: code.length > 1 ? code.slice(0, -1) : null, labels: { en: r.preferredLabel ?? '' } });
  }
  const iscoLang = (path: string, lang: Lang) => {
    if (!existsSync(path)) return;
    for (const r of readCsv(path)) {
      const g = isco.get((r.code ?? '').trim());
      if (g && r.preferredLabel && !g.labels[lang]) g.labels[lang] = r.preferredLabel;
    }
  };
  iscoLang(join(esco, 'v1.1.1_fr', 'ISCOGroups_fr.csv'), 'fr');
  iscoLang(join(esco, 'v1.0_labels_es_fr', 'ISCOGroups_fr.csv'), 'fr');
  iscoLang(join(esco, 'v1.0_labels_es_fr', 'ISCOGroups_es.csv'), 'es');
  const iscoGroups = [...isco.values()].sort((a, b) => a.code.localeCompare(b.code));

  // ---- O*NET 29.3 + crosswalks
  const onetDir = join(sharedDir, 'onet');
  const onetOcc = new Map<string, OnetFile['occupations'][number]>();
  for (const r of readTsv(join(onetDir, 'Occupation Data.txt'))) {
    const code = r['O*NET-SOC Code'] ?? '';
    if (code) onetOcc.set(code, { code, title: r.Title ?? '', desc: firstSentence(r.Description), alt: [] });
  }
  let altCount = 0;
  for (const r of readTsv(join(onetDir, 'Alternate Titles.txt'))) {
    const o = onetOcc.get(r['O*NET-SOC Code'] ?? '');
    const t = (r['Alternate Title'] ?? '').trim();
    if (!o || !t) continue;
    o.alt.push(t);
    altCount++;
  }
  const x1019 = new Map<string, string[]>();
  for (const r of readTsv(join(onetDir, 'crosswalks', 'onetsoc2010_to_onetsoc2019.txt'))) {
    const a = r['O*NET-SOC 2010 Code'];
    const b = r['O*NET-SOC 2019 Code'];
    if (a && b) (x1019.get(a) ?? x1019.set(a, []).get(a)!).push(b);
  }
  const escoToOnet: Record<string, string[]> = {};
  let xwalkRows = 0;
  let xwalkUnmapped = 0;
  for (const r of readCsv(join(sharedDir, 'isco', 'esco_onet_crosswalk_nesta_nov2020.csv'))) {
    const id = short(r.concept_uri ?? '', ESCO_OCC_PREFIX);
    const c10 = (r.onet_code ?? '').trim();
    if (!occIndex.has(id) || !c10) continue;
    const c19 = x1019.get(c10) ?? (onetOcc.has(c10) ? [c10] : []);
    if (!c19.length) xwalkUnmapped++;
    for (const c of c19) {
      const list = (escoToOnet[id] ??= []);
      if (!list.includes(c) && onetOcc.has(c)) list.push(c);
    }
    xwalkRows++;
  }
  const onet: OnetFile = { occupations: [...onetOcc.values()], escoToOnet };

  // ---- write
  const files: Manifest['files'] = {};
  files['occupations.json.gz'] = { bytes: writeGzJson(join(outDir, 'occupations.json.gz'), occupations) };
  files['skills.json.gz'] = { bytes: writeGzJson(join(outDir, 'skills.json.gz'), skills) };
  files['relations.json.gz'] = { bytes: writeGzJson(join(outDir, 'relations.json.gz'), relations) };
  files['isco.json.gz'] = { bytes: writeGzJson(join(outDir, 'isco.json.gz'), iscoGroups) };
  files['onet.json.gz'] = { bytes: writeGzJson(join(outDir, 'onet.json.gz'), onet) };

  const manifestPath = join(outDir, 'manifest.json');
  const previous = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest) : undefined;
  const manifest: Manifest = {
    dataVersion: TAXONOMY_DATA_VERSION,
    builtAt: new Date().toISOString(),
    sources: {
      esco: 'ESCO v1.1.1 (en, fr occupations; nl occupations v1.1.x; ar occupation preferred labels (ESCO CSV export); es/fr skills and es occupations from ESCO v1.0.x label files). © European Union, ESCO, Commission Decision 2011/833/EU',
      isco: 'ISCO-08 via ESCO ISCOGroups (en/fr/es)',
      onet: 'O*NET 29.3 Database (USDOL/ETA, CC BY 4.0): Occupation Data, Alternate Titles',
      crosswalk: 'Nesta ESCO↔O*NET-SOC 2010 (Nov 2020, MIT) mapped to O*NET-SOC 2019 with the official O*NET-SOC 2010→2019 crosswalk',
    },
    counts: {
      occupations: occupations.length,
      skills: skills.length,
      occupationSkillRelations: occSkill.length / 3,
      skillSkillRelations: skillSkill.length / 3,
      skillGroups: Object.keys(skillGroups).length,
      iscoGroups: iscoGroups.length,
      occupationLabelsFr: occFr + occFr10,
      occupationLabelsEs: occEs,
      occupationLabelsNl: occNl,
      occupationLabelsAr: occAr,
      skillLabelsFr: skFr,
      skillLabelsEs: skEs,
      onetOccupations: onet.occupations.length,
      onetAlternateTitles: altCount,
      crosswalkRows: xwalkRows,
      crosswalkRowsUnmapped: xwalkUnmapped,
      escoOccupationsWithOnet: Object.keys(escoToOnet).length,
    },
    files,
    ...(previous?.embeddings ? { embeddings: previous.embeddings } : {}),
    // written by the label-graph step, which this step does not redo
    ...(previous?.labelGraph ? { labelGraph: previous.labelGraph } : {}),
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { manifest };
}

/**
 * Labels in one more language from an ESCO CSV, onto concepts already loaded (by short id). `firstWins`: keep labels
 * a concept already has in that language (an earlier, preferred source). Returns how many concepts got labels.
 */
function addLangLabels(path: string, prefix: string, index: Map<string, number>, rows: { labels: Partial<Record<Lang, LabelSet>> }[], lang: Lang, firstWins: boolean): number {
  if (!existsSync(path)) return 0;
  let n = 0;
  for (const r of readCsv(path)) {
    const i = index.get(short(r.conceptUri ?? '', prefix));
    const ls = labelSet(r);
    if (i === undefined || !ls) continue;
    const row = rows[i]!;
    if (firstWins && row.labels[lang]) continue;
    row.labels[lang] = ls;
    n++;
  }
  return n;
}

export function defaultSharedDir(): string {
  if (process.env.TAXONOMY_SOURCE_DIR) return process.env.TAXONOMY_SOURCE_DIR;
  if (existsSync('/work/shared/data')) return '/work/shared/data';
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return resolve(repo, '..', 'shared', 'data');
}


if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const shared = resolve(process.argv[2] ?? defaultSharedDir());
  const out = resolve(process.argv[3] ?? defaultDataDir());
  try {
    const t0 = Date.now();
    const { manifest } = buildTaxonomy(shared, out);
    console.log(JSON.stringify({ out, ms: Date.now() - t0, counts: manifest.counts, files: manifest.files }, null, 2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
