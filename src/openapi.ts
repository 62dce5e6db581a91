import type { FastifySchema, RouteOptions } from 'fastify';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from './errors.js';
import { ErrorEnvelopeSchema } from './schemas/error.js';
import { registerSchemaComponents } from './schemas/components.js';
import type { RouteRoles } from './plugins/auth.js';
import type { CostClass } from './plugins/cost-limit.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route-specific error codes, documented beside the ones every route of its kind can answer. */
    errors?: ErrorCode[];
    /** For an NDJSON body: the schema of one line (documented as the request body; lines are validated one by one). */
    ndjsonLine?: z.ZodType;
  }
}

const IDEMPOTENCY_HEADER = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_\-:.]{8,128}$/)
    .optional()
    .describe(
      'Makes a retry safe, exactly once even across a server crash: a repeat with the same key and body replays the stored response (header idempotent-replayed: true); while the first request runs, 409 IDEMPOTENCY_IN_PROGRESS with Retry-After; if the server died after the write committed but before its reply was stored, 409 IDEMPOTENCY_REPLY_LOST naming the ids it wrote (it never runs twice); the same key with another body answers 422 IDEMPOTENCY_KEY_REUSED. 8–128 characters of [A-Za-z0-9_-:.].',
    ),
});

const WHY: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'the field path and the rule are in details',
  INVALID_CURSOR: 'a cursor this list did not issue, or a stale one',
  PUBLICATION_GRID: 'a ministry asked for an aggregate off the publication grid (a closed quarter, the whole platform); the message names the field',
  UNAUTHENTICATED: 'no key, or a bad or revoked one',
  FORBIDDEN: 'this role may not call the route',
  NOT_FOUND: "absent, or another tenant's (its existence is not revealed)",
  IDEMPOTENCY_IN_PROGRESS: 'a request with this Idempotency-Key is still running',
  PAYLOAD_TOO_LARGE: 'the body is over the limit',
  UNSUPPORTED_MEDIA_TYPE: 'wrong content-type; the message names the expected one',
  IDEMPOTENCY_KEY_REUSED: 'this Idempotency-Key was used with another body',
  IDEMPOTENCY_NOT_REPLAYABLE: 'the reply carried a secret and is never stored: retry without the key',
  IDEMPOTENCY_REPLY_LOST: 'the request already ran (its write committed) but the server stopped before storing its reply: it will not run again; details.ids names what it wrote',
  VACANCY_NOT_OPEN: 'the vacancy is draft, held, closed or filled (details.status): it ranks no one and takes no new contact request',
  CONTEST_ALREADY_OPEN: 'this person already has an open contest of this ranking (details.contestId): it is answered first',
  CONTEST_LIMIT: 'too many contests by this person in the rolling window (see Retry-After)',
  RATE_LIMITED: 'too many requests, or the key spent its server-time budget (see Retry-After)',
  SERVICE_UNAVAILABLE: 'overloaded: retry after Retry-After seconds',
  EMBEDDER_UNAVAILABLE: 'the embedding worker failed; retry',
  INSUFFICIENT_STORAGE: 'the disk is full: nothing was written; retry after Retry-After seconds',
};

