import { pgTable, text, integer, boolean, jsonb, index } from 'drizzle-orm/pg-core';
import type { HeldCredential } from '../../../schemas/requirements.js';
import type { CandidateSkillRow, ExperienceRow } from '../../schema/candidates.js';
import type { LanguageRequirementRow, SuggestionRow } from '../../schema/vacancies.js';

// PostgreSQL twin of src/db/schema/candidates.ts.
export const candidates = pgTable(
  'candidates',
  {
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    skills: jsonb('skills').$type<CandidateSkillRow[]>().notNull(),
    experience: jsonb('experience').$type<ExperienceRow[]>().notNull(),
    educationLevel: integer('education_level'),
    languages: jsonb('languages').$type<LanguageRequirementRow[]>().notNull(),
    residenceCountry: text('residence_country'),
    destinations: jsonb('destinations').$type<string[]>().notNull(),
    pathways: jsonb('pathways').$type<string[]>().notNull(),
    occupationEsco: text('occupation_esco'),
    occupationIsco: text('occupation_isco'),
    licences: jsonb('licences').$type<HeldCredential[]>().notNull().default([]),
    consentMatching: boolean('consent_matching').notNull().default(false),
    consentMatchingAt: text('consent_matching_at'),
    consentVisible: boolean('consent_visible').notNull().default(false),
    consentVisibleAt: text('consent_visible_at'),
    lang: text('lang').notNull().default('en'),
    suggestions: jsonb('suggestions').$type<SuggestionRow>(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('candidates_residence_idx').on(t.residenceCountry)],
);

export const candidateContacts = pgTable('candidate_contacts', {
  candidateId: text('candidate_id')
    .primaryKey()
    .references(() => candidates.id, { onDelete: 'cascade' }),
  email: text('email'),
  phone: text('phone'),
  updatedAt: text('updated_at').notNull(),
});

export const candidateProtected = pgTable('candidate_protected', {
  candidateId: text('candidate_id')
    .primaryKey()
    .references(() => candidates.id, { onDelete: 'cascade' }),
  sex: text('sex'),
  ageBand: text('age_band'),
  nationality: text('nationality'),
  nationalityRegion: text('nationality_region'),
  disability: text('disability'),
  updatedAt: text('updated_at').notNull(),
});
