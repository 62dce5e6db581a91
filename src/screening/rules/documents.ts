// Identity documents retained: the employer, the agency or a supervisor keeps the passport or ID, or the worker
// must hand it over. Seeing a passport to check the right to work, or taking a copy, is not retention.
import { CUSTODY, DENIED_BEFORE, DOCUMENT_CHECK, DOCUMENT_NOUN, HOLDER, NEGATION_AFTER, PLACEMENT_VERB, RETAIN_VERB, SURRENDER_VERB } from '../lexicon.js';
import { hitSpan, live, spans, type FieldText, type RuleHit } from './common.js';

// A retention verb denied by a standalone negator just before it or a negative word just after it (the lexicon's
// DENIED_BEFORE and NEGATION_AFTER, shared with the fee rules).

export function documentRules(ft: FieldText): RuleHit[] {
  const out: RuleHit[] = [];
  for (const s of ft.sentences) {
    for (const c of s.clauses) {
      const t = c.text;
      const docs = live(spans(DOCUMENT_NOUN, t), t);
      if (docs.length === 0) continue;
      // A check or a keeper on the worker's side, unless denied ("workers may not keep their passports", "لا يحق للعامل أن يحتفظ").
      if (live(spans(DOCUMENT_CHECK, t), t).length > 0) continue;
      const keep = live(spans(RETAIN_VERB, t), t);
      // Handed over, lodged, "stay there": retention when someone or somewhere on the employer's side receives them.
      const handed = live([...spans(SURRENDER_VERB, t), ...spans(PLACEMENT_VERB, t)], t);
      const receiver = [...spans(HOLDER, t), ...spans(CUSTODY, t)];
      // "The company does not keep passports": a denied retention in the clause; documents "staying" somewhere then are
      // not read as lodged with the employer.
      const denied = spans(RETAIN_VERB, t).some((r) => DENIED_BEFORE.test(t.slice(Math.max(0, r.start - 30), r.start)) || NEGATION_AFTER.test(t.slice(r.end)));
      const cue = keep[0] ?? (receiver.length && !denied ? handed[0] : undefined);
      if (!cue) continue;
      const sp = hitSpan(c, [docs[0]!, cue]);
      out.push({ type: 'documents-retained', severity: 'high', tier: 'strong', field: ft.field, start: sp.start, end: sp.end, cue: `${docs[0]!.text}+${cue.text}` });
    }
  }
  return out;
}
