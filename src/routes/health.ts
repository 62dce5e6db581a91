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
  status: z.enum(['ready', 'not-ready']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.unknown().optional() })),
});

export const healthRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    {
      config: { roles: 'public', rateLimit: false },
      schema: { tags: ['health'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      config: { roles: 'public', rateLimit: false },
      schema: { tags: ['health'], summary: 'Readiness: database open, migrations applied, components loaded', response: { 200: ReadySchema, 503: ReadySchema } },
    },
    async (_request, reply) => {
      const checks: Record<string, { ok: boolean; detail?: unknown }> = {};
      let dbOk = false;
      try {
        dbOk = app.sqlite.open && app.sqlite.prepare('SELECT 1 AS one').get() !== undefined;
      } catch {
        dbOk = false;
      }
      checks.database = { ok: dbOk };
      checks.migrations = { ok: dbOk && migrationsApplied(app.sqlite) };
      for (const c of app.readinessChecks) {
        try {
          checks[c.name] = c.check();
        } catch (err) {
          checks[c.name] = { ok: false, detail: (err as Error).message };
        }
      }
      const ok = Object.values(checks).every((c) => c.ok);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not-ready', checks });
    },
  );
};
