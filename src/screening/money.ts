// Amounts of money, pay periods and working hours as ads write them, in en/fr/es/de/ar (normalised text, see text.ts).
import { AR_PRE, sentences, WB, WE } from './text.js';

export type PayPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';

export interface Amount {
  value: number;
  /** ISO 4217 code, or '$' when the dollar's country is not said. */
  currency: string;
  start: number;
  end: number;
}

// Currency words and symbols → ISO code ('$' stays ambiguous until the destination resolves it).
const CURRENCY_WORDS: [RegExp, string][] = [
  [/^(?:€|eur|euros?|يورو)$/u, 'EUR'],
  [/^(?:£|gbp|pounds?|livres?(?: sterling)?|libras?|pfund|جنيه(?:ا)?(?: استرليني(?:ا)?)?)$/u, 'GBP'],
  [/^(?:us\$|usd|dollars? americains?|dolares? estadounidenses?)$/u, 'USD'],
  [/^(?:c\$|ca\$|cad|dollars? canadiens?|dolares? canadienses?|canadian dollars?|دولار(?:ا)? كندي(?:ا)?)$/u, 'CAD'],
  [/^(?:a\$|au\$|aud|australian dollars?)$/u, 'AUD'],
  [/^(?:\$|dollars?|dolares?|dolar|دولار(?:ا)?)$/u, '$'],
  [/^(?:chf|francs? suisses?|fr\.)$/u, 'CHF'],
  [/^(?:pln|zl|zloty|zlotys|زلوتي)$/u, 'PLN'],
  [/^(?:aed|dirhams?|درهم(?:ا)?)$/u, 'AED'],
  [/^(?:sar|ريال(?:ا)? سعودي(?:ا)?)$/u, 'SAR'],
  [/^(?:qar|ريال(?:ا)? قطري(?:ا)?)$/u, 'QAR'],
  [/^(?:riyals?|rials?|ريال(?:ا)?)$/u, 'RIYAL'],
  [/^(?:kwd|دينار(?:ا)? كويتي(?:ا)?)$/u, 'KWD'],
  [/^(?:jod|دينار(?:ا)? اردني(?:ا)?)$/u, 'JOD'],
  [/^(?:dinars?|دينار(?:ا)?)$/u, 'DINAR'],
  [/^(?:czk|kc)$/u, 'CZK'],
  [/^(?:huf|ft|forint)$/u, 'HUF'],
  [/^(?:ron|lei)$/u, 'RON'],
  [/^(?:bgn|leva|лв)$/u, 'BGN'],
  [/^(?:sek|nok|dkk|kr)$/u, 'KR'],
  [/^(?:clp|pesos? chilenos?)$/u, 'CLP'],
  [/^(?:mxn|pesos?)$/u, 'PESO'],
  [/^(?:mad|dh|dirhams? marocains?)$/u, 'MAD'],
  [/^(?:fcfa|cfa|xof|xaf|francs? cfa)$/u, 'XOF'],
];
const CURRENCY_SRC =
  '(?:us\\$|c\\$|ca\\$|a\\$|au\\$|€|£|\\$|eur|euros?|usd|gbp|cad|aud|chf|pln|aed|sar|qar|kwd|jod|czk|huf|ron|bgn|sek|nok|dkk|clp|mxn|mad|' +
  'dollars? (?:americains?|canadiens?)|dolares? (?:estadounidenses?|canadienses?)|canadian dollars?|australian dollars?|dollars?|dolares?|dolar|' +
  'pounds?|livres?(?: sterling)?|libras?|pfund|francs? suisses?|fcfa|francs? cfa|cfa|xof|xaf|zloty|zlotys|zl|dirhams?|riyals?|rials?|dinars?|pesos?(?: chilenos?)?|forint|lei|' +
  'يورو|دولار(?:ا)?(?: كندي(?:ا)?)?|جنيه(?:ا)?(?: استرليني(?:ا)?)?|ريال(?:ا)?(?: (?:سعودي|قطري)(?:ا)?)?|درهم(?:ا)?|دينار(?:ا)?(?: (?:كويتي|اردني)(?:ا)?)?|زلوتي)';
const NUMBER_SRC = "\\d{1,3}(?:(?:[.,' ]\\d{3})+)(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";

/** Thousands written as a word after the number: "12k", "12 thousand", "12 mille", "12 mil", "12 Tausend", "12 ألف". */
const THOUSAND_SRC = '(?:k|thousand|mille|mil|tausend|الف|الاف)';
const AMOUNT_RE = new RegExp(
  `(?:${WB}${CURRENCY_SRC}\\s?(${NUMBER_SRC})(\\s?${THOUSAND_SRC}${WE})?)|(?:${WB}(${NUMBER_SRC})(\\s?${THOUSAND_SRC}(?=\\s|\\p{Sc}))?\\s?(?:-\\s?(?:${NUMBER_SRC})\\s?)?${CURRENCY_SRC}${WE})`,
  'gu',
);

