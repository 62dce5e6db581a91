// Joins the embedder to the vector index: opens the `vacancies` and `candidates` collections with the embedder's
// model id and dimension, and adds write hooks so every vacancy and profile written through the API stores its vector
// (set by the embedder plugin's prepare hook) in the same transaction as its row. After a model change the
// collections report modelMismatch on /readyz and refuse writes until `npm run reindex` has run.
// NOT registered in src/app.ts yet: the vector-index tests open a `vacancies` collection with their own synthetic
// models through buildTestApp(), which collides with it. The integrator registers it (see docs/embedding.md).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { CandidateDraft, VacancyDraft } from '../services/writers.js';
import type { CandidateRow } from '../services/candidates.js';
import type { VacancyRow } from '../services/vacancies.js';
import type { VectorCollection } from '../vector-index/collection.js';
import { vectorWriteHook } from '../vector-index/write-hook.js';
import { candidateIndexAttrs, vacancyIndexAttrs } from './index-sink.js';

type Row = { id: string } & Record<string, unknown>;

/** Open the two collections and join them to the writers (also callable on a ready app, e.g. in tests). */
export async function attachItemVectors(app: FastifyInstance): Promise<void> {
  const model = { modelId: app.embedder.id, dims: app.embedder.dimensions };
  const vacanciesIndex: VectorCollection = await app.vectorIndex.open('vacancies', model);
  const candidatesIndex: VectorCollection = await app.vectorIndex.open('candidates', model);
  app.vacancyWriter.hooks.push(
    vectorWriteHook<VacancyDraft, VacancyRow>(() => vacanciesIndex, (row) => vacancyIndexAttrs(row as unknown as Row)),
  );
  app.candidateWriter.hooks.push(
    vectorWriteHook<CandidateDraft, CandidateRow>(() => candidatesIndex, (row) => candidateIndexAttrs(row as unknown as Row)),
  );
}

const itemVectorsPlugin: FastifyPluginAsync = async (app) => {
  await attachItemVectors(app);
};

export default fp(itemVectorsPlugin, {
  name: 'passerelle-item-vectors',
  fastify: '5.x',
  dependencies: ['passerelle-embedder', 'passerelle-vector-index', 'passerelle-writers'],
});
