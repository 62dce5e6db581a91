/** Skill linking: free-text skill → ESCO skill (char n-grams, typo repair), and skill extraction from job ads and CVs. */
import type { Lang } from './files.js';
import type { TaxonomyData } from './data.js';
import { CharNgramIndex } from './lexical-index.js';
import { resolveLang } from './lang.js';
import { foldText, looksBinary, stem } from './text.js';
import { round, type ExtractedSkill, type SkillLink } from './types.js';

const EXTRACT_STOP = new Set([
  'work', 'working', 'manage', 'management', 'team', 'teams', 'sell', 'lead', 'plan', 'build', 'drive', 'care', 'help', 'support',
  'advise', 'test', 'teach', 'write', 'read', 'speak', 'design', 'cook', 'clean', 'order', 'service', 'services', 'business', 'health',
  'project', 'projects', 'data', 'travel', 'customer', 'customers', 'people', 'report', 'reports', 'office', 'training', 'trabajo', 'travail',
]);

interface SkillIndex {
  index: CharNgramIndex;
  skill: number[];
  text: string[];
  kind: number[];
}

export class SkillLinker {
  // built per language on first use
  private readonly skillIndexes = new Map<Lang, SkillIndex>();
  private readonly skillDicts = new Map<Lang, Map<string, { skill: number; kind: number }[]>>();
  private readonly vocab = new Map<Lang, { set: Set<string>; byLen: Map<number, string[]> }>();

  constructor(private readonly data: TaxonomyData) {}

  private skillIndex(lang: Lang): SkillIndex {
    let si = this.skillIndexes.get(lang);
    if (si) return si;
    const text: string[] = [];
    const skill: number[] = [];
    const kind: number[] = [];
    this.data.skills.forEach((s, i) => {
      const ls = s.labels[lang];
      if (!ls) return;
      const seen = new Set<string>();
      const add = (t: string, k: number) => {
        const f = foldText(t);
        if (!f || seen.has(f)) return;
        seen.add(f);
        text.push(f);
        skill.push(i);
        kind.push(k);
      };
      const withVariants = (t: string, k: number) => {
        add(t, k);
        const np = t.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
        if (np !== t) add(np, k);
      };
      withVariants(ls.pref, 0);
      for (const a of ls.alt ?? []) withVariants(a, 1);
      for (const h of ls.hidden ?? []) withVariants(h, 2);
    });
    si = { index: new CharNgramIndex(text), skill, text, kind };
    this.skillIndexes.set(lang, si);
    return si;
  }

  /** Free-text skill → best ESCO skill candidates (char n-grams: robust to typos; alt labels: synonyms). */
  linkSkill(label: string, opts: { lang?: string; limit?: number } = {}): SkillLink[] {
    const { lang, unsupported } = resolveLang(opts.lang);
    const limit = Math.max(1, Math.min(opts.limit ?? 5, 50));
    const q0 = foldText(label);
    if (!q0 || looksBinary(label)) return [];
    const langs: Lang[] = lang && lang !== 'en' && lang !== 'nl' ? [lang, 'en'] : ['en'];
    // typo repair: words unknown to every label of the language are replaced by the closest known word (edit distance ≤ 2)
    const q = this.correctWords(q0, langs[0]!);
    const best = new Map<number, { s: number; text: string; lang: Lang }>();
    for (const l of langs) {
      const si = this.skillIndex(l);
      const scores = si.index.scoreAll(q);
      for (let i = 0; i < scores.length; i++) {
        let s = scores[i]!;
        if (s < 0.2) continue;
        // a preferred label beats an alternative one that reads the same (ESCO reuses alt labels across skills)
        if (si.kind[i] === 1) s *= 0.985;
        else if (si.kind[i] === 2) s *= 0.97;
        if (l !== (lang ?? 'en')) s *= 0.95;
        const k = si.skill[i]!;
        const cur = best.get(k);
        if (!cur || s > cur.s) best.set(k, { s, text: si.text[i]!, lang: l });
      }
    }
    const factor = unsupported ? 0.7 : 1;
    const skills = this.data.skills;
    return [...best.entries()]
      .sort((a, b) => b[1].s - a[1].s || a[0] - b[0])
      .slice(0, limit)
      .map(([k, v]) => ({ id: skills[k]!.uri, label: this.data.label(skills[k]!, lang), score: round(Math.min(1, v.s) * factor), matchedLabel: v.text, matchedLang: v.lang }));
  }

  private correctWords(q: string, lang: Lang): string {
    let v = this.vocab.get(lang);
    if (!v) {
      const set = new Set<string>();
      for (const t of this.skillIndex(lang).text) for (const w of t.split(' ')) if (w.length > 2) set.add(w);
      const byLen = new Map<number, string[]>();
      for (const w of set) (byLen.get(w.length) ?? byLen.set(w.length, []).get(w.length)!).push(w);
      v = { set, byLen };
      this.vocab.set(lang, v);
    }
    const voc = v;
    return q
      .split(' ')
      .map((w) => {
        if (w.length < 4 || voc.set.has(w)) return w;
        let best = w;
        let bd = w.length >= 7 ? 3 : 2;
        for (let L = w.length - 2; L <= w.length + 2; L++) {
          for (const c of voc.byLen.get(L) ?? []) {
            const d = editDistance(w, c, bd);
            if (d < bd) {
              bd = d;
              best = c;
            }
          }
        }
        return best;
      })
      .join(' ');
  }