/** The error codes a route can answer, from what it is: its roles, method, inputs, cost class and own declarations. */
export function routeErrorCodes(route: Pick<RouteOptions, 'method' | 'url' | 'config' | 'schema'>, method: string): ErrorCode[] {
  const config = (route.config ?? {}) as { roles?: RouteRoles; cost?: CostClass; shed?: boolean; rateLimit?: unknown; errors?: ErrorCode[] };
  const schema = (route.schema ?? {}) as { body?: unknown; querystring?: unknown; params?: unknown; consumes?: string[] };
  const codes = new Set<ErrorCode>();
  const takesBody = ['POST', 'PUT', 'PATCH'].includes(method);
  if (takesBody || schema.querystring || schema.params || route.url.includes(':')) codes.add('VALIDATION_FAILED');
  const query = schema.querystring as { shape?: Record<string, unknown> } | undefined;
  if (query?.shape && 'cursor' in query.shape) codes.add('INVALID_CURSOR');
  if (config.roles && config.roles !== 'public') {
    codes.add('UNAUTHENTICATED');
    codes.add('FORBIDDEN');
  }
  // A path parameter, or a query on a GET, can name something that does not exist (a series, a source, an occupation).
  if (/\/:[a-zA-Z]/.test(route.url) || (method === 'GET' && schema.querystring)) codes.add('NOT_FOUND');
  if (takesBody) {
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  if (method === 'POST') {
    codes.add('IDEMPOTENCY_IN_PROGRESS');
    codes.add('IDEMPOTENCY_KEY_REUSED');
    codes.add('IDEMPOTENCY_REPLY_LOST');
  }
  if (config.rateLimit !== false || config.cost) codes.add('RATE_LIMITED');
  if ((config as { secretReply?: boolean }).secretReply) codes.add('IDEMPOTENCY_NOT_REPLAYABLE');
  if (method !== 'GET') codes.add('INSUFFICIENT_STORAGE');
  if (config.shed !== false) codes.add('SERVICE_UNAVAILABLE');
  if (config.cost) codes.add('EMBEDDER_UNAVAILABLE');
  for (const c of config.errors ?? []) codes.add(c);
  return [...codes];
}

/** A stable operationId for generated clients: POST /v1/vacancies/:id/decisions → postVacanciesByIdDecisions. */
export function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/v1\//, '')
    .replace('::', '/')
    .split('/')
    .filter(Boolean)
    .flatMap((p) => (p.startsWith(':') ? ['by', p.slice(1)] : p.split(/[-_.]/)))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * Per route: public routes need no key (security: []), the others name their roles; every route lists the error
 * responses it can give, each the ErrorEnvelope component; POSTs document Idempotency-Key; an NDJSON body documents
 * its line schema. Zod schemas registered with an id become components (src/schemas/components.ts).
 */
function documentRoute(args: Parameters<NonNullable<FastifyDynamicSwaggerOptions['transform']>>[0]) {
  const { route, url } = args;
  const method = (Array.isArray(route.method) ? route.method[0] : route.method) as string;
  const schema = { ...(args.schema ?? {}) } as FastifySchema & Record<string, unknown>;
  if (schema.hide) return jsonSchemaTransform(args as never);
  const config = (route.config ?? {}) as { roles?: RouteRoles; cost?: CostClass; ndjsonLine?: z.ZodType };
  const roles = config.roles;
  const notes: string[] = [];
  if (roles === 'public') {
    schema.security = [];
    notes.push('Public: no key needed.');
  } else if (roles) {
    schema['x-roles'] = [...roles];
    notes.push(`Roles: ${roles.join(', ')}.`);
  }
  if (config.cost) {
    schema['x-cost'] = config.cost;
    notes.push(
      config.cost === 'bulk'
        ? 'Expensive (bulk pool, one import at a time): 503 with Retry-After when another import runs.'
        : 'Expensive: a limited number run at once; past the short queue, 503 with Retry-After. Per key: at most COST_PER_KEY_IN_FLIGHT in flight and a server-time budget, else 429 with Retry-After.',
    );
  }
  if (config.ndjsonLine) notes.push('Body: NDJSON (application/x-ndjson), one JSON object per line as the request schema describes; each line is validated and answered on its own.');
  schema.description = [schema.description, ...notes].filter(Boolean).join('\n\n');
  schema.operationId ??= operationId(method, url);
  if (method === 'POST') schema.headers = schema.headers ? (schema.headers as z.ZodObject).extend(IDEMPOTENCY_HEADER.shape) : IDEMPOTENCY_HEADER;
  if (config.ndjsonLine && !schema.body) {
    schema.body = config.ndjsonLine; // one line's schema, by $ref; the route's description says it is NDJSON
  }
  const codes = routeErrorCodes(route, method);
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
  for (const status of [...byStatus.keys(), 500].sort()) if (!(status in response)) response[status] = ErrorEnvelopeSchema;
  schema.response = response;
  const out = jsonSchemaTransform({ ...args, schema } as never);
  // A response description per status: which codes, and why.
  const transformed = out.schema.response as Record<string, Record<string, unknown>> | undefined;
  for (const [status, list] of byStatus) {
    const r = transformed?.[status];
    if (r && r.$ref) r.description = list.map((c) => `${c}${WHY[c] ? `: ${WHY[c]}` : ''}`).join('; ');
  }
  const r500 = transformed?.['500'];
  if (r500 && r500.$ref) r500.description = 'INTERNAL: an unexpected failure (no internals are revealed)';
  return out;
}

export function swaggerOptions(): FastifyDynamicSwaggerOptions {
  registerSchemaComponents();
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Passerelle API',
        version: '1',
        description:
          'Explainable skills-to-job matching for regular labour-migration pathways. Every route declares its roles (x-roles); public routes need no key. Every error answers the ErrorEnvelope with a stable code.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer psk_…' } } },
      security: [{ apiKey: [] }],
    },
    transform: documentRoute as FastifyDynamicSwaggerOptions['transform'],
    transformObject: jsonSchemaTransformObject as FastifyDynamicSwaggerOptions['transformObject'],
  };
}
