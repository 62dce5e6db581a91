/**
 * Self-declared protected attributes as fairness categories. Pure: no I/O.
 * A seeker may declare any of them, answer "prefer not to say", or leave them out ("undeclared"); both of the last two
 * are reported as categories of their own and never enter impact ratios (NYC LL144: unknown categories are counted,
 * not compared).
 */

export const PREFER_NOT_TO_SAY = 'prefer-not-to-say';
export const UNDECLARED = 'undeclared';

export const SEX_VALUES = ['female', 'male', 'other', PREFER_NOT_TO_SAY] as const;
export const AGE_BANDS = ['<25', '25-34', '35-44', '45-54', '55-64', '65+', PREFER_NOT_TO_SAY] as const;
export const DISABILITY_VALUES = ['yes', 'no', PREFER_NOT_TO_SAY] as const;

/**
 * Nationality regions: UN M49 sub-regions grouped for labour migration. A region, not a country, is what the audit
 * needs, and it identifies a person far less.
 */
const REGION_COUNTRIES = {
  'eu-efta': 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH',
  'europe-other': 'AD AL BA BY FO GB GG GI IM JE MC MD ME MK RS RU SM UA VA XK AX SJ',
  'north-africa': 'DZ EG LY MA SD TN EH',
  'sub-saharan-africa':
    'AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ NA NE NG RE RW SC SH SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM ZW',
  'middle-east': 'AE AM AZ BH GE IL IQ JO KW LB OM PS QA SA SY TR YE',
  'central-asia': 'KZ KG TJ TM UZ',
  'south-asia': 'AF BD BT IN IR LK MV NP PK IO',
  'east-southeast-asia': 'BN CN HK ID JP KH KP KR LA MM MN MO MY PH SG TH TL TW VN',
  'latin-america-caribbean':
    'AG AI AR AW BB BL BO BQ BR BS BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI',
  'north-america': 'BM CA GL PM US UM',
  oceania: 'AQ AS AU BV CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TF TK TO TV VU WF WS',
} as const;

export type NationalityRegion = keyof typeof REGION_COUNTRIES;
export const NATIONALITY_REGIONS = [...(Object.keys(REGION_COUNTRIES) as NationalityRegion[]), PREFER_NOT_TO_SAY] as const;

const REGION_OF = new Map<string, NationalityRegion>(
  (Object.entries(REGION_COUNTRIES) as [NationalityRegion, string][]).flatMap(([region, list]) => list.split(' ').map((c) => [c, region] as const)),
);

/** The nationality region of an ISO 3166-1 alpha-2 country code, or undefined for a code not in the table. */
export function regionOfCountry(country: string | null | undefined): NationalityRegion | undefined {
  return country ? REGION_OF.get(country.toUpperCase()) : undefined;
}

export const FAIRNESS_ATTRIBUTES = ['sex', 'ageBand', 'nationalityRegion', 'disability'] as const;
export type FairnessAttribute = (typeof FAIRNESS_ATTRIBUTES)[number];

export const ATTRIBUTE_VALUES: Record<FairnessAttribute, readonly string[]> = {
  sex: SEX_VALUES,
  ageBand: AGE_BANDS,
  nationalityRegion: NATIONALITY_REGIONS,
  disability: DISABILITY_VALUES,
};

/** One person's declared attributes as stored (null = not declared). */
export interface DeclaredAttributes {
  sex: string | null;
  ageBand: string | null;
  nationalityRegion: string | null;
  disability: string | null;
}

/** The category separator of an intersection ("female×25-34"). */
export const INTERSECTION = '×';

/**
 * Parse an attribute or an intersection: "sex", "sex×ageBand" (also "sex*ageBand", "sex,ageBand" or "sex x ageBand"
 * for clients that cannot send "×"). Returns null if a part is unknown or repeated.
 */
export function parseAttributeSpec(spec: string): FairnessAttribute[] | null {
  const parts = spec
    .split(/\s*(?:×|\*|,|\s+x\s+)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > FAIRNESS_ATTRIBUTES.length) return null;
  if (new Set(parts).size !== parts.length) return null;
  for (const p of parts) if (!(FAIRNESS_ATTRIBUTES as readonly string[]).includes(p)) return null;
  return parts as FairnessAttribute[];
}

/** A stored value as its category: declared values as they are, "undisclosed" (older input) as prefer-not-to-say. */
export function valueCategory(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return UNDECLARED;
  if (value === 'undisclosed') return PREFER_NOT_TO_SAY;
  return value;
}

/** Whether a category can enter impact ratios: every part was declared (not undeclared, not prefer-not-to-say). */
export function isComparable(category: string): boolean {
  return category.split(INTERSECTION).every((p) => p !== UNDECLARED && p !== PREFER_NOT_TO_SAY);
}

/** The category of a person for an attribute or intersection; null attributes (no record at all) are undeclared. */
export function categoryOf(attrs: DeclaredAttributes | null | undefined, spec: readonly FairnessAttribute[]): string {
  return spec.map((a) => valueCategory(attrs?.[a])).join(INTERSECTION);
}

/** Every possible category of a spec, in a stable order (declared values first, then prefer-not-to-say, undeclared). */
export function allCategories(spec: readonly FairnessAttribute[]): string[] {
  let out: string[] = [''];
  for (const a of spec) {
    const values = [...ATTRIBUTE_VALUES[a], UNDECLARED];
    out = out.flatMap((prefix) => values.map((v) => (prefix ? `${prefix}${INTERSECTION}${v}` : v)));
  }
  return out;
}
