/**
 * npm run bench:profile-write -- --old <checkout of the code to compare with>
 * CPU per profile write spent on reading the profile (title normalisation with the query embedding, skill linking,
 * occupation inference: MatchEngine.suggestForProfile), for this tree and another checkout, side by side: the two
 * run in turn as child processes (3 rounds each), each timing the same realistic profiles after a warm-up, and the
 * ratio is taken round by round. Prepare the other checkout with e.g.
 *   git worktree add ../old <commit> && ln -s "$PWD/node_modules" ../old/node_modules && cp bench/profile-write.ts ../old/bench/
 */
import { compareWithOld } from './side-by-side.js';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROFILES = [
  { skills: [{ label: 'قيادة الشاحنات الثقيلة' }, { label: 'تحميل البضائع' }], experience: [{ title: 'سائق شاحنة', years: 8 }] },
  { skills: [{ label: 'toilette des patients' }, { label: 'surveiller les signes vitaux' }, { label: 'administer medication' }], experience: [{ title: 'aide-soignante', years: 5 }] },
  { skills: [{ label: 'soldadura TIG' }, { label: 'MIG' }, { label: 'interpretar planos' }], experience: [{ title: 'soldador', years: 12 }] },
  { skills: [{ label: 'grilling' }, { label: 'food safety' }, { label: 'cortar verduras' }], experience: [{ title: 'line cook', years: 3 }, { title: 'kitchen porter', years: 1 }] },
  { skills: [{ label: 'wound care' }, { label: 'IV therapy' }, { label: 'patient assessment' }, { label: 'medication administration' }], experience: [{ title: 'Staff Nurse', years: 6 }] },
  { skills: [{ label: 'forklift driving' }, { label: 'order picking' }, { label: 'stock counts' }], experience: [{ title: 'warehouse operative', years: 4 }] },
  { skills: [{ label: 'installation électrique' }, { label: 'lecture de schémas' }], experience: [{ title: 'électricien', years: 9 }] },
  { skills: [{ label: 'React' }, { label: 'JavaScript' }, { label: 'SQL' }], experience: [{ title: 'frontend developer', years: 2 }] },
].map((p) => ({ ...p, languages: [], destinations: [], lang: 'en' }));

async function child(): Promise<void> {
  const { createInProcessUseLite } = await import('../src/embedding/index.js');
  const { loadTaxonomy } = await import('../src/taxonomy/index.js');
  const { MatchEngine } = await import('../src/services/match-engine.js');
  const embedder = await createInProcessUseLite();
  const engine = new MatchEngine(loadTaxonomy().withEmbedder(embedder));
  for (const p of PROFILES) await engine.suggestForProfile(p as never);
  const rounds = 5;
  const c0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const p of PROFILES) await engine.suggestForProfile(p as never);
  const c = process.cpuUsage(c0);
  await embedder.close();
  console.log(JSON.stringify({ cpuMsPerWrite: (c.user + c.system) / 1000 / (rounds * PROFILES.length) }));
}

if (process.argv.includes('--child')) await child();
else {
  compareWithOld({
    script: 'bench/profile-write.ts',
    here: resolve(fileURLToPath(import.meta.url), '..', '..'),
    field: 'cpuMsPerWrite',
    name: 'bench:profile-write',
    roundLabel: 'CPU per write',
    summary: 'CPU per profile write (suggestions: titles, skill links, occupation)',
    goal: '; goal < ×2',
    digits: 1,
  });
}
