import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, type SQL } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import { newId } from '../ids.js';
import { notFound } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import { pageSchema } from '../schemas/common.js';
import {
  CreateEmployerSchema,
  EmployerParamsSchema,
  EmployerSchema,
  ListEmployersQuerySchema,
  UpdateEmployerSchema,
} from '../schemas/employer.js';
import { keysetWhere, page } from '../services/pagination.js';

export const employerRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/employers',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['employers'], summary: 'Create an employer (a tenant)', body: CreateEmployerSchema, response: { 201: EmployerSchema } },
    },
    async (request, reply) => {
      const now = nowIso();
      const row = await app.storage.transaction(async ({ db, t }) =>
        (await db.insert(t.employers).values({ id: newId('emp'), name: request.body.name, country: request.body.country, createdAt: now, updatedAt: now }).returning())[0]!,
      );
      return reply.code(201).send(row);
    },
  );

  r.get(
    '/v1/employers',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['employers'], summary: 'List employers', querystring: ListEmployersQuerySchema, response: { 200: pageSchema(EmployerSchema) } },
    },
    async (request) => {
      const q = request.query;
      const { db, t } = app.storage.read;
      const { employers } = t;
      const conds: SQL[] = [];
      if (q.country) conds.push(eq(employers.country, q.country));
      const rows = await db
        .select()
        .from(employers)
        .where(keysetWhere(employers.id, conds, q.cursor, 'emp'))
        .orderBy(employers.id)
        .limit(q.limit + 1);
      return page(rows, q.limit, (x) => x);
    },
  );

  r.get(
    '/v1/employers/:id',
    {
      config: { roles: ['admin', 'employer'] },
      schema: { tags: ['employers'], summary: 'Read an employer (employers read only their own)', params: EmployerParamsSchema, response: { 200: EmployerSchema } },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const id = request.params.id;
      if (principal.role === 'employer' && principal.employerId !== id) throw notFound('employer', id);
      const { db, t } = app.storage.read;
      const [row] = await db.select().from(t.employers).where(eq(t.employers.id, id)).limit(1);
      if (!row) throw notFound('employer', id);
      return row;
    },
  );

  r.patch(
    '/v1/employers/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['employers'], summary: 'Update an employer, e.g. its verification status', params: EmployerParamsSchema, body: UpdateEmployerSchema, response: { 200: EmployerSchema } },
    },
    async (request) => {
      const row = await app.storage.transaction(async ({ db, t }) =>
        (await db.update(t.employers).set({ ...request.body, updatedAt: nowIso() }).where(eq(t.employers.id, request.params.id)).returning())[0],
      );
      if (!row) throw notFound('employer', request.params.id);
      return row;
    },
  );
};
