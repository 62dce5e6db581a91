/** The plain-language summary of a match, in en, fr, es or ar, built only from facts the scorer computed. */
import { COMPONENT_LABELS, languageName, list, pct, SUMMARY_LANGUAGES, type Audience, type SummaryLanguage } from './i18n.js';
import type { CefrLevel, ComponentName, Credential } from './types.js';

export interface SummaryLabel {
  text: string;
  lang: string | null;
}

interface Reading {
  status: 'set' | 'inferred' | 'unknown';
  candidates: { label: SummaryLabel; probability: number }[];
}

export interface SummaryFacts {
  audience: Audience;
  score: number;
  /** Stated component with the largest contribution. */
  strongest: ComponentName;
  occupation: { profile: Reading; vacancy: Reading };
  essential: {
    total: number;
    met: number;
    partial: number;
    /** The essential-skills component value (the coverage the score used). */
    coverage: number;
    examples: SummaryLabel[];
    missing: SummaryLabel[];
  };
  languageGap?: { code: string; required: CefrLevel; have: CefrLevel | null };
  improve?: { kind: 'skill' | 'licence'; display: SummaryLabel; scoreAfter: number } | { kind: 'language'; code: string; level: CefrLevel; scoreAfter: number };
}

function region(lang: SummaryLanguage, code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A licence, recognition or certificate in the reader's language (certificates keep their name). */
export function credentialText(c: Credential, langInput: string): SummaryLabel {
  const lang = asLang(langInput);
  if (c.kind === 'certificate') return { text: c.label, lang: null };
  if (c.kind === 'driving-licence') {
    const t = { en: `driving licence ${c.category}`, fr: `permis ${c.category}`, es: `permiso de conducir ${c.category}`, ar: `رخصة قيادة ${c.category}` }[lang];
    return { text: t, lang };
  }
  const country = region(lang, c.country);
  const t = { en: `recognised qualification (${country})`, fr: `diplôme reconnu (${country})`, es: `título reconocido (${country})`, ar: `مؤهل معترف به (${country})` }[lang];
  return { text: t, lang };
}

const asLang = (l: string): SummaryLanguage => ((SUMMARY_LANGUAGES as readonly string[]).includes(l) ? (l as SummaryLanguage) : 'en');

/** Phrases per language; every number and list is filled from the facts. */
const PHRASES: Record<
  SummaryLanguage,
  {
    quote: (x: string) => string;
    head: (seeker: boolean, p: string, strongest: string) => string;
    readAs: (seeker: boolean, first: string, also: string | null) => string;
    setAs: (seeker: boolean, label: string) => string;
    unknown: (seeker: boolean) => string;
    vacancyAs: (label: string) => string;
    correct: string;
    noEssential: string;
    essential: (seeker: boolean, met: number, total: number, partial: number, coverage: string) => string;
    examples: (items: string) => string;
    missing: (items: string) => string;
    add: (label: string, p: string) => string;
    reach: (level: string, language: string, p: string) => string;
    requires: (language: string, level: string) => string;
  }
> = {
  en: {
    quote: (x) => `“${x}”`,
    head: (s, p, st) => (s ? `This vacancy matches your profile at ${p}, mostly through ${st}.` : `This candidate matches the vacancy at ${p}, mostly through ${st}.`),
    readAs: (s, first, also) => `We read ${s ? 'your' : "the candidate's"} profile as ${first}${also ? `; also ${also}` : ''}`,
    setAs: (s, label) => `${s ? 'Your occupation, as you set it' : "The candidate's occupation, as they set it"}: ${label}`,
    unknown: (s) => `We could not tell ${s ? 'your' : "the candidate's"} occupation from the profile`,
    vacancyAs: (label) => `, and this vacancy as ${label}`,
    correct: ' (you can set it in your profile).',
    noEssential: 'The vacancy lists no essential skills.',
    essential: (s, met, total, partial, cov) =>
      `${s ? 'You meet' : 'The candidate meets'} ${met} of ${total} essential skills fully${partial ? ` and ${partial} partly` : ''} (coverage ${cov})`,
    examples: (x) => `, such as ${x}`,
    missing: (x) => `; missing: ${x}`,
    add: (l, p) => `Adding ${l} would raise the match to ${p}.`,
    reach: (lv, lg, p) => `Reaching ${lv} in ${lg} would raise the match to ${p}.`,
    requires: (lg, lv) => `The vacancy requires ${lg} at level ${lv}.`,
  },
  fr: {
    quote: (x) => `«\u00a0${x}\u00a0»`,
    head: (s, p, st) => (s ? `Cette offre correspond à votre profil à ${p}, surtout grâce ${st}.` : `Ce candidat correspond à l'offre à ${p}, surtout grâce ${st}.`),
    readAs: (s, first, also) => `Nous lisons ${s ? 'votre profil' : 'le profil du candidat'} comme ${first}${also ? ` ; aussi ${also}` : ''}`,
    setAs: (s, label) => `${s ? 'Votre métier, tel que vous l’avez indiqué' : 'Le métier du candidat, tel qu’il l’a indiqué'} : ${label}`,
    unknown: (s) => `Nous n'avons pas pu déterminer ${s ? 'votre métier' : 'le métier du candidat'} à partir du profil`,
    vacancyAs: (label) => `, et cette offre comme ${label}`,
    correct: ' (vous pouvez le corriger dans votre profil).',
    noEssential: "L'offre ne mentionne aucune compétence essentielle.",
    essential: (s, met, total, partial, cov) =>
      `${s ? 'Vous remplissez' : 'Le candidat remplit'} entièrement ${met} des ${total} compétences essentielles${partial ? ` et ${partial} en partie` : ''} (couverture ${cov})`,
    examples: (x) => `, par exemple ${x}`,
    missing: (x) => ` ; il manque : ${x}`,
    add: (l, p) => `Ajouter ${l} porterait la correspondance à ${p}.`,
    reach: (lv, lg, p) => `Atteindre le niveau ${lv} en ${lg} porterait la correspondance à ${p}.`,
    requires: (lg, lv) => `L'offre exige le niveau ${lv} en ${lg}.`,
  },
  es: {
    quote: (x) => `«${x}»`,
    head: (s, p, st) => (s ? `Esta oferta coincide con su perfil en un ${p}, sobre todo por ${st}.` : `Este candidato coincide con la oferta en un ${p}, sobre todo por ${st}.`),
    readAs: (s, first, also) => `Leemos ${s ? 'su perfil' : 'el perfil del candidato'} como ${first}${also ? `; también ${also}` : ''}`,
    setAs: (s, label) => `${s ? 'Su ocupación, tal como la indicó' : 'La ocupación del candidato, tal como la indicó'}: ${label}`,
    unknown: (s) => `No pudimos determinar ${s ? 'su ocupación' : 'la ocupación del candidato'} a partir del perfil`,
    vacancyAs: (label) => `, y esta oferta como ${label}`,
    correct: ' (puede corregirla en su perfil).',
    noEssential: 'La oferta no indica competencias esenciales.',
    essential: (s, met, total, partial, cov) =>
      `${s ? 'Cumple' : 'El candidato cumple'} por completo ${met} de ${total} competencias esenciales${partial ? ` y ${partial} en parte` : ''} (cobertura ${cov})`,
    examples: (x) => `, por ejemplo ${x}`,
    missing: (x) => `; faltan: ${x}`,
    add: (l, p) => `Añadir ${l} elevaría la coincidencia al ${p}.`,
    reach: (lv, lg, p) => `Alcanzar el nivel ${lv} de ${lg} elevaría la coincidencia al ${p}.`,
    requires: (lg, lv) => `La oferta requiere un nivel ${lv} de ${lg}.`,
  },
  ar: {
    quote: (x) => `«${x}»`,
    head: (s, p, st) => (s ? `تتوافق هذه الوظيفة مع ملفك بنسبة ${p}، ويعود ذلك أساسًا إلى ${st}.` : `يتوافق هذا المرشح مع الوظيفة بنسبة ${p}، ويعود ذلك أساسًا إلى ${st}.`),
    readAs: (s, first, also) => `نقرأ ${s ? 'ملفك' : 'ملف المرشح'} على أنه ${first}${also ? `، وربما ${also}` : ''}`,
    setAs: (s, label) => `${s ? 'مهنتك كما حددتها' : 'مهنة المرشح كما حددها'}: ${label}`,
    unknown: (s) => `لم نتمكن من تحديد ${s ? 'مهنتك' : 'مهنة المرشح'} من الملف`,
    vacancyAs: (label) => `، وهذه الوظيفة على أنها ${label}`,
    correct: ' (يمكنك تصحيحها في ملفك).',
    noEssential: 'لا تذكر الوظيفة أي مهارات أساسية.',
    essential: (s, met, total, partial, cov) =>
      `${s ? 'تستوفي' : 'يستوفي المرشح'} ${met} من أصل ${total} من المهارات الأساسية بالكامل${partial ? ` و${partial} جزئيًا` : ''} (نسبة التغطية ${cov})`,
    examples: (x) => `، مثل ${x}`,
    missing: (x) => `، وينقص: ${x}`,
    add: (l, p) => `إضافة ${l} سترفع نسبة التوافق إلى ${p}.`,
    reach: (lv, lg, p) => `بلوغ المستوى ${lv} في ${lg} سيرفع نسبة التوافق إلى ${p}.`,
    requires: (lg, lv) => `تتطلب الوظيفة ${lg} بمستوى ${lv}.`,
  },
};

/** Three or four plain sentences describing a match, in one supported language. */
export function renderSummary(langInput: string, f: SummaryFacts): string {
  const lang = asLang(langInput);
  const P = PHRASES[lang];
  const seeker = f.audience === 'seeker';
  // A label not in the reader's language is quoted with its language named.
  const q = (l: SummaryLabel): string => `${P.quote(l.text)}${l.lang && l.lang !== lang ? ` (${languageName(lang, l.lang)})` : ''}`;
  const sentences: string[] = [P.head(seeker, pct(lang, f.score), COMPONENT_LABELS[lang][f.strongest])];

  const { profile, vacancy } = f.occupation;
  const withP = (c: Reading['candidates'][number]) => `${q(c.label)} (${pct(lang, c.probability)})`;
  let occ: string;
  if (profile.status === 'set') occ = P.setAs(seeker, q(profile.candidates[0]!.label));
  else if (profile.status === 'inferred') {
    const [first, second] = profile.candidates;
    occ = P.readAs(seeker, withP(first!), second ? withP(second) : null);
  } else occ = P.unknown(seeker);
  const v = vacancy.candidates[0];
  if (v && v.label.text !== profile.candidates[0]?.label.text) occ += P.vacancyAs(q(v.label));
  sentences.push(occ + (seeker && profile.status !== 'set' ? P.correct : '.'));

  const e = f.essential;
  if (e.total === 0) sentences.push(P.noEssential);
  else {
    let s = P.essential(seeker, e.met, e.total, e.partial, pct(lang, e.coverage));
    if (e.examples.length) s += P.examples(list(lang, e.examples.map(q)));
    if (e.missing.length) s += P.missing(list(lang, e.missing.map(q)));
    sentences.push(`${s}.`);
  }
  if (f.improve?.kind === 'language') sentences.push(P.reach(f.improve.level, languageName(lang, f.improve.code), pct(lang, f.improve.scoreAfter)));
  else if (f.improve) sentences.push(P.add(q(f.improve.display), pct(lang, f.improve.scoreAfter)));
  else if (f.languageGap) sentences.push(P.requires(languageName(lang, f.languageGap.code), f.languageGap.required));
  return sentences.join(' ');
}
