/**
 * npm run bench:skill-phrases-probe [-- --probe 17] [-- --check] — held-out probe of skill PHRASES as written in a
 * vacancy's or profile's skills list (bench/data/skill-phrases-probe-N.json: lang, title, phrase, gold ESCO skill
 * preferred labels, [] when ESCO has no fitting concept), written blind and judged by hand before anything ran.
 * Each phrase goes through the vacancy route's own path (`MatchEngine.suggestForVacancy`: the title's likely
 * occupations as context, the served link threshold) and is scored on what a user sees:
 *   - Acc@1: the linked skill is a gold one (for gold [], staying unlinked is right);
 *   - Acc@alts: a gold skill is the link or one of its shown alternatives;
 *   - wrong-confident: linked with score ≥ 0.5 to a non-gold skill;
 *   - unlinked: no link shown (for gold ≠ []).
 * Read it once, at the end; never tune on it. `--check` only resolves the gold labels and exits.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MatchEngine } from '../src/services/match-engine.js';
import type { CreateVacancy } from '../src/schemas/vacancy.js';
import { numberArg } from './args.js';
import { fmt, goldResolvers, openJudgedTaxonomy, writeBenchOutputs } from './judged.js';

interface ProbePhrase { lang: string; title: string; phrase: string; gold: string[]; note?: string }
const probe = numberArg('probe', 17);
const set = JSON.parse(readFileSync(resolve(`bench/data/skill-phrases-probe-${probe}.json`), 'utf8')) as { items: ProbePhrase[] };
const checkOnly = process.argv.includes('--check');
const langs = ['en', 'fr', 'es', 'de', 'ar'];

const { embedder, tax } = await openJudgedTaxonomy();
try {
  const skillOf = goldResolvers(tax).skill;
  const golds = set.items.map((it) => new Set(it.gold.map(skillOf)));
  if (checkOnly) {
    console.log(`${set.items.length} phrases, ${golds.reduce((n, g) => n + g.size, 0)} gold skills: all resolve`);
  } else {
    const engine = new MatchEngine(tax);
    type Row = { lang: string; acc1: number; accAlts: number; wrongConfident: number; unlinked: number; empty: boolean };
    const rows: Row[] = [];
    const detail: unknown[] = [];
    for (const [i, it] of set.items.entries()) {
      const vacancy = { title: it.title, description: '', country: 'DE', skills: [{ label: it.phrase, essential: true }], languages: [], lang: it.lang } as unknown as CreateVacancy;
      const sug = await engine.suggestForVacancy(vacancy);
      const link = sug.skills?.find((s) => s.label === it.phrase);
      const un = sug.unlinkedSkills?.find((s) => s.label === it.phrase);
      const gold = golds[i]!;
      const empty = gold.size === 0;
      const shown = link ? [link.esco, ...(link.alts ?? [])] : [];
      const acc1 = empty ? (link ? 0 : 1) : link && gold.has(link.esco) ? 1 : 0;
      rows.push({
        lang: it.lang,
        acc1,
        accAlts: empty ? acc1 : shown.some((u) => gold.has(u)) ? 1 : 0,
        wrongConfident: link && !gold.has(link.esco) && link.score >= 0.5 ? 1 : 0,
        unlinked: !empty && !link ? 1 : 0,
        empty,
      });
      detail.push({ lang: it.lang, title: it.title, phrase: it.phrase, gold: it.gold, linked: link ? { label: link.escoLabel, score: link.score } : null, unlinkedReason: un?.reason ?? null, right: acc1 === 1 });
    }
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    const lines = [
      `### Held-out skill-phrase probe ${probe} (\`bench/data/skill-phrases-probe-${probe}.json\`; written blind, hand-judged; read once)`,
      '',
      '| lang | n | Acc@1 | Acc@link+alts | wrong-confident (≥ 0.5) | unlinked (gold ≠ []) |',
      '|---|---:|---:|---:|---:|---:|',
    ];
    for (const l of ['all', ...langs]) {
      const rs = l === 'all' ? rows : rows.filter((r) => r.lang === l);
      const withGold = rs.filter((r) => !r.empty);
      lines.push(`| ${l} | ${rs.length} | ${fmt(mean(rs.map((r) => r.acc1)))} | ${fmt(mean(rs.map((r) => r.accAlts)))} | ${fmt(mean(rs.map((r) => r.wrongConfident)))} | ${fmt(mean(withGold.map((r) => r.unlinked)))} |`);
    }
    writeBenchOutputs(`skill-phrases-probe-${probe}`, lines, { probe, rows, detail });
  }
} finally {
  await embedder.close();
}
