// Excessive hours or no rest: weekly hours above the legal or reasonable ceiling, 12-hour days as the norm,
// no day off, "available 24/7".
import { AR_PRE, WB, WE } from '../text.js';
import { findHours } from '../money.js';
import { spans, type FieldText, type RuleHit } from './common.js';

const any = (...parts: string[]) => `(?:${parts.join('|')})`;

/** The EU Working Time Directive's 48-hour average applies in the EU/EEA; the UK kept it (with an opt-out). */
export const WTD_COUNTRIES = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO GB'.split(' '),
);
export const HOURS_MEDIUM = 60;
export const HOURS_HIGH = 72;

const NO_REST = new RegExp(
  any(
    `${WB}(?:no|without|zero) (?:[\\p{L}'-]+ ){0,1}(?:days? off|rest days?|day of rest|weekly rest)${WE}`,
    `${WB}(?:one|1) day off (?:a|per|each|every) (?:month|fortnight)${WE}`,
    // One day off in two weeks is no weekly rest: "se libra un día cada dos semanas", "un jour de repos tous les quinze
    // jours", "ein freier Tag alle zwei Wochen", "يوم راحة كل أسبوعين".
    `${WB}(?:one|1|a|un|una|ein(?:en)?) (?:(?:days?|dia|dias|jour|jours|tag) (?:off|libre|de descanso|de libranza|de repos|de conge|frei)|rest day|free day|(?:freier|freien) tag|ruhetag|(?<=(?:libra|libras|libran|descansa|descansas|repose|rest|rests) (?:un|una|one|a|1) )(?:dia|day|jour)) (?:every (?:two|2) weeks|every other week|cada (?:dos|2) semanas|cada quince dias|tous les quinze jours|toutes les (?:deux|2) semaines|alle (?:zwei|2) wochen|alle (?:14|vierzehn) tage)${WE}`,
    `${WB}${AR_PRE}(?:يوم|يوم راحه|اجازه يوم) (?:[\\p{L}]+ ){0,1}كل (?:اسبوعين|خمسه عشر يوما)`,
    // Rest counted per month (one to three days off a month, none for months): no weekly rest. "Off day" as a
    // domestic-work agency writes it.
    `${WB}(?:no|without|zero) (?:[\\p{L}'-]+ ){0,1}off[- ]?days?${WE}`,
    `${WB}(?:one|two|three|1|2|3) (?:[\\p{L}'-]+ ){0,1}(?:days? off|off[- ]?days?|rest days?|days? of rest|free days?|sundays?(?: off)?) (?:a|per|each|every|in a|in the) month${WE}`,
    `${WB}(?:un|une|deux|trois|1|2|3) (?:jours?|dimanches?) (?:de repos |de conge |libres? |off )?(?:par|chaque|dans le) mois${WE}`,
    `${WB}(?:un|una|dos|tres|1|2|3) (?:dias?|domingos?) (?:libres? |de descanso |de libranza )?(?:al|por|cada|en el) mes${WE}`,
    `${WB}(?:ein|einen|zwei|drei|1|2|3) (?:freie[nr]? )?(?:tage?|ruhetage?|sonntage?) (?:frei )?(?:im|pro|je|jeden|in einem) monat${WE}`,
    `${WB}${AR_PRE}(?:يوم|يومين|يومان|ثلاثه ايام|[123] (?:يوم|ايام)) (?:[\\p{L}]+ ){0,1}(?:راحه|اجازه|عطله) (?:[\\p{L}]+ ){0,1}(?:في|كل) (?:ال)?شهر`,
    `${WB}${AR_PRE}(?:راحه|اجازه|عطله) (?:يوم|يومين) (?:واحد )?(?:في|كل) (?:ال)?شهر`,
    `${WB}(?:day and night|night and day|on call at all times|always (?:available|on call))${WE}`,
    `${WB}(?:work|works|working|on call|on duty|be there|there for (?:her|him|them)) (?:[\\p{L}'-]+ ){0,2}(?:24/7|24 ?hours? a day|round the clock|around the clock)${WE}`,
    `${WB}(?:available|availability) (?:[\\p{L}'-]+ ){0,2}(?:24|day and night|at all times|7 days|round the clock)${WE}`,
    `${WB}(?:7|seven) days a week${WE}`,
    `${WB}\\d{1,2} hours'? (?:of )?sleep|(?:sleep|rest) (?:\\p{L}+ ){0,2}when(?:ever)? (?:you can|possible)|work(?:ing)? whenever (?:needed|required|the)${WE}`,
    `${WB}\\d{1,2} heures de sommeil|\\d{1,2} horas de sueno|\\d{1,2} stunden schlaf${WE}`,
    `${WB}(?:sans|aucun|pas de) (?:[\\p{L}'-]+ ){0,1}(?:jour de repos|jours de repos|repos hebdomadaire|repos|conge)${WE}`,
    `${WB}(?:jour et nuit|nuit et jour|24 ?h ?/ ?24|24 ?h sur 24|7 ?j ?/ ?7|7 jours sur 7|sept jours sur sept|disponibilite totale|disponible a tout moment)${WE}`,
    `${WB}(?:sin|ningun) (?:[\\p{L}'-]+ ){0,1}(?:descanso|dias? libres?|dia de descanso|libranza)${WE}`,
    `${WB}(?:de dia y de noche|dia y noche|las 24 horas|24 horas al dia|disponibilidad total|disponibilidad completa|siete dias a la semana|7 dias a la semana|de lunes a domingo|todos los dias sin)${WE}`,
    `${WB}(?:libranza|descanso|libre) (?:[\\p{L}'-]+ ){0,2}(?:al|por|cada) mes${WE}`,
    `${WB}(?:ohne|kein|keine|keinen) (?:[\\p{L}'-]+ ){0,1}(?:ruhetag|ruhetage|freien tag|freie tage)${WE}`,
    `${WB}(?:rund um die uhr|tag und nacht|7 tage die woche|sieben tage die woche|7 tage pro woche|jeden tag ohne)${WE}`,
    `${WB}${AR_PRE}(?:بدون|بلا|دون|لا يوجد|لا توجد|ليس هناك|ليست هناك|مافي|ما في) (?:يوم |ايام )?(?:راحه|اجازه|عطله)`,
    `${WB}${AR_PRE}(?:طوال ايام الاسبوع|طوال الاسبوع|كل ايام الاسبوع|ليلا ونهارا|ليل نهار|علي مدار الساعه|24 ساعه)`,
    `${WB}(?:rest|repos|descanso|ruhetag|ruhezeit)(?: hebdomadaire| semanal| weekly)? (?:[\\p{L}'-]+ ){0,2}(?:not guaranteed|non garanti|no garantizado|nicht garantiert)${WE}`,
    `${WB}(?:days? off|jours? de repos|dias? libres?|freie tage?) (?:[\\p{L}'-]+ ){0,2}(?:only when|seulement (?:si|quand)|solo (?:si|cuando)|nur bei|if the weather)${WE}`,
    `${WB}(?:dawn to dusk|sunrise to sunset|de sol a sol|du lever au coucher du soleil|von fruh bis spat|von morgens bis abends|من الفجر حتي (?:المغرب|الليل|العشاء)|من الصباح حتي المساء)${WE}`,
  ),
  'gu',
);
/** Compulsory overtime: an ILO forced-labour indicator, medium on its own. */
export const FORCED_OVERTIME = new RegExp(
  any(
    `${WB}(?:overtime (?:is )?(?:compulsory|mandatory|obligatory|required|expected)|(?:compulsory|mandatory|obligatory|unpaid) overtime|must (?:accept|work) (?:all )?overtime)${WE}`,
    `${WB}(?:heures supplementaires (?:sont )?(?:obligatoires|imposees|non payees|non remunerees))${WE}`,
    `${WB}(?:horas extra(?:s|ordinarias)? (?:son )?(?:obligatorias|no pagadas|sin pagar))${WE}`,
    `${WB}(?:uberstunden (?:sind )?(?:pflicht|verpflichtend|unbezahlt|ohne bezahlung))${WE}`,
    `${WB}${AR_PRE}(?:العمل الاضافي (?:اجباري|الزامي|بدون اجر)|ساعات اضافيه (?:اجباريه|بدون اجر))`,
  ),
  'gu',
);

