/**
 * Technology names people write in ads and CVs ("React", "AutoCAD", "SAP") from O*NET 29.3 Technology Skills, each
 * with the ESCO skill it is linked to: the ESCO skill whose label is the name itself when there is one, otherwise
 * the best ESCO link of its O*NET commodity title ("Web platform development software") when that link is confident.
 * `npm run data:build:tech-names` → data/taxonomy/tech-names.json.gz (the pipeline reads ../shared/data/onet).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { defaultDataDir, writeGzJson } from '../../taxonomy/files.js';
import { Taxonomy } from '../../taxonomy/taxonomy.js';
import { foldText } from '../../taxonomy/text.js';
import { defaultSharedDir } from '../build-taxonomy.js';
import { TECH_NAMES_FILE } from '../../taxonomy/taxonomy.js';


/** A commodity title's ESCO link is kept from this lexical score on. */
const COMMODITY_MIN = 0.6;

export interface TechName {
  name: string;
  commodity: string;
  esco?: string;
  via?: 'name' | 'commodity';
  occupations: number;
}

export function buildTechNames(sharedDir: string, dataDir: string): { count: number; linked: number; bytes: number } {
  const path = join(sharedDir, 'onet', 'Technology Skills.txt');
  if (!existsSync(path)) throw new Error(`tech names: source file missing: ${path}`);
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, delimiter: '\t', relax_quotes: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const tax = new Taxonomy(dataDir, { semantic: false });
  const byName = new Map<string, TechName & { occ: Set<string> }>();
  for (const r of rows) {
    const name = (r.Example ?? '').trim();
    const key = foldText(name);
    if (!key || key.length < 2) continue;
    const cur = byName.get(key) ?? { name, commodity: r['Commodity Title'] ?? '', occupations: 0, occ: new Set<string>() };
    cur.occ.add(r['O*NET-SOC Code'] ?? '');
    byName.set(key, cur);
  }
  const exact = new Map<string, string>();
  for (const s of tax.skills) for (const l of [s.labels.en?.pref, ...(s.labels.en?.alt ?? [])]) if (l) exact.set(foldText(l.replace(/\s*\([^)]*\)\s*/g, ' ')), s.uri);
  const commodityLink = new Map<string, string | undefined>();
  const out: Record<string, TechName> = {};
  let linked = 0;
  for (const [key, t] of [...byName.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let esco = exact.get(key);
    let via: TechName['via'] = esco ? 'name' : undefined;
    if (!esco && t.commodity) {
      if (!commodityLink.has(t.commodity)) {
        const [top] = tax.linkSkill(t.commodity, { readLang: 'en', limit: 1 });
        commodityLink.set(t.commodity, top && top.score >= COMMODITY_MIN ? top.id : undefined);
      }
      esco = commodityLink.get(t.commodity);
      if (esco) via = 'commodity';
    }
    if (esco) linked++;
    out[key] = { name: t.name, commodity: t.commodity, ...(esco ? { esco, via } : {}), occupations: t.occ.size };
  }
  const bytes = writeGzJson(join(dataDir, TECH_NAMES_FILE), {
    about: 'O*NET 29.3 Technology Skills examples (USDOL/ETA, CC BY 4.0; modified) → ESCO skills, by name or through the commodity title',
    names: out,
  });
  return { count: Object.keys(out).length, linked, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(buildTechNames(resolve(process.argv[2] ?? defaultSharedDir()), resolve(process.argv[3] ?? defaultDataDir()))));
}
