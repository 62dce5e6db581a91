import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../plugins/auth.js';
import { idSchema, pageSchema } from '../schemas/common.js';
import { DecisionViewSchema, ListDecisionsQuerySchema, ListVacancyDecisionsQuerySchema } from '../schemas/fairness.js';
import { listDecisions } from '../services/decisions.js';
import { getVisibleVacancy } from '../services/vacancies.js';

/** Human decisions read back, joinable to the audit record and the candidate (issue 13). Recording stays in audit.ts. */
export const decisionRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/vacancies/:id/decisions',
    {
      config: { roles: ['employer', 'admin'] },
      schema: {
        tags: ['oversight'],
        summary: "Human decisions on my vacancy's candidates, oldest first, each with the rank and score it was taken on",
        params: z.object({ id: idSchema('vac') }).strict(),
        querystring: ListVacancyDecisionsQuerySchema,
        response: { 200: pageSchema(DecisionViewSchema) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const vacancy = await getVisibleVacancy(app.storage.read, principal, request.params.id, true);
      return listDecisions(app.storage.read, { ...request.query, vacancyId: vacancy.id }, { links: principal.role === 'admin' });
    },
  );

  r.get(
    '/v1/decisions',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['oversight'],
        summary: 'All human decisions, filterable, each linked to its audit record, candidate and vacancy',
        querystring: ListDecisionsQuerySchema,
        response: { 200: pageSchema(DecisionViewSchema) },
      },
    },
    async (request) => listDecisions(app.storage.read, request.query, { links: true }),
  );
};
