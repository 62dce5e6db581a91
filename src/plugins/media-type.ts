import fp from 'fastify-plugin';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The media type of a Content-Type header, lower case, without parameters ("application/json; charset=utf-8" → "application/json"). */
export function mediaType(header: string | undefined): string | undefined {
  const t = header?.split(';')[0]?.trim().toLowerCase();
  return t || undefined;
}

const hasBody = (request: FastifyRequest): boolean => {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
};

/**
 * Every API route that takes a body names the media types it accepts (`schema.consumes`, else application/json);
 * a body of another type, or one without a Content-Type, is refused with 415 UNSUPPORTED_MEDIA_TYPE naming the
 * expected type, before the body is read. (Fastify would otherwise parse text/plain as a string and answer 400.)
 */
const mediaTypePlugin: FastifyPluginAsync = async (app) => {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/')) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => BODY_METHODS.has(m));
    if (methods.length === 0) return;
    const accepted = ((route.schema as { consumes?: string[] } | undefined)?.consumes ?? ['application/json']).map((t) => t.toLowerCase());
    const check = async (request: FastifyRequest): Promise<void> => {
      if (!BODY_METHODS.has(request.method) || !hasBody(request)) return;
      const received = mediaType(request.headers['content-type']);
      if (received && accepted.includes(received)) return;
      const expected = accepted.join(' or ');
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        received
          ? `content-type ${received} is not accepted by ${request.method} ${route.url.replace('::', ':')}; send ${expected}`
          : `the body has no content-type; send ${expected}`,
        { received: received ?? null, expected: accepted },
      );
    };
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [...existing, check] as typeof route.onRequest;
  });
};

export default fp(mediaTypePlugin, { name: 'passerelle-media-type', dependencies: ['passerelle-auth'] });
