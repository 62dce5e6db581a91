/** node --import tsx bench/skill-extract-cpu.ts — CPU per extracted line, one reading vs the served self-context reading (two readings), on the hand-judged skill lines. */
import { readFileSync } from 'node:fs';
import { loadTaxonomy } from '../src/taxonomy/index.js';
const tax = loadTaxonomy();
const items = (JSON.parse(readFileSync('bench/data/skills-realistic.json', 'utf8')) as { items: { text: string }[] }).items;
for (const t of items) tax.extractSkillsDetailed(t.text, { limit: 10 });
for (let r = 0; r < 3; r++) {
  const cpu = (f: () => void) => { const a = process.cpuUsage(); f(); const b = process.cpuUsage(a); return (b.user + b.system) / 1000 / items.length; };
  const off = cpu(() => { for (const t of items) tax.extractSkillsDetailed(t.text, { limit: 10, selfContext: false }); });
  const on = cpu(() => { for (const t of items) tax.extractSkillsDetailed(t.text, { limit: 10 }); });
  console.log(`round ${r + 1}: one reading ${off.toFixed(2)} ms, with self-context ${on.toFixed(2)} ms per line (×${(on / off).toFixed(2)})`);
}
