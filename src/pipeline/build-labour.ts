// Ingest the official labour series (IVI, SPL 2022, ANZSCO, JOLTS, BLS EP) into compact files under data/labour/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import cliProgress from 'cli-progress';
import { gzJson } from '../gz-json.js';
import { sha256Hex } from '../hash.js';
import type { LabourManifest, ReferenceSeries, ReferenceSeriesFile, SplRating } from '../forecast/reference-data.js';
import { addMonths } from '../forecast/reference-data.js';
import { buildCrosswalks } from './labour/crosswalks.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared data folder: ../shared/data/labour next to the repo, else /work/shared/data/labour. */
export function defaultSharedDir(): string {
  const candidates = [resolve(REPO_ROOT, '../shared/data/labour'), '/work/shared/data/labour'];
  return candidates.find((d) => existsSync(d)) ?? candidates[0]!;
}

export const ATTRIBUTION = [
  'Australian Internet Vacancy Index (IVI), Skills Priority List 2022 and ANZSCO: Jobs and Skills Australia / National Skills Commission and Australian Bureau of Statistics, Australian Government, CC BY 4.0. Reshaped (wide to long, compact JSON) by Passerelle.',
  'JOLTS (Job Openings and Labor Turnover Survey) and Employment Projections 2024–34: U.S. Bureau of Labor Statistics, public domain. Subset and reshaped by Passerelle.',
  'Crosswalks: BLS ISCO-08 → 2010 SOC crosswalk (public domain) and O*NET-SOC 2010 → 2018 SOC crosswalk (O*NET, USDOL/ETA, CC BY 4.0); ISCO-08 ↔ ANZSCO derived by Passerelle from ESCO v1.1.1 occupation labels (© European Union) and ANZSCO titles (ABS, CC BY 4.0) — not an official correspondence.',
];

const STATE_FIPS: Record<string, string> = {
  '01': 'AL', '02': 'AK', '04': 'AZ', '05': 'AR', '06': 'CA', '08': 'CO', '09': 'CT', '10': 'DE', '11': 'DC', '12': 'FL',
  '13': 'GA', '15': 'HI', '16': 'ID', '17': 'IL', '18': 'IN', '19': 'IA', '20': 'KS', '21': 'KY', '22': 'LA', '23': 'ME',
  '24': 'MD', '25': 'MA', '26': 'MI', '27': 'MN', '28': 'MS', '29': 'MO', '30': 'MT', '31': 'NE', '32': 'NV', '33': 'NH',
  '34': 'NJ', '35': 'NM', '36': 'NY', '37': 'NC', '38': 'ND', '39': 'OH', '40': 'OK', '41': 'OR', '42': 'PA', '44': 'RI',
  '45': 'SC', '46': 'SD', '47': 'TN', '48': 'TX', '49': 'UT', '50': 'VT', '51': 'VA', '53': 'WA', '54': 'WV', '55': 'WI',
  '56': 'WY',
};

const JOLTS_ELEMENTS: Record<string, string> = { JO: 'Job openings', HI: 'Hires', QU: 'Quits' };
const MONTHS: Record<string, string> = {
  Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12',
};

function readCsv(path: string): string[][] {
  return parse(readFileSync(path), { relaxColumnCount: true, bom: true }) as string[][];
}

function readCsvObjects(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, relaxColumnCount: true }) as Record<string, string>[];
}

/** 'Mar-06' → '2006-03'. */
function iviPeriod(header: string): string {
  const [mon, yy] = header.split('-');
  const m = MONTHS[mon ?? ''];
  if (!m || !yy) throw new Error(`unexpected IVI month header ${header}`);
  return `20${yy}-${m}`;
}

