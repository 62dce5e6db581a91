import { z } from 'zod';
import { LanguageRequirementSchema } from './common.js';
import { CandidateSchema, CandidateSkillSchema, ExperienceSchema, ProtectedAttributesSchema, PutCandidateSchema } from './candidate.js';
import { CreateEmployerSchema, EmployerSchema, UpdateEmployerSchema } from './employer.js';
import { BulkResultSchema, CreateVacancySchema, UpdateVacancySchema, VacancySchema, VacancySkillSchema } from './vacancy.js';
import { ErrorEnvelopeSchema } from './error.js';

/**
 * The named schemas of the OpenAPI document (components.schemas): a route that uses one refers to it by $ref.
 * Request shapes appear as <Name>Input, replies as <Name>.
 */
const COMPONENTS: Record<string, z.ZodType> = {
  Vacancy: VacancySchema,
  CreateVacancy: CreateVacancySchema,
  UpdateVacancy: UpdateVacancySchema,
  VacancySkill: VacancySkillSchema,
  BulkResult: BulkResultSchema,
  Candidate: CandidateSchema,
  PutCandidate: PutCandidateSchema,
  CandidateSkill: CandidateSkillSchema,
  Experience: ExperienceSchema,
  ProtectedAttributes: ProtectedAttributesSchema,
  Employer: EmployerSchema,
  CreateEmployer: CreateEmployerSchema,
  UpdateEmployer: UpdateEmployerSchema,
  LanguageRequirement: LanguageRequirementSchema,
  ErrorEnvelope: ErrorEnvelopeSchema,
};

/** Registers each schema under its name once (the registry is global: a second app in the same process reuses it). */
export function registerSchemaComponents(): void {
  for (const [id, schema] of Object.entries(COMPONENTS)) {
    const meta = z.globalRegistry.get(schema);
    if (meta?.id === id) continue;
    z.globalRegistry.add(schema, { ...meta, id });
  }
}
