import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { ROLES } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';
import { idSchema, pageSchema, PaginationQuerySchema, textSchema } from '../schemas/common.js';
import { createApiKey, revokeApiKey } from '../services/api-keys.js';
import { keysetWhere, page } from '../services/pagination.js';

const CreateKeySchema = z
  .object({
    role: z.enum(ROLES),
    employerId: idSchema('emp').optional(),
    candidateId: idSchema('cand').optional(),
    name: textSchema(100).optional(),
  })
  .strict()
  .refine((b) => b.role !== 'employer' || b.employerId, { message: 'an employer key needs employerId', path: ['employerId'] })
  .refine((b) => b.role !== 'jobseeker' || b.candidateId, { message: 'a jobseeker key needs candidateId', path: ['candidateId'] });

const CreatedKeySchema = z.object({
  id: idSchema('key'),
  key: z.string().describe('Shown once; only its hash is stored'),
  role: z.enum(ROLES),
  employerId: z.string().nullable(),
  candidateId: z.string().nullable(),
});

const KeySchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  employerId: z.string().nullable(),
  candidateId: z.string().nullable(),
  name: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const adminKeyRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/admin/keys',
    {
      // The reply carries the key: never stored, so an Idempotency-Key retry is refused (409), not replayed.
      config: { roles: ['admin'], secretReply: true },
      schema: {
        tags: ['admin'],
        summary: 'Create an API key for a role (shown once)',
        description: 'The key is never stored. A retry with the same Idempotency-Key creates nothing twice and answers 409 IDEMPOTENCY_NOT_REPLAYABLE.',
        body: CreateKeySchema,
        response: { 201: CreatedKeySchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const { db, t } = app.storage.read;
      const { employers, candidates } = t;
      if (b.role === 'employer' && !(await db.select({ id: employers.id }).from(employers).where(eq(employers.id, b.employerId!)).limit(1)).length) {
        throw new AppError('VALIDATION_FAILED', `body.employerId: employer ${b.employerId} does not exist`, [{ path: 'body.employerId', rule: 'exists' }]);
      }
      if (b.role === 'jobseeker' && !(await db.select({ id: candidates.id }).from(candidates).where(eq(candidates.id, b.candidateId!)).limit(1)).length) {
        throw new AppError('VALIDATION_FAILED', `body.candidateId: candidate ${b.candidateId} does not exist`, [{ path: 'body.candidateId', rule: 'exists' }]);
      }
      return reply.code(201).send(await app.storage.transaction((tx) => createApiKey(tx, b)));
    },
  );

  r.get(
    '/v1/admin/keys',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['admin'], summary: 'List API keys (never the keys themselves)', querystring: PaginationQuerySchema, response: { 200: pageSchema(KeySchema) } },
    },
    async (request) => {
      const { db, t } = app.storage.read;
      const { apiKeys } = t;
      const rows = await db
        .select()
        .from(apiKeys)
        .where(keysetWhere(apiKeys.id, [], request.query.cursor, 'key'))
        .orderBy(apiKeys.id)
        .limit(request.query.limit + 1);
      return page(rows, request.query.limit, ({ hash: _hash, ...rest }) => rest);
    },
  );

  r.delete(
    '/v1/admin/keys/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['admin'], summary: 'Revoke an API key', params: z.object({ id: idSchema('key') }).strict(), response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (!(await app.storage.transaction((tx) => revokeApiKey(tx, request.params.id)))) throw notFound('api key', request.params.id);
      return reply.code(204).send(null);
    },
  );
};
