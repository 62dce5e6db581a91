// Fair-recruitment screening: the flag vocabulary shared by the rules, the semantic matcher, the wage checks,
// the service, the bench and the API schemas.

/** The practices the ILO General Principles and Operational Guidelines for Fair Recruitment and IOM IRIS name. */
export const FLAG_TYPES = [
  'worker-pays-fees',
  'documents-retained',
  'below-minimum-wage',
  'implausible-pay',
  'excessive-hours',
  'no-written-contract',
  'vague-employer',
  'restricted-movement',
  'visa-for-payment',
] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

/** high: the vacancy is held for review before anyone sees it; medium and low: shown to seekers next to the vacancy. */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rules only; rules and their weak cues; rules with weak cues confirmed by the semantic matcher; and unions. */
export const SCREENING_MODES = ['rules', 'rules+weak', 'semantic', 'rules|semantic', 'rules+confirm', 'rules+confirm|semantic'] as const;
export type ScreeningMode = (typeof SCREENING_MODES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/** Which part of the screener raised a flag. */
export type FlagSource = 'rules' | 'semantic' | 'wage-table' | 'structured';

/** Where the flag comes from: a span of a text field (offsets into the field as written) or a structured field. */
export interface FlagEvidence {
  field: 'title' | 'description' | 'recruitmentFees.note' | 'salary' | 'hoursPerWeek' | 'recruitmentFees.chargedToWorker';
  /** The text span as written, or the field's value rendered as text. */
  text: string;
  start?: number;
  end?: number;
}

export interface ScreeningFlag {
  type: FlagType;
  severity: Severity;
  evidence: FlagEvidence[];
  source: FlagSource;
  /** Figures the explanation quotes (hourly pay, the minimum, its jurisdiction and source, hours per week …). */
  facts?: Record<string, string | number>;
  /** Set when an admin released the vacancy over this flag (kept for the record, not shown to seekers). */
  dismissed?: boolean;
}

export interface ScreeningOutcome {
  /** Screener version: rules, practices and minimum-wage table versions together. */
  version: string;
  screenedAt: string;
  flags: ScreeningFlag[];
  /** What the minimum-wage check could do for this vacancy (checked, or why not). */
  wage: WageCheck;
}

export type WageCheck =
  | { status: 'checked'; hourlyPay: number; hourlyMinimum: number; currency: string; jurisdiction: string; hoursPerWeek: number; hoursAssumed: boolean; source: string; effectiveFrom: string }
  | { status: 'no-pay-stated' | 'no-statutory-minimum' | 'not-in-table' | 'currency-differs' | 'exempt-contract'; jurisdiction?: string; note?: string };

/** The vacancy fields the screener reads (a CreateVacancy, or a stored row mapped to it). */
export interface ScreenableVacancy {
  title: string;
  description: string;
  country: string;
  region?: string | null;
  salary?: { min: number; max: number; currency: string; period: 'hour' | 'day' | 'week' | 'month' | 'year' | string } | null;
  hoursPerWeek?: number | null;
  contractType?: string | null;
  recruitmentFees?: { chargedToWorker: boolean; note?: string | null } | null;
  startDate?: string | null;
  lang?: string | null;
}

/** The occupation the vacancy is for, set by the employer or suggested by the taxonomy. */
export interface OccupationHint {
  esco?: string | null;
  isco?: string | null;
}
