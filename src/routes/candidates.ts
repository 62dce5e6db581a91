import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import { bindIdempotencySubject } from '../plugins/idempotency.js';
import { pageSchema } from '../schemas/common.js';
import {
  CandidateExportSchema,
  CandidateParamsSchema,
  CandidateSchema,
  JobseekerRegistrationSchema,
  ListCandidatesQuerySchema,
  PutCandidateSchema,
  RegisterJobseekerSchema,
} from '../schemas/candidate.js';
import { createApiKey } from '../services/api-keys.js';
import { exportCandidate, getCandidateRow, insertEmptyCandidate, listCandidates, toCandidate } from '../services/candidates.js';
import { eraseCandidateEverywhere } from '../services/erasure.js';
import { outlookReaderLanguage, profileOutlook } from '../forecast/profile-outlook.js';
import type { CandidateRow } from '../services/candidates.js';
import type { Candidate } from '../schemas/candidate.js';

export const candidateRoutes: FastifyPluginAsync<{ anonRateLimit: number; rateWindowMs: number }> = async (app, opts) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const ownId = (request: Parameters<typeof requirePrincipal>[0]): string => {
    const p = requirePrincipal(request);
    if (!p.candidateId) throw new AppError('FORBIDDEN', 'this key is not bound to a candidate profile');
    return p.candidateId;
  };

  // The profile read carries its occupation's outlook in its destinations (information only, never scored), in the
  // reader's language: Accept-Language when we speak it, else the profile's own language.
  const withOutlook = (request: { headers: Record<string, string | string[] | undefined> }, row: CandidateRow, c: Candidate): Candidate => {
    const accept = typeof request.headers['accept-language'] === 'string' ? request.headers['accept-language'] : undefined;
    const iscoOf = (uri: string): string | undefined => {
      const o = app.taxonomy.occupation(uri);
      return o?.code || o?.iscoGroup || undefined;
    };
    return { ...c, outlook: profileOutlook(app.occupationOutlook, row, iscoOf, outlookReaderLanguage(accept, row.lang)) };
  };

  r.post(
    '/v1/jobseekers',
    {
      // The reply carries the seeker's key: it is never stored, so an Idempotency-Key retry is refused, not replayed.
      config: { roles: 'public', secretReply: true, rateLimit: { max: opts.anonRateLimit, timeWindow: opts.rateWindowMs } },
      schema: {
        tags: ['candidates'],
        summary: 'Self-register as a job seeker: creates an empty profile and returns its key once',
        description:
          'The key is shown once and never stored. A retry with the same Idempotency-Key creates nothing twice and answers 409 IDEMPOTENCY_NOT_REPLAYABLE: register again with a new key.',
        body: RegisterJobseekerSchema.nullish(), // no body at all is a registration with defaults
        response: { 201: JobseekerRegistrationSchema },
      },
    },
    async (request, reply) => {
      const created = await app.storage.transaction(async (tx) => {
        const cand = await insertEmptyCandidate(tx, request.body?.displayName, request.body?.lang);
        const key = await createApiKey(tx, { role: 'jobseeker', candidateId: cand.id, name: 'self-registration' });
        return { candidateId: cand.id, key: key.key };
      });
      bindIdempotencySubject(request, created.candidateId);
      return reply.code(201).send(created);
    },
  );

  r.get(
    '/v1/candidates/me',
    {
      config: { roles: ['jobseeker'] },
      schema: {
        tags: ['candidates'],
        summary: 'Read my profile, with my contact details',
        description: "`outlook`: my occupation's shortage rating (AU) or BLS projection (US) in my destinations, in the Accept-Language (else my profile's language); information only, never part of a score.",
        response: { 200: CandidateSchema },
      },
    },
    async (request) => {
      const row = await getCandidateRow(app.storage.read, ownId(request));
      return withOutlook(request, row, await toCandidate(app.storage.read, row, { includePersonal: true }));
    },
  );

  r.get(
    '/v1/candidates/me/export',
    {
      config: { roles: ['jobseeker'], cost: 'heavy' }, // scans the audit log for her rankings
      schema: {
        tags: ['candidates'],
        summary: 'Export everything held about me (GDPR Art. 15 and 20), as JSON',
        description:
          'Profile, contact details, self-declared attributes, consents with their timestamps, my API keys (not the keys), my contests, the decisions employers recorded about me, and the bias-audit records that concern me (ids, ranks, scores).',
        response: { 200: CandidateExportSchema },
      },
    },
    async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="passerelle-export.json"');
      reply.header('cache-control', 'no-store');
      return exportCandidate(app.storage.read, ownId(request));
    },
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
      const current = await getCandidateRow(app.storage.read, ownId(request));
      const row = await app.candidateWriter.put(current, request.body);
      return toCandidate(app.storage.read, row, { includePersonal: true });
    },
  );

  r.delete(
    '/v1/candidates/me',
    {
      config: { roles: ['jobseeker'] },
      schema: {
        tags: ['candidates'],
        summary: 'Erase my profile and all my personal data (this key stops working)',
        description:
          'Deletes the profile, contact details, self-declared attributes, keys and stored replies; blanks my contest messages and the notes of decisions about me (oversight keeps ids, codes and times); purges the cached vectors of this and earlier profile versions; zeroes my vector in the index snapshots (one follows within a second); zeroes freed database pages and truncates the WAL before answering.',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await eraseCandidateEverywhere(app, await getCandidateRow(app.storage.read, ownId(request)));
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/v1/candidates',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['candidates'], summary: 'List candidate profiles (no personal data)', querystring: ListCandidatesQuerySchema, response: { 200: pageSchema(CandidateSchema) } },
    },
    async (request) => listCandidates(app.storage.read, request.query),
  );

  r.get(
    '/v1/candidates/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['candidates'], summary: 'Read a candidate profile with its personal data', params: CandidateParamsSchema, response: { 200: CandidateSchema } },
    },
    async (request) => {
      const row = await getCandidateRow(app.storage.read, request.params.id);
      return withOutlook(request, row, await toCandidate(app.storage.read, row, { includePersonal: true }));
    },
  );

  r.delete(
    '/v1/candidates/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['candidates'], summary: 'Erase a candidate profile and its personal data', params: CandidateParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await eraseCandidateEverywhere(app, await getCandidateRow(app.storage.read, request.params.id));
      return reply.code(204).send(null);
    },
  );
};
