import { z } from 'zod';
import { DRIVING_CATEGORIES } from '../matching/types.js';
import { countrySchema, LIST_CAPS, listOf, textSchema } from './common.js';

// Licences, certifications and recognitions: what a vacancy can require and what a person can hold.

const drivingLicence = { kind: z.literal('driving-licence'), category: z.enum(DRIVING_CATEGORIES).describe('EU driving-licence category') };
const recognition = {
  kind: z.literal('recognition'),
  country: countrySchema.describe('Country where the regulated-profession qualification is (to be) recognised'),
};
const certificate = { kind: z.literal('certificate'), label: textSchema(200).describe('e.g. "driver CPC (code 95)", "HACCP", "ISO 9606-1 welding"') };
const essential = z.boolean().describe('true: the vacancy cannot do without it; false: a plus');

export const RequiredCredentialSchema = z.discriminatedUnion('kind', [
  z.object({ ...drivingLicence, essential }).strict(),
  z.object({ ...recognition, essential }).strict(),
  z.object({ ...certificate, essential }).strict(),
]);

export const HeldCredentialSchema = z.discriminatedUnion('kind', [
  z.object(drivingLicence).strict(),
  z.object({ ...recognition, status: z.enum(['granted', 'in-progress']).optional().describe('granted when absent') }).strict(),
  z.object(certificate).strict(),
]);
export type HeldCredential = z.infer<typeof HeldCredentialSchema>;

const years = z
  .object({ min: z.number().positive().max(50), essential: essential.default(true) })
  .strict();

/** What a vacancy states beyond skills and languages; nothing stated earns nothing in the score. */
export const VacancyRequirementsSchema = z
  .object({
    experienceYears: years.optional().describe('Minimum years of work experience, any job'),
    occupationYears: years.optional().describe("Minimum years in the vacancy's occupation (or a close one)"),
    education: z
      .object({ minLevel: z.number().int().min(1).max(8).describe('ISCED 2011 level'), essential: essential.default(true) })
      .strict()
      .optional(),
    licences: listOf(RequiredCredentialSchema, LIST_CAPS.requiredLicences).default([]).describe('Driving licences, certificates, recognition of a regulated profession'),
  })
  .strict();
export type VacancyRequirementsInput = z.infer<typeof VacancyRequirementsSchema>;