/** "Two days off a week": the weekly rest is there, so "7 days a week" is the business's opening. */
const HAS_REST = new RegExp(
  any(
    `${WB}(?:two|2|one|1|a) (?:free |paid |full )?(?:consecutive )?(?:days? off|off[- ]?days?) (?:a|per|each|every) week${WE}`,
    `${WB}(?:weekly (?:day off|off[- ]?day|rest day)|(?:every|each) (?:sunday|week) off|weekends? off|un jour de repos par semaine|repos hebdomadaire (?:de|d'un)|un dia libre (?:a la|por|cada) semana|descanso semanal de|ein freier tag (?:pro|je|in der) woche)${WE}`,
    `${WB}(?:two|2) (?:consecutive )?days? off${WE}`,
    `${WB}(?:deux|2) jours de repos${WE}`,
    `${WB}(?:dos|2) dias libres${WE}`,
    `${WB}(?:zwei|2) freie tage${WE}`,
    `${WB}${AR_PRE}(?:يومي راحه|يوم راحه اسبوعي|يوم راحه)`,
  ),
  'gu',
);
/** "… a month": rest counted per month is not weekly rest. */
const PER_MONTH = /^ (?:[\p{L}'-]+ ){0,1}(?:a|per|each|every|in a|in the|par|chaque|al|por|cada|en el|im|pro|je|في|كل) (?:ال)?(?:month|mois|mes|monat|شهر)/u;
/** "24/7" and the like are about the worker only next to availability words; "7 days a week" not in an opening-hours sentence. */
const OPENING = /(?:^|[\s(])(?:open|opens|runs|operates|operating|ouvert|ouverte|fonctionne|abre|abierto|abierta|funciona|geoffnet|betrieben|lauft|laufen|مفتوح|يعمل علي مدار)(?=[\s,.:;)]|$)/u;

/**
 * "Night and day shifts", "postes jour et nuit", "turnos de día y de noche", "Schichtdienst Tag und Nacht": day and
 * night name the shifts a rota has, not a worker on duty around the clock.
 */
const DAY_NIGHT = /^(?:day and night|night and day|jour et nuit|nuit et jour|de dia y de noche|dia y noche|tag und nacht|ليلا ونهارا|ليل نهار)$/u;
const ROTA_WORD = '(?:shifts?|rotas?|rotations?|postes?|equipes?|gardes?|vacations?|roulement|turnos?|guardias?|schichten|schicht|schichtdienst|dienste?|نوبات|ورديات|مناوبات|شفتات)';
const ROTA_AFTER = new RegExp(`^[- ]?(?:[\\p{L}]+ )?${ROTA_WORD}(?![\\p{L}])`, 'u');
const ROTA_BEFORE = new RegExp(`(?<![\\p{L}])${ROTA_WORD}(?: (?:de|en|of|in|im|mit|في|:))? ?$`, 'u');
const namesShifts = (t: string, m: { start: number; end: number; text: string }) =>
  DAY_NIGHT.test(m.text.trim()) && (ROTA_AFTER.test(t.slice(m.end, m.end + 24)) || ROTA_BEFORE.test(t.slice(Math.max(0, m.start - 24), m.start)));

export function hoursRules(ft: FieldText, structured: { hoursPerWeek?: number | null; country: string }): RuleHit[] {
  const out: RuleHit[] = [];
  const wholeNorm = ft.text.norm;
  const hasRest = spans(HAS_REST, wholeNorm).some((r) => !PER_MONTH.test(wholeNorm.slice(r.end, r.end + 24)));
  for (const s of ft.sentences) {
    const t = s.text;
    if (OPENING.test(t)) continue;
    const noRest = spans(NO_REST, t).filter((m) => !(hasRest && /7|seven|sept|siete|sieben|طوال|month|mois|mes|monat|شهر/.test(m.text)) && !namesShifts(t, m));
    if (noRest.length) {
      out.push({ type: 'excessive-hours', severity: 'high', tier: 'strong', field: ft.field, start: s.start, end: s.end, cue: `no-rest:${noRest[0]!.text}` });
      continue;
    }
    const overtime = spans(FORCED_OVERTIME, t);
    if (overtime.length) {
      out.push({ type: 'excessive-hours', severity: 'medium', tier: 'strong', field: ft.field, start: s.start, end: s.end, cue: `forced-overtime:${overtime[0]!.text}` });
    }
  }
  const h = findHours(wholeNorm);
  const eu = WTD_COUNTRIES.has(structured.country);
  // On a rotation the ceiling applies to the hours averaged over the cycle (working-time law's reference period):
  // two weeks of 12-hour days then three weeks off is 33.6 h a week, four on and one off is 67 h.
  const weekly = h.averageWeekly ?? h.weekly;
  if (weekly !== undefined && h.spans.length) {
    const first = h.rotation ? h.spans.reduce((a, b) => (b.start < a.start ? b : a)) : h.spans[0]!;
    const last = h.rotation ? h.spans.reduce((a, b) => (b.end > a.end ? b : a)) : h.spans[h.spans.length - 1]!;
    const severity = weekly >= HOURS_HIGH ? 'high' : 'medium';
    if (weekly > HOURS_MEDIUM || (eu && weekly > 48)) {
      out.push({
        type: 'excessive-hours',
        severity,
        tier: 'strong',
        field: ft.field,
        start: first.start,
        end: last.end,
        cue: `hours:${weekly}`,
        facts: { hoursPerWeek: Math.round(weekly * 10) / 10, ...(h.rotation ? { rotationWeeksOn: h.rotation.on, rotationWeeksOff: h.rotation.off } : {}) },
      });
    }
  }
  return out;
}

/** The structured hoursPerWeek field against the same ceilings. */
export function structuredHoursFlag(hoursPerWeek: number | null | undefined, country: string): { severity: 'high' | 'medium' } | undefined {
  if (hoursPerWeek === null || hoursPerWeek === undefined) return undefined;
  if (hoursPerWeek >= HOURS_HIGH) return { severity: 'high' };
  if (hoursPerWeek > HOURS_MEDIUM || (WTD_COUNTRIES.has(country) && hoursPerWeek > 48)) return { severity: 'medium' };
  return undefined;
}
