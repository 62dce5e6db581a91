/**
 * German job titles read as ESCO occupations. ESCO ships no German labels here, so the other readers see "Pflegefachkraft"
 * or "LKW-Fahrer" as noise (they guessed carpenter and factory hand). A hand-written list of common German titles by
 * ISCO-08 unit group (german-titles-by-isco.ts) names the group; within it, the occupations are ranked by how well the
 * English reader reads the group's own ISCO name as them ("Welders and flame cutters" → welder, not welding
 * coordinator; "Cooks" → cook), then by the more generic code.
 *
 * Probabilities are set a priori, not fitted: there is no held-out set of German titles to calibrate them on. A title
 * naming the group by a whole entry gets 0.8 for the group, one naming it only as the end of a compound 0.6; the
 * group's mass is shared in proportion to that reading (with a floor). The other readers' candidates keep the rest.
 */
import { GERMAN_TITLES_BY_ISCO } from './german-titles-by-isco.js';
import { cleanTitle } from './text.js';
import type { NormalizedTitle, Occupation } from './types.js';
import type { ReadLang } from './detect-language.js';

/** Probability mass of the named unit group: the whole entry written, or only as the end of a compound. */
const GROUP_MASS = { word: 0.8, compound: 0.6 } as const;
/** A single-word entry this long also matches as the end of a compound ("Metallschweißer" → "schweißer"). */
const COMPOUND_MIN = 6;
/** In a language we hold labels for, the German reading applies only when the other readers are this unsure. */
const UNSURE = 0.3;
/** Share every occupation of the group keeps whatever the group name's reading says. */
const FLOOR = 0.05;
/**
 * Role words German writes at the end of a compound title, folded, each with its masculine form: "Dachdeckergeselle" is a
 * Dachdecker (journeyman), "Wäschereimitarbeiterin" a Mitarbeiter in a Wäscherei, "Gartenbauhelfer" a Helfer Gartenbau.
 * Longest first, so "…mitarbeiterin" is not read as "…in".
 */
const ROLE_SUFFIXES: readonly [string, string][] = (
  [
    ['mitarbeiterin', 'mitarbeiter'],
    ['mitarbeiter', 'mitarbeiter'],
    ['arbeiterin', 'arbeiter'],
    ['arbeiter', 'arbeiter'],
    ['gesellin', 'geselle'],
    ['geselle', 'geselle'],
    ['meisterin', 'meister'],
    ['meister', 'meister'],
    ['helferin', 'helfer'],
    ['helfer', 'helfer'],
    ['fachkraft', 'fachkraft'],
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);
/** The shortest stem a role suffix is split from ("Bauhelfer" stays whole: "bau" is no title). */
const STEM_MIN = 4;

/**
 * The words of a title, plus what German word formation hides in them: the masculine form of a feminine title
 * ("Näherin" → "naher"; entries list both forms where they differ by more than "-in"), and a compound split into its
 * stem and role word, the stem also without its linking "s" ("Produktionsmitarbeiter" → "produktion", "mitarbeiter").
 * Whole entries then match the parts, so an entry needs no compound of every role word.
 */
export function germanWordForms(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    if (w.endsWith('innen') && w.length - 5 >= STEM_MIN) out.add(w.slice(0, -5));
    else if (w.endsWith('in') && w.length - 2 >= STEM_MIN) out.add(w.slice(0, -2));
    for (const [suffix, masculine] of ROLE_SUFFIXES) {
      if (!w.endsWith(suffix) || w.length - suffix.length < STEM_MIN) continue;
      const stem = w.slice(0, -suffix.length);
      out.add(stem).add(masculine);
      if (stem.endsWith('s') && stem.length - 1 >= STEM_MIN) out.add(stem.slice(0, -1));
      break;
    }
  }
  return out;
}

interface GroupHit {
  group: string;
  how: keyof typeof GROUP_MASS;
  entry: string;
}

export class GermanTitleReader {
  private readonly entries: { group: string; words: string[]; text: string }[] = [];
  private readonly members = new Map<string, number[]>();
  private readonly order = new Map<string, { occ: number; weight: number }[]>();