function num(s: string | undefined): number | null {
  if (s === undefined) return null;
  const t = s.replace(/,/g, '').trim();
  if (t === '' || t === 'NA' || t === '—' || t === '-') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

export function buildIvi(sharedDir: string): ReferenceSeriesFile {
  const rows = readCsv(join(sharedDir, 'australia/ivi_internet_vacancy_index_by_anzsco4_state_monthly_2006_2021.csv'));
  const header = rows[0]!;
  const periods = header.slice(3).map(iviPeriod);
  const start = periods[0]!;
  periods.forEach((p, i) => {
    if (p !== addMonths(start, i)) throw new Error(`IVI months not contiguous at ${p}`);
  });
  const series: ReferenceSeries[] = rows.slice(1).map((r) => ({
    source: 'ivi',
    code: r[0] === '0' ? '0000' : r[0]!.padStart(4, '0'),
    region: r[2]!.trim(),
    country: 'AU',
    scheme: 'anzsco',
    label: r[0] === '0' ? 'All occupations' : r[1]!.trim(),
    unit: 'job advertisements (count)',
    start,
    values: r.slice(3).map(num),
  }));
  return {
    source: 'ivi',
    description: 'Internet Vacancy Index, ANZSCO-4 × region, monthly; code 0000 = all occupations',
    series,
  };
}

export function buildJolts(sharedDir: string): ReferenceSeriesFile {
  const files = ['bls_jolts_national_by_industry_2000_2021.csv', 'bls_jolts_by_state_total_nonfarm_2000_2021.csv'];
  const byKey = new Map<string, { meta: Omit<ReferenceSeries, 'values' | 'start'>; points: Map<string, number> }>();
  for (const f of files) {
    for (const r of readCsvObjects(join(sharedDir, f))) {
      const el = r.dataelement_code!;
      if (!(el in JOLTS_ELEMENTS) || r.seasonal !== 'S') continue;
      const rl = r.ratelevel_code!;
      const region = r.state_code === '00' ? 'US' : STATE_FIPS[r.state_code!];
      if (!region) continue;
      const code = `${el}${rl}.${r.industry_code}`;
      const key = `${code}|${region}`;
      let s = byKey.get(key);
      if (!s) {
        s = {
          meta: {
            source: 'jolts',
            code,
            region,
            country: 'US',
            scheme: 'naics',
            label: `${r.industry_text} — ${JOLTS_ELEMENTS[el]}`,
            unit: rl === 'L' ? 'thousands' : 'percent',
          },
          points: new Map(),
        };
        byKey.set(key, s);
      }
      const v = num(r.value);
      if (v !== null) s.points.set(r.date!, v);
    }
  }
  const series: ReferenceSeries[] = [];
  for (const { meta, points } of byKey.values()) {
    const periods = [...points.keys()].sort();
    const start = periods[0]!;
    const end = periods[periods.length - 1]!;
    const values: (number | null)[] = [];
    for (let p = start; p <= end; p = addMonths(p, 1)) values.push(points.get(p) ?? null);
    series.push({ ...meta, start, values });
  }
  series.sort((a, b) => (a.code + a.region).localeCompare(b.code + b.region));
  return {
    source: 'jolts',
    description: 'BLS JOLTS, seasonally adjusted: job openings (JO), hires (HI), quits (QU), level L (thousands) and rate R (%), by industry (US) and by state (total nonfarm)',
    series,
  };
}

export function buildSpl(sharedDir: string): SplRating[] {
  const rows = readCsv(join(sharedDir, 'australia/skills_priority_list_2022_anzsco6.csv'));
  const header = rows[0]!;
  return rows.slice(1).map((r) => {
    const states: Record<string, string> = {};
    header.slice(4).forEach((h, i) => (states[h.trim()] = (r[4 + i] ?? '').trim()));
    return { code: r[0]!.trim(), title: r[1]!.trim(), national: r[2]!.trim(), futureDemand: r[3]!.trim(), states };
  });
}

/** ANZSCO structure labels keyed by code (1, 2, 3, 4 and 6 digits). */
export function buildAnzsco(sharedDir: string, spl: SplRating[]): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (file: string, codeCol: number, labelCol: number): void => {
    for (const r of readCsv(join(sharedDir, 'australia', file)).slice(1)) {
      const c = (r[codeCol] ?? '').trim();
      if (c) out[c] = (r[labelCol] ?? '').trim();
    }
  };
  put('ANZSCO_Major_Groups.csv', 0, 1);
  put('ANZSCO_Sub_Major_Groups.csv', 1, 2);
  put('ANZSCO_Minor_Groups.csv', 2, 3);
  put('ANZSCO_Unit_Groups.csv', 3, 4);
  for (const r of readCsvObjects(join(sharedDir, 'australia/ANZCO_Occupation_Descriptions.csv'))) {
    const c = (r['ANZSCO Code'] ?? '').trim();
    if (/^\d{6}$/.test(c) && !out[c]) out[c] = (r['ANZSCO Title'] ?? '').trim();
  }
  for (const s of spl) if (!out[s.code]) out[s.code] = s.title;
  return out;
}

export interface EpProjection {
  soc: string;
  title: string;
  type: string;
  employment2024: number | null;
  employment2034: number | null;
  changePct: number | null;
  annualOpenings: number | null;
  medianWage: number | null;
  education: string;
  separationsRate: number | null;
}

