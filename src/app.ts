import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadConfig, type Config } from './config.js';
import { loggerOptions } from './logger.js';
import { swaggerOptions } from './openapi.js';
import { AppError, validationFailed } from './errors.js';
import dbPlugin from './plugins/db.js';
import { PgRateLimitStore } from './storage/pg-rate-limit-store.js';
import keyringPlugin from './plugins/keyring.js';
import auditPlugin from './plugins/audit.js';
import authPlugin, { rateLimitKey } from './plugins/auth.js';
import errorHandlerPlugin, { sendError } from './plugins/error-handler.js';
import idempotencyPlugin from './plugins/idempotency.js';
import costLimitPlugin from './plugins/cost-limit.js';
import mediaTypePlugin from './plugins/media-type.js';
import writersPlugin from './plugins/writers.js';
import embedderPlugin from './embedding/plugin.js';
import type { Embedder } from './embedding/types.js';
import { healthRoutes, type ReadinessCheck } from './routes/health.js';
import { employerRoutes } from './routes/employers.js';
import { vacancyRoutes } from './routes/vacancies.js';
import { candidateRoutes } from './routes/candidates.js';
import { adminKeyRoutes } from './routes/admin-keys.js';
import forecastPlugin from './forecast/forecast-plugin.js';
import { forecastRoutes } from './routes/forecasts.js';
import { seriesRoutes } from './routes/series.js';
import { auditRoutes } from './routes/audit.js';
import { decisionRoutes } from './routes/decisions.js';
import fairnessPlugin from './plugins/fairness.js';
import { fairnessRoutes } from './routes/fairness.js';
import { contactRequestRoutes } from './routes/contact-requests.js';
import vectorIndexPlugin from './vector-index/plugin.js';
import collectionsPlugin from './plugins/collections.js';
import { vectorIndexAdminRoutes } from './vector-index/routes.js';
import taxonomyPlugin from './taxonomy/plugin.js';
import { taxonomyRoutes } from './routes/taxonomy.js';
import matchingPlugin from './plugins/matching.js';
import { matchRoutes } from './routes/matches.js';
import screeningPlugin from './screening/plugin.js';
import { screeningRoutes } from './routes/screening.js';
import webPlugin from './web/plugin.js';

export interface BuildAppOptions {
  /** Overrides on top of the environment (tests pass a temp DATABASE_PATH here). */
  config?: Partial<Config>;
  logger?: FastifyServerOptions['logger'];
  /**
   * Use this embedder instead of creating one from the config (it is closed with the app). Tests pass one loaded
   * model to every app they build in a process (test/shared-embedder.ts); the service never does.
   */
  embedder?: Embedder;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /**
     * Aborted as soon as close() begins (the first preClose hook), before any other hook runs: background start-up
     * work (taxonomy warm-up, reference series load) stops at its next step instead of starving the close.
     */
    closing: AbortSignal;
  }
}

/** Trust the nearest `n` proxies (proxy-addr's hop semantics). */
const trustHops = (n: number) => (_address: string, hop: number): boolean => hop < n;

