/**
 * Licences and certifications (pure): reading driving-licence categories and common trade certificates from the way
 * people write them ("permis C+E", "Führerschein Klasse CE", "HGV class 1", "carnet C+E", "رخصة قيادة C+E", "FIMO",
 * "Code 95"), and checking a required credential against the ones a profile holds.
 */
import { lexicalSimilarity, normalizeText } from './lexical.js';
import { DRIVING_CATEGORIES, type Credential, type CredentialCheck, type DrivingCategory, type RequiredCredential } from './types.js';

/** Categories a licence of each category also covers (Directive 2006/126/EC, Art. 4 and 6). */
const COVERS: Record<DrivingCategory, readonly DrivingCategory[]> = {
  AM: ['AM'],
  A1: ['A1', 'AM'],
  A2: ['A2', 'A1', 'AM'],
  A: ['A', 'A2', 'A1', 'AM'],
  B: ['B', 'AM'],
  BE: ['BE', 'B', 'AM'],
  C1: ['C1', 'B', 'AM'],
  C1E: ['C1E', 'C1', 'BE', 'B', 'AM'],
  C: ['C', 'C1', 'B', 'AM'],
  CE: ['CE', 'C', 'C1', 'C1E', 'BE', 'B', 'AM'],
  D1: ['D1', 'B', 'AM'],
  D1E: ['D1E', 'D1', 'BE', 'B', 'AM'],
  D: ['D', 'D1', 'B', 'AM'],
  DE: ['DE', 'D', 'D1', 'D1E', 'BE', 'B', 'AM'],
};

/** Whether a licence of category `held` lets its holder drive what category `required` allows. */
export function drivingCovers(held: DrivingCategory, required: DrivingCategory): boolean {
  return COVERS[held].includes(required);
}

/** Same family, one step short (C for CE, D for DE, C1 for C): partly qualified, the missing step is a short course. */
function sameFamily(held: DrivingCategory, required: DrivingCategory): boolean {
  return held[0] === required[0] && held !== 'AM' && required !== 'AM' && !drivingCovers(held, required);
}

