// What every rule works on: the vacancy's text fields, normalised and split into sentences and clauses, and the
// small matching helpers the rules share (matches in a clause, local negation, evidence spans).
import type { FlagEvidence, FlagType, Severity } from '../types.js';
import { clauses, normalise, originalSpan, sentences, type NormalisedText, type Segment } from '../text.js';
import { NEGATION_AFTER, NEGATOR, VERB_NEGATOR } from '../lexicon.js';

export type TextField = Extract<FlagEvidence['field'], 'title' | 'description' | 'recruitmentFees.note'>;

export interface SentenceUnit extends Segment {
  clauses: Segment[];
}

export interface FieldText {
  field: TextField;
  text: NormalisedText;
  sentences: SentenceUnit[];
}

export interface ScreeningText {
  fields: FieldText[];
}

export function screeningText(parts: { field: TextField; text: string | null | undefined }[]): ScreeningText {
  return {
    fields: parts
      .filter((p) => p.text && p.text.trim())
      .map((p) => {
        const text = normalise(p.text!);
        return { field: p.field, text, sentences: sentences(text.norm).map((s) => ({ ...s, clauses: clauses(s) })) };
      }),
  };
}

/** A rule's finding: a span of one field (normalised offsets), how sure the rule is, and the cue that fired. */
export interface RuleHit {
  type: FlagType;
  severity: Severity;
  /** strong: the rule alone is enough; weak: suggestive, kept only if the semantic matcher agrees (see screener). */
  tier: 'strong' | 'weak';
  field: TextField;
  start: number;
  end: number;
  cue: string;
  facts?: Record<string, string | number>;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

export function spans(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0] });
  return out;
}

/** A negator within the three words before `at`, with no comma or colon in between ("no placement fee"). */
export function negatedAt(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  for (const n of spans(NEGATOR, before)) {
    const gap = before.slice(n.end);
    if (/[,:;]/.test(gap)) continue;
    const words = gap.trim() ? gap.trim().split(/\s+/).length : 0;
    // Arabic عدم ("non-") negates the one noun after it: "بعدم ترك العمل" is a duty not to leave.
    const reach = /عدم$/u.test(n.text) ? 1 : 3;
    if (words <= reach) return true;
  }
  return false;
}

// Negation after the cue: "Kaution … entfällt", "deposit not required", "no se exige fianza" is handled before.
const NEGATED_AFTER =
  /^[^.;!?]{0,30}?(?:^\s*(?:nothing|not a (?:penny|cent|thing)|rien|nada|nichts|شيئا)|fall(?:en|t)\b[^.;!?]{0,60}\bnicht an\b|(?:wird|werden) (?:[\p{L}]+ ){0,3}nicht (?:berechnet|erhoben|verlangt|in rechnung gestellt)|(?:is|are) never (?:charged|asked|requested)|entfallt|entfallen|fallt weg|not required|not needed|waived|is not charged|are not charged|n'est pas (?:demandee?|exigee?|requise?)|ne sont pas (?:demandes|exiges)|no se (?:exige|pide|requiere|cobra)|no es necesari[oa]|غير مطلوب|لا يطلب|لا تطلب|(?:gibt es|existiert|verlangen wir|erheben wir|berechnen wir|nehmen wir) (?:[\p{L}]+ ){0,3}(?:nicht|keine?)(?![\p{L}])|(?:there is|there are|we have|we charge|we take|we ask for) (?:none|no such)|(?:does|do) not (?:exist|apply)|(?:il )?n'(?:y en a|existe) pas|(?:nous )?n'en (?:demandons|prenons|facturons) (?:pas|aucun)|no (?:existe|existen|hay|cobramos|pedimos)(?![\p{L}])|لا (?:يوجد|توجد|نتقاضي|ناخذ|نطلب)(?![\p{L}])|غير موجود)/u;

// A denial right after a payer phrase: "you pay no fee", "Sie zahlen keine Gebühr", "le candidat ne verse aucune somme"
// (the "ne" is inside the phrase, VERB_NEGATOR), "el trabajador no paga nada". Both lists live in the lexicon.

/** A zero sum right after a payer phrase, with or without its currency (one word may stand between). */
const ZERO_SUM_AFTER = /^\s?(?:[\p{L}]+\s)?(?:(?:[a-z]{2,3})?\p{Sc}\s?|[a-z]{3}\s)?0(?:[.,]0{1,2})?(?![\p{N}.,]*\p{N})(?!\s?(?:[\p{N}]|%))/u;

/** Payer phrases ("you pay", "à la charge du candidat", "vom Lohn abgezogen") that are not denied before, inside or after. */
export function livePayers(xs: Span[], text: string): Span[] {
  return live(xs, text).filter((x) => {
    if (NEGATION_AFTER.test(text.slice(x.end))) return false;
    // "You pay HK$0 to the agency", "vous payez 0 €", "pagas 0 €", "Sie zahlen 0 €", "تدفع 0 ريال": nothing is paid.
    if (ZERO_SUM_AFTER.test(text.slice(x.end))) return false;
    return !VERB_NEGATOR.test(x.text);
  });
}

export const live = (xs: Span[], text: string): Span[] => xs.filter((x) => !negatedAt(text, x.start) && !NEGATED_AFTER.test(text.slice(x.end)));

/** The evidence span covering the cues, widened to whole words, within the clause. */
export function hitSpan(clause: Segment, parts: Span[]): { start: number; end: number } {
  if (parts.length === 0) return { start: clause.start, end: clause.end };
  const s = Math.min(...parts.map((p) => p.start));
  const e = Math.max(...parts.map((p) => p.end));
  // The whole clause when it is short: it reads better as evidence than a fragment.
  if (clause.end - clause.start <= 160) return { start: clause.start, end: clause.end };
  return { start: clause.start + s, end: clause.start + e };
}

export function evidenceOf(ft: FieldText, start: number, end: number): FlagEvidence {
  const o = originalSpan(ft.text, start, end);
  return { field: ft.field, text: o.text, start: o.start, end: o.end };
}
