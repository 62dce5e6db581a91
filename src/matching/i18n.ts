import type { ComponentName } from './types.js';

export const SUMMARY_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];

/**
 * Pick the first supported language from an Accept-Language header ("fr-CA,fr;q=0.9,en;q=0.5") or an ordered list.
 * Regional variants fall back to their base language; "*" or nothing supported yields the fallback (en).
 */
export function negotiateLanguage(
  preference: string | readonly string[] | undefined | null,
  supported: readonly string[] = SUMMARY_LANGUAGES,
  fallback: string = 'en',
): string {
  if (!preference) return fallback;
  const entries: { tag: string; q: number; i: number }[] = [];
  const list = typeof preference === 'string' ? preference.split(',') : preference;
  list.forEach((item, i) => {
    const [tagPart = '', ...paramParts] = item.trim().split(';');
    let q = 1;
    for (const p of paramParts) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    const tag = tagPart.trim().toLowerCase();
    if (tag && Number.isFinite(q) && q > 0) entries.push({ tag, q, i });
  });
  entries.sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of entries) {
    if (tag === '*') return fallback;
    if (supported.includes(tag)) return tag;
    const base = tag.split('-')[0] ?? '';
    if (supported.includes(base)) return base;
  }
  return fallback;
}

export type Audience = 'seeker' | 'employer';

/** What each component is called in a sentence ("mostly through …"). */
export const COMPONENT_LABELS: Record<SummaryLanguage, Record<ComponentName, string>> = {
  en: {
    semantic: 'the overall similarity of the descriptions',
    essentialSkills: 'the essential skills',
    optionalSkills: 'the optional skills',
    occupation: 'the occupation',
    language: 'the language requirements',
    location: 'the location',
    experience: 'the experience',
    education: 'the education',
    licences: 'the licences and certificates',
  },
  fr: {
    semantic: 'à la proximité générale des descriptions',
    essentialSkills: 'aux compétences essentielles',
    optionalSkills: 'aux compétences facultatives',
    occupation: 'au métier',
    language: 'aux exigences linguistiques',
    location: 'au lieu de travail',
    experience: "à l'expérience",
    education: 'à la formation',
    licences: 'aux permis et certificats',
  },
  es: {
    semantic: 'la similitud general de las descripciones',
    essentialSkills: 'las competencias esenciales',
    optionalSkills: 'las competencias opcionales',
    occupation: 'la ocupación',
    language: 'los requisitos de idioma',
    location: 'la ubicación',
    experience: 'la experiencia',
    education: 'la formación',
    licences: 'los permisos y certificados',
  },
  ar: {
    semantic: 'التشابه العام بين الوصفين',
    essentialSkills: 'المهارات الأساسية',
    optionalSkills: 'المهارات الاختيارية',
    occupation: 'المهنة',
    language: 'المتطلبات اللغوية',
    location: 'مكان العمل',
    experience: 'الخبرة',
    education: 'المؤهل الدراسي',
    licences: 'الرخص والشهادات',
  },
};

// Intl objects are costly to construct; keep one per language (a memo, not state: same input, same output).
const percentFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const languageNames = new Map<string, Intl.DisplayNames>();

export function pct(lang: SummaryLanguage, x: number): string {
  let f = percentFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang, { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(lang, f);
  }
  return f.format(x);
}

export function list(lang: SummaryLanguage, items: string[]): string {
  let f = listFormats.get(lang);
  if (!f) {
    f = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
    listFormats.set(lang, f);
  }
  return f.format(items);
}

export function languageName(lang: SummaryLanguage, code: string): string {
  try {
    let f = languageNames.get(lang);
    if (!f) {
      f = new Intl.DisplayNames([lang], { type: 'language' });
      languageNames.set(lang, f);
    }
    return f.of(code) ?? code;
  } catch {
    return code;
  }
}
