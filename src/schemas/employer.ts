import { z } from 'zod';
import { countrySchema, idSchema, PaginationQuerySchema, textSchema } from './common.js';

export const CreateEmployerSchema = z.object({ name: textSchema(200), country: countrySchema }).strict();
export type CreateEmployer = z.infer<typeof CreateEmployerSchema>;

export const UpdateEmployerSchema = z
  .object({
    name: textSchema(200).optional(),
    country: countrySchema.optional(),
    verification: z.enum(['unverified', 'pending', 'verified']).optional(),
  })
  .strict();

export const EmployerSchema = z.object({
  id: idSchema('emp'),
  name: z.string(),
  country: z.string(),
  verification: z.enum(['unverified', 'pending', 'verified']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Employer = z.infer<typeof EmployerSchema>;

export const ListEmployersQuerySchema = PaginationQuerySchema.extend({ country: countrySchema.optional() }).strict();
export const EmployerParamsSchema = z.object({ id: idSchema('emp') }).strict();
