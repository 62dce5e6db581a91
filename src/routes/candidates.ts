import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import { pageSchema, textSchema, languageCodeSchema } from '../schemas/common.js';
import {
  CandidateParamsSchema,
  CandidateSchema,
  JobseekerRegistrationSchema,
  ListCandidatesQuerySchema,
  PutCandidateSchema,
} from '../schemas/candidate.js';
import { createApiKey } from '../services/api-keys.js';
import { getCandidateRow, insertEmptyCandidate, listCandidates, toCandidate } from '../services/candidates.js';

export const candidateRoutes: FastifyPluginAsync<{ anonRateLimit: number; rateWindowMs: number }> = async (app, opts) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const ownId = (request: Parameters<typeof requirePrincipal>[0]): string => {
    const p = requirePrincipal(request);
    if (!p.candidateId) throw new AppError('FORBIDDEN', 'this key is not bound to a candidate profile');
    return p.candidateId;
  };

  r.post(
    '/v1/jobseekers',
    {
      config: { roles: 'public', rateLimit: { max: opts.anonRateLimit, timeWindow: opts.rateWindowMs } },
      schema: {
        tags: ['candidates'],
        summary: 'Self-register as a job seeker: creates an empty profile and returns its key once',
        body: z.object({ displayName: textSchema(80).optional(), lang: languageCodeSchema.optional() }).strict().optional(),
        response: { 201: JobseekerRegistrationSchema },
      },
    },
    async (request, reply) => {
      const created = app.db.transaction((tx) => {
        const cand = insertEmptyCandidate(tx, request.body?.displayName, request.body?.lang);
        const key = createApiKey(tx, { role: 'jobseeker', candidateId: cand.id, name: 'self-registration' });
        return { candidateId: cand.id, key: key.key };
      });
      return reply.code(201).send(created);
    },
  );

  r.get(
    '/v1/candidates/me',
    {
      config: { roles: ['jobseeker'] },
      schema: { tags: ['candidates'], summary: 'Read my profile, with my contact details', response: { 200: CandidateSchema } },
    },
    async (request) => toCandidate(app.db, getCandidateRow(app.db, ownId(request)), { includePersonal: true }),
  );

  r.put(
    '/v1/candidates/me',
    {
      config: { roles: ['jobseeker'], cost: 'heavy' },
      schema: {
        tags: ['candidates'],
        summary: 'Create or replace my profile',
        description:
          'Contact details are stored apart as personal data. Protected attributes are optional, self-declared, used only for fairness audits, never scored and never shown to employers.',
        body: PutCandidateSchema,
        response: { 200: CandidateSchema },
      },
    },
    async (request) => {
      const current = getCandidateRow(app.db, ownId(request));
      const row = await app.candidateWriter.put(current, request.body);
      return toCandidate(app.db, row, { includePersonal: true });
    },
  );

  r.delete(
    '/v1/candidates/me',
    {
      config: { roles: ['jobseeker'] },
      schema: {
        tags: ['candidates'],
        summary: 'Erase my profile and all my personal data (this key stops working)',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await app.candidateWriter.erase(getCandidateRow(app.db, ownId(request)));
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/v1/candidates',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['candidates'], summary: 'List candidate profiles (no personal data)', querystring: ListCandidatesQuerySchema, response: { 200: pageSchema(CandidateSchema) } },
    },
    async (request) => listCandidates(app.db, request.query),
  );

  r.get(
    '/v1/candidates/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['candidates'], summary: 'Read a candidate profile with its personal data', params: CandidateParamsSchema, response: { 200: CandidateSchema } },
    },
    async (request) => toCandidate(app.db, getCandidateRow(app.db, request.params.id), { includePersonal: true }),
  );

  r.delete(
    '/v1/candidates/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['candidates'], summary: 'Erase a candidate profile and its personal data', params: CandidateParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await app.candidateWriter.erase(getCandidateRow(app.db, request.params.id));
      return reply.code(204).send(null);
    },
  );
};
