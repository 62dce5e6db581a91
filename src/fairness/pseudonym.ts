import { sha256Hex } from '../hash.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/**
 * The stable pseudonym an employer sees instead of a candidate's free-text name ("Candidate 7F3A2K"): 30 bits of
 * SHA-256 over (employer, candidate), so it is the same in every ranking of one employer, differs between employers
 * (two tenants cannot match people by label), and says nothing about sex or origin as a name would.
 */
export function candidatePseudonym(employerId: string, candidateId: string): string {
  const h = sha256Hex(`pseudonym|${employerId}|${candidateId}`);
  let bits = Number.parseInt(h.slice(0, 8), 16);
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += ALPHABET[bits & 31];
    bits >>>= 5;
  }
  return `Candidate ${out}`;
}
