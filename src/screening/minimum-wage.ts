// The versioned table of statutory minimum wages (data/screening/minimum-wages.json): loading, jurisdiction lookup
// from a vacancy's country and free-text region, and the rate in force on a date.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalise } from './text.js';

export const MINIMUM_WAGES_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/screening/minimum-wages.json');

const RateSchema = z
  .object({
    amount: z.number().positive(),
    period: z.enum(['hour', 'week', 'month']),
    effectiveFrom: z.iso.date(),
    source: z.string().min(1),
    url: z.string().url(),
    /** Owed on top of `amount` unless provided in kind (Qatar's food and housing allowances). */
    allowances: z.number().nonnegative().optional(),
    note: z.string().optional(),
  })
  .strict();

const JurisdictionSchema = z
  .object({
    name: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    standardWeeklyHours: z.number().positive().optional(),
    rates: z.array(RateSchema).min(1).optional(),
    none: z.literal(true).optional(),
    /** A federal floor that also applies (US states: the FLSA minimum). */
    floorOf: z.string().optional(),
    /** How far typical pay sits above the minimum, for the too-good-to-be-true check (default 2: minimums sit near half the median). */
    medianToMinimum: z.number().positive().optional(),
    /**
     * Where the minimum is set for the lowest-paid workers of a two-tier labour market (Qatar), how far a skilled
     * professional's typical pay sits above it: the reference for a senior or specialist role (an estimate).
     */
    seniorMedianToMinimum: z.number().positive().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((j) => j.none === true || (j.rates && j.currency && j.standardWeeklyHours), { message: 'a jurisdiction has rates, a currency and standard hours, or none: true' });

export const MinimumWageTableSchema = z
  .object({
    version: z.string(),
    compiled: z.iso.date(),
    reviewBy: z.iso.date(),
    notice: z.string(),
    jurisdictions: z.record(z.string(), JurisdictionSchema),
  })
  .strict();
export type MinimumWageTable = z.infer<typeof MinimumWageTableSchema>;
type Jurisdiction = MinimumWageTable['jurisdictions'][string];

export function loadMinimumWages(path = MINIMUM_WAGES_PATH): MinimumWageTable {
  return MinimumWageTableSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const US_STATES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', 'district of columbia': 'DC', 'washington dc': 'DC', 'washington d.c.': 'DC', florida: 'FL', georgia: 'GA',
  hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA',
  maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO',
  montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'nueva jersey': 'NJ',
  'new mexico': 'NM', 'nuevo mexico': 'NM', 'new york': 'NY', 'nueva york': 'NY', 'north carolina': 'NC',
  'carolina del norte': 'NC', 'caroline du nord': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR',
  pennsylvania: 'PA', pensilvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'carolina del sur': 'SC',
  'south dakota': 'SD', tennessee: 'TN', texas: 'TX', tejas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA',
  'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', 'nueva york city': 'NY',
};
const CA_PROVINCES: Record<string, string> = {
  alberta: 'AB', 'british columbia': 'BC', 'colombie-britannique': 'BC', 'columbia britanica': 'BC', manitoba: 'MB',
  'new brunswick': 'NB', 'nouveau-brunswick': 'NB', 'nuevo brunswick': 'NB', 'newfoundland and labrador': 'NL',
  newfoundland: 'NL', 'terre-neuve-et-labrador': 'NL', 'nova scotia': 'NS', 'nouvelle-ecosse': 'NS', 'nueva escocia': 'NS',
  ontario: 'ON', 'prince edward island': 'PE', 'ile-du-prince-edouard': 'PE', quebec: 'QC', saskatchewan: 'SK',
  'northwest territories': 'NT', 'territoires du nord-ouest': 'NT', nunavut: 'NU', yukon: 'YT',
};
const SUBDIVISIONS: Record<string, Record<string, string>> = { US: US_STATES, CA: CA_PROVINCES };

/** The table key for a country and a free-text region ("Ontario", "ON", "CA-ON", "Québec"), most specific first. */
export function jurisdictionKeys(country: string, region?: string | null): string[] {
  const keys: string[] = [];
  const names = SUBDIVISIONS[country];
  if (names && region) {
    const r = normalise(region).norm.trim().replace(/\s+/g, ' ');
    const code = /^[a-z]{2}$/.test(r) ? r.toUpperCase() : /^[a-z]{2}-([a-z]{2})$/.test(r) ? r.slice(3).toUpperCase() : names[r];
    const known = new Set(Object.values(names));
    if (code && known.has(code)) keys.push(`${country}-${code}`);
  }
  keys.push(country);
  return keys;
}

export interface MinimumRate {
  jurisdiction: string;
  name: string;
  currency: string;
  hourly: number;
  /** With allowances owed on top when not provided in kind (the too-good-to-be-true check uses it). */
  hourlyWithAllowances: number;
  medianToMinimum?: number;
  seniorMedianToMinimum?: number;
  rate: z.infer<typeof RateSchema>;
  standardWeeklyHours: number;
}

export type MinimumLookup = { ok: true; minimum: MinimumRate } | { ok: false; status: 'no-statutory-minimum' | 'not-in-table'; jurisdiction: string; note?: string };

function rateOn(j: Jurisdiction, date: string) {
  const inForce = (j.rates ?? []).filter((r) => r.effectiveFrom <= date).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return inForce[0];
}

function hourlyOf(j: Jurisdiction, rate: z.infer<typeof RateSchema>, amount = rate.amount): number {
  const std = j.standardWeeklyHours!;
  if (rate.period === 'hour') return amount;
  if (rate.period === 'week') return amount / std;
  return amount / ((std * 52) / 12);
}

function minimumRate(key: string, j: Jurisdiction, rate: z.infer<typeof RateSchema>): MinimumRate {
  return {
    jurisdiction: key,
    name: j.name,
    currency: j.currency!,
    hourly: hourlyOf(j, rate),
    hourlyWithAllowances: hourlyOf(j, rate, rate.amount + (rate.allowances ?? 0)),
    rate,
    standardWeeklyHours: j.standardWeeklyHours!,
    ...(j.medianToMinimum ? { medianToMinimum: j.medianToMinimum } : {}),
    ...(j.seniorMedianToMinimum ? { seniorMedianToMinimum: j.seniorMedianToMinimum } : {}),
  };
}

/**
 * The statutory minimum that applies on `date` (YYYY-MM-DD). A US state's minimum never goes below the federal one.
 * Canada without a province: the lowest provincial minimum (most jobs are provincially regulated); the lenient reading.
 */
export function minimumFor(table: MinimumWageTable, country: string, region: string | null | undefined, date: string): MinimumLookup {
  const keys = jurisdictionKeys(country, region);
  const specific = keys[0]!;
  if (country === 'CA' && specific === 'CA') {
    const provinces = Object.keys(table.jurisdictions).filter((k) => k.startsWith('CA-'));
    let lowest: MinimumRate | undefined;
    for (const k of provinces) {
      const j = table.jurisdictions[k]!;
      const rate = rateOn(j, date);
      if (!rate) continue;
      const m = minimumRate(k, j, rate);
      if (!lowest || m.hourly < lowest.hourly) lowest = m;
    }
    return lowest ? { ok: true, minimum: lowest } : { ok: false, status: 'not-in-table', jurisdiction: country };
  }
  const key = keys.find((k) => table.jurisdictions[k]);
  if (!key) return { ok: false, status: 'not-in-table', jurisdiction: specific };
  const j = table.jurisdictions[key]!;
  const candidates: MinimumRate[] = [];
  const consider = (k: string, jj: Jurisdiction) => {
    const rate = rateOn(jj, date);
    if (rate) candidates.push(minimumRate(k, jj, rate));
  };
  if (!j.none) consider(key, j);
  if (j.floorOf && table.jurisdictions[j.floorOf]) consider(j.floorOf, table.jurisdictions[j.floorOf]!);
  if (candidates.length === 0) return { ok: false, status: j.none ? 'no-statutory-minimum' : 'not-in-table', jurisdiction: key, note: j.note };
  // The higher of a state's and the federal minimum is owed.
  const best = candidates.sort((a, b) => b.hourly - a.hourly)[0]!;
  return { ok: true, minimum: best };
}
