import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { MatchEngine } from '../services/match-engine.js';
import { purgeExpiredAudit } from '../services/audit.js';

declare module 'fastify' {
  interface FastifyInstance {
    matchEngine: MatchEngine;
  }
}

const DAY_MS = 86_400_000;

/**
 * Matching infrastructure: the engine (weights, ESCO skill → occupation index), the on-write suggestions
 * (occupation code and ESCO skill links, stored apart from what the user set), and the audit retention job.
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

  // Retention: records older than AUDIT_RETENTION_DAYS (never below ~6 months) are purged daily, with a checkpoint.
  const purge = () => {
    try {
      const n = purgeExpiredAudit(app.db, app.config.AUDIT_RETENTION_DAYS);
      if (n > 0) app.log.info({ purged: n }, 'audit retention purge');
    } catch (err) {
      app.log.error({ err }, 'audit retention purge failed');
    }
  };
  const timer = setInterval(purge, DAY_MS);
  timer.unref();
  app.addHook('onReady', async () => purge());
  app.addHook('onClose', async () => clearInterval(timer));
};

export default fp(matchingPlugin, {
  name: 'passerelle-matching',
  dependencies: ['passerelle-db', 'passerelle-writers', 'passerelle-taxonomy'],
});
