// The occupation outlook on a seeker's own profile: for the profile's occupation, in each of its destinations where an
// official figure exists (AU: the shortage rating this service computes from the vacancy index, national; US: the BLS
// 2024–34 projection), one sentence in the reader's language. Information only: it is read from the forecast service
// when the profile is read and never enters any score.
import type { SuggestionRow } from '../db/schema/index.js';
import type { OccupationOutlookNote } from '../matching/explain.js';
import { negotiateLanguage } from '../matching/i18n.js';
import { OUTLOOK_LANGUAGES } from './outlook-text.js';
import type { OccupationOutlookService } from './occupation-outlook.js';

/** A suggested (not user-set) occupation is used only when read with at least this confidence (as in match explanations). */
export const PROFILE_OUTLOOK_MIN_CONFIDENCE = 0.5;

export interface ProfileOccupationInput {
  occupationEsco: string | null;
  occupationIsco: string | null;
  suggestions: SuggestionRow | null;
  destinations: readonly string[];
  /** The profile's preferred language (fallback when the request names none we speak). */
  lang: string;
}

/** ESCO occupation URI → ISCO-08 code (the taxonomy's), or undefined. */
export type IscoOf = (escoUri: string) => string | undefined;

/** The occupation the outlook is about: what the seeker set wins; otherwise the best suggestion when confident enough. */
export function profileOccupation(p: ProfileOccupationInput, iscoOf: IscoOf): { isco: string; basis: 'set' | 'inferred' } | null {
  if (p.occupationEsco || p.occupationIsco) {
    const isco = (p.occupationEsco ? iscoOf(p.occupationEsco) : undefined) || p.occupationIsco;
    return isco ? { isco, basis: 'set' } : null;
  }
  const s = p.suggestions;
  if (!s || s.occupationStatus === 'abstained') return null;
  const best = s.occupations?.[0] ?? s.occupation;
  if (!best || !(best.score >= PROFILE_OUTLOOK_MIN_CONFIDENCE)) return null;
  const isco = (best.esco ? iscoOf(best.esco) : undefined) || best.isco;
  return isco ? { isco, basis: 'inferred' } : null;
}

/** The language to speak: the request's Accept-Language (or ?lang) when we speak it, else the profile's language. */
export function outlookReaderLanguage(accept: string | undefined, profileLang: string): string {
  const fallback = (OUTLOOK_LANGUAGES as readonly string[]).includes(profileLang) ? profileLang : 'en';
  return negotiateLanguage(accept, OUTLOOK_LANGUAGES, fallback);
}

/** One note per destination (in the profile's order) where the forecast service has something reliable to say. */
export function profileOutlook(outlook: OccupationOutlookService, p: ProfileOccupationInput, iscoOf: IscoOf, lang: string): OccupationOutlookNote[] {
  const occ = profileOccupation(p, iscoOf);
  if (!occ) return [];
  const out: OccupationOutlookNote[] = [];
  for (const country of new Set(p.destinations)) {
    if (country !== 'AU' && country !== 'US') continue;
    // A profile names countries, not regions: AU is the national (Australia-wide) rating.
    const note = outlook.shortageNote(occ.isco, country, undefined, lang);
    if (!note) continue;
    const { weight: _weight, ...shown } = note;
    out.push({ ...shown, basis: occ.basis });
  }
  return out;
}
