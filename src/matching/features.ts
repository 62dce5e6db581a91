import { isCefrLevel } from './cefr.js';
import type {
  EducationLevel,
  ExperienceEntry,
  LanguageLevel,
  OccupationRef,
  ProfileFeatures,
  ProfileSkill,
  RequiredSkill,
  VacancyFeatures,
  VacancyStatus,
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

/** Build scorer input from a raw profile object (a row, a request body), copying only allowed fields. */
export function buildProfileFeatures(raw: unknown): ProfileFeatures {
  const o = obj(raw);
  const consent = obj(o.consent);
  const skills: ProfileSkill[] = [];
  for (const item of arr(o.skills)) {
    const s = obj(item);
    const label = str(s.label);
    const esco = str(s.esco);
    if (label) skills.push({ label, ...(esco ? { esco } : {}) });
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
  return {
    id: str(o.id) ?? '',
    occupations: arr(o.occupations).flatMap((x) => {
      const r = occupationRef(x);
      return r ? [r] : [];
    }),
    skills,
    experience,
    languages: languages(o.languages),
    ...(residenceCountry ? { residenceCountry } : {}),
    destinations: arr(o.destinations).flatMap((d) => {
      const c = country(d);
      return c ? [c] : [];
    }),
    ...(educationLevel !== undefined ? { educationLevel } : {}),
    consent: { matching: consent.matching === true, visibleToEmployers: consent.visibleToEmployers === true },
  };
}

const STATUSES: readonly VacancyStatus[] = ['draft', 'open', 'closed', 'filled', 'archived'];

/** Build scorer input from a raw vacancy object, copying only allowed fields. */
export function buildVacancyFeatures(raw: unknown): VacancyFeatures {
  const o = obj(raw);
  const skills: RequiredSkill[] = [];
  for (const item of arr(o.skills)) {
    const s = obj(item);
    const label = str(s.label);
    const esco = str(s.esco);
    if (label) skills.push({ label, ...(esco ? { esco } : {}), essential: s.essential !== false });
  }
  const occupation = occupationRef(o.occupation);
  const c = country(o.country);
  const region = str(o.region);
  const minExperienceYears = num(o.minExperienceYears);
  const minEducationLevel = education(o.minEducationLevel);
  const expiresAt = str(o.expiresAt);
  return {
    id: str(o.id) ?? '',
    title: str(o.title) ?? '',
    ...(occupation ? { occupation } : {}),
    skills,
    languages: languages(o.languages),
    ...(c ? { country: c } : {}),
    ...(region ? { region } : {}),
    remote: o.remote === true,
    status: STATUSES.includes(o.status as VacancyStatus) ? (o.status as VacancyStatus) : 'draft',
    expiresAt: expiresAt ?? null,
    ...(minExperienceYears !== undefined && minExperienceYears >= 0 ? { minExperienceYears } : {}),
    ...(minEducationLevel !== undefined ? { minEducationLevel } : {}),
  };
}
