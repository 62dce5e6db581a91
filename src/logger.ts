import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

// Never log keys, contact details, protected attributes, embeddings or full CVs.
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  'req.headers.cookie',
  'headers.authorization',
  '*.authorization',
  '*.key',
  '*.email',
  '*.phone',
  '*.contact',
  '*.protected',
  '*.vector',
  '*.embedding',
  'body.contact',
  'body.protected',
  'body.description',
];

export function loggerOptions(config: Config, override?: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (override !== undefined) return override;
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
}
