import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { migrationsApplied } from '../db/client.js';

export interface ReadinessCheck {
  name: string;
  check(): { ok: boolean; detail?: unknown };
}

declare module 'fastify' {
  interface FastifyInstance {
    readinessChecks: ReadinessCheck[];
  }
}

const ReadySchema = z.object({
  status: z.enum(['ready', 'busy', 'not-ready']).describe('busy: every component is up but the service is shedding load; not-ready: a component is down'),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.unknown().optional() })),
  lagSeq: z.number().int().optional().describe('PostgreSQL mode: changes committed in the log and not yet applied by this replica'),
  lagMs: z.number().int().optional().describe('PostgreSQL mode: how stale this replica may be now (0 when caught up)'),
});

export const healthRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    {
      // Liveness: 200 while the process runs, whatever the load (a probe must not restart a server that is only busy).
      config: { roles: 'public', rateLimit: false, shed: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness: 200 while the process is alive, also under load',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      config: { roles: 'public', rateLimit: false, shed: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: database open, migrations applied, components loaded, and not overloaded',
        description:
          'Answers 503 with status "busy" while the event loop lags or the expensive-request queue is full, so a load balancer sends new traffic elsewhere. With PostgreSQL (several replicas), also 503 until this replica has caught up with the change log, with `lagSeq` and `lagMs`; once ready, the body reports the lag too.',
        security: [],
        response: { 200: ReadySchema, 503: ReadySchema },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, { ok: boolean; detail?: unknown }> = {};
      const replicas = app.replicas;
      let lag: { lagSeq: number; lagMs: number } | undefined;
      if (replicas) {
        // PostgreSQL: the system of record answers, and this replica has caught up with its change log.
        const pgOk = await replicas.ping(1000);
        checks.database = { ok: pgOk };
        if (pgOk) await replicas.refresh(1000).catch(() => undefined);
        const rs = replicas.status();
        lag = { lagSeq: rs.lagSeq, lagMs: rs.lagMs };
        checks.replication = {
          ok: rs.ready,
          detail: {
            ...lag,
            applyLagMs: rs.applyLagMs,
            lastPublished: rs.lastPublished,
            collections: rs.collections.map((c) => ({
              collection: c.collection,
              appliedSeq: c.appliedSeq,
              headSeq: c.headSeq,
              lagSeq: c.lagSeq,
              caughtUp: c.initialCatchUp,
              size: c.size,
              bootstrap: c.bootstrap,
              listening: c.listening,
              lastError: c.lastError,
            })),
          },
        };
      }
      if (app.hasDecorator('sqlite')) {
        let dbOk = false;
        try {
          dbOk = app.sqlite.open && app.sqlite.prepare('SELECT 1 AS one').get() !== undefined;
        } catch {
          dbOk = false;
        }
        const name = replicas ? 'localDatabase' : 'database';
        checks[name] = { ok: dbOk };
        if (!replicas) checks.migrations = { ok: dbOk && migrationsApplied(app.sqlite) };
      }
      for (const c of app.readinessChecks) {
        try {
          checks[c.name] = c.check();
        } catch (err) {
          checks[c.name] = { ok: false, detail: (err as Error).message };
        }
      }
      const componentsOk = Object.values(checks).every((c) => c.ok);
      const pressure = app.hasDecorator('isUnderPressure') ? app.isUnderPressure() : false;
      const busy = pressure || app.costLimit.busy();
      checks.load = {
        ok: !busy,
        detail: {
          eventLoopDelayMs: app.hasDecorator('memoryUsage') ? Math.round(app.memoryUsage().eventLoopDelay) : null,
          underPressure: pressure,
          ...app.costLimit.status(),
        },
      };
      const status = !componentsOk ? 'not-ready' : busy ? 'busy' : 'ready';
      return reply.code(status === 'ready' ? 200 : 503).send({ status, checks, ...lag });
    },
  );
};
