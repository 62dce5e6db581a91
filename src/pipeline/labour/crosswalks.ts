// Occupation crosswalks for the forecasts (data/labour/crosswalks.json.gz):
//  - ISCO-08 ↔ SOC 2018: official. BLS ISCO-08 → 2010 SOC crosswalk, then the O*NET-SOC 2010 → 2018 SOC crosswalk
//    (both in shared/data); one-to-many links are weighted by BLS 2024 employment of the SOC 2018 occupations.
//  - ISCO-08 ↔ ANZSCO: no official correspondence is in shared/data (the ABS ANZSCO–ISCO correspondence is not), so
//    it is DERIVED: every ANZSCO-6 occupation title is matched to ESCO occupation labels (preferred and alternative,
//    exact after normalisation), whose ISCO-08 unit group it takes; ANZSCO-4 → ISCO-4 weights are the shares of the
//    unit group's matched occupations; unit groups without a match fall back to the best token overlap of titles
//    with ISCO-08 unit-group titles (method "title-overlap"). ISCO → ANZSCO weights use IVI ad volume (AUST, 2021).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EpProjection } from '../build-labour.js';

export interface CrosswalkLink {
  code: string;
  weight: number;
  method: 'official' | 'title-exact' | 'title-overlap';
}

export interface Crosswalks {
  sources: Record<string, string>;
  /** ISCO-08 unit group (4 digits) → SOC 2018 detailed occupations. */
  iscoToSoc: Record<string, CrosswalkLink[]>;
  socToIsco: Record<string, CrosswalkLink[]>;
  /** ISCO-08 unit group → ANZSCO unit groups (4 digits), and back. */
  iscoToAnzsco: Record<string, CrosswalkLink[]>;
  anzscoToIsco: Record<string, CrosswalkLink[]>;
  quality: Record<string, number>;
}

const csv = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true, bom: true, relaxColumnCount: true }) as Record<string, string>[];
const tsv = (path: string): string[][] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));

/** Lower case, no punctuation or parentheses, simple plural folding: "Registered Nurses (Aged Care)" → "registered nurse aged care". */
export function normaliseTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join(' ');
}

const STOP = new Set(['and', 'of', 'the', 'other', 'nec', 'related', 'worker', 'professional', 'n', 'e', 'c', 'in', 'for']);
const tokens = (s: string): Set<string> => new Set(normaliseTitle(s).split(' ').filter((t) => !STOP.has(t)));
function overlap(a: Set<string>, b: Set<string>): number {
  let i = 0;
  for (const t of a) if (b.has(t)) i++;
  return i / Math.max(1, a.size + b.size - i);
}

function normalise(links: Map<string, number>, method: CrosswalkLink['method']): CrosswalkLink[] {
  const total = [...links.values()].reduce((a, b) => a + b, 0);
  return [...links]
    .map(([code, w]) => ({ code, weight: Number((total > 0 ? w / total : 1 / links.size).toFixed(4)), method }))
    .sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code));
}

