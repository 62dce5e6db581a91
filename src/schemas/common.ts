import { z } from 'zod';
import { ID_PATTERN, type IdPrefix } from '../ids.js';

// Shared primitives: ids, codes, pagination. Every other schema builds on these.

export const idSchema = (prefix: IdPrefix) =>
  z.string().regex(ID_PATTERN(prefix), { message: `must be a ${prefix}_ id` }).meta({ example: `${prefix}_01jdx0y8a7m2c9t4v6w8z0b1c3` });

// ISO 3166-1 alpha-2 (officially assigned codes), so a typo such as "XX" is caught at the edge.
export const ISO_COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
    'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ ' +
    'OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);
export const countrySchema = z
  .string()
  .refine((c) => ISO_COUNTRIES.has(c), { message: 'must be an ISO 3166-1 alpha-2 country code in upper case, e.g. "DE"' })
  .meta({ example: 'DE' });

// ISO 639-1 language codes.
export const ISO_LANGS = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ' +
    'ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my ' +
    'na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ' +
    'ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);
export const languageCodeSchema = z
  .string()
  .refine((c) => ISO_LANGS.has(c), { message: 'must be an ISO 639-1 language code in lower case, e.g. "fr"' })
  .meta({ example: 'fr' });

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const cefrSchema = z.enum(CEFR_LEVELS);

export const LanguageRequirementSchema = z
  .object({ code: languageCodeSchema, level: cefrSchema })
  .strict();

export const escoOccupationUriSchema = z
  .string()
  .max(200)
  .regex(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/, { message: 'must be an ESCO occupation URI' });
export const escoSkillUriSchema = z
  .string()
  .max(200)
  .regex(/^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-zA-Z-]{4,64}$/, { message: 'must be an ESCO skill URI' });
export const iscoCodeSchema = z.string().regex(/^\d{1,4}$/, { message: 'must be an ISCO-08 code of 1 to 4 digits' });

export const isoDateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** A trimmed, non-empty, bounded text without control characters other than newline and tab. */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { message: 'must not contain control characters' })
    // Bidi overrides force a direction on the text after them: "Nurse \u202E00.81 RUE" shows as "Nurse EUR 18.00"
    // to the seeker. Plain text has no use for them (marks and isolates, which Arabic text does carry, stay allowed).
    .refine((s) => !/[\u202D\u202E]/.test(s), { message: 'must not contain a bidi override (U+202D, U+202E)' });

/**
 * Caps on list sizes, far above what a real CV or job ad holds and low enough to bound a request's work (README
 * "Limits"). A profile's skills: LinkedIn's own cap is 100, ESCO occupations list 36 skills at the median; a
 * vacancy's: 99 % of ESCO occupations list at most 119 (essential and optional together), at most 70 essential.
 */
export const LIST_CAPS = {
  profileSkills: 100,
  experience: 30,
  vacancySkills: 100,
  languages: 20,
  destinations: 30,
  pathways: 10,
  /** Licences, certificates and recognitions a vacancy requires / a person holds. */
  requiredLicences: 20,
  heldLicences: 30,
} as const;

/** A list with a cap whose error names the limit ("must hold at most 100 items"). */
export const listOf = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, { message: `must hold at most ${max} items` });

export const PaginationQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const booleanQuerySchema = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