  /** `readName` reads an ISCO group's English name and returns the occupations it suggests, best first. */
  constructor(
    private readonly occupations: readonly Occupation[],
    private readonly readName: (group: string) => { id: string; score: number }[],
  ) {
    for (const [group, titles] of Object.entries(GERMAN_TITLES_BY_ISCO)) {
      for (const t of titles) {
        const words = cleanTitle(t).split(' ').filter(Boolean);
        if (words.length) this.entries.push({ group, words, text: t });
      }
    }
    occupations.forEach((o, occ) => {
      if (!o.iscoGroup || !(o.iscoGroup in GERMAN_TITLES_BY_ISCO)) return;
      const list = this.members.get(o.iscoGroup) ?? [];
      list.push(occ);
      this.members.set(o.iscoGroup, list);
    });
  }

  /** The group's occupations with their share, computed once per group on first use. */
  private groupOrder(group: string): { occ: number; weight: number }[] {
    const hit = this.order.get(group);
    if (hit) return hit;
    const members = this.members.get(group) ?? [];
    const read = new Map(this.readName(group).map((r) => [r.id, r.score]));
    const list = members.map((occ) => ({ occ, weight: FLOOR + (read.get(this.occupations[occ]!.uri) ?? 0) }));
    list.sort((a, b) => b.weight - a.weight || depth(this.occupations[a.occ]!) - depth(this.occupations[b.occ]!) || a.occ - b.occ);
    this.order.set(group, list);
    return list;
  }

  /** The unit groups a title names: whole entries first; a compound ending only when no whole entry names one. */
  groups(title: string): GroupHit[] {
    const set = germanWordForms(cleanTitle(title).split(' ').filter(Boolean));
    const words = [...set];
    const hits = new Map<string, GroupHit>();
    for (const e of this.entries) {
      if (e.words.every((w) => set.has(w))) hits.set(e.group, { group: e.group, how: 'word', entry: e.text });
    }
    if (hits.size) return [...hits.values()];
    let longest = 0;
    const compound: GroupHit[] = [];
    for (const e of this.entries) {
      if (e.words.length !== 1) continue;
      const w0 = e.words[0]!;
      if (w0.length < COMPOUND_MIN || !words.some((w) => w.length > w0.length && w.endsWith(w0))) continue;
      // the most specific ending wins: "…pflegehelfer" names 5321, not whatever "…helfer" alone would
      if (w0.length > longest) compound.length = 0;
      if (w0.length >= longest) {
        longest = w0.length;
        compound.push({ group: e.group, how: 'compound', entry: e.text });
      }
    }
    return [...new Map(compound.map((h) => [h.group, h])).values()];
  }

  /**
   * Put the German reading in front of the other readers' candidates, when the title names a unit group and is German
   * (or undetermined), or when the readers of the languages we hold labels for are unsure of it.
   */
  merge(title: string, readLang: ReadLang | 'und', base: NormalizedTitle[], limit: number, label: (occ: Occupation) => string): NormalizedTitle[] {
    const hits = this.groups(title);
    if (!hits.length) return base;
    const german = readLang === 'de' || readLang === 'und' || readLang === 'nl';
    if (!german && (base[0]?.score ?? 0) >= UNSURE) return base;
    const mass = Math.max(...hits.map((h) => GROUP_MASS[h.how]));
    const out: NormalizedTitle[] = [];
    const perGroup = mass / hits.length;
    for (const h of hits) {
      const list = this.groupOrder(h.group);
      const total = list.reduce((s, x) => s + x.weight, 0);
      for (const { occ, weight } of list) {
        const o = this.occupations[occ]!;
        out.push({
          id: o.uri,
          label: label(o),
          iscoGroup: o.iscoGroup,
          ...(o.code ? { code: o.code } : {}),
          score: round((perGroup * weight) / total),
          // still flagged: German is read from a hand-written list, not from ESCO labels
          evidence: { method: 'lexical', matchedLabel: h.entry, matchedLang: 'en', labelKind: 'alternative', lexical: 1, readLang, via: `german-title:${h.group}`, ...(readLang === 'de' ? { unsupportedLanguage: true } : {}) },
        });
      }
    }
    const ids = new Set(out.map((r) => r.id));
    const rest = 1 - out.reduce((s, r) => s + r.score, 0);
    for (const r of base) if (!ids.has(r.id)) out.push({ ...r, score: round(r.score * rest) });
    return out.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

const depth = (o: Occupation): number => (o.code ? o.code.split('.').length : 9);
const round = (x: number): number => Math.round(x * 1e4) / 1e4;
