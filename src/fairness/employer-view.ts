/**
 * What an employer sees about a candidate in a ranking (issue 13). Pure.
 *
 * The free-text display name, the residence country and the list of destinations were shown before. A name stands in
 * for sex and origin; a residence country and the set of countries someone targets stand in for nationality. What an
 * employer needs to act on a match is narrower: whether the person is already in the vacancy's country or wants to
 * work there (relocation, hence a permit to sponsor), which migration pathways they consider, and the explained score.
 * So the ranking view carries a stable pseudonym and a relocation status; the name appears only after the seeker
 * accepts the employer's contact request, and contact details only through that request.
 */
import { candidatePseudonym } from './pseudonym.js';
import type { MatchExplanation } from '../matching/index.js';

export const RELOCATION_STATUSES = ['resides-in-country', 'wants-this-country', 'no-destination-stated', 'other-destinations'] as const;
export type RelocationStatus = (typeof RELOCATION_STATUSES)[number];

/** Where the candidate stands for this vacancy's country, without naming any other country. */
export function relocationStatus(candidate: { residenceCountry: string | null; destinations: readonly string[] }, vacancyCountry: string): RelocationStatus {
  if (candidate.residenceCountry === vacancyCountry) return 'resides-in-country';
  if (candidate.destinations.includes(vacancyCountry)) return 'wants-this-country';
  return candidate.destinations.length === 0 ? 'no-destination-stated' : 'other-destinations';
}

export interface EmployerCandidateView {
  /** The stable pseudonym, or the seeker's own display name once they accepted this employer's contact request. */
  displayName: string;
  pseudonym: string;
  /** State of this employer's contact request for the vacancy. */
  contactRequest: 'none' | 'pending' | 'accepted' | 'declined' | 'withdrawn';
  relocation: RelocationStatus;
  pathways: string[];
}

export function employerCandidateView(
  employerId: string,
  candidate: { id: string; displayName: string; residenceCountry: string | null; destinations: readonly string[]; pathways: readonly string[] },
  vacancyCountry: string,
  contactRequest: EmployerCandidateView['contactRequest'],
): EmployerCandidateView {
  const pseudonym = candidatePseudonym(employerId, candidate.id);
  return {
    displayName: contactRequest === 'accepted' ? candidate.displayName : pseudonym,
    pseudonym,
    contactRequest,
    relocation: relocationStatus(candidate, vacancyCountry),
    pathways: [...candidate.pathways],
  };
}

/**
 * The explanation as an employer sees it: evidence that matched through an ESCO link is shown with the ESCO label in
 * the explanation's language instead of the seeker's own words, which reveal the language they write in (a proxy for
 * origin). Lexical evidence already resembles the employer's own requirement and stays as it is.
 */
export function employerExplanation(e: MatchExplanation, escoLabel: (uri: string, lang: string) => string | undefined): MatchExplanation {
  return {
    ...e,
    matchedSkills: e.matchedSkills.map((m) => {
      const uri = m.evidence.esco;
      const label = uri && m.evidence.how !== 'lexical' ? escoLabel(uri, e.lang) : undefined;
      return label ? { ...m, evidence: { ...m.evidence, label } } : m;
    }),
  };
}
