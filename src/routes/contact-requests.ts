import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import { idSchema, pageSchema } from '../schemas/common.js';
import { ContactRequestSchema, CreateContactRequestSchema, EmployerContactRequestSchema, ListContactRequestsQuerySchema, SeekerContactRequestSchema } from '../schemas/fairness.js';
import { getAudit } from '../services/audit.js';
import { createContactRequest, listMyContactRequests, listVacancyContactRequests, respondToContactRequest } from '../services/contact-requests.js';
import { candidatePseudonym } from '../fairness/pseudonym.js';
import { getVisibleVacancy } from '../services/vacancies.js';

/**
 * Pseudonymous candidates until the seeker agrees: an employer asks to contact a candidate from one of its rankings,
 * the seeker accepts or declines, and may withdraw an acceptance (issue 13).
 */
export const contactRequestRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const ownCandidate = (request: Parameters<typeof requirePrincipal>[0]): string => {
    const p = requirePrincipal(request);
    if (!p.candidateId) throw new AppError('FORBIDDEN', 'this key is not bound to a candidate profile');
    return p.candidateId;
  };

  r.post(
    '/v1/vacancies/:id/contact-requests',
    {
      config: { roles: ['employer'], errors: ['VACANCY_NOT_OPEN', 'CANDIDATE_UNAVAILABLE', 'CONFLICT'] },
      schema: {
        tags: ['contact'],
        summary: 'Ask to contact a pseudonymous candidate from one of my rankings for this vacancy',
        params: z.object({ id: idSchema('vac') }).strict(),
        body: CreateContactRequestSchema,
        response: { 201: ContactRequestSchema.extend({ pseudonym: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const vacancy = await getVisibleVacancy(app.storage.read, principal, request.params.id, true);
      const audit = await getAudit(app.storage.read, request.body.auditId);
      const row = await app.storage.transaction((tx) => createContactRequest(tx, vacancy, audit, request.body));
      return reply.code(201).send({ ...row, pseudonym: candidatePseudonym(row.employerId, row.candidateId) });
    },
  );

  r.get(
    '/v1/vacancies/:id/contact-requests',
    {
      config: { roles: ['employer', 'admin'] },
      schema: {
        tags: ['contact'],
        summary: "My contact requests for this vacancy; the seeker's name and contact details appear once they accept",
        params: z.object({ id: idSchema('vac') }).strict(),
        querystring: ListContactRequestsQuerySchema,
        response: { 200: pageSchema(EmployerContactRequestSchema) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return listVacancyContactRequests(app.storage.read, await getVisibleVacancy(app.storage.read, principal, request.params.id, true), request.query);
    },
  );

  r.get(
    '/v1/candidates/me/contact-requests',
    {
      config: { roles: ['jobseeker'] },
      schema: {
        tags: ['contact'],
        summary: 'Employers asking to contact me, for which vacancy',
        querystring: ListContactRequestsQuerySchema,
        response: { 200: pageSchema(SeekerContactRequestSchema) },
      },
    },
    async (request) => listMyContactRequests(app.storage.read, ownCandidate(request), request.query),
  );

  for (const action of ['accept', 'decline', 'withdraw'] as const) {
    r.post(
      `/v1/candidates/me/contact-requests/:id/${action}`,
      {
        config: { roles: ['jobseeker'], errors: action === 'accept' ? ['VACANCY_NOT_OPEN', 'CONFLICT'] : ['CONFLICT'] },
        schema: {
          tags: ['contact'],
          summary:
            action === 'accept'
              ? 'Accept: this employer sees my name and contact details for this vacancy'
              : action === 'decline'
                ? 'Decline: the employer keeps seeing only a pseudonym'
                : 'Withdraw an acceptance: my name and contact details are hidden again',
          params: z.object({ id: idSchema('creq') }).strict(),
          response: { 200: ContactRequestSchema },
        },
      },
      async (request) => app.storage.transaction((tx) => respondToContactRequest(tx, ownCandidate(request), request.params.id, action)),
    );
  }
};
