/**
 * npm run bench:understand-isco [-- --split dev] [--misses] — issue 11, reading titles beyond the occupations our
 * realistic sets cover: bench/data/titles-isco-draw.json, 50 ISCO-08 unit groups drawn at random (seed 20261201,
 * bench/realistic-isco/draw.ts), 240 hand-written titles in en/fr/es/ar/de and one skill line per group, split dev/test
 * by group. Titles: Acc@1 / Acc@5 of `normalizeTitle` at ESCO occupation (the top occupation is one the judge accepts)
 * and at ISCO-4 (its unit group is one of the accepted occupations' groups), and the occupation inference's abstention
 * rate and precision when it answers, per language. Skill lines: the inference from the linked skills alone, at ISCO-4.
 * Tune on dev only. Writes bench/out/understand-isco-table.md and -results.json.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inferOccupation } from '../src/taxonomy/occupation-inference.js';
import { fmt, goldResolvers, openJudgedTaxonomy, writeBenchOutputs } from './judged.js';

interface Title { group: string; split: string; lang: string; title: string; gold: string[]; goldIsco: string[] }
interface SkillLine { group: string; split: string; lang: string; text: string; goldIsco: string[] }
const set = JSON.parse(readFileSync(resolve('bench/data/titles-isco-draw.json'), 'utf8')) as { items: Title[]; skills: SkillLine[] };
const showMisses = process.argv.includes('--misses');
const splitArg = process.argv.indexOf('--split');
const splits = splitArg >= 0 ? [process.argv[splitArg + 1]!] : ['dev', 'test'];

const { embedder, tax } = await openJudgedTaxonomy();
const lines: string[] = [];
const results: Record<string, unknown> = {};
try {
  const uriOf = goldResolvers(tax).occupation;
  const iscoOf = (uri: string) => tax.occupation(uri)?.iscoGroup;

  // read every title once; the per-language rows are views of these readings
  type Reading = { t: Title; top: { id: string; label: string; score: number }[]; answered: boolean; inferredRight: boolean; inferredIscoRight: boolean };
  const readings: Reading[] = [];
  for (const t of set.items.filter((x) => splits.includes(x.split))) {
    const gold = new Set(t.gold.map(uriOf));
    const goldIsco = new Set(t.goldIsco);
    const top = await tax.normalizeTitle(t.title, { limit: 5 });
    const inf = await inferOccupation(tax, { titles: [{ text: t.title }], skills: [] });
    const best = inf.occupations[0];
    readings.push({ t, top, answered: inf.status === 'inferred', inferredRight: !!best && gold.has(best.escoUri), inferredIscoRight: !!best && goldIsco.has(iscoOf(best.escoUri) ?? '') });
  }
  const escoHit = (r: Reading, k: number) => { const gold = new Set(r.t.gold.map(uriOf)); return r.top.slice(0, k).some((x) => gold.has(x.id)); };
  const iscoHit = (r: Reading, k: number) => r.top.slice(0, k).some((x) => r.t.goldIsco.includes(iscoOf(x.id) ?? ''));

  lines.push('### Titles of 50 randomly drawn ISCO groups (`bench/data/titles-isco-draw.json`; split by group; hand-judged)', '');
  lines.push('| split | lang | n | ESCO Acc@1 | ESCO Acc@5 | ISCO-4 Acc@1 | ISCO-4 Acc@5 | inference abstained | answered: ESCO right | answered: ISCO-4 right |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const tr: Record<string, unknown> = {};
  for (const split of splits) {
    for (const lang of ['all', 'en', 'fr', 'es', 'ar', 'de']) {
      const rs = readings.filter((r) => r.t.split === split && (lang === 'all' || r.t.lang === lang));
      if (!rs.length) continue;
      const n = rs.length;
      const share = (f: (r: Reading) => boolean) => rs.filter(f).length / n;
      const answered = rs.filter((r) => r.answered);
      const row = {
        n, escoAcc1: share((r) => escoHit(r, 1)), escoAcc5: share((r) => escoHit(r, 5)), iscoAcc1: share((r) => iscoHit(r, 1)), iscoAcc5: share((r) => iscoHit(r, 5)),
        abstained: 1 - answered.length / n,
        answeredEscoRight: answered.length ? answered.filter((r) => r.inferredRight).length / answered.length : 0,
        answeredIscoRight: answered.length ? answered.filter((r) => r.inferredIscoRight).length / answered.length : 0,
      };
      tr[`${split}/${lang}`] = row;
      lines.push(`| ${split} | ${lang} | ${n} | ${fmt(row.escoAcc1)} | ${fmt(row.escoAcc5)} | ${fmt(row.iscoAcc1)} | ${fmt(row.iscoAcc5)} | ${fmt(row.abstained)} | ${fmt(row.answeredEscoRight)} | ${fmt(row.answeredIscoRight)} |`);
      if (showMisses && lang !== 'all') {
        for (const r of rs.filter((x) => !escoHit(x, 1))) console.error(`[miss ${split}/${lang} ${r.t.group}${iscoHit(r, 1) ? ' isco-ok' : ''}] ${r.t.title} → ${r.top[0]?.label ?? '∅'} (${r.top[0]?.score ?? 0}) [${r.top.slice(1).map((x) => x.label).join('; ')}] want ${r.t.gold[0]}`);
      }
    }
  }
  results.titles = tr;
  lines.push('');

  // skill lines: the occupation read from what a seeker says they do, with no title
  lines.push('### One skill line per group → occupation inference from the linked skills alone (ISCO-4)', '');
  lines.push('Skills alone give a flat distribution by design (the inference abstains); "top reading" is its best occupation whether it answered or abstained (the "perhaps …" alternative).', '');
  lines.push('| split | n | answered | top reading ISCO-4 right | no skill linked |', '|---|---:|---:|---:|---:|');
  const sr: Record<string, unknown> = {};
  for (const split of splits) {
    const ls = set.skills.filter((s) => s.split === split);
    let answered = 0, right = 0, none = 0;
    for (const s of ls) {
      const linked = tax.extractSkillsDetailed(s.text).skills;
      const inf = await inferOccupation(tax, { titles: [], skills: linked.map((l) => ({ uri: l.id, confidence: l.score })) });
      const best = inf.occupations[0] ?? inf.alternatives[0];
      if (inf.status === 'inferred') answered++;
      if (!linked.length) none++;
      const ok = !!best && s.goldIsco.includes(iscoOf(best.escoUri) ?? '');
      if (ok) right++;
      if (showMisses && !ok) console.error(`[skill ${split}/${s.lang} ${s.group}] ${s.text} → ${best?.label ?? '∅'} (${inf.status}); linked: ${linked.map((l) => l.label).join('; ') || '∅'}`);
    }
    sr[split] = { n: ls.length, answered: answered / ls.length, topReadingIscoRight: right / ls.length, noSkillLinked: none / ls.length };
    lines.push(`| ${split} | ${ls.length} | ${fmt(answered / ls.length)} | ${fmt(right / ls.length)} | ${fmt(none / ls.length)} |`);
  }
  results.skillLines = sr;
  lines.push('');
} finally {
  await embedder.close();
}
const stem = `understand-isco${splits.length === 1 ? `-${splits[0]}` : ''}`;
writeBenchOutputs(stem, lines, results);
