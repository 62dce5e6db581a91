import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The one error envelope every 4xx and 5xx answers with (a named OpenAPI component). */
export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe('Stable code from the closed catalogue (src/errors.ts)'),
      message: z.string().describe('Names the field path and the rule for validation errors'),
      requestId: z.string().describe('Also sent as the x-request-id header'),
      details: z.unknown().optional().describe('For VALIDATION_FAILED: [{ path, rule, message }]'),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
