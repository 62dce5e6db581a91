// Every text rule over every text field of a vacancy.
import { screeningText, type RuleHit, type ScreeningText } from './common.js';
import { feeRules, visaForPaymentRules } from './fees.js';
import { documentRules } from './documents.js';
import { movementRules } from './movement.js';
import { contractRules } from './contract.js';
import { employerRules } from './employer.js';
import { hoursRules } from './hours.js';
import type { ScreenableVacancy } from '../types.js';

export { screeningText, type RuleHit, type ScreeningText } from './common.js';
export { structuredHoursFlag } from './hours.js';

/** The text fields a vacancy is read from. */
export function vacancyText(v: ScreenableVacancy): ScreeningText {
  return screeningText([
    { field: 'title', text: v.title },
    { field: 'description', text: v.description },
    { field: 'recruitmentFees.note', text: v.recruitmentFees?.note },
  ]);
}

export function runRules(v: ScreenableVacancy, text: ScreeningText): RuleHit[] {
  const whole = text.fields.map((f) => f.text.norm).join('\n');
  const hits: RuleHit[] = [];
  for (const ft of text.fields) {
    hits.push(...feeRules(ft), ...visaForPaymentRules(ft), ...documentRules(ft), ...movementRules(ft), ...contractRules(ft), ...employerRules(ft, whole));
    hits.push(...hoursRules(ft, { hoursPerWeek: v.hoursPerWeek, country: v.country }));
  }
  return hits;
}
