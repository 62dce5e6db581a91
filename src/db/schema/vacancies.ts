import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
import type { VacancyRequirementsInput } from '../../schemas/requirements.js';
import { employers } from './employers.js';
import type { ScreeningOutcome } from '../../screening/types.js';

export interface VacancySkillRow {
  label: string;
  esco?: string;
  essential: boolean;
}
export interface LanguageRequirementRow {
  code: string;
  level: 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
}
/** A machine suggestion, kept apart from what the user set (user input always wins). */
export interface SuggestionRow {
  /** the most likely occupation (kept for rows written before `occupations`) */
  occupation?: { esco?: string; isco?: string; label?: string; score: number; model?: string };
  /** calibrated distribution, best first, scores sum to ≤ 1 (empty when abstained) */
  occupations?: { esco?: string; isco?: string; label?: string; score: number }[];
  /** 'abstained': the titles and skills did not tell the occupation confidently enough */
  occupationStatus?: 'inferred' | 'abstained';
  /** `alts`: other ESCO skills the line may mean; `reading`: its English reading (matching's SkillReading) */
  skills?: { label: string; esco: string; escoLabel?: string; score: number; alts?: string[]; reading?: string }[];
  /** free-text skills that were not linked, with the reason (nothing vanishes silently); `alts`/`reading` as above */
  unlinkedSkills?: { label: string; reason: string; alts?: string[]; reading?: string }[];
}

/** `held`: fair-recruitment screening found a high-severity flag; nobody but its employer and admins sees it until released. */
export const VACANCY_STATUSES = ['draft', 'open', 'closed', 'filled', 'held'] as const;

/** The vacancy's latest fair-recruitment screening (src/screening), kept with the row. */
export interface ScreeningRow extends ScreeningOutcome {
  /** While held: the status the employer asked for, restored on release. */
  requestedStatus?: 'draft' | 'open' | 'closed' | 'filled';
  /** Keys of high-severity flags an admin released the vacancy over (they no longer hold it). */
  dismissed?: string[];
  /** The latest admin review of a hold (the queue row has the same id), so replies need no second query. */
  review?: {
    id: string;
    status: 'pending' | 'released' | 'rejected' | 'superseded';
    decision: 'release' | 'reject' | null;
    reason: string | null;
    resolvedAt: string | null;
  };
}

export const vacancies = sqliteTable(
  'vacancies',
  {
    id: text('id').primaryKey(),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    occupationEsco: text('occupation_esco'),
    occupationIsco: text('occupation_isco'),
    skills: text('skills', { mode: 'json' }).$type<VacancySkillRow[]>().notNull(),
    languages: text('languages', { mode: 'json' }).$type<LanguageRequirementRow[]>().notNull(),
    /** Experience, education and licence requirements as stated (null: none stated). */
    requirements: text('requirements', { mode: 'json' }).$type<VacancyRequirementsInput>(),
    country: text('country').notNull(),
    region: text('region'),
    remote: integer('remote', { mode: 'boolean' }).notNull().default(false),
    salaryMin: real('salary_min'),
    salaryMax: real('salary_max'),
    salaryCurrency: text('salary_currency'),
    salaryPeriod: text('salary_period'),
    contractType: text('contract_type'),
    hoursPerWeek: real('hours_per_week'),
    positions: integer('positions').notNull().default(1),
    startDate: text('start_date'),
    expiresAt: text('expires_at'),
    shortage: integer('shortage', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: VACANCY_STATUSES }).notNull().default('open'),
    feesChargedToWorker: integer('fees_charged_to_worker', { mode: 'boolean' }),
    feesNote: text('fees_note'),
    lang: text('lang').notNull().default('en'),
    suggestions: text('suggestions', { mode: 'json' }).$type<SuggestionRow>(),
    screening: text('screening', { mode: 'json' }).$type<ScreeningRow>(),
    openedAt: text('opened_at'),
    closedAt: text('closed_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('vacancies_employer_idx').on(t.employerId),
    index('vacancies_status_country_idx').on(t.status, t.country),
    index('vacancies_occupation_esco_idx').on(t.occupationEsco),
    index('vacancies_occupation_isco_idx').on(t.occupationIsco),
  ],
);
