/**
 * npm run bench:understand-probe [-- --probe N] [--misses] [--check] — held-out probe N (default 13):
 * bench/data/titles-probe-N.json. Probe 13 and probe 14 each hold 100 job
 * titles as people write them (20 each in en/fr/es/ar/de), written blind to the taxonomy code and judged by hand before
 * anything ran. Reports, overall and per language: Acc@1, Acc@5 and MRR@10 of `normalizeTitle` at ESCO occupation (a
 * reading is right when it is one of the accepted occupations), ISCO-4 Acc@1 (its unit group is one of goldIsco), and the
 * occupation inference's abstention rate on the title alone. Read it once, at the end; never tune on it.
 * `--check` only resolves the gold labels (and checks goldIsco against them) and exits, without reading any title.
 * Writes bench/out/understand-probe-table.md and -results.json for probe 13, understand-probe-N-… for any other N.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inferOccupation } from '../src/taxonomy/occupation-inference.js';
import { numberArg } from './args.js';
import { fmt, goldResolvers, openJudgedTaxonomy, writeBenchOutputs } from './judged.js';

interface ProbeTitle { lang: string; title: string; gold: string[]; goldIsco: string[]; note?: string }
const probe = numberArg('probe', 13);
if (!Number.isInteger(probe) || probe < 1) throw new Error(`--probe wants a positive whole number, got ${process.argv[process.argv.indexOf('--probe') + 1]}`);
const setPath = `bench/data/titles-probe-${probe}.json`;
const set = JSON.parse(readFileSync(resolve(setPath), 'utf8')) as { items: ProbeTitle[] };
const showMisses = process.argv.includes('--misses');
const checkOnly = process.argv.includes('--check');
const langs = ['en', 'fr', 'es', 'ar', 'de'];

const { embedder, tax } = await openJudgedTaxonomy();
try {
  const uriOf = goldResolvers(tax).occupation;
  const iscoOf = (uri: string) => tax.occupation(uri)?.iscoGroup;

  if (checkOnly) {
    // every gold label is an ESCO preferred label, and goldIsco is exactly the groups of those occupations
    const problems: string[] = [];
    for (const t of set.items) {
      try {
        const groups = new Set(t.gold.map((g) => iscoOf(uriOf(g)) ?? '?'));
        const declared = new Set(t.goldIsco);
        if (groups.size !== declared.size || [...groups].some((g) => !declared.has(g))) problems.push(`${t.lang} "${t.title}": goldIsco ${t.goldIsco.join(',')} but gold groups ${[...groups].join(',')}`);
      } catch (e) {
        problems.push(`${t.lang} "${t.title}": ${(e as Error).message}`);
      }
    }
    const perLang = langs.map((l) => `${l} ${set.items.filter((t) => t.lang === l).length}`).join(', ');
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exitCode = 1;
    } else {
      console.log(`probe ${probe}: ${set.items.length} titles (${perLang}), ${set.items.reduce((n, t) => n + t.gold.length, 0)} gold labels, all resolve`);
    }
  } else {
    type Reading = { t: ProbeTitle; top: { id: string; label: string; score: number }[]; rank: number; answered: boolean };
    const readings: Reading[] = [];
    for (const t of set.items) {
      const gold = new Set(t.gold.map(uriOf));
      const top = await tax.normalizeTitle(t.title, { limit: 10 });
      const inf = await inferOccupation(tax, { titles: [{ text: t.title }], skills: [] });
      readings.push({ t, top, rank: top.findIndex((x) => gold.has(x.id)) + 1, answered: inf.status === 'inferred' });
    }
    const iscoAt1 = (r: Reading) => !!r.top[0] && r.t.goldIsco.includes(iscoOf(r.top[0].id) ?? '');

    const lines: string[] = [];
    const results: Record<string, unknown> = {};
    lines.push(`### Held-out probe ${probe}: titles as people write them (\`${setPath}\`; written blind, hand-judged; read once)`, '');
    lines.push('| lang | n | ESCO Acc@1 | ESCO Acc@5 | ESCO MRR@10 | ISCO-4 Acc@1 | inference abstained |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const lang of ['all', ...langs]) {
      const rs = readings.filter((r) => lang === 'all' || r.t.lang === lang);
      if (!rs.length) continue;
      const n = rs.length;
      const share = (f: (r: Reading) => boolean) => rs.filter(f).length / n;
      const row = {
        n,
        escoAcc1: share((r) => r.rank === 1),
        escoAcc5: share((r) => r.rank >= 1 && r.rank <= 5),
        escoMrr10: rs.reduce((s, r) => s + (r.rank >= 1 ? 1 / r.rank : 0), 0) / n,
        iscoAcc1: share(iscoAt1),
        abstained: share((r) => !r.answered),
      };
      results[lang] = row;
      lines.push(`| ${lang} | ${n} | ${fmt(row.escoAcc1)} | ${fmt(row.escoAcc5)} | ${fmt(row.escoMrr10)} | ${fmt(row.iscoAcc1)} | ${fmt(row.abstained)} |`);
      if (showMisses && lang !== 'all') {
        for (const r of rs.filter((x) => x.rank !== 1)) {
          console.error(`[miss ${lang}${r.rank ? ` rank ${r.rank}` : ''}${iscoAt1(r) ? ' isco-ok' : ''}${r.answered ? '' : ' abstained'}] ${r.t.title} → ${r.top[0]?.label ?? '∅'} (${r.top[0]?.score ?? 0}) [${r.top.slice(1, 5).map((x) => x.label).join('; ')}] want ${r.t.gold.join(' | ')}`);
        }
      }
    }
    lines.push('');
    writeBenchOutputs(probe === 13 ? 'understand-probe' : `understand-probe-${probe}`, lines, results);
  }
} finally {
  await embedder.close();
}
