import fp from 'fastify-plugin';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, validationFailed } from '../errors.js';
import type { ErrorEnvelope } from '../schemas/error.js';
import { isDatabaseUnavailable } from '../db/pg/unavailable.js';


export function sendError(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  if (err.headers) reply.headers(err.headers);
  const body: ErrorEnvelope = { error: { code: err.code, message: err.message, requestId: request.id } };
  if (err.details !== undefined) body.error.details = err.details;
  return reply.code(err.statusCode).type('application/json; charset=utf-8').send(body);
}

interface ValidationItem {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turn any thrown error into one envelope over the closed catalogue; a 5xx never leaks internals. */
export function toAppError(error: FastifyError | Error, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validationContext?: string; validation?: ValidationItem[] };
  if (hasZodFastifySchemaValidationErrors(fe) || (Array.isArray(fe.validation) && fe.validation.length > 0)) {
    const where = fe.validationContext ?? 'body';
    const details = (fe.validation ?? []).map((v) => {
      const sub = (v.instancePath ?? '').split('/').filter(Boolean).join('.');
      const path = sub ? `${where}.${sub}` : where;
      const rule = v.keyword ?? 'invalid';
      const keys = v.params && Array.isArray((v.params as { keys?: unknown }).keys) ? (v.params as { keys: string[] }).keys : undefined;
      return { path: keys && rule === 'unrecognized_keys' ? `${path}.${keys[0]}` : path, rule, message: v.message ?? 'invalid' };
    });
    const first = details[0];
    return new AppError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'request is invalid', details);
  }
  if (!isPlainError(fe) && isResponseSerializationError(fe as never)) {
    request.log.error({ err: fe }, 'response failed its schema');
    return new AppError('INTERNAL', 'internal error');
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than the configured limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', `content-type ${String(request.headers['content-type'] ?? '')} is not accepted here`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION_FAILED', 'body: must not be empty when content-type is application/json', [
        { path: 'body', rule: 'required', message: 'must not be empty' },
      ]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION_FAILED', 'content-length does not match the body', [{ path: 'headers.content-length', rule: 'mismatch' }]);
    default:
      break;
  }
  // The disk is full (or the file cannot grow): nothing was written; the client may retry once space is freed.
  const sqliteCode = (error as { code?: unknown }).code;
  if (sqliteCode === 'SQLITE_FULL' || (error as NodeJS.ErrnoException).code === 'ENOSPC' || (error as NodeJS.ErrnoException).code === 'EFBIG') {
    request.log.error({ code: sqliteCode }, 'storage full');
    return new AppError('INSUFFICIENT_STORAGE', 'the server is out of storage; nothing was written, retry later', undefined, { 'retry-after': '30' });
  }
  // PostgreSQL down, restarting or out of connections (issue 15): the client retries; nothing is reported as a 500.
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ code: (error as { code?: unknown }).code }, 'database unavailable');
    return new AppError('SERVICE_UNAVAILABLE', 'the database is unavailable, retry later', undefined, { 'retry-after': '5' });
  }
  const status = fe.statusCode ?? 500;
  if (status === 400 && (fe instanceof SyntaxError || /JSON/i.test(fe.message))) {
    return validationFailed('body', 'json', 'is not valid JSON');
  }
  if (status === 429) return new AppError('RATE_LIMITED', fe.message || 'too many requests');
  if (status === 503) return new AppError('SERVICE_UNAVAILABLE', 'service is overloaded, retry later', undefined, { 'retry-after': '10' });
  if (status === 404) return new AppError('NOT_FOUND', fe.message || 'not found');
  if (status === 405) return new AppError('METHOD_NOT_ALLOWED', fe.message);
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than the configured limit');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', fe.message);
  if (status >= 400 && status < 500) return new AppError('VALIDATION_FAILED', fe.message);
  request.log.error({ err: fe }, 'unhandled error');
  return new AppError('INTERNAL', 'internal error');
}

function isPlainError(e: unknown): boolean {
  return !(typeof e === 'object' && e !== null && 'method' in e && 'url' in e);
}

const errorHandlerPlugin: FastifyPluginAsync = async (app) => {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error as FastifyError, request);
    if (appError.statusCode >= 500 && appError.code !== 'INTERNAL') request.log.warn({ code: appError.code }, 'request failed');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError('NOT_FOUND', `route ${request.method} ${request.url.split('?')[0]} does not exist`)),
  );
};

export default fp(errorHandlerPlugin, { name: 'passerelle-errors' });
