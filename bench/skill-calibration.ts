/**
 * npm run bench:skill-calibration [-- --write] — calibration of the extraction candidates' scores (issue 11: "with
 * `limit`, a ranked list of candidates with calibrated scores"). On the hand-judged skill lines of
 * bench/data/skills-realistic.json, every candidate of `extractSkillsDetailed(text, { limit: 10 })` is a point (raw
 * score, is it a gold skill of the line). A monotone map raw score → probability is fitted on the dev lines (pool
 * adjacent violators, then merged into bins of at least 25 points), and its reliability is reported on the test lines
 * (held out): expected calibration error, and observed vs predicted per bin. `--write` stores the map in
 * src/taxonomy/skill-calibration.json (what the service serves as `probability`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTaxonomy } from '../src/taxonomy/index.js';
import { foldText } from '../src/taxonomy/text.js';
import { calibratedProbability, type CalibrationMap } from '../src/taxonomy/skill-calibration.js';

const write = process.argv.includes('--write');
const tax = loadTaxonomy();
const byLabel = new Map(tax.skills.map((s) => [foldText(s.labels.en!.pref), s.uri]));
const items = (JSON.parse(readFileSync(resolve('bench/data/skills-realistic.json'), 'utf8')) as { items: { split: string; text: string; gold: string[] }[] }).items;
const points = (split: string): [number, number][] =>
  items
    .filter((i) => i.split === split)
    .flatMap((i) => {
      const gold = new Set(i.gold.map((g) => byLabel.get(foldText(g))!));
      const r = tax.extractSkillsDetailed(i.text, { limit: 10, calibrated: false });
      return r.candidates.map((c) => [c.score, gold.has(c.id) ? 1 : 0] as [number, number]);
    });

// pool adjacent violators over points sorted by raw score → non-decreasing blocks
function fit(pts: [number, number][], minBin = 25): CalibrationMap {
  const s = [...pts].sort((a, b) => a[0] - b[0]);
  let blocks = s.map(([x, y]) => ({ lo: x, hi: x, n: 1, sum: y }));
  const merge = (i: number) => {
    const a = blocks[i]!, b = blocks[i + 1]!;
    blocks.splice(i, 2, { lo: a.lo, hi: b.hi, n: a.n + b.n, sum: a.sum + b.sum });
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i + 1 < blocks.length; i++) if (blocks[i]!.sum / blocks[i]!.n >= blocks[i + 1]!.sum / blocks[i + 1]!.n) { merge(i); changed = true; i--; if (i < -1) i = -1; }
  }
  // small blocks merged into a neighbour (monotone still holds after merging two adjacent blocks)
  for (let i = 0; i < blocks.length; ) {
    if (blocks[i]!.n >= minBin || blocks.length === 1) { i++; continue; }
    if (i + 1 < blocks.length) merge(i);
    else merge(i - 1);
  }
  // each bin: upper raw score → probability (Laplace-smoothed); between bins the service interpolates
  return { fittedOn: 'bench/data/skills-realistic.json dev split', points: pts.length, bins: blocks.map((b) => ({ upTo: Math.round(b.hi * 1000) / 1000, p: Math.round(((b.sum + 0.5) / (b.n + 1)) * 1000) / 1000, n: b.n })) };
}

function reliability(map: CalibrationMap, pts: [number, number][]) {
  const edges = [0, 0.3, 0.45, 0.55, 0.65, 0.75, 0.85, 1.01];
  const rows = edges.slice(0, -1).map((lo, i) => ({ lo, hi: edges[i + 1]!, n: 0, pred: 0, obs: 0 }));
  let ece = 0, brier = 0;
  for (const [x, y] of pts) {
    const p = calibratedProbability(x, map);
    const r = rows.find((r) => x >= r.lo && x < r.hi)!;
    r.n++; r.pred += p; r.obs += y;
    brier += (p - y) ** 2;
  }
  for (const r of rows) if (r.n) ece += (r.n / pts.length) * Math.abs(r.pred / r.n - r.obs / r.n);
  return { ece, brier: brier / pts.length, rows };
}

const dev = points('dev');
const test = points('test');
const map = fit(dev);
const fmt = (x: number) => x.toFixed(3);
const out: string[] = [];
for (const [name, pts] of [['dev (fitted on)', dev], ['test (held out)', test]] as const) {
  const r = reliability(map, pts);
  out.push(`### Extraction candidates: calibrated probability vs observed share of gold skills, ${name}: ${pts.length} candidates, ECE ${fmt(r.ece)}, Brier ${fmt(r.brier)}`, '');
  out.push('| raw score | n | mean probability | observed gold share |', '|---|---:|---:|---:|');
  for (const row of r.rows) if (row.n) out.push(`| ${row.lo.toFixed(2)}–${Math.min(1, row.hi).toFixed(2)} | ${row.n} | ${fmt(row.pred / row.n)} | ${fmt(row.obs / row.n)} |`);
  out.push('');
}
const raw = (pts: [number, number][]) => { let e = 0; const rows = new Map<number, [number, number, number]>(); for (const [x, y] of pts) { const k = Math.min(9, Math.floor(x * 10)); const r = rows.get(k) ?? [0, 0, 0]; r[0]++; r[1] += x; r[2] += y; rows.set(k, r); } for (const [, [n, sx, sy]] of rows) e += (n / pts.length) * Math.abs(sx / n - sy / n); return e; };
out.push(`Raw scores read as probabilities: ECE dev ${fmt(raw(dev))}, test ${fmt(raw(test))}.`, '');
out.push(`Map (${map.bins.length} bins): ${map.bins.map((b) => `≤${b.upTo}: ${b.p} (n ${b.n})`).join('; ')}`);
console.log(out.join('\n'));
if (write) writeFileSync(resolve('src/taxonomy/skill-calibration.json'), JSON.stringify(map, null, 1) + '\n');
