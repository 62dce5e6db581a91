import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, type SQL } from 'drizzle-orm';
import { employers } from '../db/schema/index.js';
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
      const row = app.db
        .insert(employers)
        .values({ id: newId('emp'), name: request.body.name, country: request.body.country, createdAt: now, updatedAt: now })
        .returning()
        .get();
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
      const conds: SQL[] = [];
      if (q.country) conds.push(eq(employers.country, q.country));
      const rows = app.db
        .select()
        .from(employers)
        .where(keysetWhere(employers.id, conds, q.cursor, 'emp'))
        .orderBy(employers.id)
        .limit(q.limit + 1)
        .all();
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
      const row = app.db.select().from(employers).where(eq(employers.id, id)).get();
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
      const row = app.db
        .update(employers)
        .set({ ...request.body, updatedAt: nowIso() })
        .where(eq(employers.id, request.params.id))
        .returning()
        .get();
      if (!row) throw notFound('employer', request.params.id);
      return row;
    },
  );
};
