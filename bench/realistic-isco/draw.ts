/**
 * node --import tsx bench/realistic-isco/draw.ts [seed] — the draw behind bench/data/titles-isco-draw.json (issue 11,
 * t11): 50 ISCO-08 unit groups, uniformly without replacement, from the unit groups that hold at least one ESCO
 * occupation, with a seeded mulberry32 shuffle (seed 20261201), and the dev/test split by group: a group is dev when
 * the first byte of sha256("isco:" + code) is even. Prints code, split and the ISCO group's English name only (the
 * titles were written from the group name, before any ESCO occupation label of the group was read).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const seed = Number(process.argv[2] ?? 20261201);
const read = <T>(f: string): T => JSON.parse(gunzipSync(readFileSync(`data/taxonomy/${f}`)).toString('utf8')) as T;
const occs = read<{ isco: string }[]>('occupations.json.gz');
const groups = read<{ code: string; level: number; labels: { en: string } }[]>('isco.json.gz').filter((g) => g.level === 4);
const withOcc = new Set(occs.map((o) => o.isco));
const pool = groups.filter((g) => withOcc.has(g.code)).sort((a, b) => a.code.localeCompare(b.code));

function mulberry32(a: number) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(seed);
const order = [...pool];
for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
export const splitOf = (code: string) => (createHash('sha256').update(`isco:${code}`).digest()[0]! % 2 === 0 ? 'dev' : 'test');
const drawn = order.slice(0, 50).sort((a, b) => a.code.localeCompare(b.code));
console.log(`pool ${pool.length} unit groups with ESCO occupations, seed ${seed}; dev ${drawn.filter((g) => splitOf(g.code) === 'dev').length}`);
for (const g of drawn) console.log(`${g.code}\t${splitOf(g.code)}\t${g.labels.en}`);