export function buildEp(sharedDir: string): EpProjection[] {
  const t12 = readCsvObjects(join(sharedDir, 'bls_ep_2024_2034_occupational_projections_table1_2.csv'));
  const t110 = readCsvObjects(join(sharedDir, 'bls_ep_2024_2034_separations_openings_table1_10.csv'));
  const sep = new Map(t110.map((r) => [r['2024 National Employment Matrix code'], r]));
  const col = (r: Record<string, string>, prefix: string): string | undefined =>
    r[Object.keys(r).find((k) => k.startsWith(prefix)) ?? ''];
  return t12
    .filter((r) => /^\d\d-\d{4}$/.test(r['2024 National Employment Matrix code'] ?? ''))
    .map((r) => {
      const soc = r['2024 National Employment Matrix code']!;
      const s = sep.get(soc);
      return {
        soc,
        title: (r['2024 National Employment Matrix title'] ?? '').trim(),
        type: (r['Occupation type'] ?? '').trim(),
        employment2024: num(r['Employment, 2024']),
        employment2034: num(r['Employment, 2034']),
        changePct: num(r['Employment change, percent, 2024–34']),
        annualOpenings: num(r['Occupational openings, 2024–34 annual average']),
        medianWage: num(col(r, 'Median annual wage')),
        education: (r['Typical education needed for entry'] ?? '').trim(),
        separationsRate: s ? num(s['Total occupational separations rate, 2024–34 annual average']) : null,
      };
    });
}

function writeGz(outDir: string, name: string, value: unknown): { name: string; bytes: number; sha256: string } {
  const buf = gzJson(value);
  writeFileSync(join(outDir, name), buf);
  return { name, bytes: buf.length, sha256: sha256Hex(buf) };
}

export interface BuildLabourResult {
  manifest: LabourManifest;
}

/** Read the shared official files and write the compact derived files plus manifest and attribution. */
export function buildLabour(
  sharedDir: string = defaultSharedDir(),
  outDir: string = join(REPO_ROOT, 'data/labour'),
  onStep: (step: string) => void = () => {},
): BuildLabourResult {
  mkdirSync(outDir, { recursive: true });
  const files: LabourManifest['files'] = [];
  onStep('ivi');
  const ivi = buildIvi(sharedDir);
  files.push({ ...writeGz(outDir, 'ivi.json.gz', ivi), rows: ivi.series.length });
  onStep('jolts');
  const jolts = buildJolts(sharedDir);
  files.push({ ...writeGz(outDir, 'jolts.json.gz', jolts), rows: jolts.series.length });
  onStep('spl');
  const spl = buildSpl(sharedDir);
  files.push({ ...writeGz(outDir, 'spl2022.json.gz', spl), rows: spl.length });
  onStep('anzsco');
  const anzsco = buildAnzsco(sharedDir, spl);
  files.push({ ...writeGz(outDir, 'anzsco.json.gz', anzsco), rows: Object.keys(anzsco).length });
  onStep('ep');
  const ep = buildEp(sharedDir);
  files.push({ ...writeGz(outDir, 'bls-ep-2024-34.json.gz', ep), rows: ep.length });
  onStep('crosswalks');
  const volume = new Map(
    ivi.series.filter((s) => s.region === 'AUST').map((s) => [s.code, s.values.slice(-12).reduce((a: number, v) => a + (v ?? 0), 0) / 12]),
  );
  const crosswalks = buildCrosswalks(resolve(sharedDir, '..'), ep, volume);
  files.push({ ...writeGz(outDir, 'crosswalks.json.gz', crosswalks), rows: Object.keys(crosswalks.iscoToSoc).length + Object.keys(crosswalks.iscoToAnzsco).length });
  // The version is a hash of the data files only, so a rebuild of identical data keeps the same version.
  const version = createHash('sha256')
    .update(files.map((f) => f.sha256).join(','))
    .digest('hex')
    .slice(0, 16);
  const manifest: LabourManifest = { version, builtFrom: 'shared/data/labour (see SOURCES.md)', files, attribution: ATTRIBUTION };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(outDir, 'ATTRIBUTION.md'),
    `# Attribution for data/labour\n\n${ATTRIBUTION.map((a) => `- ${a}`).join('\n')}\n\nSPL 2022 and the IVI months after Dec 2021 are used only to score forecasts; see docs/forecasting.md.\n`,
  );
  onStep('done');
  return { manifest };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const shared = args.find((a) => !a.startsWith('--')) ?? defaultSharedDir();
  const steps = ['ivi', 'jolts', 'spl', 'anzsco', 'ep', 'crosswalks', 'models', 'done'];
  const bar = new cliProgress.SingleBar({ format: 'labour {bar} {value}/{total} {step}' }, cliProgress.Presets.shades_classic);
  bar.start(steps.length - 1, 0, { step: 'start' });
  const { manifest } = buildLabour(shared, undefined, (step) => bar.update(Math.min(steps.indexOf(step), steps.length - 2), { step }));
  if (!args.includes('--no-models')) {
    const { buildModelSelection } = await import('./labour/select-models.js');
    bar.update(steps.indexOf('models'), { step: 'models (rolling-origin CV)' });
    bar.stop();
    await buildModelSelection(join(REPO_ROOT, 'data/labour'), manifest.version);
  } else {
    bar.update(steps.length - 1, { step: 'done' });
    bar.stop();
  }
  console.log(JSON.stringify({ version: manifest.version, files: manifest.files.map((f) => `${f.name} ${f.rows} rows ${f.bytes} B`) }, null, 1));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
