import type { CefrLevel, ComponentName } from './types.js';

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

export interface SummaryFacts {
  audience: Audience;
  score: number;
  /** Component with the largest contribution. */
  strongest: ComponentName;
  essentialTotal: number;
  essentialMet: number;
  matchedExamples: string[];
  missingEssential: string[];
  languageGap?: { code: string; required: CefrLevel; have: CefrLevel | null };
  improve?: { kind: 'skill'; label: string; scoreAfter: number } | { kind: 'language'; code: string; level: CefrLevel; scoreAfter: number };
}

const COMPONENT_LABELS: Record<SummaryLanguage, Record<ComponentName, string>> = {
  en: {
    semantic: 'the overall similarity of the descriptions',
    essentialSkills: 'the essential skills',
    optionalSkills: 'the optional skills',
    occupation: 'the occupation',
    language: 'the language requirements',
    location: 'the location',
    experience: 'the experience',
  },
  fr: {
    semantic: 'à la proximité générale des descriptions',
    essentialSkills: 'aux compétences essentielles',
    optionalSkills: 'aux compétences facultatives',
    occupation: 'au métier',
    language: 'aux exigences linguistiques',
    location: 'au lieu de travail',
    experience: "à l'expérience",
  },
  es: {
    semantic: 'la similitud general de las descripciones',
    essentialSkills: 'las competencias esenciales',
    optionalSkills: 'las competencias opcionales',
    occupation: 'la ocupación',
    language: 'los requisitos de idioma',
    location: 'la ubicación',
    experience: 'la experiencia',
  },
  ar: {
    semantic: 'التشابه العام بين الوصفين',
    essentialSkills: 'المهارات الأساسية',
    optionalSkills: 'المهارات الاختيارية',
    occupation: 'المهنة',
    language: 'المتطلبات اللغوية',
    location: 'مكان العمل',
    experience: 'الخبرة',
  },
};

// Intl objects are costly to construct; keep one per language (a memo, not state: same input, same output).
const percentFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const languageNames = new Map<string, Intl.DisplayNames>();

function pct(lang: SummaryLanguage, x: number): string {
  let f = percentFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang, { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(lang, f);
  }
  return f.format(x);
}

function list(lang: SummaryLanguage, items: string[]): string {
  let f = listFormats.get(lang);
  if (!f) {
    f = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
    listFormats.set(lang, f);
  }
  return f.format(items);
}