  /** Link many free-text skills at once; keeps the best candidate per input when it is confident enough. */
  linkSkills(labels: string[], lang?: string, minScore = 0.55): { input: string; id: string | null; label: string | null; score: number }[] {
    return labels.map((input) => {
      const [top] = this.linkSkill(input, { lang, limit: 1 });
      return top && top.score >= minScore ? { input, id: top.id, label: top.label, score: top.score } : { input, id: null, label: null, score: top?.score ?? 0 };
    });
  }

  private skillDict(lang: Lang) {
    let d = this.skillDicts.get(lang);
    if (d) return d;
    d = new Map();
    const si = this.skillIndex(lang);
    si.text.forEach((t, i) => {
      const ws = t.split(' ');
      if (ws.length > 8) return;
      if (ws.length === 1 && (t.length < 4 || EXTRACT_STOP.has(t))) return;
      const key = ws.map(stem).join(' ');
      const list = d!.get(key) ?? d!.set(key, []).get(key)!;
      if (!list.some((x) => x.skill === si.skill[i])) list.push({ skill: si.skill[i]!, kind: si.kind[i]! });
    });
    this.skillDicts.set(lang, d);
    return d;
  }

  /** Skills mentioned in a job ad or CV: dictionary phrases of ESCO labels (stemmed), plus fuzzy matches of short clauses. */
  extractSkills(text: string, opts: { lang?: string; limit?: number; minScore?: number } = {}): ExtractedSkill[] {
    const { lang: l0, unsupported } = resolveLang(opts.lang);
    const lang: Lang = l0 && l0 !== 'nl' ? l0 : 'en';
    const minScore = opts.minScore ?? 0.5;
    if (!text.trim() || looksBinary(text)) return [];
    const dict = this.skillDict(lang);
    const tokens: { w: string; s: number; e: number }[] = [];
    const re = /[\p{L}\p{N}+#]+/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const f = foldText(m[0]);
      if (f) tokens.push({ w: stem(f), s: m.index, e: m.index + m[0].length });
    }
    // sentence / clause boundaries: do not let a phrase cross them
    const boundary = new Set<number>();
    for (let i = 1; i < tokens.length; i++) {
      const gap = text.slice(tokens[i - 1]!.e, tokens[i]!.s);
      if (/[.;:!?\n•·|]/.test(gap) || /,/.test(gap)) boundary.add(i);
    }
    const found = new Map<number, { score: number; spans: [number, number][] }>();
    const hit = (skill: number, score: number, span: [number, number]) => {
      const cur = found.get(skill);
      if (!cur) found.set(skill, { score, spans: [span] });
      else {
        cur.score = Math.max(cur.score, score);
        if (!cur.spans.some((s) => s[0] === span[0] && s[1] === span[1])) cur.spans.push(span);
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      let key = '';
      for (let n = 1; n <= 8 && i + n <= tokens.length; n++) {
        if (n > 1 && boundary.has(i + n - 1)) break;
        key = n === 1 ? tokens[i]!.w : `${key} ${tokens[i + n - 1]!.w}`;
        const list = dict.get(key);
        if (!list) continue;
        // longer phrases are more specific; single words are often generic
        const base = n === 1 ? 0.6 : n === 2 ? 0.8 : 0.9;
        for (const { skill, kind } of list) hit(skill, base - (kind === 2 ? 0.05 : 0) - (list.length > 1 ? 0.05 : 0), [tokens[i]!.s, tokens[i + n - 1]!.e]);
      }
    }
    // fuzzy: short clauses (2–6 words) that read like a skill phrase, e.g. bullet items
    let start = 0;
    const clauses: [number, number][] = [];
    for (let i = 1; i <= tokens.length; i++) {
      if (i === tokens.length || boundary.has(i)) {
        clauses.push([start, i]);
        start = i;
      }
    }
    for (const [a, b] of clauses) {
      if (b - a < 2 || b - a > 6) continue;
      const span: [number, number] = [tokens[a]!.s, tokens[b - 1]!.e];
      const [top] = this.linkSkill(text.slice(span[0], span[1]), { lang, limit: 1 });
      if (top && top.score >= 0.72) hit(this.data.skillIndexOf(top.id)!, top.score * 0.85, span);
    }
    const factor = unsupported ? 0.7 : 1;
    const skills = this.data.skills;
    return [...found.entries()]
      .map(([k, v]) => ({ id: skills[k]!.uri, label: this.data.label(skills[k]!, l0), score: round(v.score * factor), spans: v.spans.sort((x, y) => x[0] - y[0]) }))
      .filter((s) => s.score >= minScore * factor)
      .sort((a, b) => b.score - a.score || a.spans[0]![0] - b.spans[0]![0])
      .slice(0, opts.limit ?? 100);
  }
}

/** Damerau–Levenshtein (optimal string alignment) with an early exit once every cell exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) >= max) return max;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let p2 = prev2;
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, p2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= max) return max;
    p2 = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max);
}
