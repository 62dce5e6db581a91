import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type { VectorCollection } from '../vector-index/collection.js';
import { vectorWriteHook } from '../vector-index/write-hook.js';
import type { CandidateDraft, VacancyDraft } from '../services/writers.js';
import type { VacancyRow } from '../services/vacancies.js';
import type { CandidateRow } from '../services/candidates.js';

declare module 'fastify' {
  interface FastifyInstance {
    collections: { vacancies: VectorCollection; candidates: VectorCollection };
  }
}

/** Filterable attributes kept next to each vector (never protected attributes, never personal data). */
export const vacancyAttrs = (row: VacancyRow) => ({ status: row.status, country: row.country, shortage: row.shortage, employerId: row.employerId });
export const candidateAttrs = (row: CandidateRow) => ({ matching: row.consentMatching, visible: row.consentVisible });

// The vacancy and candidate collections, opened with the embedder's model, joined to the writers so that a row and
// its vector commit in one transaction (the embedding hook fills draft.vector before it).
const collectionsPlugin: FastifyPluginAsync = async (app) => {
  const model = { modelId: app.embedder.id, dims: app.embedder.dimensions };
  const vacancies = await app.vectorIndex.open('vacancies', model);
  const candidates = await app.vectorIndex.open('candidates', model);
  app.decorate('collections', { vacancies, candidates });
  app.vacancyWriter.hooks.push(vectorWriteHook<VacancyDraft, VacancyRow>(() => vacancies, vacancyAttrs));
  app.candidateWriter.hooks.push(vectorWriteHook<CandidateDraft, CandidateRow>(() => candidates, candidateAttrs));
};

export default fp(collectionsPlugin, {
  name: 'passerelle-collections',
  dependencies: ['passerelle-writers', 'passerelle-embedder', 'passerelle-vector-index'],
});
