import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import type { HeldCredential } from '../../schemas/requirements.js';
import type { LanguageRequirementRow, SuggestionRow } from './vacancies.js';

export interface CandidateSkillRow {
  label: string;
  esco?: string;
}
export interface ExperienceRow {
  title: string;
  years: number;
  country?: string;
}

export const candidates = sqliteTable(
  'candidates',
  {
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    skills: text('skills', { mode: 'json' }).$type<CandidateSkillRow[]>().notNull(),
    experience: text('experience', { mode: 'json' }).$type<ExperienceRow[]>().notNull(),
    educationLevel: integer('education_level'),
    languages: text('languages', { mode: 'json' }).$type<LanguageRequirementRow[]>().notNull(),
    residenceCountry: text('residence_country'),
    destinations: text('destinations', { mode: 'json' }).$type<string[]>().notNull(),
    pathways: text('pathways', { mode: 'json' }).$type<string[]>().notNull(),
    occupationEsco: text('occupation_esco'),
    occupationIsco: text('occupation_isco'),
    /** Licences, certificates and recognitions the seeker states. */
    licences: text('licences', { mode: 'json' }).$type<HeldCredential[]>().notNull().default([]),
    consentMatching: integer('consent_matching', { mode: 'boolean' }).notNull().default(false),
    consentMatchingAt: text('consent_matching_at'),
    consentVisible: integer('consent_visible', { mode: 'boolean' }).notNull().default(false),
    consentVisibleAt: text('consent_visible_at'),
    lang: text('lang').notNull().default('en'),
    suggestions: text('suggestions', { mode: 'json' }).$type<SuggestionRow>(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('candidates_residence_idx').on(t.residenceCountry)],
);

// Personal data lives apart from the profile, so it can be minimised, protected and erased on its own.
export const candidateContacts = sqliteTable('candidate_contacts', {
  candidateId: text('candidate_id')
    .primaryKey()
    .references(() => candidates.id, { onDelete: 'cascade' }),
  email: text('email'),
  phone: text('phone'),
  updatedAt: text('updated_at').notNull(),
});

// Self-declared protected attributes: for fairness audits only, never scored, never shown to employers.
export const candidateProtected = sqliteTable('candidate_protected', {
  candidateId: text('candidate_id')
    .primaryKey()
    .references(() => candidates.id, { onDelete: 'cascade' }),
  sex: text('sex'),
  ageBand: text('age_band'),
  nationality: text('nationality'),
  // The region is what fairness reports use; it is derived from `nationality` when only the country was given.
  nationalityRegion: text('nationality_region'),
  disability: text('disability'),
  updatedAt: text('updated_at').notNull(),
});