export function buildCrosswalks(sharedRoot: string, ep: EpProjection[], iviVolume: Map<string, number>): Crosswalks {
  // --- ISCO-08 ↔ SOC 2018 (official chain) ---
  const soc10to18 = new Map<string, Set<string>>();
  for (const r of tsv(join(sharedRoot, 'onet/crosswalks/onetsoc2010_to_soc2018.txt'))) {
    const soc10 = r[0]!.slice(0, 7);
    const soc18 = r[2]!.trim();
    if (!/^\d\d-\d{4}$/.test(soc18)) continue;
    soc10to18.set(soc10, (soc10to18.get(soc10) ?? new Set()).add(soc18));
  }
  const employment = new Map(ep.map((p) => [p.soc, p.employment2024 ?? 0]));
  const iscoSoc = new Map<string, Map<string, number>>();
  const socIsco = new Map<string, Map<string, number>>();
  let unmatchedSoc10 = 0;
  for (const r of csv(join(sharedRoot, 'isco/isco08_soc2010_crosswalk_bls.csv'))) {
    const isco = (r.isco08_code ?? '').trim();
    const soc10 = (r.soc2010_code ?? '').trim();
    if (!/^\d{4}$/.test(isco) || !/^\d\d-\d{4}$/.test(soc10)) continue;
    const targets = soc10to18.get(soc10);
    if (!targets) {
      unmatchedSoc10++;
      continue;
    }
    for (const soc of targets) {
      const m = iscoSoc.get(isco) ?? new Map<string, number>();
      // Employment weights; an occupation without an EP row still counts a little.
      m.set(soc, Math.max(employment.get(soc) ?? 0, 0.1));
      iscoSoc.set(isco, m);
      const b = socIsco.get(soc) ?? new Map<string, number>();
      b.set(isco, 1);
      socIsco.set(soc, b);
    }
  }
  // --- ISCO-08 ↔ ANZSCO (derived from titles) ---
  const escoLabels = new Map<string, Map<string, number>>();
  for (const r of csv(join(sharedRoot, 'esco/v1.1.1_en/occupations_en.csv'))) {
    const isco = (r.iscoGroup ?? '').trim();
    if (!/^\d{4}$/.test(isco)) continue;
    for (const label of [r.preferredLabel ?? '', ...(r.altLabels ?? '').split('\n')]) {
      const n = normaliseTitle(label);
      if (!n) continue;
      const m = escoLabels.get(n) ?? new Map<string, number>();
      m.set(isco, (m.get(isco) ?? 0) + 1);
      escoLabels.set(n, m);
    }
  }
  const anzscoIsco = new Map<string, Map<string, number>>();
  const methodOf = new Map<string, CrosswalkLink['method']>();
  const unitTitles = new Map<string, string>();
  let occupations = 0;
  let matched = 0;
  for (const r of csv(join(sharedRoot, 'labour/australia/ANZCO_Occupation_Descriptions.csv'))) {
    const code = (r['ANZSCO Code'] ?? '').trim();
    const title = (r['ANZSCO Title'] ?? '').trim();
    if (/^\d{4}$/.test(code)) unitTitles.set(code, title);
    if (!/^\d{6}$/.test(code)) continue;
    occupations++;
    const hit = escoLabels.get(normaliseTitle(title));
    if (!hit) continue;
    matched++;
    const unit = code.slice(0, 4);
    const m = anzscoIsco.get(unit) ?? new Map<string, number>();
    const total = [...hit.values()].reduce((a, b) => a + b, 0);
    for (const [isco, n] of hit) m.set(isco, (m.get(isco) ?? 0) + n / total);
    anzscoIsco.set(unit, m);
    methodOf.set(unit, 'title-exact');
  }
  for (const r of csv(join(sharedRoot, 'labour/australia/ANZSCO_Unit_Groups.csv'))) {
    const c = (r['Unit Group'] ?? '').trim();
    if (/^\d{4}$/.test(c) && !unitTitles.has(c)) unitTitles.set(c, (r['Unit Group Description'] ?? '').trim());
  }
  const iscoUnits = csv(join(sharedRoot, 'isco/isco08_structure_ilo.csv'))
    .filter((r) => /^\d{4}$/.test((r.isco08_code ?? '').trim()))
    .map((r) => ({ code: r.isco08_code!.trim(), tokens: tokens(r.title ?? '') }));
  let fallback = 0;
  for (const [unit, title] of unitTitles) {
    if (anzscoIsco.has(unit)) continue;
    const t = tokens(title);
    let best: { code: string; s: number } | null = null;
    for (const u of iscoUnits) {
      const s = overlap(t, u.tokens);
      if (s > 0 && (!best || s > best.s)) best = { code: u.code, s };
    }
    if (!best) continue;
    fallback++;
    anzscoIsco.set(unit, new Map([[best.code, 1]]));
    methodOf.set(unit, 'title-overlap');
  }
  const iscoAnzsco = new Map<string, Map<string, number>>();
  for (const [unit, m] of anzscoIsco) {
    for (const [isco, w] of m) {
      const b = iscoAnzsco.get(isco) ?? new Map<string, number>();
      // ISCO → ANZSCO: each unit group in proportion to its share of the link times its ad volume.
      b.set(unit, (b.get(unit) ?? 0) + w * Math.max(1, iviVolume.get(unit) ?? 0));
      iscoAnzsco.set(isco, b);
    }
  }
  const out = <K extends string>(m: Map<string, Map<string, number>>, method: (k: string) => CrosswalkLink['method']): Record<K, CrosswalkLink[]> =>
    Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, normalise(v, method(k))])) as Record<K, CrosswalkLink[]>;
  return {
    sources: {
      iscoSoc: 'official: BLS ISCO-08 → 2010 SOC crosswalk (Aug 2012, upd. Jun 2015) chained with the O*NET-SOC 2010 → 2018 SOC crosswalk; one-to-many weighted by BLS 2024 employment (Employment Projections table 1.2)',
      iscoAnzsco:
        'derived (no official ABS ANZSCO–ISCO correspondence is available here): ANZSCO-6 titles matched exactly (after normalisation) to ESCO v1.1.1 occupation labels and their ISCO-08 unit groups; unit groups without a match use the best title-token overlap with ISCO-08 unit-group titles; ISCO → ANZSCO weighted by IVI ad volume (AUST, 2021)',
    },
    iscoToSoc: out(iscoSoc, () => 'official'),
    socToIsco: out(socIsco, () => 'official'),
    iscoToAnzsco: Object.fromEntries(Object.entries(out(iscoAnzsco, () => 'title-exact')).map(([k, links]) => [k, links.map((l) => ({ ...l, method: methodOf.get(l.code) ?? 'title-overlap' }))])),
    anzscoToIsco: out(anzscoIsco, (k) => methodOf.get(k) ?? 'title-overlap'),
    quality: {
      iscoUnitsWithSoc: iscoSoc.size,
      socWithIsco: socIsco.size,
      soc2010Unmatched: unmatchedSoc10,
      anzsco6Occupations: occupations,
      anzsco6MatchedToEsco: matched,
      anzsco4Units: unitTitles.size,
      anzsco4ByTitleOverlap: fallback,
      iscoUnitsWithAnzsco: iscoAnzsco.size,
    },
  };
}
