import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { MatchEngine } from '../services/match-engine.js';

declare module 'fastify' {
  interface FastifyInstance {
    matchEngine: MatchEngine;
  }
}

/**
 * Matching infrastructure: the engine (weights, ESCO skill → occupation index), the on-write suggestions
 * (occupation code and ESCO skill links, stored apart from what the user set). The audit log's jobs live in plugins/audit.ts.
 */
const matchingPlugin: FastifyPluginAsync = async (app) => {
  const engine = new MatchEngine(app.taxonomy);
  app.decorate('matchEngine', engine);

  app.vacancyWriter.hooks.push({
    name: 'taxonomy-suggestions',
    async prepare(drafts) {
      for (const d of drafts) d.suggestions = await engine.suggestForVacancy(d.content);
    },
    afterCommit(rows) {
      for (const r of rows) engine.forgetVacancy(r.id);
    },
    afterRemove(row) {
      engine.forgetVacancy(row.id);
    },
  });
  app.candidateWriter.hooks.push({
    name: 'taxonomy-suggestions',
    async prepare(drafts) {
      for (const d of drafts) d.suggestions = await engine.suggestForProfile(d.content);
    },
  });
};

export default fp(matchingPlugin, {
  name: 'passerelle-matching',
  dependencies: ['passerelle-db', 'passerelle-writers', 'passerelle-taxonomy'],
});
