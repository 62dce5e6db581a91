// Pay against the law and against plausibility: the stated pay (structured salary, else the pay written in the
// text) per hour, for the stated hours (structured, else written, else the destination's standard week), compared
// with the statutory minimum in force; and pay that is too good to be true for the occupation and its requirements.
import type { FlagEvidence, ScreenableVacancy, ScreeningFlag, WageCheck } from './types.js';
import { findAmounts, findHours, isNet, periodAround, type PayPeriod } from './money.js';
import { hoursRules, WTD_COUNTRIES } from './rules/hours.js';
import { minimumFor, type MinimumWageTable } from './minimum-wage.js';
import { NO_REQUIREMENTS, NOT_PAY_WORD, PAY_LURE, PAY_WORD } from './lexicon.js';
import { evidenceOf, spans, type ScreeningText } from './rules/common.js';
import type { RelativePay } from './occupation-pay.js';

interface StatedPay {
  low: number;
  high: number;
  period: PayPeriod;
  currency: string;
  net: boolean;
  evidence: FlagEvidence;
}

/** Below this share of the minimum the pay is flagged (a little room for rounding and monthly/hourly conversion). */
export const BELOW_MINIMUM_TOLERANCE = 0.97;
/** Below this share the flag is high severity (the vacancy is held) when the pay is hourly or the hours are stated. */
export const BELOW_MINIMUM_HIGH = 0.9;
/** Net pay is scaled up by this factor before comparing with a gross minimum (lenient: taxes on a full-time wage rarely take a third). */
export const NET_TO_GROSS = 1.5;
/**
 * Too good to be true: pay at least FLOOR times the statutory minimum and at least SLOPE times what the occupation
 * usually earns. What it usually earns: its pay relative to the median of all occupations (BLS) times a median wage,
 * the US median for US vacancies, elsewhere MEDIAN_TO_MINIMUM times the minimum (minimums sit near half the median).
 */
export const IMPLAUSIBLE_FLOOR = 2.5;
export const IMPLAUSIBLE_SLOPE = 1.6;
export const IMPLAUSIBLE_SLOPE_US = 2.0;
export const MEDIAN_TO_MINIMUM = 2;
/** With "no experience needed", "guaranteed", "easy money" in the ad, the threshold is this share of the above. */
export const IMPLAUSIBLE_LURE_FACTOR = 0.75;

const EXEMPT_CONTRACTS = new Set(['apprenticeship', 'internship']);

function resolveCurrency(code: string, country: string): string | undefined {
  if (/^[A-Z]{3}$/.test(code) && code !== 'KR') return code;
  const byCountry: Record<string, Record<string, string>> = {
    $: { US: 'USD', CA: 'CAD', AU: 'AUD', NZ: 'NZD' },
    RIYAL: { SA: 'SAR', QA: 'QAR', OM: 'OMR' },
    DINAR: { KW: 'KWD', JO: 'JOD', BH: 'BHD' },
    KR: { SE: 'SEK', NO: 'NOK', DK: 'DKK' },
    PESO: { CL: 'CLP', MX: 'MXN' },
  };
  return byCountry[code]?.[country];
}

function structuredPay(v: ScreenableVacancy, text: ScreeningText): StatedPay | undefined {
  const s = v.salary;
  if (!s || !(['hour', 'day', 'week', 'month', 'year'] as string[]).includes(s.period)) return undefined;
  // The structured field has no net/gross: net when the text gives the same amount as net pay ("2.000 € netto").
  const net = text.fields.some((f) => findAmounts(f.text.norm).some((a) => a.value === s.min && isNet(f.text.norm, a)));
  return {
    low: s.min,
    high: s.max,
    period: s.period as PayPeriod,
    currency: s.currency,
    net,
    evidence: { field: 'salary', text: `${s.min === s.max ? s.min : `${s.min}–${s.max}`} ${s.currency} per ${s.period}` },
  };
}

