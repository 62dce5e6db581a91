/**
 * The README walkthrough's ICU vacancy and French-writing nurse, as posted there. One definition: the walkthrough test
 * posts them, and the weights tuning (bench/match-walkthrough-checks.ts) refuses any weights that would not rank this
 * ad first for this nurse.
 */
export const WALKTHROUGH_ICU_AD = {
  title: 'Registered nurse, intensive care',
  description: 'Care for ICU patients in a 24-bed unit. Visa sponsorship and relocation paid.',
  country: 'DE',
  region: 'Bavaria',
  skills: [
    { label: 'monitor patient vital signs', essential: true },
    { label: 'administer medication', essential: true },
    { label: 'intensive care nursing', essential: false },
  ],
  languages: [{ code: 'de', level: 'B2' }],
  requirements: { occupationYears: { min: 2, essential: true }, licences: [{ kind: 'recognition', country: 'DE', essential: false }] },
  salary: { min: 3600, max: 4400, currency: 'EUR', period: 'month' },
  contractType: 'permanent',
  hoursPerWeek: 38.5,
  shortage: true,
  recruitmentFees: { chargedToWorker: false },
  lang: 'en',
};

/** The nurse's profile, less consent and contact (each caller states its own). */
export const WALKTHROUGH_FRENCH_NURSE = {
  displayName: 'Fatou D.',
  lang: 'fr',
  skills: [{ label: 'soins infirmiers' }, { label: 'surveiller les signes vitaux' }, { label: 'administer medication' }],
  experience: [{ title: 'infirmière', years: 6, country: 'SN' }],
  educationLevel: 6,
  languages: [{ code: 'fr', level: 'C2' }, { code: 'de', level: 'B1' }],
  licences: [{ kind: 'recognition', country: 'DE', status: 'in-progress' }],
  residenceCountry: 'SN',
  destinations: ['DE', 'FR', 'BE'],
};
