// npm run bench:embed-case: why use-lite lowercases its input. Task: map an O*NET alternate job title, as written
// (Title Case), to its occupation among N occupation titles (accuracy@1 and @5), with and without lowercasing.
// Evaluation only: reads ../shared/data (not shipped with the project); nothing is written.
import { existsSync, readFileSync } from 'node:fs';
import { UseLiteModel } from '../src/embedding/use-lite.js';

const DATA = process.env.ONET_DIR ?? '/work/shared/data/onet';
const N = Number(process.argv[2] ?? 400);
if (!existsSync(`${DATA}/Alternate Titles.txt`)) {
  console.error(`O*NET files not found in ${DATA} (set ONET_DIR)`);
  process.exit(1);
}
const tsv = (f: string) => readFileSync(`${DATA}/${f}`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const occupations = tsv('Occupation Data.txt').map(([code, title]) => ({ code: code!, title: title! }));
const alts = new Map<string, string>();
for (const [code, , alt] of tsv('Alternate Titles.txt')) if (!alts.has(code!) && alt) alts.set(code!, alt);
// Every k-th occupation with an alternate title that differs from its title: deterministic sample.
const pool = occupations.filter((o) => alts.has(o.code) && alts.get(o.code)!.toLowerCase() !== o.title.toLowerCase());
const sample = pool.filter((_, i) => i % Math.max(1, Math.floor(pool.length / N)) === 0).slice(0, N);

async function evaluate(lowercase: boolean) {
  const model = await UseLiteModel.load({ lowercase });
  const embedAll = async (texts: string[]) => {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 32) out.push(...(await model.embedBatch(texts.slice(i, i + 32))));
    return out;
  };
  const occ = await embedAll(sample.map((o) => o.title));
  const q = await embedAll(sample.map((o) => alts.get(o.code)!));
  let at1 = 0;
  let at5 = 0;
  q.forEach((v, i) => {
    const scores = occ.map((o, j) => [o.reduce((s, x, k) => s + x * v[k]!, 0), j] as const).sort((a, b) => b[0] - a[0]);
    const rank = scores.findIndex(([, j]) => j === i);
    if (rank === 0) at1++;
    if (rank < 5) at5++;
  });
  model.dispose();
  return { at1: at1 / q.length, at5: at5 / q.length };
}

const raw = await evaluate(false);
const lower = await evaluate(true);
console.log(`\nO*NET alternate title → occupation title, ${sample.length} occupations (USE-lite)\n`);
console.log('| input | accuracy@1 | accuracy@5 |');
console.log('|---|---|---|');
console.log(`| as written (Title Case) | ${raw.at1.toFixed(3)} | ${raw.at5.toFixed(3)} |`);
console.log(`| lowercased (default) | ${lower.at1.toFixed(3)} (${(lower.at1 / raw.at1).toFixed(2)}×) | ${lower.at5.toFixed(3)} (${(lower.at5 / raw.at5).toFixed(2)}×) |`);
