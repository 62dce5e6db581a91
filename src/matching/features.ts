import { isCefrLevel } from './cefr.js';
import { credentialLabel, credentialsInTexts, isCredentialText, requiredCredentialsIn } from './licences.js';
import {
  DRIVING_CATEGORIES,
  type Credential,
  type DrivingCategory,
  type RequiredCredential,
  type VacancyRequirements,
  type EducationLevel,
  type ExperienceEntry,
  type LanguageLevel,
  type OccupationRef,
  type ProfileFeatures,
  type ProfileSkill,
  type RequiredSkill,
  type SkillReading,
  type VacancyFeatures,
  type VacancyStatus,
} from './types.js';

/**
 * Field names that denote protected attributes (or direct proxies we control). None exists in the feature types;
 * the builders below copy an allow-list of fields, so these are dropped even when a raw object carries them.
 */
export const PROTECTED_ATTRIBUTES = [
  'sex',
  'gender',
  'age',
  'birthDate',
  'dateOfBirth',
  'birthYear',
  'nationality',
  'citizenship',
  'countryOfBirth',
  'ethnicity',
  'race',
  'religion',
  'disability',
  'maritalStatus',
  'pregnancy',
  'sexualOrientation',
  'name',
  'firstName',
  'lastName',
  'photo',
] as const;
export type ProtectedAttribute = (typeof PROTECTED_ATTRIBUTES)[number];

/** Compile-time guard: fails to type-check if a feature type ever gains a protected field. */
type NoProtectedKeys<T> = Extract<keyof T, ProtectedAttribute> extends never ? true : false;
export const FEATURE_TYPES_HAVE_NO_PROTECTED_FIELDS: NoProtectedKeys<ProfileFeatures> &
  NoProtectedKeys<VacancyFeatures> &
  NoProtectedKeys<ExperienceEntry> &
  NoProtectedKeys<ProfileSkill> &
  NoProtectedKeys<OccupationRef> = true;

