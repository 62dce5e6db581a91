/**
 * npm run bench:skill-phrases [-- --misses] — short skill PHRASES as written in a vacancy's `skills` list (issue 11:
 * "mise en place", "Ladungssicherung", "atención al cliente"), each with its vacancy title, read through the vacancy
 * route's code path (MatchEngine.skillReadingContext: the title's likely occupations as context, then linkSkillDetailed
 * as linkSkills calls it). Hand-judged dev set: bench/data/skill-phrases-dev.json. Per language: Acc@1 (linked, i.e.
 * score ≥ SKILL_LINK_MIN_SCORE, to a gold skill), MRR@5 over the ranked candidates, wrong-confident (top score ≥ 0.5
 * and not gold) and unlinked (nothing at SKILL_LINK_MIN_SCORE). Writes bench/out/skill-phrases-{table.md,results.json}.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MatchEngine, SKILL_LINK_MIN_SCORE } from '../src/services/match-engine.js';
import { fmt, goldResolvers, openJudgedTaxonomy, writeBenchOutputs } from './judged.js';

const WRONG_CONFIDENT = 0.5;
const fileArg = process.argv.indexOf('--file');
const file = fileArg >= 0 ? process.argv[fileArg + 1]! : 'skill-phrases-dev.json';
const showMisses = process.argv.includes('--misses');
type Item = { lang: string; sector: string; title: string; phrase: string; gold: string[] };
const items = (JSON.parse(readFileSync(resolve('bench/data', file), 'utf8')) as { items: Item[] }).items;

const { embedder, tax } = await openJudgedTaxonomy();
const judge = goldResolvers(tax);
const engine = new MatchEngine(tax);
type Acc = { n: number; acc1: number; mrr5: number; wrongConfident: number; unlinked: number };
const per = new Map<string, Acc>();
const add = (k: string, r: Omit<Acc, 'n'>) => {
  const a = per.get(k) ?? per.set(k, { n: 0, acc1: 0, mrr5: 0, wrongConfident: 0, unlinked: 0 }).get(k)!;
  a.n++;
  a.acc1 += r.acc1;
  a.mrr5 += r.mrr5;
  a.wrongConfident += r.wrongConfident;
  a.unlinked += r.unlinked;
};
try {
  for (const it of items) {
    const none = it.gold.length === 1 && it.gold[0] === 'none in ESCO';
    const gold = new Set(none ? [] : it.gold.map(judge.skill));
    const skills = [{ label: it.phrase }];
    const { context, careContext, contextGroups } = await engine.skillReadingContext([{ text: it.title }], skills);
    const r = tax.linkSkillDetailed(it.phrase, { limit: 5, context, careContext, contextGroups });
    const top = r.links[0];
    const linked = !!top && top.score >= SKILL_LINK_MIN_SCORE;
    const rank = r.links.findIndex((l) => gold.has(l.id)) + 1;
    const res = {
      acc1: none ? (linked ? 0 : 1) : linked && gold.has(top.id) ? 1 : 0,
      mrr5: rank ? 1 / rank : 0,
      wrongConfident: top && top.score >= WRONG_CONFIDENT && !gold.has(top.id) ? 1 : 0,
      unlinked: linked ? 0 : 1,
    };
    add('all', res);
    add(it.lang, res);
    if (showMisses && !res.acc1) console.error(`[miss ${it.lang}] ${it.title} | ${it.phrase} → ${top ? `${top.label} ${top.score}` : '∅'}${r.translated ? ` (read "${r.translated}")` : ''}; gold@${rank || '-'}: ${it.gold.join('; ')}`);
  }
} finally {
  await embedder.close();
}
const lines = [
  `### Skill phrases with the vacancy title as context (\`bench/data/${file}\`, ${items.length} hand-judged phrases; vacancy route code path)`,
  '',
  `| lang | n | Acc@1 (linked ≥ ${SKILL_LINK_MIN_SCORE}, gold) | MRR@5 | wrong-confident (top ≥ ${WRONG_CONFIDENT}, not gold) | unlinked |`,
  '|---|---:|---:|---:|---:|---:|',
];
const results: Record<string, unknown> = {};
for (const k of ['all', 'en', 'fr', 'es', 'de', 'ar']) {
  const a = per.get(k);
  if (!a) continue;
  const f = { n: a.n, acc1: a.acc1 / a.n, mrr5: a.mrr5 / a.n, wrongConfident: a.wrongConfident / a.n, unlinked: a.unlinked / a.n };
  results[k] = f;
  lines.push(`| ${k} | ${a.n} | ${fmt(f.acc1)} | ${fmt(f.mrr5)} | ${fmt(f.wrongConfident)} | ${fmt(f.unlinked)} |`);
}
writeBenchOutputs(file.startsWith('skill-phrases-dev') ? 'skill-phrases' : `skill-phrases-${file.replace(/\.json$/, '')}`, lines, results);
