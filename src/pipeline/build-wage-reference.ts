// Build data/screening/wage-reference.json: the average annual wage per full-time equivalent employee, in national
// currency, for the countries the minimum-wage table marks as having no statutory minimum (AT CH DK FI IT NO SE), from
// the OECD "Average annual wages" dataset (DSD_EARNINGS@AV_AN_WAGE, current prices, national currency). The
// too-good-to-be-true check anchors on it where there is no minimum to anchor on.
//
// Usage: npm run data:build:wage-reference [-- --source path/to/OECD.ELS.SAE,DSD_EARNINGS@AV_AN_WAGE,1.0+all.csv]
// Default source: data/screening/sources/oecd-av-an-wage-ncu.csv, the rows of that file this build reads, copied
// verbatim (the 2024 and 2025 rows of the seven countries; the full export is 900 kB).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sha256Hex } from '../hash.js';
import { loadMinimumWages } from '../screening/minimum-wage.js';
import type { WageReferenceFile } from '../screening/wage-reference.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_SOURCE = resolve(ROOT, 'data/screening/sources/oecd-av-an-wage-ncu.csv');
export const OUT = resolve(ROOT, 'data/screening/wage-reference.json');

const ISO3_TO_ISO2: Record<string, string> = { AUT: 'AT', CHE: 'CH', DNK: 'DK', FIN: 'FI', ISL: 'IS', ITA: 'IT', NOR: 'NO', SWE: 'SE' };

export const ATTRIBUTION =
  'OECD (2025), "Average annual wages" (DSD_EARNINGS@AV_AN_WAGE, current prices, national currency), OECD Data Explorer, https://data-explorer.oecd.org/ — CC BY 4.0. Rows taken from the export stored in ZinoH7/G7-Inflation-Analysis, commit e0d7755b1debf92fdcc574c1740881fcd6cc93c4, path data/OECD.ELS.SAE,DSD_EARNINGS@AV_AN_WAGE,1.0+all.csv. Subset (latest year per country) by Passerelle.';

export function buildWageReference(csv: string, noMinimum: Set<string>): WageReferenceFile {
  const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  const best = new Map<string, { year: number; annual: number; currency: string }>();
  for (const r of rows) {
    if (r.MEASURE !== 'WG' || r.PRICE_BASE !== 'V' || r.AGGREGATION_OPERATION !== 'MEAN' || r.PAY_PERIOD !== 'A') continue;
    const iso2 = ISO3_TO_ISO2[r.REF_AREA ?? ''];
    if (!iso2 || !noMinimum.has(iso2)) continue;
    const year = Number(r.TIME_PERIOD);
    const annual = Number(r.OBS_VALUE) * 10 ** Number(r.UNIT_MULT || 0);
    if (!Number.isFinite(year) || !(annual > 0) || !/^[A-Z]{3}$/.test(r.UNIT_MEASURE ?? '')) continue;
    const cur = best.get(iso2);
    if (!cur || year > cur.year) best.set(iso2, { year, annual, currency: r.UNIT_MEASURE! });
  }
  const countries: WageReferenceFile['countries'] = {};
  for (const k of [...best.keys()].sort()) {
    const b = best.get(k)!;
    countries[k] = { currency: b.currency, annualMean: Math.round(b.annual), year: b.year };
  }
  return {
    version: `wr-${sha256Hex(JSON.stringify(countries)).slice(0, 12)}`,
    measure: 'average annual wage per full-time equivalent dependent employee, current prices, national currency (OECD AV_AN_WAGE)',
    attribution: ATTRIBUTION,
    countries,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--source');
  const source = i > 0 ? resolve(process.argv[i + 1]!) : DEFAULT_SOURCE;
  const table = loadMinimumWages();
  const noMinimum = new Set(Object.entries(table.jurisdictions).filter(([k, j]) => j.none && !j.floorOf && !k.includes('-')).map(([k]) => k));
  const file = buildWageReference(readFileSync(source, 'utf8'), noMinimum);
  writeFileSync(OUT, `${JSON.stringify(file, null, 1)}\n`);
  const missing = [...noMinimum].filter((c) => !file.countries[c]);
  console.log(`wrote ${OUT}: ${Object.keys(file.countries).length} countries (${file.version})${missing.length ? `; not in the source: ${missing.join(' ')}` : ''}`);
}
