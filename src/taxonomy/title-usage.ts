/**
 * What job ads wrap around a title, and English job-board usage, rewritten before the title is read (t17-titles). The
 * sentence encoder, the char n-grams and the glossary all read the title as written: a pay rate ("£13.50ph"), a
 * shift ordinal ("2nd shift"), a requirement clause ("– QTS essential"), a clipped head ("Reach truck op", "Wind
 * Turbine Tech") or a school year ("Yr 5 class teacher") is read as a word of the trade. Written from general
 * knowledge of UK/US/AU job boards, by mechanism, not per title.
 */
import { foldText, isTitleNoise } from './text.js';

/** A pay amount: currency-led ("£13.50ph", "$25/hr", "€30k", "AED 4,000") or currency-trailed ("15 €/h", "2000 dh"). */
const PAY = new RegExp(
  [
    String.raw`(?:[£$€]|\b(?:usd|eur|gbp|aud|nzd|cad|aed|sar|qar|rm|mad)\s?)\d[\d.,]*\s*k?`
      + String.raw`(?:\s*(?:ph|phr|p\/h|pw|p\.?a\.?|ph\.|per\s+(?:hour|hr|annum|year|week|day|shift)|an\s+hour|a\s+year|\/\s*(?:hr|hour|h|yr|year|annum|day|wk|week|shift))\b)?`,
    String.raw`\b\d[\d.,]*\s*(?:€|eur\b|euros?\b|dh\b|dhs\b|dirhams?\b)(?:\s*(?:\/\s*h\b|ph\b|brut\b|net\b|de l.heure\b))?`,
  ].join('|'),
  'giu',
);
/** A shift named by its ordinal ("2nd shift", "3rd shift", "1st shift"): the US name of day, evening and night shifts. */
const SHIFT_ORDINAL = /\b\d+\s*(?:st|nd|rd|th)\s+shifts?\b/giu;
/** A clause that states a requirement, set off by a dash, a bar or a comma ("– QTS essential", ", CSCS required"). */
const REQUIREMENT = /\s*[-–—|,;:]\s*[^-–—|,;:()]*\b(?:essential|required|preferred|desirable|a must|mandatory)\s*$/iu;

/** Pay, shift ordinals and requirement clauses removed (any language: "15 €/h" is no trade either). */
export function dropAdNoise(title: string): string {
  const t = title.replace(PAY, ' ').replace(SHIFT_ORDINAL, ' ');
  const r = t.replace(REQUIREMENT, ' ');
  // a title that is only a requirement ("Driver licence required") keeps its words
  const out = (/\p{L}{2,}/u.test(r) ? r : t).replace(/\s+/g, ' ').trim();
  return /\p{L}{2,}/u.test(out) ? out : title;
}

/**
 * Heads people clip in English ads ("Lab Tech", "Reach truck op", "Sales rep", "Maint tech"), as the last word of the
 * title; the clipped word in front of a head is the adjective ("Mech Eng" → mechanical). The forms ESCO's labels and the
 * encoder know are the full ones.
 */
const CLIPPED_HEAD: Record<string, string> = {
  tech: 'technician', techs: 'technicians', op: 'operator', rep: 'representative', reps: 'representatives', mech: 'mechanic',
  elec: 'electrician',
};
// "Admin" and "Lab" are left as written: ESCO's labels and the title model already hold them ("admin assistant", "lab
// technician"), and writing them out moved JobBERT dev titles away from their gold (t17-titles)
const CLIPPED_MODIFIER: Record<string, string> = {
  mech: 'mechanical', elec: 'electrical', maint: 'maintenance', tech: 'technical',
};
const WORD = /[\p{L}\p{N}+#'’.&/-]+/gu;

/**
 * School years and grades name the stage of school: UK Year 1–6 (Key Stage 1–2, EYFS, Reception) are primary, Year
 * 7–13 (Key Stage 3–5, GCSE, A level, sixth form) secondary; US grades 1–5 (elementary) are primary, 6–12 secondary
 * (kindergarten is left to the reader: ESCO's early years teacher).
 * Read only in a title about school teaching ("Year 1 apprentice" is an apprentice's first year; a GCSE tutor is a tutor).
 */
const TEACHING = /\b(?:teach\w*|class|classroom|educat\w*|school|ta|lsa|hlta|senco|nqt|ect|cover supervisor)\b/iu;
const PRIMARY = /\b(?:(?:year|yr|y)\s?[1-6]|ks\s?[12]|key\s+stage\s+[12]|eyfs|reception(?=\s+(?:class|teacher))|(?:grade|gr)\s?[1-5]|[1-5](?:st|nd|rd|th)\s+grade|elementary)(?:\s+school)?\b/iu;
const SECONDARY = /\b(?:(?:year|yr|y)\s?(?:[7-9]|1[0-3])|ks\s?[345]|key\s+stage\s+[345]|gcse|a[\s-]level|sixth\s+form|(?:grade|gr)\s?(?:[6-9]|1[0-2])|(?:[6-9]|1[0-2])th\s+grade|(?:middle|high)\s+school)(?:\s+school)?\b/iu;

/** "bank" as the NHS staff bank (a pool of casual shifts), not a bank: before shift words, or before a health-care role. */
const NHS_BANK = /\bbank\s+(?=(?:shifts?|staff|only|work|contract|hours|basis|hca|healthcare|health\s+care|nurse|rgn|rmn|midwife|carer|care|support\s+worker|porter|domestic|phlebotomist|odp|radiographer)\b)/giu;

/** An English title rewritten to the words ESCO's labels use; the title as given when nothing applies. */
export function englishUsage(title: string): string {
  let t = title;
  if (TEACHING.test(t)) {
    const stage = SECONDARY.test(t) ? 'secondary school' : PRIMARY.test(t) ? 'primary school' : undefined;
    // "class teacher" is the UK primary teacher's own name: once the stage is named, the class says no more
    // a TA (LSA, HLTA) in a school is its teaching assistant
    if (stage) t = `${stage} ${t.replace(/\b(?:ta|lsa|hlta)\b/giu, 'teaching assistant').replace(/\bclass\s+(?=teacher)/giu, ' ').replace(new RegExp(SECONDARY.source, 'giu'), ' ').replace(new RegExp(PRIMARY.source, 'giu'), ' ').replace(/\b(?:qts|nqt|ect)\b/giu, ' ')}`;
  }
  t = t.replace(NHS_BANK, ' ');
  // clipped words: the last word of the title (before any bracket or dash) is the head
  const main = t.split(/\s+[-–—|]\s+|\s*\(/u)[0] ?? t;
  const words = [...main.matchAll(WORD)];
  // the head is the last word that is no shift, contract or hiring word ("Reach truck op nights")
  const last = [...words].reverse().find((m) => !isTitleNoise(foldText(m[0])));
  let out = '';
  let at = 0;
  for (const m of words) {
    const f = m[0].toLowerCase();
    const full = m === last ? CLIPPED_HEAD[f] : CLIPPED_MODIFIER[f];
    if (!full) continue;
    out += t.slice(at, m.index) + full;
    at = m.index! + m[0].length;
  }
  t = out + t.slice(at);
  // separators left with nothing between them ("TA - , SEN support" once the year is read)
  return t.replace(/\s*[-–—|,;]\s*(?=[-–—|,;]|$)/gu, ' ').replace(/^\s*[-–—|,;]\s*/u, '').replace(/\s+/g, ' ').trim();
}
