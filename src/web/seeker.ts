// The signed-in seeker's profile as the services hold it, and writes through the same writer the API uses.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import { PutCandidateSchema, type PutCandidate } from '../schemas/candidate.js';
import { getCandidateRow, toCandidate, type CandidateRow } from '../services/candidates.js';
import { ISO_COUNTRIES, ISO_LANGS } from '../schemas/common.js';
import { countryName, languageName, type WebLang } from './i18n/index.js';

export async function seekerRow(app: FastifyInstance, request: FastifyRequest): Promise<CandidateRow> {
  const p = requirePrincipal(request);
  if (!p.candidateId) throw new AppError('FORBIDDEN', 'this key is not bound to a candidate profile');
  return getCandidateRow(app.storage.read, p.candidateId);
}

/** The stored profile as a full PUT body, personal parts included, so a step that changes one part keeps the rest. */
export async function profileContent(app: FastifyInstance, row: CandidateRow): Promise<PutCandidate> {
  const full = await toCandidate(app.storage.read, row, { includePersonal: true });
  const contact = full.contact ? { ...(full.contact.email ? { email: full.contact.email } : {}), ...(full.contact.phone ? { phone: full.contact.phone } : {}) } : undefined;
  const prot = full.protected
    ? Object.fromEntries(Object.entries(full.protected).filter(([, v]) => v !== null))
    : undefined;
  return {
    displayName: row.displayName,
    skills: row.skills,
    experience: row.experience,
    ...(row.educationLevel !== null ? { educationLevel: row.educationLevel } : {}),
    languages: row.languages as PutCandidate['languages'],
    residenceCountry: row.residenceCountry ?? '',
    destinations: row.destinations,
    pathways: row.pathways as PutCandidate['pathways'],
    ...(row.occupationEsco || row.occupationIsco
      ? { occupation: { ...(row.occupationEsco ? { esco: row.occupationEsco } : {}), ...(row.occupationIsco ? { isco: row.occupationIsco } : {}) } }
      : {}),
    consent: { matching: row.consentMatching, visibleToEmployers: row.consentVisible },
    ...(contact && Object.keys(contact).length ? { contact } : {}),
    ...(prot && Object.keys(prot).length ? { protected: prot as PutCandidate['protected'] } : {}),
    lang: row.lang,
  };
}

/** Validate with the API's own schema and write through the candidate writer (suggestions, embedding, index). */
export async function saveProfile(app: FastifyInstance, row: CandidateRow, content: PutCandidate): Promise<CandidateRow | { issues: string[] }> {
  const parsed = PutCandidateSchema.safeParse(content);
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => i.path.join('.')) };
  return app.candidateWriter.put(row, parsed.data);
}

export const isCountry = (c: string): boolean => ISO_COUNTRIES.has(c);
export const isLanguage = (c: string): boolean => ISO_LANGS.has(c);

const sorted = (lang: WebLang, codes: Iterable<string>, name: (l: WebLang, c: string) => string) =>
  [...codes].map((code) => ({ code, name: name(lang, code) })).sort((a, b) => a.name.localeCompare(b.name, lang));

const countryLists = new Map<WebLang, { code: string; name: string }[]>();
const languageLists = new Map<WebLang, { code: string; name: string }[]>();
export function allCountries(lang: WebLang): { code: string; name: string }[] {
  let l = countryLists.get(lang);
  if (!l) countryLists.set(lang, (l = sorted(lang, ISO_COUNTRIES, countryName)));
  return l;
}
export function allLanguages(lang: WebLang): { code: string; name: string }[] {
  let l = languageLists.get(lang);
  if (!l) languageLists.set(lang, (l = sorted(lang, ISO_LANGS, languageName)));
  return l;
}

// Destinations offered as checkboxes: the EU/EFTA and other countries with regular labour-migration schemes.
export const DESTINATIONS = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO', 'CH', 'GB', 'CA', 'US', 'AU', 'NZ', 'JP', 'KR', 'AE', 'QA', 'SA',
] as const;
