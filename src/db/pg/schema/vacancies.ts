import { pgTable, text, integer, doublePrecision, boolean, jsonb, index } from 'drizzle-orm/pg-core';
import type { VacancyRequirementsInput } from '../../../schemas/requirements.js';
import { VACANCY_STATUSES, type LanguageRequirementRow, type ScreeningRow, type SuggestionRow, type VacancySkillRow } from '../../schema/vacancies.js';
import { employers } from './employers.js';

// PostgreSQL twin of src/db/schema/vacancies.ts. SQLite REAL is a 64-bit float: double precision, not real.
export const vacancies = pgTable(
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
    skills: jsonb('skills').$type<VacancySkillRow[]>().notNull(),
    languages: jsonb('languages').$type<LanguageRequirementRow[]>().notNull(),
    requirements: jsonb('requirements').$type<VacancyRequirementsInput>(),
    country: text('country').notNull(),
    region: text('region'),
    remote: boolean('remote').notNull().default(false),
    salaryMin: doublePrecision('salary_min'),
    salaryMax: doublePrecision('salary_max'),
    salaryCurrency: text('salary_currency'),
    salaryPeriod: text('salary_period'),
    contractType: text('contract_type'),
    hoursPerWeek: doublePrecision('hours_per_week'),
    positions: integer('positions').notNull().default(1),
    startDate: text('start_date'),
    expiresAt: text('expires_at'),
    shortage: boolean('shortage').notNull().default(false),
    status: text('status', { enum: VACANCY_STATUSES }).notNull().default('open'),
    feesChargedToWorker: boolean('fees_charged_to_worker'),
    feesNote: text('fees_note'),
    lang: text('lang').notNull().default('en'),
    suggestions: jsonb('suggestions').$type<SuggestionRow>(),
    screening: jsonb('screening').$type<ScreeningRow>(),
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
