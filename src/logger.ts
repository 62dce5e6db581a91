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

/**
 * The URL as logged. Web pages carry what a person types in their query (the profile's skills and titles, sent as
 * she types to /app/suggest/*), and a log line outlives her erasure: under /app only the query's names are logged.
 * API query strings are filters (country, limit, cursor, dates) and stay.
 */
export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0 || !url.startsWith('/app')) return url;
  const names = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const name = pair.split('=', 1)[0]!;
      return `${/^[A-Za-z0-9_.-]{1,40}$/.test(name) ? name : '_'}=…`;
    });
  return `${url.slice(0, q)}?${names.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number };
}

export function loggerOptions(config: Config, override?: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (override !== undefined) return override;
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Fastify's own request serializer, with the URL through loggedUrl.
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: loggedUrl(req.url),
        version: typeof req.headers?.['accept-version'] === 'string' ? req.headers['accept-version'] : undefined,
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}