/** "1.200" → 1200, "12,50" → 12.5, "1 600 000" → 1600000, "5'000" → 5000. */
export function parseNumber(raw: string): number {
  let s = raw.replace(/[ ']/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  const last = Math.max(lastDot, lastComma);
  if (last >= 0) {
    const decimals = s.length - last - 1;
    const seps = (s.match(/[.,]/g) ?? []).length;
    if (decimals === 3 || (seps > 1 && lastDot >= 0 && lastComma >= 0 && decimals === 3)) s = s.replace(/[.,]/g, '');
    else if (seps > 1 && !(lastDot >= 0 && lastComma >= 0)) s = s.replace(/[.,]/g, '');
    else {
      const intPart = s.slice(0, last).replace(/[.,]/g, '');
      s = `${intPart}.${s.slice(last + 1)}`;
    }
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}

function currencyCode(word: string): string {
  const w = word.trim();
  for (const [re, code] of CURRENCY_WORDS) if (re.test(w)) return code;
  return '?';
}

/** Every amount of money in a normalised text. */
export function findAmounts(norm: string): Amount[] {
  const out: Amount[] = [];
  for (const m of norm.matchAll(AMOUNT_RE)) {
    const raw = m[1] ?? m[3] ?? '';
    const k = Boolean(m[2] ?? m[4]);
    let value = parseNumber(raw);
    if (!Number.isFinite(value)) continue;
    if (k) value *= 1000;
    // The currency is whatever of the match is not the number.
    const text = m[0];
    const cur = text
      .replace(raw, ' ')
      .replace(new RegExp(`\\s?${THOUSAND_SRC}(?![\\p{L}])`, 'u'), ' ')
      .replace(new RegExp(`-\\s?(?:${NUMBER_SRC})`, 'u'), ' ')
      .trim();
    out.push({ value, currency: currencyCode(cur), start: m.index!, end: m.index! + text.length });
  }
  return out;
}

const PERIOD_AFTER: [PayPeriod, RegExp][] = [
  ['hour', /^\s?(?:brut |brutto |bruto |brutos |gross |net |netto |neto |netos )?(?:every|each|chaque|cada|jede|pro|كل) (?:hour|heure|hora|stunde|ساعه)(?![\p{L}\p{N}])/u],
  ['day', /^\s?(?:brut |brutto |bruto |brutos |gross |net |netto |neto |netos )?(?:every|each|chaque|cada|jeden|pro|كل) (?:day|jour|dia|tag|يوم)(?![\p{L}\p{N}])/u],
  ['week', /^\s?(?:brut |brutto |bruto |brutos |gross |net |netto |neto |netos )?(?:every|each|chaque|cada|jede|pro|كل) (?:week|semaine|semana|woche|اسبوع)(?![\p{L}\p{N}])/u],
  ['month', /^\s?(?:brut |brutto |bruto |brutos |gross |net |netto |neto |netos )?(?:every|each|chaque|cada|jeden|pro|كل) (?:month|mois|mes|monat|شهر)(?![\p{L}\p{N}])/u],
  ['month', /^\s?(?:brut|brutto|bruto|brutos|gross|net|netto|neto|netos) (?:monthly|mensuel|mensuels|mensual|mensuales|monatlich|par mois|al mes|im monat|pro monat|شهريا)(?![\p{L}\p{N}])/u],
  ['hour', /^\s?(?:(?:brut|brutto|bruto|brutos|gross|net|netto|neto|netos)?\s?\/\s?(?:h|hr|hrs|hour|heure|hora|std|stunde)|(?:per|an|a|an|the|par|de l'|l'|la|por|pro|die|el|في|لل|بال)?\s?(?:hour|hr|heure|hora|stunde|std|ساعه)(?![\p{L}\p{N}])|(?:brut |net |gross |brutos? |brutto |netto )?(?:de l'heure|par heure|por hora|la hora|pro stunde|die stunde|the hour|an hour|a hour|per hour|hourly|horaire|في الساعه|للساعه|بالساعه)|h(?![\p{L}]))/u],
  // The period with an article, as a price per unit: "30 € la jornada", "90 € la journée", "400 € la semaine", "1 500 € le mois".
  ['day', /^\s?(?:brut |net |bruto |neto |brutos |netos )?(?:la|le|el) (?:jornada|journee|jour|dia)(?![\p{L}\p{N}])/u],
  ['week', /^\s?(?:brut |net |bruto |neto |brutos |netos )?(?:la) (?:semaine|semana)(?![\p{L}\p{N}])/u],
  ['month', /^\s?(?:brut |net |bruto |neto |brutos |netos )?(?:le|el) (?:mois|mes)(?![\p{L}\p{N}])/u],
  ['day', /^\s?(?:(?:brut|brutto|bruto|brutos|gross|net|netto|neto|netos)?\s?\/\s?(?:day|jour|dia|tag)|(?:per|a|par|por|al|pro|am|في|the)\s?(?:day|jour|journee|dia|jornada|jornal|tag|arbeitstag|اليوم)(?![\p{L}\p{N}])|(?:brut |net )?(?:par jour|por dia|al dia|pro tag|am tag|daily|a day|per day|يوميا|في اليوم|لليوم))/u],
  ['week', /^\s?(?:(?:brut|brutto|bruto|brutos|gross|net|netto|neto|netos)?\s?\/\s?(?:week|wk|semaine|semana|woche)|(?:per|a|par|por|pro|a la|in der|في)\s?(?:week|semaine|semana|woche|الاسبوع)(?![\p{L}\p{N}])|weekly|hebdomadaires?|semanales?|wochentlich|اسبوعيا|اسبوعيا)/u],
  ['month', /^\s?(?:(?:brut|brutto|bruto|brutos|gross|net|netto|neto|netos)?\s?\/\s?(?:month|mo|mois|mes|monat)|(?:per|a|par|por|al|pro|im|in the|في|بال)\s?(?:month|mois|mes|monat|الشهر)(?![\p{L}\p{N}])|monthly|mensuels?|mensuales?|monatlich|شهريا|pcm|brut (?:mensuel|par mois)|net (?:par mois|mensuel)|brutos? (?:al mes|mensuales?)|netos? al mes|brutto (?:im|pro) monat|netto (?:im|pro) monat|liquidos? al mes|(?:gross|net) (?:per|a) month|(?:gross|net) monthly|(?:brutto|netto)?-?monats(?:gehalt|lohn|verdienst|vergutung)(?![\p{L}\p{N}]))/u],
  ['year', /^\s?(?:(?:brut|brutto|bruto|brutos|gross|net|netto|neto|netos)?\s?\/\s?(?:year|yr|an|ano|jahr)|(?:per|a|par|por|al|pro|im|في)\s?(?:year|annum|annee|an|ano|jahr|السنه)(?![\p{L}\p{N}])|p\.?a\.?(?![\p{L}])|annual|annuels?|anuales?|jahrlich|سنويا|brut (?:annuel|par an)|brutos? (?:al ano|anuales?)|brutto (?:im|pro) jahr|(?:gross|net) (?:per|a) year|(?:brutto|netto)?-?jahres(?:gehalt|lohn|verdienst|vergutung|zielgehalt|grundgehalt)(?![\p{L}\p{N}]))/u],
];
const PERIOD_BEFORE: [PayPeriod, RegExp][] = [
  // A pay period named before the amount: "pago diario $110.000", "daily rate: £180", "Tageslohn 120 €".
  ['day', /(?:pago (?:diario|por dia|por jornada)|jornal(?: diario)?|daily (?:pay|wage|rate)|day rate|(?:salaire|paie|remuneration) journaliere?|tageslohn|tagessatz|الاجر اليومي|اجر يومي|اليوميه)\s?(?:of|de|von|:)?\s?$/u],
  ['week', /(?:pago semanal|weekly (?:pay|wage)|(?:salaire|paie) hebdomadaire|wochenlohn|الاجر الاسبوعي|اجر اسبوعي)\s?(?:of|de|von|:)?\s?$/u],
  ['month', /(?:mensuel(?:le)?|mensual|monatlich(?:e|er)?|monthly|شهري(?:ا|ه)?)\s?:?\s?$/u],
  ['hour', /(?:hourly|stundenlohn|taux horaire|salario por hora|tarif horaire|الاجر بالساعه)\s?(?:rate|pay|wage|of|de|von|:)?\s?$/u],
  ['month', /(?:monthly (?:salary|pay|wage)|salaire mensuel|salario mensual|sueldo mensual|pago mensual|monatsgehalt|monatslohn|راتب شهري|الراتب الشهري)\s?(?:of|de|von|:)?\s?$/u],
  ['year', /(?:annual (?:salary|pay)|salaire annuel|salario anual|jahresgehalt)\s?(?:of|de|von|:)?\s?$/u],
];

/** The pay period written right after (or right before) an amount, if any. */
export function periodAround(norm: string, a: Amount): PayPeriod | undefined {
  // "700 ريال قطري أساسي شهرياً", "1.400 € base al mes", "£1,200 basic a month": the basic-pay word before the period.
  const after = norm.slice(a.end, a.end + 40).replace(/^\s?(?:basic|base|de base|basico|basica|grundgehalt|grundlohn|اساسي|الاساسي|اساسيا)(?=\s)/u, '');
  for (const [p, re] of PERIOD_AFTER) if (re.test(after)) return p;
  const before = norm.slice(Math.max(0, a.start - 40), a.start);
  for (const [p, re] of PERIOD_BEFORE) if (re.test(before)) return p;
  return undefined;
}

const NET_RE = /(?:^|[\s(])(?:net|nets|nette|neto|netos|netto|liquidos?|صافي|صافيه)(?=[\s),.!]|$)/u;
/** Is the pay stated net of tax (checked next to the amount)? */
export function isNet(norm: string, a: Amount): boolean {
  return NET_RE.test(norm.slice(Math.max(0, a.start - 12), Math.min(norm.length, a.end + 30)));
}

// ---------------------------------------------------------------- working hours

export interface HoursFinding {
  /** Estimated weekly hours. */
  weekly?: number;
  daily?: number;
  daysPerWeek?: number;
  /**
   * A rotation ("2 weeks on / 3 weeks off", "28/28", "14x14", "4 semaines travaillées / 4 de repos"): weeks on and
   * off. On a rotation `weekly` is the hours of a week worked (every day of the hitch unless the days are stated)
   * and `averageWeekly` the hours averaged over the cycle, the reading working-time law uses (a reference period).
   */
  rotation?: { on: number; off: number };
  averageWeekly?: number;
  /** Evidence spans in the normalised text. */
  spans: { start: number; end: number }[];
}

const ROT_NUM = '(\\d{1,2}|one|two|three|four|five|six|un|une|deux|trois|quatre|cinq|six|uno|una|dos|tres|cuatro|cinco|seis|ein|eine|zwei|drei|vier|funf|sechs)';
const ROT_WORD: Record<string, number> = {
  one: 1, un: 1, une: 1, uno: 1, una: 1, ein: 1, eine: 1, two: 2, deux: 2, dos: 2, zwei: 2, three: 3, trois: 3, tres: 3, drei: 3,
  four: 4, quatre: 4, cuatro: 4, vier: 4, five: 5, cinq: 5, cinco: 5, funf: 5, six: 6, seis: 6, sechs: 6,
};
const ROT_UNIT = '(weeks?|days?|semaines?|jours?|semanas?|dias?|wochen|woche|tage?)';
const ROT_ON = '(?:on|travaillees?|de travail|trabajad[ao]s|de trabajo|einsatz|arbeit|im einsatz)';
const ROT_OFF = '(?:off|de repos|repos|libres?|de descanso|descanso|frei|pause|heimaturlaub)';
/** "2 weeks on / 3 weeks off", "14 days on, 14 days off", "4 semaines travaillées / 4 semaines de repos", "2 Wochen Einsatz, 3 Wochen frei". */
const ROTATION_RE = new RegExp(`${WB}${ROT_NUM}\\s?${ROT_UNIT}?\\s?${ROT_ON}\\s?(?:[/,;&+-]|and|et|y|und)?\\s?${ROT_NUM}\\s?${ROT_UNIT}?\\s?${ROT_OFF}${WE}`, 'gu');
/** "28/28 rotation", "rotation 14/21", "rotación 14x14", "Rotation 2:2". */
const ROTATION_PAIR_RE = /(?<![\p{L}\p{N}])(?:(?:rotation|rotacion|rota|turnus|hitch)\s(?:de\s|of\s)?(\d{1,2})\s?[/x:]\s?(\d{1,2})|(\d{1,2})\s?[/x:]\s?(\d{1,2})\s(?:rotation|rotacion|rota|turnus|hitch))(?![\p{L}\p{N}])/gu;

/** Weeks on and off of a rotation written in the text, with the span; units in days count in days (14/14 → 2/2). */
export function findRotation(norm: string): { on: number; off: number; start: number; end: number } | undefined {
  const num = (x: string | undefined) => (x === undefined ? NaN : (ROT_WORD[x] ?? Number(x)));
  for (const m of norm.matchAll(ROTATION_RE)) {
    const on = num(m[1]);
    const off = num(m[3]);
    const unitOn = m[2] ?? m[4] ?? '';
    const unitOff = m[4] ?? m[2] ?? '';
    if (!(on > 0) || !(off > 0)) continue;
    const days = (u: string) => /^(?:day|jour|dia|tag)/.test(u);
    // Bare numbers ("2 on / 3 off") are weeks; days are turned into weeks.
    return { on: days(unitOn) ? on / 7 : on, off: days(unitOff) ? off / 7 : off, start: m.index!, end: m.index! + m[0].length };
  }
  for (const m of norm.matchAll(ROTATION_PAIR_RE)) {
    const on = Number(m[1] ?? m[3]);
    const off = Number(m[2] ?? m[4]);
    if (!(on > 0) || !(off > 0)) continue;
    // "28/28", "14x21" are days; "2:2", "4/4" (under 7) are weeks.
    const scale = on >= 7 || off >= 7 ? 1 / 7 : 1;
    return { on: on * scale, off: off * scale, start: m.index!, end: m.index! + m[0].length };
  }
  return undefined;
}

const H = '(?:hours?|hrs?|h|heures?|horas?|stunden|std|ساعه|ساعات)';
const NUM = '(\\d{1,2}(?:[.,]5)?)';
const WEEKLY_RE = new RegExp(
  [
    `${WB}${NUM}\\s?(?:-\\s?\\d{1,2}\\s?)?${H}\\s?(?:(?:per|a|an|/|par|por|a la|pro|in der|each|every|في|ب)\\s?)?(?:week|semaine|semana|woche|الاسبوع)${WE}`,
    `${WB}${NUM}\\s?${H}\\s?(?:weekly|hebdomadaires?|semanales?|wochentlich|اسبوعيا)${WE}`,
    `${WB}${NUM}\\s?(?:wochenstunden|stunden/woche|h/semaine|h/sem|h/week|hrs/week|horas/semana)${WE}`,
    `${WB}${NUM}\\s?h${WE}(?=\\s?(?:/|par|per|por)\\s?(?:semaine|week|semana))`,
  ].join('|'),
  'gu',
);
const DAILY_RE = new RegExp(
  [
    `${WB}${NUM}\\s?${H}\\s?(?:(?:a|per|/|par|por|al|pro|am|each|every|في)\\s?)?(?:day|jour|dia|tag|اليوم)${WE}`,
    `${WB}${NUM}\\s?${H}\\s?(?:daily|par jour|quotidiennes?|diarias?|taglich|يوميا)${WE}`,
    `(?:jornadas?|journees?|shifts?|schichten|equipes?|turnos?|postes?|vacations?|gardes?|guardias?|dienste?) (?:de |of |von |are |sont |son |sind |are of |sont de |son de |sind von |last |durent |duran |dauern )?${NUM}\\s?${H}${WE}`,
    `${WB}${NUM}[- ]?(?:hour|heures|horas|stunden)[- ]?(?:shifts?|days?|journees?|jornadas?|turnos?|schichten|tage?)${WE}`,
    `${AR_PRE}عمل ${NUM} ساع`,
  ].join('|'),
  'gu',
);
const DAYS_RE = new RegExp(
  [
    `${WB}([1-7])\\s?(?:days?|jours?|dias?|tage?|ايام|ايام)\\s?(?:(?:a|per|/|par|sur|por|a la|pro|in der|die|en la|de la|in the|out of|في)\\s?)?(?:week|semaine|7|semana|woche|الاسبوع)${WE}`,
    `${WB}([1-7])\\s?j\\s?/\\s?7${WE}`,
    // "6-Tage-Woche", "6-day week", "semaine de 6 jours", "semana de 6 días".
    `${WB}([1-7])[- ](?:tage?|days?)[- ](?:woche|week)${WE}`,
    `${WB}(?:semaine|semana) de ([1-7]) (?:jours|dias)${WE}`,
    `${WB}([1-7])\\s?/\\s?7${WE}`,
    `${WB}(سته|سبعه|خمسه) (?:ايام)`,
    `${WB}(two|three|four|five|deux|trois|quatre|cinq|dos|tres|cuatro|cinco|zwei|drei|vier|funf|six|sept|seven|seis|siete|sechs|sieben)\\s(?:days?|jours?|dias|tage)\\s?(?:(?:a|per|par|sur|por|a la|pro|die)\\s)?(?:week|semaine|7|semana|woche)`,
  ].join('|'),
  'gu',
);
const DAY_WORD: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7,
  zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, 'اثنين': 2, 'ثلاثه': 3, 'اربعه': 4, 'خمسه': 5, 'سته': 6, 'سبعه': 7,
};
const NUM_WORDS = Object.keys(DAY_WORD).join('|');
const WEEK_RANGE_RE =
  /(?:monday to (friday|saturday|sunday)|mon(?:day)?[- ]?(fri|sat|sun)|mon(?:day)? (?:to|through|thru|till|until) (fri|sat|sun)\w*|du lundi au (vendredi|samedi|dimanche)|de lunes a (viernes|sabado|domingo)|montag bis (freitag|samstag|sonntag)|(?:طوال|كل) ايام الاسبوع|(?:auch |including |y |week-ends? compris|incluso )(?:am )?(?:wochenende|weekends?|fines de semana)|every (?:single )?(?:day|night|evening)|seven days|tous les (?:jours|soirs|matins|nuits)|(?:dimanches?|sunday|sundays|domingos?|sonntags?) (?:compris|inclus|included|incluidos?|inklusive)|(?:y compris|including|incluidos?|auch) (?:le |los |am )?(?:dimanches?|sundays?|domingos?|sonntags?)|todos los dias|todos los dias de la campana|cada dia|jeden tag|taglich|كل يوم|كل ايام الاسبوع|يوميا بما فيها)/gu;
const DAWN_TO_DUSK = /(?:dawn to dusk|sunrise to sunset|de sol a sol|du lever au coucher du soleil|von fruh bis spat|من الفجر حتي (?:المغرب|الليل|العشاء))/u;

/** "3 shifts a week", "4 nuits par semaine": the days worked. */
const SHIFTS_RE =
  /(?<![\p{L}\p{N}])([1-7]|two|three|four|five|deux|trois|quatre|cinq|dos|tres|cuatro|cinco|zwei|drei|vier|funf|ثلاث|اربع)\s?(?:shifts?|nights?|vacations?|gardes?|nuits?|turnos?|guardias?|noches?|schichten|dienste|nachte|مناوبات|ورديات)\s?(?:(?:a|per|par|por|a la|pro|in der|each|every|في)\s?)?(?:week|semaine|semana|woche|الاسبوع)(?![\p{L}\p{N}])/gu;
/** Times of day with a marker ("4 de la mañana", "6 pm", "17 h", "5 Uhr", "6 مساء"), for spans written in words. */
const TIME_RE =
  /(?<![\p{L}\p{N}])(?:a las |a la |at |um |a |من الساعه |الساعه |حتي الساعه |حتي |de |des )?(\d{1,2})(?:[:.h](\d{2}))?\s?(am|pm|a\.m\.|p\.m\.|h|uhr|heures?|horas?)?(?:\s?(?:de la|du|in the|del|am|de|في ال|في)?\s?(manana|madrugada|matin|morning|tarde|soir|apres-midi|afternoon|evening|noche|nuit|night|abends?|nachmittags?|morgens|fruh|nachts|صباحا|مساء|ليلا|فجرا|الصباح|المساء|بعد منتصف الليل|after midnight))?(?![\p{L}\p{N}])/gu;
const RANGE_WORD = /(?:\bto\b|till|until|\bsales\b|salir|hasta|jusqu|\bbis\b|حتي|الي|y sales|finis|termin|sors|\bet\b|\band\b|\by\b|\bund\b|-)/u;
const LATE = /(?:pm|p\.m\.|tarde|soir|apres-midi|afternoon|evening|noche|nuit|night|abend|nachmittag|nachts|مساء|ليلا|المساء)/u;

/** Arabic clock hours are ordinals ("من السادسة صباحا حتى العاشرة مساء"): read them as digits for TIME_RE. */
const AR_HOURS: [RegExp, string][] = (
  [['حاديه عشره', 11], ['ثانيه عشره', 12], ['واحده', 1], ['ثانيه', 2], ['ثالثه', 3], ['رابعه', 4], ['خامسه', 5], ['سادسه', 6], ['سابعه', 7], ['ثامنه', 8], ['تاسعه', 9], ['عاشره', 10]] as const
).map(([w, n]) => [new RegExp(`(?<![\\p{L}])(?:ال)?${w}(?=\\s(?:صباحا|مساء|ليلا|فجرا|ظهرا))`, 'gu'), String(n)]);

/** Hours between a start and an end time written in words ("entras a las 4 de la mañana y sales a las 6 de la tarde"). */
function spanFromTimes(raw: string): number | undefined {
  const text = /[\u0600-\u06ff]/u.test(raw) ? AR_HOURS.reduce((t, [re, n]) => t.replace(re, n), raw) : raw;
  const times: number[] = [];
  for (const m of text.matchAll(TIME_RE)) {
    // A time, not a duration: am/pm/Uhr, a part of the day, or "a las", "at", "um" before it ("12 horas" is a duration).
    const marked = /^(?:am|pm|a\.m\.|p\.m\.|uhr)$/.test(m[3] ?? '') || m[4] !== undefined || /^(?:a las|a la|at|um|من الساعه|الساعه|حتي الساعه)\s/.test(m[0].trim());
    if (!marked) continue;
    let h = Number(m[1]);
    if (h > 24) continue;
    const marker = `${m[3] ?? ''} ${m[4] ?? ''}`;
    if (LATE.test(marker) && h < 12) h += 12;
    times.push(h);
  }
  if (times.length < 2 || !RANGE_WORD.test(text)) return undefined;
  const from = times[0]!;
  let to = times[times.length - 1]!;
  if (to <= from) to += 24;
  const span = to - from;
  return span >= 10 && span <= 20 ? span : undefined;
}

/**
 * A split shift: two time ranges in one day ("9h-15h et 18h-23h", "8–14 und 17–22 Uhr", "11am-3pm and 6pm-11pm",
 * "de 9 a 14 y de 17 a 22 h"). Their hours add up; the pause between them is not a break within a span.
 */
const SPLIT_RE = /(?<![\p{L}\p{N}])(?:de |from |von |entre |من )?(\d{1,2})(?:[:.h]\d\d)?\s?(am|pm|h|uhr)?\s?(?:-|a|to|bis|jusqu'a|hasta|حتي|الي)\s?(\d{1,2})(?:[:.h]\d\d)?\s?(am|pm|h|uhr)?\s?(?:,|et|and|y|und|\+|&|puis|then|dann|و)\s?(?:de |from |von |puis de |من )?(\d{1,2})(?:[:.h]\d\d)?\s?(am|pm|h|uhr)?\s?(?:-|a|to|bis|jusqu'a|hasta|حتي|الي)\s?(?:(\d{1,2})(?:[:.h]\d\d)?\s?(am|pm|h|uhr|p\.m\.)|(?:la )?(minuit|midnight|medianoche|mitternacht|منتصف الليل))(?![\p{L}\p{N}])/gu;

function splitShiftHours(m: RegExpMatchArray): number | undefined {
  const pm = (h: number, mark: string | undefined) => (mark === 'pm' && h < 12 ? h + 12 : h);
  let a = pm(Number(m[1]), m[2]);
  let b = pm(Number(m[3]), m[4]);
  let c = pm(Number(m[5]), m[6]);
  // "18h-minuit": midnight ends the day.
  let d = m[9] ? 24 : pm(Number(m[7]), m[8] === 'p.m.' ? 'pm' : m[8]);
  if ([a, b, c, d].some((x) => x > 24)) return undefined;
  // "11-3 and 6-11pm": an end before its start is in the afternoon.
  if (b <= a) b += 12;
  if (c < b && c + 12 <= 24) c += 12;
  if (d <= c) d += 12;
  // A pause of at least an hour between the two ranges ("5h-12h / 13h-20h" are two alternating shifts, not one day).
  if (c < b + 1 || d > 24 + a) return undefined;
  const first = b - a;
  const second = d - c;
  if (first < 1 || first > 9 || second < 1 || second > 9) return undefined;
  const total = first + second;
  return total >= 8 && total <= 18 ? total : undefined;
}

const RANGE_RE = /(?:(?:de|from|von|from|entre|من)\s)?(\d{1,2})\s?(?:h|am|uhr|:00)?\s?(?:-|a|to|bis|jusqu'a|hasta|حتي|الي)\s?(?:(\d{1,2})\s?(?:h|pm|uhr|:00)|(?:la )?(minuit|midnight|medianoche|mitternacht|منتصف الليل))(?![\p{L}\p{N}])/gu;

function lastDay(word: string | undefined): number | undefined {
  if (!word) return undefined;
  if (/^(?:friday|fri|vendredi|viernes|freitag)$/.test(word)) return 5;
  if (/^(?:saturday|sat|samedi|sabado|samstag)$/.test(word)) return 6;
  if (/^(?:sunday|sun|dimanche|domingo|sonntag)$/.test(word)) return 7;
  return undefined;
}

// The hours a gate or a door is shut ("the main gate is locked from 12 to 5 am", "البوابة تغلق من الساعة 12 حتى 5
// صباحا") are no one's working hours.
const GATE_CLOSED_RE =
  /(?:^|[\s(])(?:gates?|doors?|portail|porte|portes|puerta|porton|tor|tur|haustur|eingang|البوابه|بوابه|الباب)(?:\s\S+){0,2}\s(?:closes?|closed|locks?|locked|shuts?|shut|ferme|fermee|se ferme|cierra|se cierra|cerrada|cerrado|schliesst|geschlossen|abgeschlossen|تغلق|يغلق|مغلقه|مغلق)(?=[\s,.:;)]|$)/u;

// A sentence about the business's opening hours ("open 7 days a week, 10am to 11pm") says nothing of a worker's hours.
const OPENING_RE =
  /(?:^|[\s(])(?:open|opens|runs|operates|opening hours|ouvert|ouverte|ouvre|fonctionne|horaires? d'ouverture|abre|abierto|abierta|funciona|horario de apertura|geoffnet|offnungszeiten|oeffnungszeiten|lauft|laufen|مفتوح|يفتح)(?=[\s,.:;)]|$)/u;

/**
 * A daily figure of at most 12 hours that is the length of a shift, not of every working day: "poste en 12h jour",
 * "shifts of 12 hours", "12-hour shifts", "turnos de 12 horas", "12-Stunden-Dienste". A 12-hour shift pattern is
 * usually three or four shifts a week, so without days or weekly hours stated it says nothing of the week. Not when the figure is said per
 * day ("12h par jour", "12 hours a day"), and not a working day ("jornadas de 12 horas", "journées de 12h").
 */
const SHIFT_WORD = '(?:shifts?|postes?|gardes?|vacations?|equipes?|turnos?|guardias?|schichten|schicht|dienste?|نوبات|نوبه|ورديات|ورديه|مناوبات|مناوبه|شفتات|شفت)';
const SHIFT_BEFORE = new RegExp(`${SHIFT_WORD} (?:en |de |of |von |a |à |mit |في |لمده |مدتها )?$`, 'u');
/** "5 shifts of 8 hours": the count of shifts written before them is the days worked. */
const SHIFT_COUNT = `(?<![\\p{L}\\p{N}])([1-7]|${NUM_WORDS}) `;
const COUNT_BEFORE = new RegExp(`${SHIFT_COUNT}$`, 'u');
const SHIFT_COUNT_BEFORE = new RegExp(`${SHIFT_COUNT}${SHIFT_WORD} (?:en |de |of |von |a |à |mit |في |لمده |مدتها )?$`, 'u');
const SHIFT_IN = new RegExp(`^(?:${SHIFT_WORD}|\\d{1,2}(?:[.,]5)?[- ]?(?:hour|heures|horas|stunden)[- ]?(?:shifts?|turnos?|schichten|dienste?))`, 'u');
const PER_DAY = /(?:\b(?:a|per|par|por|al|pro|am|each|every)\s?(?:day|jour|dia|tag)|\/\s?(?:day|jour|dia|tag)|daily|par jour|quotidien|diari|taglich|يوميا|في اليوم)/u;

/** Working hours written in the text: weekly figures, daily figures and days per week, and time ranges. */
export function findHours(norm: string): HoursFinding {
  const spans: HoursFinding['spans'] = [];
  let weekly: number | undefined;
  let daily: number | undefined;
  let days: number | undefined;
  let shiftDays: number | undefined;
  // Whether every daily figure read is a shift's length (see SHIFT_BEFORE): then, with no days stated, no week.
  let dailyOnlyShifts = true;
  for (const s of sentences(norm)) {
    if (OPENING_RE.test(s.text) || GATE_CLOSED_RE.test(s.text)) continue;
    const at = (m: RegExpMatchArray) => ({ start: s.start + m.index!, end: s.start + m.index! + m[0].length });
    for (const m of s.text.matchAll(WEEKLY_RE)) {
      const v = parseNumber(m.slice(1).find((x) => x !== undefined) ?? '');
      if (v >= 10 && v <= 120) {
        weekly = Math.max(weekly ?? 0, v);
        spans.push(at(m));
      }
    }
    for (const m of s.text.matchAll(DAILY_RE)) {
      const v = parseNumber(m.slice(1).find((x) => x !== undefined) ?? '');
      if (v >= 1 && v <= 24) {
        daily = Math.max(daily ?? 0, v);
        spans.push(at(m));
        const before = s.text.slice(Math.max(0, m.index! - 16), m.index!);
        // Up to 12 hours: a shift longer than that ("vacations de 16 heures", "guardias de 16 horas") is long in itself.
        const shift = v <= 12 && !PER_DAY.test(m[0]) && (SHIFT_BEFORE.test(before) || SHIFT_IN.test(m[0].trim()));
        if (!shift) dailyOnlyShifts = false;
        const count = shift ? (SHIFT_COUNT_BEFORE.exec(before) ?? (SHIFT_IN.test(m[0].trim()) ? COUNT_BEFORE.exec(before) : null)) : null;
        if (count) days ??= DAY_WORD[count[1]!] ?? Number(count[1]);
      }
    }
    for (const m of s.text.matchAll(RANGE_RE)) {
      let from = Number(m[1]);
      // "De 14 h à minuit": midnight ends the day.
      let to = m[3] ? 24 : Number(m[2]);
      if (/pm/.test(m[0]) && to < 12) {
        // "2-4pm": the pm marks both ends when the start has no am and comes before the end ("8-6pm" is 8 am to 6 pm).
        if (!/am/.test(m[0]) && from < to) from += 12;
        to += 12;
      }
      if (from > 24 || to > 24) continue;
      if (to <= from) to += 24;
      const span = to - from;
      // A long span of presence: count an hour for breaks.
      if (span >= 10 && span <= 20) {
        daily = Math.max(daily ?? 0, span - 1);
        dailyOnlyShifts = false;
        spans.push(at(m));
      }
    }
    for (const m of s.text.matchAll(SPLIT_RE)) {
      const total = splitShiftHours(m);
      if (total !== undefined) {
        daily = Math.max(daily ?? 0, total);
        dailyOnlyShifts = false;
        spans.push(at(m));
      }
    }
    if (!s.text.match(RANGE_RE)) {
      const span = spanFromTimes(s.text);
      if (span !== undefined) {
        daily = Math.max(daily ?? 0, span - 1);
        dailyOnlyShifts = false;
        spans.push({ start: s.start, end: s.end });
      }
    }
    for (const m of s.text.matchAll(SHIFTS_RE)) {
      const v = DAY_WORD[m[1]!] ?? (m[1] === 'ثلاث' ? 3 : m[1] === 'اربع' ? 4 : Number(m[1]));
      days = days === undefined ? v : Math.min(days, v);
      shiftDays = v;
      spans.push(at(m));
    }
    for (const m of s.text.matchAll(DAYS_RE)) {
      const raw = m.slice(1).find((x) => x !== undefined) ?? '';
      const v = DAY_WORD[raw] ?? Number(raw);
      if (v >= 1 && v <= 7) {
        days = Math.max(days ?? 0, v);
        spans.push(at(m));
      }
    }
    for (const m of s.text.matchAll(WEEK_RANGE_RE)) {
      // "Including weekends" says at least six days, not seven.
      const v = lastDay(m.slice(1).find((x) => x !== undefined)) ?? (/(?:wochenende|weekend|fines de semana|week-end)/u.test(m[0]) ? 6 : 7);
      days = Math.max(days ?? 0, v);
      spans.push(at(m));
    }
  }
  // "3 shifts a week" is what a 12-hour shift pattern means: it wins over a general days phrase.
  if (shiftDays !== undefined) days = shiftDays;
  // Dawn to dusk: a twelve-hour day.
  if (daily === undefined && DAWN_TO_DUSK.test(norm)) {
    daily = 12;
    dailyOnlyShifts = false;
  }
  const rotation = findRotation(norm);
  if (rotation) {
    // On a rotation the worker is on site every day of the hitch unless the days are stated.
    if (weekly === undefined && daily !== undefined) weekly = daily * (days ?? 7);
    spans.push({ start: rotation.start, end: rotation.end });
    const averageWeekly = weekly === undefined ? undefined : (weekly * rotation.on) / (rotation.on + rotation.off);
    return { weekly, daily, daysPerWeek: days, rotation: { on: rotation.on, off: rotation.off }, averageWeekly, spans };
  }
  if (weekly === undefined && daily !== undefined && !(dailyOnlyShifts && days === undefined)) weekly = daily * (days ?? 5);
  return { weekly, daily, daysPerWeek: days, spans };
}
