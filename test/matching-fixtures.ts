import type { ProfileFeatures, VacancyFeatures } from '../src/matching/index.js';

const S = (id: string): string => `http://data.europa.eu/esco/skill/${id}`;
const O = (id: string): string => `http://data.europa.eu/esco/occupation/${id}`;

export const NURSE_OCC = O('nurse-responsible-for-general-care');

export function nurseVacancy(over: Partial<VacancyFeatures> = {}): VacancyFeatures {
  return {
    id: 'vac_nurse',
    title: 'Registered nurse, general ward',
    occupations: [{ escoUri: NURSE_OCC, iscoCode: '2221.1', source: 'set', confidence: 1, label: 'nurse responsible for general care' }],
    skills: [
      { label: 'administer medication', esco: S('administer-medication'), essential: true },
      { label: 'monitor patient vital signs', esco: S('monitor-vitals'), essential: true },
      { label: 'apply wound care', esco: S('wound-care'), essential: true },
      { label: 'maintain patient records', essential: true },
      { label: 'use electronic health records', esco: S('ehr'), essential: false },
      { label: 'provide palliative care', esco: S('palliative'), essential: false },
    ],
    languages: [{ code: 'fr', level: 'B2' }],
    country: 'FR',
    remote: false,
    status: 'open',
    expiresAt: '2027-06-30T00:00:00Z',
    requirements: { occupationYears: { min: 2, essential: true }, licences: [] },
    ...over,
  };
}

export function nurseProfile(over: Partial<ProfileFeatures> = {}): ProfileFeatures {
  return {
    id: 'cand_amina',
    occupations: [{ escoUri: O('health-care-assistant'), iscoCode: '5321.1', source: 'suggested', confidence: 0.7, label: 'healthcare assistant' }],
    skills: [
      { label: 'give medicine to patients', esco: S('administer-medication') },
      { label: 'check vital signs', esco: S('monitor-vitals-adjacent') },
      { label: 'maintaining patient record' },
    ],
    experience: [{ title: 'Nurse assistant', years: 3, country: 'MA', occupation: { iscoCode: '5321', source: 'suggested' } }],
    languages: [
      { code: 'ar', level: 'C2' },
      { code: 'fr', level: 'B1' },
    ],
    residenceCountry: 'MA',
    destinations: ['FR', 'BE'],
    educationLevel: 5,
    licences: [],
    consent: { matching: true, visibleToEmployers: true },
    ...over,
  };
}

/** Toy relatedness: the two vital-signs skills are ESCO-related. */
export const relatedness = (a: string, b: string): number =>
  [a, b].sort().join('|') === [S('monitor-vitals'), S('monitor-vitals-adjacent')].sort().join('|') ? 1 : 0;
