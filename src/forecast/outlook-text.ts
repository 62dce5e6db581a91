// The occupation-outlook sentence in the reader's language (en, fr, es, ar), built from computed facts (the rating the
// service derived from the vacancy index, or the BLS projection figures), never from stored text.

export const OUTLOOK_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type OutlookLanguage = (typeof OUTLOOK_LANGUAGES)[number];

export type OutlookFacts =
  | { kind: 'au-rating'; rating: 'shortage' | 'no shortage' | 'regional shortage'; region: string; year: string }
  | { kind: 'us-projection'; changePct: number; annualOpenings: number };

/** IVI regions (ANZSCO × state) as a destination is written in a vacancy: codes, names and capital cities. */
const AU_REGIONS: Record<string, readonly string[]> = {
  NSW: ['nsw', 'new south wales', 'sydney', 'nouvelle-galles du sud', 'nueva gales del sur'],
  VIC: ['vic', 'victoria', 'melbourne'],
  QLD: ['qld', 'queensland', 'brisbane'],
  SA: ['sa', 'south australia', 'adelaide', 'australie-méridionale', 'australia meridional'],
  WA: ['wa', 'western australia', 'perth', 'australie-occidentale', 'australia occidental'],
  TAS: ['tas', 'tasmania', 'hobart', 'tasmanie'],
  NT: ['nt', 'northern territory', 'darwin', 'territoire du nord', 'territorio del norte'],
  ACT: ['act', 'australian capital territory', 'canberra'],
};

/** The IVI region code of a vacancy's free-text region in Australia ("Sydney, NSW" → NSW); AUST when none is named. */
export function auRegionOf(text: string | null | undefined): string {
  if (!text) return 'AUST';
  const t = ` ${text.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}-]+/gu, ' ').trim()} `;
  for (const [code, names] of Object.entries(AU_REGIONS)) if (names.some((n) => t.includes(` ${n} `))) return code;
  return 'AUST';
}

/** "in NSW" / "en Nouvelle-Galles du Sud" …: the region with the preposition each language needs. */
const IN_REGION: Record<OutlookLanguage, Record<string, string>> = {
  en: { AUST: 'in Australia', NSW: 'in NSW', VIC: 'in Victoria', QLD: 'in Queensland', SA: 'in South Australia', WA: 'in Western Australia', TAS: 'in Tasmania', NT: 'in the Northern Territory', ACT: 'in the ACT' },
  fr: {
    AUST: 'en Australie',
    NSW: 'en Nouvelle-Galles du Sud',
    VIC: 'dans le Victoria',
    QLD: 'au Queensland',
    SA: 'en Australie-Méridionale',
    WA: 'en Australie-Occidentale',
    TAS: 'en Tasmanie',
    NT: 'dans le Territoire du Nord',
    ACT: 'dans le Territoire de la capitale australienne',
  },
  es: {
    AUST: 'en Australia',
    NSW: 'en Nueva Gales del Sur',
    VIC: 'en Victoria',
    QLD: 'en Queensland',
    SA: 'en Australia Meridional',
    WA: 'en Australia Occidental',
    TAS: 'en Tasmania',
    NT: 'en el Territorio del Norte',
    ACT: 'en el Territorio de la Capital Australiana',
  },
  ar: {
    AUST: 'في أستراليا',
    NSW: 'في نيو ساوث ويلز',
    VIC: 'في فيكتوريا',
    QLD: 'في كوينزلاند',
    SA: 'في جنوب أستراليا',
    WA: 'في غرب أستراليا',
    TAS: 'في تسمانيا',
    NT: 'في الإقليم الشمالي',
    ACT: 'في إقليم العاصمة الأسترالية',
  },
};

const RATING: Record<OutlookLanguage, (f: Extract<OutlookFacts, { kind: 'au-rating' }>, where: string) => string> = {
  en: (f, w) =>
    f.rating === 'shortage'
      ? `this occupation is rated in shortage ${w} (${f.year})`
      : f.rating === 'regional shortage'
        ? `this occupation is rated in shortage in some Australian states (${f.year})`
        : `this occupation is not rated in shortage ${w} (${f.year})`,
  fr: (f, w) =>
    f.rating === 'shortage'
      ? `ce métier est classé en pénurie ${w} (${f.year})`
      : f.rating === 'regional shortage'
        ? `ce métier est classé en pénurie dans certains États australiens (${f.year})`
        : `ce métier n’est pas classé en pénurie ${w} (${f.year})`,
  es: (f, w) =>
    f.rating === 'shortage'
      ? `esta ocupación está calificada como deficitaria ${w} (${f.year})`
      : f.rating === 'regional shortage'
        ? `esta ocupación está calificada como deficitaria en algunos estados australianos (${f.year})`
        : `esta ocupación no está calificada como deficitaria ${w} (${f.year})`,
  ar: (f, w) =>
    f.rating === 'shortage'
      ? `هذه المهنة مصنفة ضمن المهن التي تعاني من نقص ${w} (${f.year})`
      : f.rating === 'regional shortage'
        ? `هذه المهنة مصنفة ضمن المهن التي تعاني من نقص في بعض الولايات الأسترالية (${f.year})`
        : `هذه المهنة غير مصنفة ضمن المهن التي تعاني من نقص ${w} (${f.year})`,
};

const LOCALE: Record<OutlookLanguage, string> = { en: 'en-US', fr: 'fr-FR', es: 'es-ES', ar: 'ar-u-nu-latn' };

const PROJECTION: Record<OutlookLanguage, (grow: boolean, pct: string, openings: string) => string> = {
  en: (g, p, o) => `US employment in this occupation is projected to ${g ? 'grow' : 'decline'} ${p} % in 2024–34 (BLS), with ${o} openings a year`,
  fr: (g, p, o) => `aux États-Unis, l’emploi dans ce métier devrait ${g ? 'augmenter' : 'baisser'} de ${p} % en 2024–2034 (BLS), avec ${o} postes à pourvoir par an`,
  es: (g, p, o) => `en Estados Unidos, se prevé que el empleo en esta ocupación ${g ? 'crezca' : 'disminuya'} un ${p} % en 2024–2034 (BLS), con ${o} vacantes al año`,
  ar: (g, p, o) => `يُتوقع أن ${g ? 'ينمو' : 'ينخفض'} التوظيف في هذه المهنة في الولايات المتحدة بنسبة ${p}٪ في الفترة 2024–2034 (مكتب إحصاءات العمل الأمريكي)، مع ${o} فرصة عمل سنويًا`,
};

export const outlookLanguage = (lang: string | null | undefined): OutlookLanguage =>
  (OUTLOOK_LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as OutlookLanguage) : 'en';

/** The sentence for these facts in `lang` (unsupported languages get English). */
export function outlookSentence(f: OutlookFacts, lang: string): string {
  const l = outlookLanguage(lang);
  if (f.kind === 'au-rating') return RATING[l](f, IN_REGION[l][f.region] ?? IN_REGION[l].AUST!);
  const pct = new Intl.NumberFormat(LOCALE[l], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(f.changePct));
  const openings = new Intl.NumberFormat(LOCALE[l], { maximumFractionDigits: 0 }).format(Math.round(f.annualOpenings));
  return PROJECTION[l](f.changePct >= 0, pct, openings);
}
