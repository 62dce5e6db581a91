/**
 * npm run bench:understand-trades [-- --misses] [--batch t8a|t8b] — issue 11, trades and services the other realistic
 * sets barely cover (building finishing and envelope, security, retail and pharmacy counter, cleaning, agriculture,
 * meat processing, manufacturing line work, maintenance, childcare and teaching support, beauty), en/fr/es/ar/de.
 * Reads the dev-only, hand-judged bench/fixtures/realistic/trades-titles.json and trades-skills.json (no test split:
 * the lead's held-out probe decides). Titles: Acc@1 / Acc@3 / MRR@10 of `normalizeTitle` against the judge's accepted
 * occupations; skills: RP@5 of the served extraction ranking (as `bench:understand`), extraction precision / recall.
 * Figures per batch (t8a: measured, then looked at while fixing; t8b: written after the fixes, the honest one), per
 * language and per trade area. Writes bench/out/understand-trades-table.md and -results.json.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fmt, goldResolvers, openJudgedTaxonomy, writeBenchOutputs } from './judged.js';

type Item = { split: string; lang: string; area: string; batch: string; gold: string[] };
const dir = resolve('bench/fixtures/realistic');
const titles = (JSON.parse(readFileSync(join(dir, 'trades-titles.json'), 'utf8')) as { items: (Item & { title: string })[] }).items;
const skills = (JSON.parse(readFileSync(join(dir, 'trades-skills.json'), 'utf8')) as { items: (Item & { text: string })[] }).items;
const showMisses = process.argv.includes('--misses');
const batchArg = process.argv.indexOf('--batch');
const onlyBatch = batchArg >= 0 ? process.argv[batchArg + 1] : undefined;

const { embedder, tax } = await openJudgedTaxonomy();
const lines: string[] = [];
const results: Record<string, unknown> = {};
try {
  const gold = goldResolvers(tax);
  // one pass per item, then group
  type TR = Item & { hit1: boolean; hit3: boolean; rr: number; got: string };
  const tr: TR[] = [];
  for (const t of titles) {
    if (onlyBatch && t.batch !== onlyBatch) continue;
    const want = new Set(t.gold.map(gold.occupation));
    const r = await tax.normalizeTitle(t.title, { limit: 10 });
    const at = r.findIndex((x) => want.has(x.id));
    tr.push({ ...t, hit1: at === 0, hit3: at >= 0 && at < 3, rr: at >= 0 ? 1 / (at + 1) : 0, got: `${r[0]?.label ?? '∅'} (${r[0]?.score ?? 0})` });
    if (showMisses && at !== 0) console.error(`[title ${t.batch} ${t.lang} ${t.area}] ${t.title} → ${r[0]?.label ?? '∅'} (${r[0]?.score ?? 0}); gold ${t.gold.join(' | ')} at ${at + 1 || '-'}`);
  }
  const rp5 = (ranked: string[], gold: Set<string>) => { const k = Math.min(5, gold.size); return ranked.slice(0, k).filter((u) => gold.has(u)).length / k; };
  type SR = Item & { rp5: number; predN: number; predHit: number; goldN: number; goldHit: number };
  const sr: SR[] = [];
  for (const s of skills) {
    if (onlyBatch && s.batch !== onlyBatch) continue;
    const want = new Set(s.gold.map(gold.skill));
    const r = tax.extractSkillsDetailed(s.text, { limit: 10 });
    const ranked = [...new Map([...r.skills, ...r.candidates].sort((x, y) => y.score - x.score).map((x) => [x.id, x])).keys()];
    const v = rp5(ranked, want);
    sr.push({ ...s, rp5: v, predN: r.skills.length, predHit: r.skills.filter((x) => want.has(x.id)).length, goldN: want.size, goldHit: [...want].filter((u) => r.skills.some((x) => x.id === u)).length });
    if (showMisses && v < 1) {
      const name = (u: string) => tax.skill(u)?.labels.en?.pref ?? u;
      console.error(`[skill ${s.batch} ${s.lang} ${s.area}] ${fmt(v)} ${JSON.stringify(s.text)}\n   gold: ${[...want].map((u) => `${name(u)}@${ranked.indexOf(u) + 1 || '-'}`).join('; ')}\n   top: ${ranked.slice(0, 5).map((u) => `${want.has(u) ? '*' : ''}${name(u)}`).join('; ')}\n   linked: ${r.skills.map((x) => `${want.has(x.id) ? '*' : ''}${x.label}`).join('; ') || '∅'}`);
    }
  }
  const batches = ['all', ...new Set([...tr, ...sr].map((x) => x.batch))];
  const groups = <T extends Item>(rows: T[], b: string) => {
    const inB = rows.filter((x) => b === 'all' || x.batch === b);
    const out: [string, T[]][] = [['all', inB]];
    for (const l of ['en', 'fr', 'es', 'ar', 'de']) out.push([l, inB.filter((x) => x.lang === l)]);
    for (const a of [...new Set(inB.map((x) => x.area))].sort()) out.push([`area ${a}`, inB.filter((x) => x.area === a)]);
    return out.filter(([, g]) => g.length);
  };
  lines.push('### Trades titles → ESCO occupation (`bench/fixtures/realistic/trades-titles.json`, dev only, hand-judged)', '');
  lines.push('| batch | group | n | Acc@1 | Acc@3 | MRR@10 |', '|---|---|---:|---:|---:|---:|');
  for (const b of batches) for (const [g, rows] of groups(tr, b)) {
    const n = rows.length;
    const row = { n, acc1: rows.filter((x) => x.hit1).length / n, acc3: rows.filter((x) => x.hit3).length / n, mrr: rows.reduce((a, x) => a + x.rr, 0) / n };
    results[`titles/${b}/${g}`] = row;
    lines.push(`| ${b} | ${g} | ${n} | ${fmt(row.acc1)} | ${fmt(row.acc3)} | ${fmt(row.mrr)} |`);
  }
  lines.push('', '### Trades skill lines → ESCO skills (`bench/fixtures/realistic/trades-skills.json`, dev only, hand-judged)', '');
  lines.push('| batch | group | n | RP@5 served ranking | extraction precision | extraction recall |', '|---|---|---:|---:|---:|---:|');
  for (const b of batches) for (const [g, rows] of groups(sr, b)) {
    const n = rows.length;
    const sum = (k: 'predN' | 'predHit' | 'goldN' | 'goldHit') => rows.reduce((a, x) => a + x[k], 0);
    const row = { n, rp5: rows.reduce((a, x) => a + x.rp5, 0) / n, precision: sum('predN') ? sum('predHit') / sum('predN') : 0, recall: sum('goldHit') / sum('goldN') };
    results[`skills/${b}/${g}`] = row;
    lines.push(`| ${b} | ${g} | ${n} | ${fmt(row.rp5)} | ${fmt(row.precision)} | ${fmt(row.recall)} |`);
  }
} finally {
  await embedder.close();
}
writeBenchOutputs('understand-trades', lines, results);
