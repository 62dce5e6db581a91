// Dev-ad diff: the served text rules (mode rules+weak) over every dev split given, one line per ad (id → flags), so two
// rule versions can be compared case by case. Occupation suggestions are cached (they do not depend on the rules).
// npx tsx bench/screening-dev-diff.ts --batch tune,report,fresh,... --out /tmp/x.json [--occ-cache /tmp/occ.json]
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { Screener } from '../src/screening/screener.js';
import { loadMinimumWages } from '../src/screening/minimum-wage.js';
import { occupationPayIndex } from '../src/screening/plugin.js';
import type { CreateVacancy } from '../src/schemas/vacancy.js';
import type { OccupationHint } from '../src/screening/types.js';
import { SCREENING_CASES, splitOf, type ScreeningCase } from './fixtures/screening/index.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const batches = (opt('batch') ?? '').split(',').filter(Boolean);
if (batches.length === 0 || batches.some((b) => b.startsWith('fresh15'))) throw new Error('--batch: an explicit list of dev splits (never fresh15)');
const out = opt('out') ?? join(tmpdir(), 'screening-dev-diff.json');
const occCache = opt('occ-cache');

async function casesOf(split: string): Promise<ScreeningCase[]> {
  if (split === 'tune' || split === 'report') return SCREENING_CASES.filter((c) => splitOf(c) === split);
  const n = split === 'fresh' ? '' : split.slice('fresh'.length);
  const mod = (await import(`./fixtures/screening/fresh${n}.js`)) as Record<string, ScreeningCase[]>;
  return mod[`FRESH${n}_CASES`]!;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-dev-diff-'));
  const app = await buildApp({ logger: false, config: { DATABASE_PATH: join(dir, 'b.db'), INDEX_DIR: join(dir, 'index'), PASSERELLE_DEMO: false, REFERENCE_SERIES_LOAD: false, MAX_EVENT_LOOP_DELAY_MS: 0 } });
  await app.ready();
  const screener = new Screener({ table: loadMinimumWages(), occupationPay: occupationPayIndex(app.taxonomy), mode: 'rules+weak' });
  const occs: Record<string, OccupationHint | null> = occCache && existsSync(occCache) ? JSON.parse(readFileSync(occCache, 'utf8')) : {};
  const rows: Record<string, { split: string; labels: string[]; got: string[] }> = {};
  for (const split of batches) {
    for (const c of await casesOf(split)) {
      if (!(c.id in occs)) {
        const content = { ...c.vacancy, skills: [], languages: [], lang: c.lang } as CreateVacancy;
        const sug = await app.matchEngine.suggestForVacancy(content);
        occs[c.id] = c.vacancy.occupation?.isco ? { isco: c.vacancy.occupation.isco } : sug.occupation ? { esco: sug.occupation.esco, isco: sug.occupation.isco } : null;
      }
      const s = screener.ruleSignals({ ...c.vacancy, lang: c.lang }, occs[c.id] ?? undefined, '2026-11-30');
      const got = screener.combine({ ...s, semantic: [] }, 'rules+weak').map((f) => `${f.type}:${f.severity}`).sort();
      rows[c.id] = { split, labels: [...c.labels].sort(), got };
    }
  }
  if (occCache) writeFileSync(occCache, JSON.stringify(occs));
  writeFileSync(out, JSON.stringify(rows, null, 0));
  console.log(`${Object.keys(rows).length} ads → ${out}`);
  await app.close();
}
void main();