/** Pay written in the text: amounts with a pay period, in a clause about pay rather than rent or fees. */
function textPay(text: ScreeningText, country: string): StatedPay | undefined {
  let best: StatedPay | undefined;
  let bestInPayClause = false;
  for (const ft of text.fields) {
    for (const s of ft.sentences) {
      for (const c of s.clauses) {
        const notPay = spans(NOT_PAY_WORD, c.text).length > 0 && spans(PAY_WORD, c.text).length === 0;
        if (notPay) continue;
        for (const a of findAmounts(c.text)) {
          const period = periodAround(c.text, a);
          const currency = resolveCurrency(a.currency, country);
          if (!period || !currency || a.value <= 0) continue;
          const at = { start: c.start + a.start, end: c.start + a.end };
          const stated: StatedPay = { low: a.value, high: a.value, period, currency, net: isNet(c.text, a), evidence: evidenceOf(ft, at.start, Math.min(c.end, at.end + 30)) };
          const payClause = spans(PAY_WORD, c.text).length > 0;
          if (!best || (payClause && !bestInPayClause)) {
            best = stated;
            bestInPayClause = payClause;
          } else if (best.currency === currency && best.period === period && payClause === bestInPayClause) {
            best = { ...best, low: Math.min(best.low, a.value), high: Math.max(best.high, a.value) };
          }
        }
      }
    }
  }
  return best;
}

interface WeeklyHours {
  /** Hours of a week worked (on a rotation: a week of the hitch). */
  hours: number;
  /** On a rotation: the hours averaged over the cycle, what the pay actually buys per week of the year. */
  averageHours?: number;
  daily?: number;
  assumed: boolean;
  evidence?: FlagEvidence;
}

/** The no-rest cues that say round the clock (not "7 days a week", not a rota's "day and night" shifts). */
const ROUND_THE_CLOCK = /(?:24 ?hours? a day|24\/7|round the clock|around the clock|24 ?h ?(?:\/|sur) ?24|las 24 horas|24 horas al dia|rund um die uhr|علي مدار الساعه)/u;

function weeklyHours(v: ScreenableVacancy, text: ScreeningText, standard: number): WeeklyHours {
  if (v.hoursPerWeek) return { hours: v.hoursPerWeek, assumed: false, evidence: { field: 'hoursPerWeek', text: `${v.hoursPerWeek} hours per week` } };
  for (const ft of text.fields) {
    const h = findHours(ft.text.norm);
    // hours read from text must be a usable divisor ("0 hours" is not a week of work)
    if (h.weekly !== undefined && h.weekly > 0 && Number.isFinite(h.weekly) && h.spans.length) {
      const first = h.rotation ? h.spans.reduce((a, b) => (b.start < a.start ? b : a)) : h.spans[0]!;
      const last = h.rotation ? h.spans.reduce((a, b) => (b.end > a.end ? b : a)) : h.spans[h.spans.length - 1]!;
      return { hours: h.weekly, ...(h.averageWeekly ? { averageHours: h.averageWeekly } : {}), daily: h.daily, assumed: false, evidence: evidenceOf(ft, first.start, last.end) };
    }
  }
  // Presence round the clock with no hours written ("24-Stunden-Betreuung … rund um die Uhr für ihn da"): the standard
  // week understates the time the pay buys; take the legal weekly ceiling (48 h in the EU/EEA and the UK, else 60 h) as
  // the lenient least (on-call presence at the workplace is working time).
  const ceiling = WTD_COUNTRIES.has(v.country) ? 48 : 60;
  const roundTheClock = text.fields.some((ft) => hoursRules(ft, { country: v.country }).some((h) => h.cue.startsWith('no-rest:') && ROUND_THE_CLOCK.test(h.cue)));
  if (roundTheClock && ceiling > standard) return { hours: ceiling, assumed: true };
  return { hours: standard, assumed: true };
}