/** Every key path of a plain object (for tests and audits that no protected key reached the features). */
export function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${prefix}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}${prefix ? '.' : ''}${k}`, ...keyPaths(v, `${prefix}${prefix ? '.' : ''}${k}`)]);
  }
  return [];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const country = (v: unknown): string | undefined => {
  const s = str(v);
  return s && /^[A-Za-z]{2}$/.test(s) ? s.toUpperCase() : undefined;
};

function occupationRef(v: unknown): OccupationRef | undefined {
  const o = obj(v);
  const escoUri = str(o.escoUri);
  const iscoCode = str(o.iscoCode);
  if (!escoUri && !iscoCode) return undefined;
  const confidence = num(o.confidence);
  const label = str(o.label);
  return {
    ...(escoUri ? { escoUri } : {}),
    ...(iscoCode ? { iscoCode } : {}),
    source: o.source === 'set' ? 'set' : 'suggested',
    ...(confidence !== undefined ? { confidence: Math.min(1, Math.max(0, confidence)) } : {}),
    ...(label ? { label } : {}),
  };
}

function occupationRefs(v: unknown): OccupationRef[] {
  return arr(v).flatMap((x) => {
    const r = occupationRef(x);
    return r ? [r] : [];
  });
}

function credential(v: unknown): Credential | undefined {
  const o = obj(v);
  if (o.kind === 'driving-licence') {
    const category = str(o.category)?.toUpperCase();
    return category && (DRIVING_CATEGORIES as readonly string[]).includes(category) ? { kind: 'driving-licence', category: category as DrivingCategory } : undefined;
  }
  if (o.kind === 'recognition') {
    const c = country(o.country);
    if (!c) return undefined;
    return { kind: 'recognition', country: c, ...(o.status === 'in-progress' || o.status === 'granted' ? { status: o.status } : {}) };
  }
  if (o.kind === 'certificate') {
    const label = str(o.label);
    return label ? { kind: 'certificate', label } : undefined;
  }
  return undefined;
}

const credentialKey = (c: Credential): string => `${c.kind}|${credentialLabel(c)}`;

function requirements(v: unknown, skillLines: readonly { label: string; essential: boolean }[]): VacancyRequirements {
  const o = obj(v);
  const years = (x: unknown): { min: number; essential: boolean } | undefined => {
    const y = obj(x);
    const min = num(y.min);
    return min !== undefined && min > 0 ? { min: Math.min(60, min), essential: y.essential !== false } : undefined;
  };
  const experienceYears = years(o.experienceYears);
  const occupationYears = years(o.occupationYears);
  const edu = obj(o.education);
  const minLevel = education(edu.minLevel);
  const licences: RequiredCredential[] = [];
  const seen = new Set<string>();
  const add = (r: RequiredCredential) => {
    const k = credentialKey(r);
    if (!seen.has(k)) licences.push(r);
    seen.add(k);
  };
  for (const item of arr(o.licences)) {
    const c = credential(item);
    if (c) add({ ...c, essential: obj(item).essential !== false });
  }
  // "Führerschein Klasse CE" or "permis C+E" written as a skill is a licence requirement.
  for (const s of skillLines) for (const r of requiredCredentialsIn(s.label, s.essential)) add(r);
  return {
    ...(experienceYears ? { experienceYears } : {}),
    ...(occupationYears ? { occupationYears } : {}),
    ...(minLevel !== undefined && minLevel > 0 ? { education: { minLevel, essential: edu.essential !== false } } : {}),
    licences,
  };
}

function languages(v: unknown): LanguageLevel[] {
  const out: LanguageLevel[] = [];
  for (const item of arr(v)) {
    const o = obj(item);
    const code = str(o.code)?.toLowerCase();
    if (code && /^[a-z]{2,3}$/.test(code) && isCefrLevel(o.level)) out.push({ code, level: o.level });
  }
  return out;
}

function education(v: unknown): EducationLevel | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 8 ? (n as EducationLevel) : undefined;
}

/** The machine reading of a skill line (SkillReading): at most 4 alternative URIs and a short English reading. */
function skillReading(s: Record<string, unknown>): SkillReading {
  const alts = arr(s.alts).flatMap((a) => (typeof a === 'string' && a ? [a] : [])).slice(0, 4);
  const reading = str(s.reading);
  return { ...(alts.length ? { alts } : {}), ...(reading && reading.length <= 200 ? { reading } : {}) };
}

/** Build scorer input from a raw profile object (a row, a request body), copying only allowed fields. */
export function buildProfileFeatures(raw: unknown): ProfileFeatures {
  const o = obj(raw);
  const consent = obj(o.consent);
  const skills: ProfileSkill[] = [];
  for (const item of arr(o.skills)) {
    const s = obj(item);
    const label = str(s.label);
    const esco = str(s.esco);
    const escoLabel = str(s.escoLabel);
    if (label) skills.push({ label, ...(esco ? { esco } : {}), ...(esco && escoLabel ? { escoLabel } : {}), ...skillReading(s) });
  }
  const experience: ExperienceEntry[] = [];
  for (const item of arr(o.experience)) {
    const e = obj(item);
    const title = str(e.title);
    if (!title) continue;
    const c = country(e.country);
    const occ = occupationRef(e.occupation);
    experience.push({ title, years: Math.max(0, num(e.years) ?? 0), ...(c ? { country: c } : {}), ...(occ ? { occupation: occ } : {}) });
  }
  const residenceCountry = country(o.residenceCountry);
  const educationLevel = education(o.educationLevel);
  const licences: Credential[] = [];
  const seen = new Set<string>();
  const stated = arr(o.licences).flatMap((x) => {
    const c = credential(x);
    return c ? [c] : [];
  });
  // Licences people write among their skills or titles ("permis C+E", "HGV class 1 driver") count as held.
  for (const c of [...stated, ...credentialsInTexts([...skills.map((s) => s.label), ...experience.map((e) => e.title)])]) {
    if (!seen.has(credentialKey(c))) licences.push(c);
    seen.add(credentialKey(c));
  }
  return {
    id: str(o.id) ?? '',
    occupations: occupationRefs(o.occupations),
    skills,
    experience,
    languages: languages(o.languages),
    ...(residenceCountry ? { residenceCountry } : {}),
    destinations: arr(o.destinations).flatMap((d) => {
      const c = country(d);
      return c ? [c] : [];
    }),
    ...(educationLevel !== undefined ? { educationLevel } : {}),
    licences,
    consent: { matching: consent.matching === true, visibleToEmployers: consent.visibleToEmployers === true },
    ...textLang(o.textLang),
  };
}

/** The detected language of the embedded text (a language code or 'und'), passed through when present. */
function textLang(v: unknown): { textLang?: string } {
  const t = str(v);
  return t && /^([a-z]{2,3}|und)$/.test(t) ? { textLang: t } : {};
}

const STATUSES: readonly VacancyStatus[] = ['draft', 'open', 'closed', 'filled', 'archived'];

/** Build scorer input from a raw vacancy object, copying only allowed fields. */
export function buildVacancyFeatures(raw: unknown): VacancyFeatures {
  const o = obj(raw);
  const skills: RequiredSkill[] = [];
  const credentialLines: { label: string; essential: boolean }[] = [];
  const title = str(o.title) ?? '';
  const lang = str(o.lang);
  for (const item of arr(o.skills)) {
    const s = obj(item);
    const label = str(s.label);
    const esco = str(s.esco);
    const essential = s.essential !== false;
    if (!label) continue;
    // A line that only names a licence is checked as a licence, not matched (or mislinked) as a skill.
    if (isCredentialText(label)) credentialLines.push({ label, essential });
    else skills.push({ label, ...(esco ? { esco } : {}), essential, ...(lang ? { lang } : {}), ...skillReading(s) });
  }
  const single = occupationRef(o.occupation);
  const occupations = single ? [single, ...occupationRefs(o.occupations)] : occupationRefs(o.occupations);
  const c = country(o.country);
  const region = str(o.region);
  const expiresAt = str(o.expiresAt);
  return {
    id: str(o.id) ?? '',
    title,
    occupations,
    skills,
    languages: languages(o.languages),
    ...(c ? { country: c } : {}),
    ...(region ? { region } : {}),
    remote: o.remote === true,
    status: STATUSES.includes(o.status as VacancyStatus) ? (o.status as VacancyStatus) : 'draft',
    expiresAt: expiresAt ?? null,
    // The title counts too: "Truck driver C+E" asks for CE as surely as a skill line does.
    requirements: requirements(o.requirements, [...credentialLines, ...(title ? [{ label: title, essential: true }] : [])]),
    ...textLang(o.textLang),
  };
}
