// Shared infrastructure plugin: the configured embedder (worker pool + batching + SQLite cache) as `app.embedder`,
// embedding every vacancy and candidate profile as it is written (draft.vector, for the vector index to store).
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { CachedEmbedder } from './cache.js';
import { createEmbedder } from './create.js';
import type { PooledEmbedder } from './pool.js';
import { candidateEmbeddingText, vacancyEmbeddingText } from './texts.js';
import type { Embedder } from './types.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Unit vectors for texts; cached in SQLite by (model id, content hash). */
    embedder: Embedder;
  }
}

export interface EmbedderPluginOptions {
  /** Use this embedder instead of creating one from app.config (it is still closed with the app). */
  embedder?: Embedder;
}

/** Empty text embeds to the zero vector: leave draft.vector unset (the index rejects zero vectors; nothing to match). */
const informative = (v: Float32Array): Float32Array | undefined => (v.some((x) => x !== 0) ? v : undefined);

const embedderPlugin: FastifyPluginAsync<EmbedderPluginOptions> = async (app, opts) => {
  const inner: Embedder =
    opts.embedder ??
    (await createEmbedder(app.config, {
      onWorkerError: (err) => app.log.error({ err: { message: err.message } }, 'embedding worker failed'),
    }));
  // SQLite: the cache on the database itself; PostgreSQL: on the storage port, shared by every replica.
  const embedder = new CachedEmbedder(inner, app.storage.dialect === 'postgres' ? app.storage : app.db);
  app.decorate('embedder', embedder as Embedder);
  app.log.info({ model: embedder.id, dims: embedder.dimensions }, 'embedder ready');

  app.vacancyWriter.hooks.push({
    name: 'embedding',
    async prepare(drafts) {
      const vectors = await embedder.embed(drafts.map((d) => vacancyEmbeddingText(d.content)));
      drafts.forEach((d, i) => (d.vector = informative(vectors[i]!)));
    },
  });
  app.candidateWriter.hooks.push({
    name: 'embedding',
    async prepare(drafts) {
      const vectors = await embedder.embed(drafts.map((d) => candidateEmbeddingText(d.content)));
      drafts.forEach((d, i) => (d.vector = informative(vectors[i]!)));
    },
    // A replaced profile's vector is derived personal data of a version that no longer exists: it goes.
    async inTransaction(tx, _rows, drafts) {
      for (const d of drafts) {
        if (!d.previous) continue;
        const before = candidateEmbeddingText(d.previous);
        if (before && before !== candidateEmbeddingText(d.content)) await embedder.forget([before], tx);
      }
    },
    // Erasure: the profile's cached vector is derived personal data and goes with the profile.
    async onRemove(tx, row) {
      await embedder.forget([candidateEmbeddingText(row)], tx);
    },
  });

  app.readinessChecks.push({
    name: 'embedder',
    check: () => ({
      ok: true,
      detail: { model: embedder.id, dims: embedder.dimensions, workers: (inner as Partial<PooledEmbedder>).threads ?? 0 },
    }),
  });
  app.addHook('onClose', async () => {
    await embedder.close();
  });
};

export default fp(embedderPlugin, {
  name: 'passerelle-embedder',
  fastify: '5.x',
  dependencies: ['passerelle-db', 'passerelle-writers'],
});
