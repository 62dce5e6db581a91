import fp from 'fastify-plugin';
import type { FastifyContextConfig, FastifyPluginAsync, FastifyRequest, FastifySchema } from 'fastify';
import { AppError } from '../errors.js';
import type { Role } from '../db/schema/index.js';
import { findPrincipal, type Principal } from '../services/api-keys.js';

export type RouteRoles = readonly Role[] | 'public';

export interface RouteTableEntry {
  method: string;
  url: string;
  roles: RouteRoles;
  /** The route's schema and config as registered (contract and fuzz tests read them). */
  schema?: FastifySchema;
  config?: FastifyContextConfig;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may call it; registration fails otherwise. */
    roles?: RouteRoles;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    routeTable: RouteTableEntry[];
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Rate-limit bucket: the key for authenticated callers; the IP for anonymous callers and for invalid keys. */
export function rateLimitKey(request: FastifyRequest): string {
  return request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`;
}

// Framework-provided routes that are public by nature.
const PUBLIC_PREFIXES = ['/docs'];

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'missing or invalid API key');
  return request.principal;
}

const authPlugin: FastifyPluginAsync = async (app) => {
  app.decorate('routeTable', [] as RouteTableEntry[]);
  app.decorateRequest('principal', null);

  // Resolve the caller first (never throws), so rate limiting can key on it; authorise per route afterwards.
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (token) request.principal = await findPrincipal(app.storage.read, token);
  });

  // Runs as the route's last onRequest hook: after rate limiting, before the body is parsed,
  // so an unauthenticated caller learns nothing about the body's validity.
  const authorize = async (request: FastifyRequest): Promise<void> => {
    const roles = request.routeOptions.config?.roles;
    if (!roles || roles === 'public') return;
    // A web-app session (src/web) may have resolved the principal already; API callers send a bearer key.
    if (!bearerToken(request) && !request.principal) {
      throw new AppError('UNAUTHENTICATED', 'missing API key: send Authorization: Bearer <key>', undefined, { 'www-authenticate': 'Bearer' });
    }
    if (!request.principal) throw new AppError('UNAUTHENTICATED', 'invalid or revoked API key', undefined, { 'www-authenticate': 'Bearer' });
    if (!roles.includes(request.principal.role)) {
      throw new AppError('FORBIDDEN', `role ${request.principal.role} may not call this route (allowed: ${roles.join(', ')})`);
    }
  };

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { roles?: RouteRoles };
    let roles = config.roles;
    if (!roles && PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      roles = 'public';
      route.config = { ...(route.config ?? {}), roles } as typeof route.config;
    }
    if (!roles) throw new Error(`route ${String(route.method)} ${route.url} declares no roles`);
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [...existing, authorize] as typeof route.onRequest;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeTable.push({ method, url: route.url, roles, schema: route.schema, config: route.config as FastifyContextConfig | undefined });
    }
  });
};

export default fp(authPlugin, { name: 'passerelle-auth', dependencies: ['passerelle-db'] });
