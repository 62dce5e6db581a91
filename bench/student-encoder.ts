/**
 * npm run bench:student-encoder — measured, not served: a cheap multilingual student distilled from USE-lite on ESCO's
 * parallel occupation labels (multilingual knowledge distillation, Reimers & Gurevych 2020). Student: hashed word and
 * char 3–5-gram features of the folded label (per language) → 256-d embedding bag → linear map to the 512-d USE-lite
 * space, trained by MSE so that every fr/es/nl/ar/en label of an occupation lands on the USE-lite vector of its English
 * preferred label (plain TypeScript SGD). Split by occupation (occupationHalf): trained on half 0, evaluated on the
 * first form of the fr/es/nl/ar preferred labels of half 1 against the shipped English label vectors (nearest label's
 * occupation). Options: --epochs N (6), --rank R (256).
 */
import { LabelVectors } from '../src/taxonomy/label-vectors.js';
import { Taxonomy, defaultDataDir } from '../src/taxonomy/taxonomy.js';
import { foldText } from '../src/taxonomy/text.js';
import { occupationHalf } from '../src/taxonomy/train/title-training.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const EPOCHS = arg('epochs', 6);
const R = arg('rank', 256);
const H = 1 << 18;
const D = 512;
const log = (m: string) => console.error(`[bench:student-encoder] ${m}`);

const tax = new Taxonomy(defaultDataDir());
const lv = tax.labelVectors as LabelVectors;
const M = lv.denseMatrix();
const { concepts, kinds } = lv.header;
const teacher = new Map<string, Float32Array>();
concepts.forEach((c, i) => {
  if (kinds[i] === 0 && !teacher.has(c)) teacher.set(c, M.subarray(i * D, (i + 1) * D));
});
const fnv = (s: string) => {
  let x = 2166136261;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619);
  return (x >>> 0) % H;
};
function features(text: string, lang: string): number[] {
  const out: number[] = [];
  for (const w of foldText(text).split(' ').filter(Boolean)) {
    out.push(fnv(`w:${lang}:${w}`));
    const p = `<${w}>`;
    for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= p.length; i++) out.push(fnv(`${lang}:${p.slice(i, i + n)}`));
  }
  return out;
}
interface Example { f: number[]; t: Float32Array; gold: string; lang: string }
const train: Example[] = [];
const test: Example[] = [];
for (const o of tax.occupations) {
  const id = o.uri.split('/').pop()!;
  const t = teacher.get(id);
  if (!t) continue;
  for (const lang of ['fr', 'es', 'nl', 'ar', 'en'] as const) {
    const ls = o.labels[lang];
    if (!ls) continue;
    if (occupationHalf(o.uri) === 1) {
      if (lang !== 'en') test.push({ f: features(ls.pref.split('/')[0]!.trim(), lang), t, gold: id, lang });
      continue;
    }
    for (const l of [...ls.pref.split('/'), ...(ls.alt ?? [])]) if (l.trim()) train.push({ f: features(l.trim(), lang), t, gold: id, lang });
  }
}
log(`${train.length} training labels (half 0), ${test.length} held-out preferred labels (half 1)`);
const E = new Float32Array(H * R);
const P = new Float32Array(R * D);
let seed = 1;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
for (let i = 0; i < P.length; i++) P[i] = (rnd() - 0.5) * 2 * Math.sqrt(3 / R);
const hv = new Float32Array(R);
const g = new Float32Array(D);
const gh = new Float32Array(R);
function encode(f: number[], dst: Float32Array): void {
  hv.fill(0);
  const s = 1 / Math.sqrt(f.length || 1);
  for (const k of f) for (let r = 0; r < R; r++) hv[r] = hv[r]! + E[k * R + r]! * s;
  dst.fill(0);
  for (let r = 0; r < R; r++) {
    const a = hv[r]!;
    for (let j = 0; j < D; j++) dst[j] = dst[j]! + a * P[r * D + j]!;
  }
}
const lr = 0.05;
const out = new Float32Array(D);
for (let ep = 0; ep < EPOCHS; ep++) {
  for (let i = train.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [train[i], train[j]] = [train[j]!, train[i]!];
  }
  let loss = 0;
  for (const ex of train) {
    encode(ex.f, out);
    for (let j = 0; j < D; j++) {
      g[j] = out[j]! - ex.t[j]!;
      loss += g[j]! ** 2;
    }
    for (let r = 0; r < R; r++) {
      let s = 0;
      const a = hv[r]! * lr * 0.1;
      for (let j = 0; j < D; j++) {
        s += g[j]! * P[r * D + j]!;
        P[r * D + j] = P[r * D + j]! - a * g[j]!;
      }
      gh[r] = s;
    }
    const s = lr / Math.sqrt(ex.f.length || 1);
    for (const k of ex.f) for (let r = 0; r < R; r++) E[k * R + r] = E[k * R + r]! - s * gh[r]!;
  }
  log(`epoch ${ep + 1}/${EPOCHS}: mean squared distance to the teacher ${(loss / train.length).toFixed(4)}`);
}
const res = new Map<string, [number, number]>();
const q = new Float32Array(D);
for (const ex of test) {
  encode(ex.f, q);
  let best = -Infinity;
  let bi = -1;
  for (let i = 0; i < lv.size; i++) {
    let d = 0;
    for (let j = 0; j < D; j++) d += q[j]! * M[i * D + j]!;
    if (d > best) {
      best = d;
      bi = i;
    }
  }
  const r = res.get(ex.lang) ?? [0, 0];
  r[1]++;
  if (concepts[bi] === ex.gold) r[0]++;
  res.set(ex.lang, r);
}
console.log('| language | n (whole evaluation half) | Acc@1 student alone |', '\n|---|---:|---:|');
for (const [l, [a, n]] of res) console.log(`| ${l} | ${n} | ${(a / n).toFixed(3)} |`);
