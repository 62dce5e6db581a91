import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { VectorIndexRegistry, registrySettings } from './registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    vectorIndex: VectorIndexRegistry;
  }
}

export interface VectorIndexPluginOptions {
  /** Collections to open at start-up (others are opened on demand with app.vectorIndex.open). */
  collections?: { name: string; modelId: string; dims: number }[];
}

/**
 * The vector-index registry on the shared SQLite connection: collections (vacancies, candidates, taxonomy) are
 * opened with the embedder's model id and dimension, snapshotted every INDEX_SNAPSHOT_INTERVAL_S and on close.
 */
const vectorIndexPlugin: FastifyPluginAsync<VectorIndexPluginOptions> = async (app, opts) => {
  const cfg = app.config;
  const log = app.log.child({ component: 'vector-index' });
  const registry = new VectorIndexRegistry(app.sqlite, { ...registrySettings(cfg), log: (obj, msg) => log.info(obj, msg) });
  app.decorate('vectorIndex', registry);
  for (const c of opts.collections ?? []) await registry.open(c.name, c);
  app.readinessChecks?.push({
    name: 'vectorIndex',
    check: () => {
      const r = registry.readinessSync();
      return { ok: r.ready, detail: r.collections };
    },
  });
  // preClose: snapshot while the database is still open (the db plugin closes it in its own onClose).
  app.addHook('preClose', async () => {
    await registry.close();
  });
  app.addHook('onClose', async () => {
    await registry.close();
  });
};

export default fp(vectorIndexPlugin, { name: 'passerelle-vector-index', fastify: '5.x', dependencies: ['passerelle-db'] });
