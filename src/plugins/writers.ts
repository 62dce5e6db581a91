import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { CandidateWriter, VacancyWriter } from '../services/writers.js';

declare module 'fastify' {
  interface FastifyInstance {
    vacancyWriter: VacancyWriter;
    candidateWriter: CandidateWriter;
  }
}

// Components (taxonomy suggestions, embeddings, the vector index) add their hooks to these writers.
const writersPlugin: FastifyPluginAsync = async (app) => {
  app.decorate('vacancyWriter', new VacancyWriter(app.storage));
  app.decorate('candidateWriter', new CandidateWriter(app.storage));
};

export default fp(writersPlugin, { name: 'passerelle-writers', dependencies: ['passerelle-db'] });
