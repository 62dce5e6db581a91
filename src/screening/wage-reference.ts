// National average wages (OECD AV_AN_WAGE) for destinations without a statutory minimum, built by
// `npm run data:build:wage-reference` into data/screening/wage-reference.json. The too-good-to-be-true check anchors
// on them where there is no minimum to anchor on (Norway, Switzerland, Italy, the Nordics, Austria).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const WAGE_REFERENCE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/screening/wage-reference.json');

export const WageReferenceSchema = z
  .object({
    version: z.string(),
    measure: z.string(),
    attribution: z.string(),
    countries: z.record(z.string(), z.object({ currency: z.string().regex(/^[A-Z]{3}$/), annualMean: z.number().positive(), year: z.number().int() }).strict()),
  })
  .strict();
export type WageReferenceFile = z.infer<typeof WageReferenceSchema>;

/** Full-time hours a year the annual mean is spread over (40 h × 52, as the BLS annual-to-hourly convention). */
export const FULL_TIME_HOURS_A_YEAR = 2080;

export function loadWageReference(path = WAGE_REFERENCE_PATH): WageReferenceFile | undefined {
  if (!existsSync(path)) return undefined;
  return WageReferenceSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