function languageName(lang: SummaryLanguage, code: string): string {
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

/** Two or three plain sentences describing a match, in one supported language. */
export function renderSummary(langInput: string, f: SummaryFacts): string {
  const lang: SummaryLanguage = (SUMMARY_LANGUAGES as readonly string[]).includes(langInput) ? (langInput as SummaryLanguage) : 'en';
  const seeker = f.audience === 'seeker';
  const p = pct(lang, f.score);
  const strongest = COMPONENT_LABELS[lang][f.strongest];
  const q = (x: string): string => (lang === 'fr' ? `«\u00a0${x}\u00a0»` : lang === 'ar' ? `«${x}»` : `“${x}”`);
  const examples = f.matchedExamples.map(q);
  const missing = f.missingEssential.map(q);
  const sentences: string[] = [];

  switch (lang) {
    case 'en': {
      sentences.push(seeker ? `This vacancy matches your profile at ${p}, mostly through ${strongest}.` : `This candidate matches the vacancy at ${p}, mostly through ${strongest}.`);
      if (f.essentialTotal === 0) sentences.push('The vacancy lists no essential skills.');
      else {
        let s = `${seeker ? 'You have' : 'The candidate has'} ${f.essentialMet} of ${f.essentialTotal} essential skills${examples.length ? ` (such as ${list(lang, examples)})` : ''}`;
        s += missing.length ? `; missing: ${list(lang, missing)}.` : '.';
        sentences.push(s);
      }
      if (f.improve?.kind === 'skill') sentences.push(`Adding ${q(f.improve.label)} would raise the match to ${pct(lang, f.improve.scoreAfter)}.`);
      else if (f.improve?.kind === 'language')
        sentences.push(`Reaching ${f.improve.level} in ${languageName(lang, f.improve.code)} would raise the match to ${pct(lang, f.improve.scoreAfter)}.`);
      else if (f.languageGap) sentences.push(`The vacancy requires ${languageName(lang, f.languageGap.code)} at level ${f.languageGap.required}.`);
      break;
    }
    case 'fr': {
      sentences.push(seeker ? `Cette offre correspond à votre profil à ${p}, surtout grâce ${strongest}.` : `Ce candidat correspond à l'offre à ${p}, surtout grâce ${strongest}.`);
      if (f.essentialTotal === 0) sentences.push("L'offre ne mentionne aucune compétence essentielle.");
      else {
        let s = `${seeker ? 'Vous avez' : 'Le candidat a'} ${f.essentialMet} compétence${f.essentialMet > 1 ? 's' : ''} essentielle${f.essentialMet > 1 ? 's' : ''} sur ${f.essentialTotal}${examples.length ? ` (par exemple ${list(lang, examples)})` : ''}`;
        s += missing.length ? ` ; il manque : ${list(lang, missing)}.` : '.';
        sentences.push(s);
      }
      if (f.improve?.kind === 'skill') sentences.push(`Ajouter ${q(f.improve.label)} porterait la correspondance à ${pct(lang, f.improve.scoreAfter)}.`);
      else if (f.improve?.kind === 'language')
        sentences.push(`Atteindre le niveau ${f.improve.level} en ${languageName(lang, f.improve.code)} porterait la correspondance à ${pct(lang, f.improve.scoreAfter)}.`);
      else if (f.languageGap) sentences.push(`L'offre exige le niveau ${f.languageGap.required} en ${languageName(lang, f.languageGap.code)}.`);
      break;
    }
    case 'es': {
      sentences.push(seeker ? `Esta oferta coincide con su perfil en un ${p}, sobre todo por ${strongest}.` : `Este candidato coincide con la oferta en un ${p}, sobre todo por ${strongest}.`);
      if (f.essentialTotal === 0) sentences.push('La oferta no indica competencias esenciales.');
      else {
        let s = `${seeker ? 'Usted tiene' : 'El candidato tiene'} ${f.essentialMet} de ${f.essentialTotal} competencias esenciales${examples.length ? ` (por ejemplo, ${list(lang, examples)})` : ''}`;
        s += missing.length ? `; faltan: ${list(lang, missing)}.` : '.';
        sentences.push(s);
      }
      if (f.improve?.kind === 'skill') sentences.push(`Añadir ${q(f.improve.label)} elevaría la coincidencia al ${pct(lang, f.improve.scoreAfter)}.`);
      else if (f.improve?.kind === 'language')
        sentences.push(`Alcanzar el nivel ${f.improve.level} de ${languageName(lang, f.improve.code)} elevaría la coincidencia al ${pct(lang, f.improve.scoreAfter)}.`);
      else if (f.languageGap) sentences.push(`La oferta requiere un nivel ${f.languageGap.required} de ${languageName(lang, f.languageGap.code)}.`);
      break;
    }
    case 'ar': {
      sentences.push(seeker ? `تتوافق هذه الوظيفة مع ملفك بنسبة ${p}، ويعود ذلك أساسًا إلى ${strongest}.` : `يتوافق هذا المرشح مع الوظيفة بنسبة ${p}، ويعود ذلك أساسًا إلى ${strongest}.`);
      if (f.essentialTotal === 0) sentences.push('لا تذكر الوظيفة أي مهارات أساسية.');
      else {
        let s = `${seeker ? 'لديك' : 'لدى المرشح'} ${f.essentialMet} من أصل ${f.essentialTotal} من المهارات الأساسية${examples.length ? ` (مثل ${list(lang, examples)})` : ''}`;
        s += missing.length ? `، و${seeker ? 'تنقصك' : 'تنقصه'}: ${list(lang, missing)}.` : '.';
        sentences.push(s);
      }
      if (f.improve?.kind === 'skill') sentences.push(`إضافة ${q(f.improve.label)} سترفع نسبة التوافق إلى ${pct(lang, f.improve.scoreAfter)}.`);
      else if (f.improve?.kind === 'language')
        sentences.push(`بلوغ المستوى ${f.improve.level} في ${languageName(lang, f.improve.code)} سيرفع نسبة التوافق إلى ${pct(lang, f.improve.scoreAfter)}.`);
      else if (f.languageGap) sentences.push(`تتطلب الوظيفة ${languageName(lang, f.languageGap.code)} بمستوى ${f.languageGap.required}.`);
      break;
    }
  }
  return sentences.join(' ');
}