// Words that announce a licence in the languages people write in; a bare "C" or "CE" means nothing without one.
const LICENCE_WORDS =
  /\b(?:permis|licen[cs]e|licencia|licen[cç]a|carnet|carn[eé]|f[uü]hrerschein|fahrerlaubnis|klasse|rijbewijs|patente|driving|driver'?s|cat(?:[eé]gor(?:ie|ía|ia|y))?|class|kat(?:egorie)?|categoria)\b|رخصة|رخصه|فئة/iu;
const CATEGORY_TOKEN = /(?<![\p{L}\p{N}])(C1\s*\+?\s*E|D1\s*\+?\s*E|[BCD]\s*\+\s*E|BE|CE|DE|C1|D1|A1|A2|AM|[ABCD])(?![\p{L}\p{N}])/giu;
// Distinctive on their own: "C+E", "C1E", UK/Irish/Canadian names of the heavy classes.
const STANDALONE: { re: RegExp; category: DrivingCategory }[] = [
  { re: /(?<![\p{L}\p{N}])C\s*\+\s*E(?![\p{L}\p{N}])/iu, category: 'CE' },
  { re: /(?<![\p{L}\p{N}])D\s*\+\s*E(?![\p{L}\p{N}])/iu, category: 'DE' },
  { re: /(?<![\p{L}\p{N}])C1\s*\+?\s*E(?![\p{L}\p{N}])/iu, category: 'C1E' },
  { re: /\b(?:HGV|LGV)\s*(?:class|cat\.?)?\s*1\b|\bclass\s*1\s*(?:HGV|LGV)\b|\bAZ\s+(?:licen[cs]e|driver)\b/i, category: 'CE' },
  { re: /\b(?:HGV|LGV)\s*(?:class|cat\.?)?\s*2\b|\bclass\s*2\s*(?:HGV|LGV)\b|\bDZ\s+(?:licen[cs]e|driver)\b/i, category: 'C' },
  { re: /\bPCV\b/i, category: 'D' },
];

function toCategory(token: string): DrivingCategory | undefined {
  const t = token.toUpperCase().replace(/[\s+]/g, '');
  return (DRIVING_CATEGORIES as readonly string[]).includes(t) ? (t as DrivingCategory) : undefined;
}

/** Driving-licence categories named in a short text ("permis B et C+E" → B, CE); [] when none is named. */
export function drivingCategoriesIn(text: string): DrivingCategory[] {
  const found = new Set<DrivingCategory>();
  for (const { re, category } of STANDALONE) if (re.test(text)) found.add(category);
  if (LICENCE_WORDS.test(text)) {
    for (const m of text.matchAll(CATEGORY_TOKEN)) {
      const c = toCategory(m[1]!);
      // A lone "A" is an article in French and Spanish ("permis à obtenir", "licencia a cargo"): only in caps.
      if (c && !(c === 'A' && m[1] !== 'A')) found.add(c);
    }
  }
  return [...found];
}

/** Common certificates, by a canonical label, with the ways people write them. */
const CERTIFICATES: { label: string; re: RegExp }[] = [
  {
    label: 'driver CPC (code 95)',
    re: /\b(?:code\s*95|modul\s*95|driver\s*cpc|cpc\s*(?:card|driver)|fimo|fco|cap\s+(?:de\s+)?(?:conductor|mercanc[ií]as)|berufskraftfahrer\s*qualifi\w*|bkrf\w*|fahrerqualifizierung(?:snachweis)?)\b/i,
  },
  { label: 'ADR dangerous goods', re: /\b(?:adr|gefahrgut\w*|mati[eè]res\s+dangereuses|mercanc[ií]as\s+peligrosas)\b/i },
  { label: 'forklift licence', re: /\b(?:forklift\s*(?:licen[cs]e|certificate|ticket)|staplerschein|caces|carnet\s+de\s+carretiller[oa])\b/i },
  { label: 'tachograph driver card', re: /\b(?:tachograph\s*card|driver\s*card|fahrerkarte|carte\s+conducteur|tarjeta\s+de\s+tac[oó]grafo)\b/i },
  { label: 'HACCP', re: /\bhaccp\b/i },
  { label: 'basic life support (BLS)', re: /\b(?:bls|basic\s+life\s+support)\b/i },
];

/** Certificates named in a text, by canonical label. */
export function certificatesIn(text: string): string[] {
  return CERTIFICATES.filter((c) => c.re.test(text)).map((c) => c.label);
}

/** Every credential a profile's free texts name (skills, experience titles), deduplicated. */
export function credentialsInTexts(texts: readonly string[]): Credential[] {
  const out: Credential[] = [];
  const seen = new Set<string>();
  for (const t of texts) {
    for (const category of drivingCategoriesIn(t)) {
      if (!seen.has(`d|${category}`)) out.push({ kind: 'driving-licence', category });
      seen.add(`d|${category}`);
    }
    for (const label of certificatesIn(t)) {
      if (!seen.has(`c|${label}`)) out.push({ kind: 'certificate', label });
      seen.add(`c|${label}`);
    }
  }
  return out;
}

/**
 * Required credentials named in one requirement text (a vacancy's skill line such as "Führerschein Klasse CE").
 * Alternatives ("permis C/CE") require the least of them.
 */
export function requiredCredentialsIn(text: string, essential: boolean): RequiredCredential[] {
  const cats = drivingCategoriesIn(text);
  const minimal = cats.filter((c) => !cats.some((o) => o !== c && drivingCovers(c, o)));
  return [
    ...minimal.map((category) => ({ kind: 'driving-licence' as const, category, essential })),
    ...certificatesIn(text).map((label) => ({ kind: 'certificate' as const, label, essential })),
  ];
}

// Words that can surround a licence without naming anything else ("valid", "required", "for", "en vigor"...).
const FILLER = new Set(
  'driving de conduire conducir condução fur für pour para for of la le el valid valido valida gultig gültig gultige required exige exigé obligatoire erforderlich en vigor a à jour et und and y with mit avec con'.split(' '),
);

/** Whether a requirement text is only a credential (then it is checked as one, not matched as a skill). */
export function isCredentialText(text: string): boolean {
  if (requiredCredentialsIn(text, true).length === 0) return false;
  // Strip what the credential parsers recognise; nothing left means the line names nothing else.
  const g = (re: RegExp) => new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let rest = text.replace(g(LICENCE_WORDS), ' ').replace(g(CATEGORY_TOKEN), ' ');
  for (const { re } of STANDALONE) rest = rest.replace(g(re), ' ');
  for (const c of CERTIFICATES) rest = rest.replace(g(c.re), ' ');
  const words = normalizeText(rest).split(' ').filter((w) => w && !FILLER.has(w));
  return words.join('').length <= 3;
}

export interface CredentialParams {
  /** Credit for a lower category of the same family (C for CE). */
  licenceFamilyCredit: number;
  /** Credit for a recognition procedure in progress. */
  recognitionInProgressCredit: number;
  /** Minimum label similarity for a certificate to count as the one required. */
  certificateThreshold: number;
}

/** Check one required credential against what the profile holds (and, for certificates, the profile's skill labels). */
export function checkCredential(required: RequiredCredential, held: readonly Credential[], skillLabels: readonly string[], p: CredentialParams): CredentialCheck {
  let best: CredentialCheck = { required, credit: 0 };
  const consider = (credit: number, h: Credential) => {
    if (credit > best.credit) best = { required, credit, held: h };
  };
  for (const h of held) {
    if (required.kind === 'driving-licence' && h.kind === 'driving-licence') {
      if (drivingCovers(h.category, required.category)) consider(1, h);
      else if (sameFamily(h.category, required.category)) consider(p.licenceFamilyCredit, h);
    } else if (required.kind === 'recognition' && h.kind === 'recognition' && h.country.toUpperCase() === required.country.toUpperCase()) {
      consider(h.status === 'in-progress' ? p.recognitionInProgressCredit : 1, h);
    } else if (required.kind === 'certificate' && h.kind === 'certificate') {
      const sim = h.label === required.label ? 1 : lexicalSimilarity(h.label, required.label);
      if (sim >= p.certificateThreshold) consider(sim, h);
    }
  }
  if (required.kind === 'certificate' && best.credit < 1) {
    for (const label of skillLabels) {
      const sim = certificatesIn(label).includes(required.label) ? 1 : lexicalSimilarity(label, required.label);
      if (sim >= p.certificateThreshold) consider(sim, { kind: 'certificate', label });
    }
  }
  return best;
}

/** A stable short text for a credential (explanations, dedup keys). */
export function credentialLabel(c: Credential): string {
  if (c.kind === 'driving-licence') return `driving licence ${c.category}`;
  if (c.kind === 'recognition') return `recognised qualification (${c.country.toUpperCase()})`;
  return c.label;
}