export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const config: Config = { ...loadConfig(), ...options.config };
  const app = Fastify({
    logger: loggerOptions(config, options.logger),
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: () => `req_${randomBytes(9).toString('base64url')}`,
    requestIdHeader: false,
    return503OnClosing: true,
    // Loading the model into its workers can take longer than avvio's 10 s default on a busy host: wait, do not crash.
    pluginTimeout: 120_000,
    // Path parameters hold ids and URL-encoded ESCO URIs; longer ones, and malformed URLs, get the error envelope.
    routerOptions: { maxParamLength: 300 },
    frameworkErrors: (error, request, reply) => {
      const appError =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? validationFailed('params', 'max_length', 'a path parameter is longer than 300 characters')
          : error.code === 'FST_ERR_BAD_URL'
            ? validationFailed('params', 'url', 'the path is not a valid URL')
            : new AppError('INTERNAL', 'internal error');
      void sendError(request, reply, appError);
    },
    // Behind a reverse proxy, the client IP (rate limits, anonymous idempotency scopes) comes from X-Forwarded-For.
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('readinessChecks', [] as ReadinessCheck[]);
  const closing = new AbortController();
  app.decorate('closing', closing.signal);
  // Registered before every plugin, so it is the first preClose hook to run.
  app.addHook('preClose', async () => closing.abort());
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    // An authenticated API reply (profiles, contact details, rankings, audit records) is never kept by a browser's or a
    // proxy's cache unless the route says otherwise (a chart's private max-age).
    if (request.headers.authorization !== undefined && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(errorHandlerPlugin);
  await app.register(helmet, { global: true });
  if (config.MAX_EVENT_LOOP_DELAY_MS > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
      sampleInterval: 250,
      exposeStatusRoute: false,
      // A custom handler: under-pressure's own retryAfter is not used, so the header travels with the error.
      // Health probes pass (route config `shed: false`): a busy process is alive, and /readyz reports it as busy.
      pressureHandler: (request, reply, type, value) => {
        if (request.routeOptions.config?.shed === false) return;
        const message = `service is under pressure (${type}${value !== undefined ? ` ${value}` : ''}); retry later`;
        void sendError(request, reply, new AppError('SERVICE_UNAVAILABLE', message, undefined, { 'retry-after': '10' }));
      },
    });
  }
  await app.register(swagger, swaggerOptions());
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(dbPlugin, { path: config.DATABASE_PATH, url: config.DATABASE_URL, poolMax: config.PG_POOL_MAX });
  await app.register(keyringPlugin);
  await app.register(auditPlugin);
  // Rate limiting is registered before auth so that its per-route hook runs before authorisation (see plugins/auth.ts).
  // PostgreSQL (issue 15): one shared window per client across every replica, counted in the database.
  const pgPool = app.storage.dialect === 'postgres' ? app.pgDb.pool : null;
  await app.register(rateLimit, {
    global: true,
    ...(pgPool
      ? {
          store: class extends PgRateLimitStore {
            constructor() {
              super(pgPool!);
            }
          },
        }
      : {}),
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, ctx) => new AppError('RATE_LIMITED', `rate limit of ${ctx.max} requests per ${ctx.after} exceeded`),
  });
  await app.register(authPlugin);
  // Route hooks run in this order: authorisation, then 415 for a wrong body type, then the expensive-route pools.
  await app.register(mediaTypePlugin);
  await app.register(costLimitPlugin, {
    heavyConcurrency: config.COST_HEAVY_CONCURRENCY,
    heavyQueue: config.COST_HEAVY_QUEUE,
    bulkConcurrency: config.COST_BULK_CONCURRENCY,
    queueWaitMs: config.COST_QUEUE_WAIT_MS,
    perKeyInFlight: config.COST_PER_KEY_IN_FLIGHT,
    budgetMs: config.COST_BUDGET_MS,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
  });
  await app.register(idempotencyPlugin);
  await app.register(writersPlugin);
  await app.register(embedderPlugin, options.embedder ? { embedder: options.embedder } : {});
  // PostgreSQL (issue 15): the collections are this process's replicas, fed from the change log (plugins/collections.ts).
  const onPg = app.storage.dialect === 'postgres';
  if (!onPg) await app.register(vectorIndexPlugin);
  await app.register(collectionsPlugin);

  app.get(
    '/openapi.json',
    { config: { roles: 'public' }, schema: { hide: true, response: { 200: z.unknown() } } },
    async () => app.swagger(),
  );
  await app.register(healthRoutes);
  await app.register(employerRoutes);
  await app.register(vacancyRoutes, { bulkBodyLimit: config.BULK_BODY_LIMIT_BYTES });
  await app.register(candidateRoutes, { anonRateLimit: config.ANON_RATE_LIMIT_MAX, rateWindowMs: config.RATE_LIMIT_WINDOW_MS });
  await app.register(adminKeyRoutes);
  await app.register(forecastPlugin);
  await app.register(forecastRoutes);
  await app.register(seriesRoutes, { bulkBodyLimit: config.BULK_BODY_LIMIT_BYTES });
  await app.register(auditRoutes);
  await app.register(decisionRoutes);
  if (!onPg) await app.register(vectorIndexAdminRoutes);
  await app.register(taxonomyPlugin);
  await app.register(taxonomyRoutes);
  await app.register(matchingPlugin);
  await app.register(matchRoutes);
  await app.register(fairnessPlugin);
  await app.register(fairnessRoutes);
  await app.register(contactRequestRoutes);
  await app.register(screeningPlugin);
  await app.register(screeningRoutes);
  // The web app (/app): its own CSP, cookies, form parsing and error pages stay inside its scope.
  await app.register(webPlugin, { prefix: '/app' });

  return app;
}