function perHour(amount: number, period: PayPeriod, h: WeeklyHours): number {
  switch (period) {
    case 'hour':
      return amount;
    case 'day':
      return amount / (h.daily ?? h.hours / 5);
    case 'week':
      return amount / h.hours;
    case 'month':
      return amount / ((h.hours * 52) / 12);
    case 'year':
      return amount / (h.hours * 52);
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface PayCheckInput {
  vacancy: ScreenableVacancy;
  text: ScreeningText;
  table: MinimumWageTable;
  /** YYYY-MM-DD: the day the minimum must be in force (start date or today). */
  date: string;
  occupationPay?: RelativePay;
  /** US median hourly wage of all occupations (from the BLS data), the reference for US vacancies. */
  usMedianHourly?: number;
}

/**
 * Seniority: a senior, lead or principal title, a consultant or architect, or five years' experience or more asked
 * for. Such pay sits well above the occupation's median: its relative pay is taken as at least SENIOR_RELATIVE_PAY and
 * wording such as "work from home" or "up to" is no lure (an ad asking for eight years' experience is no easy money).
 */
const SENIORITY = /(?:^|[^\p{L}])(?:senior|tech lead|team lead|lead (?:engineer|developer|architect|designer)|principal|head of|chief|staff engineer|architect|consultant|berater(?:in)?|consultant(?:e)?|consultor(?:a)?|arquitect[oa]|architecte|jefe de|directeur|director(?:a)?|leiter(?:in)?|مهندس اول)(?![\p{L}])|(?:(?:at least|minimum|min\.?|mind\.?|mindestens|au moins|minimo|al menos)\s?(?:[5-9]|[1-4]\d)|(?:[5-9]|[1-4]\d)\s?\+)\s?(?:yrs|years?|ans|anos|jahre?n?)(?![\p{L}])|(?:^|[^\p{N}])(?:[5-9]|[1-4]\d)\s?(?:yrs|years?|ans|anos|jahre?n?) (?:of |d'|de )?(?:experience|experiencia|erfahrung|berufserfahrung|projekterfahrung)|خبره (?:لا تقل عن |علي الاقل )?(?:[5-9]|[1-4]\d) (?:سنه|سنوات)/u;
/** A medical specialist (a physician, a surgeon, an anaesthetist): among the best-paid occupations everywhere. */
const PHYSICIAN = /(?:^|[^\p{L}])(?:physicians?|surgeons?|anaesthetists?|an(?:a)?esthesiologists?|medecins?|chirurgien(?:ne)?s?|anesthesistes?|anestesiolog[oa]s?|anestesiologia|cirujan[oa]s?|(?:fach|ober|chef|assistenz)?arzt|(?:fach|ober|chef|assistenz)?arztin|anasthesist(?:in)?|chirurg(?:in)?|طبيب|طبيبه|جراح|استشاري)(?![\p{L}])/u;
export const SENIOR_RELATIVE_PAY = 2.5;
export const PHYSICIAN_RELATIVE_PAY = 4;

export function payChecks(input: PayCheckInput): { wage: WageCheck; flags: ScreeningFlag[] } {
  const { vacancy: v, text, table, date } = input;
  const flags: ScreeningFlag[] = [];
  const lookup = minimumFor(table, v.country, v.region, date);
  const pay = structuredPay(v, text) ?? textPay(text, v.country);
  if (!lookup.ok) return { wage: { status: lookup.status, jurisdiction: lookup.jurisdiction, note: lookup.note }, flags };
  const min = lookup.minimum;
  if (!pay) return { wage: { status: 'no-pay-stated', jurisdiction: min.name }, flags };
  if (resolveCurrency(pay.currency, v.country) !== min.currency) return { wage: { status: 'currency-differs', jurisdiction: min.name, note: `pay in ${pay.currency}, minimum in ${min.currency}` }, flags };
  const hours = weeklyHours(v, text, min.standardWeeklyHours);
  // Against the minimum, a rotation's pay is spread over the hours averaged across the cycle (what it buys per week of
  // the year, the higher hourly figure); against plausibility, over the hours of a week worked (the lower one). Each
  // reading is the lenient one for its check, so lawful rotation pay is neither under the minimum nor implausible.
  const hoursForMinimum = hours.averageHours ? { ...hours, hours: hours.averageHours } : hours;
  const hourlyLow = perHour(pay.low, pay.period, hoursForMinimum) * (pay.net ? NET_TO_GROSS : 1);
  const hourlyHigh = perHour(pay.high, pay.period, hours);
  // Stored rows written before the schema's bounds, or a day of 0 hours in the text: no hourly figure, no check.
  if (!Number.isFinite(hourlyLow) || !Number.isFinite(hourlyHigh)) {
    return { wage: { status: 'no-pay-stated', jurisdiction: min.name, note: 'the pay or the hours do not give an hourly figure' }, flags };
  }
  const facts = {
    hourlyPay: round2(hourlyLow),
    hourlyMinimum: round2(min.hourly),
    currency: min.currency,
    jurisdiction: min.name,
    minimumSource: min.rate.source,
    minimumUrl: min.rate.url,
    effectiveFrom: min.rate.effectiveFrom,
    hoursPerWeek: round2(hours.hours),
    hoursAssumed: hours.assumed ? 1 : 0,
    tableVersion: table.version,
  };
  const wage: WageCheck = {
    status: 'checked',
    hourlyPay: round2(hourlyLow),
    hourlyMinimum: round2(min.hourly),
    currency: min.currency,
    jurisdiction: min.name,
    hoursPerWeek: round2(hours.hours),
    hoursAssumed: hours.assumed,
    source: min.rate.source,
    effectiveFrom: min.rate.effectiveFrom,
  };
  const evidence = [pay.evidence, ...(hours.evidence ? [hours.evidence] : [])];
  if (EXEMPT_CONTRACTS.has(v.contractType ?? '')) {
    return { wage: { status: 'exempt-contract', jurisdiction: min.name, note: 'apprentice and intern rates differ from the adult minimum' }, flags };
  }
  const ratioLow = hourlyLow / min.hourly;
  // An hourly rate against an hourly minimum needs no conversion, so no tolerance beyond rounding to the cent: £12.60
  // is under £12.71. The 3 % tolerance is for pay converted from a day, week, month or year.
  const exact = pay.period === 'hour' && min.rate.period === 'hour' && !pay.net;
  if (exact ? hourlyLow < min.hourly - 0.005 : ratioLow < BELOW_MINIMUM_TOLERANCE) {
    const sure = pay.period === 'hour' || !hours.assumed;
    flags.push({ type: 'below-minimum-wage', severity: ratioLow < BELOW_MINIMUM_HIGH && sure ? 'high' : 'medium', evidence, source: 'wage-table', facts });
  }
  // Too good to be true: far above what the occupation usually earns, and far above the minimum.
  const all = text.fields.map((f) => f.text.norm).join('\n');
  const noRequirements = text.fields.some((f) => spans(NO_REQUIREMENTS, f.text.norm).length > 0);
  const senior = !noRequirements && SENIORITY.test(all);
  const physician = !noRequirements && PHYSICIAN.test(all);
  const rel = Math.max(input.occupationPay?.value ?? 1, physician ? PHYSICIAN_RELATIVE_PAY : senior ? SENIOR_RELATIVE_PAY : 0);
  const us = v.country === 'US' && input.usMedianHourly !== undefined;
  // In a two-tier market (a minimum set for the lowest-paid, Qatar) a senior or specialist role is paid on the
  // professional scale, not against the all-workers reference; a lure ("no experience needed") cancels seniority.
  const reference = (senior || physician) && min.seniorMedianToMinimum ? min.seniorMedianToMinimum : (min.medianToMinimum ?? MEDIAN_TO_MINIMUM);
  const usual = rel * (us ? input.usMedianHourly! : reference * min.hourlyWithAllowances);
  // (noRequirements is itself a lure; the pay words of a lure are not, for a senior or specialist job.)
  const lure = noRequirements || (!senior && !physician && text.fields.some((f) => spans(PAY_LURE, f.text.norm).length > 0));
  const threshold = Math.max(IMPLAUSIBLE_FLOOR * min.hourlyWithAllowances, (us ? IMPLAUSIBLE_SLOPE_US : IMPLAUSIBLE_SLOPE) * usual) * (lure ? IMPLAUSIBLE_LURE_FACTOR : 1);
  if (hourlyHigh >= threshold) {
    flags.push({
      type: 'implausible-pay',
      severity: 'medium',
      evidence: [pay.evidence],
      source: 'wage-table',
      facts: {
        ...facts,
        hourlyPay: round2(hourlyHigh),
        timesMinimum: Math.round((hourlyHigh / min.hourly) * 10) / 10,
        usualHourly: round2(usual),
        occupationRelativePay: Math.round(rel * 100) / 100,
      },
    });
  }
  return { wage, flags };
}
