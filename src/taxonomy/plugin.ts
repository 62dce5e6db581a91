import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type { TextEmbedder } from './label-vectors.js';
import { loadTaxonomy, type Taxonomy } from './taxonomy.js';
import { uncached } from '../embedding/cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    taxonomy: Taxonomy;
  }
}

export interface TaxonomyPluginOptions {
  /** data/taxonomy by default (TAXONOMY_DIR overrides) */
  dataDir?: string;
  /** query embedder; by default app.embedder (passerelle-embedder); without one titles are matched lexically */
  embedder?: TextEmbedder;
  /** build the lazily built indexes at start-up, off the request path (default: config TAXONOMY_WARMUP) */
  warmUp?: boolean;
}

/** Quiet time after the last request before a warm-up step starts. */
const WARMUP_QUIET_MS = 300;

/** Loads ESCO/ISCO/O*NET once at start-up and decorates app.taxonomy. */
const taxonomyPlugin: FastifyPluginAsync<TaxonomyPluginOptions> = async (app, opts) => {
  const t0 = performance.now();
  const shared = loadTaxonomy(opts.dataDir ?? (app.config.TAXONOMY_DIR || undefined));
  // Query texts (titles people type) are embedded without the cache: short, cheap, and not kept.
  const embedder = opts.embedder ?? (app.embedder ? uncached(app.embedder) : undefined);
  const view = shared.withEmbedder(embedder);
  app.decorate('taxonomy', view);
  // The label graph is the read-only `taxonomy-labels` collection of the vector index (admin status, recall, rebuild).
  const labelIndex = shared.labelVectors?.index;
  if (labelIndex && app.hasDecorator('vectorIndex')) app.vectorIndex.registerFrozen(labelIndex);
  app.log.info(
    {
      ms: Math.round(performance.now() - t0),
      dataVersion: shared.manifest.dataVersion,
      semantic: !!(embedder && shared.labelVectors),
      modelId: shared.labelVectors?.modelId,
      labelGraph: labelIndex?.graphSource ?? null,
    },
    'taxonomy loaded',
  );
  // Warm-up: the skill indexes and the language vocabulary are built once the app is ready, a step at a time between
  // other work, instead of by the first write (seconds of CPU). /readyz shows the progress; it does not hold readiness
  // back, since a request that arrives meanwhile is answered correctly (it builds the part it needs itself).
  if (opts.warmUp ?? app.config.TAXONOMY_WARMUP) {
    // A step starts only when no HTTP request is in flight and none ended in the last WARMUP_QUIET_MS (a client sending
    // requests one after another is not interrupted between them); counted on the server itself, for every route.
    let inFlight = 0;
    let lastEnd = 0;
    app.server.on('request', (_req, res) => {
      inFlight++;
      res.once('close', () => {
        inFlight--;
        lastEnd = Date.now();
      });
    });
    // A shutdown (SIGTERM during a rolling deploy, seconds after start) stops it before the next step: each step is
    // seconds of CPU that would hold the close back, and past SHUTDOWN_GRACE_MS turn a clean exit into exit code 1.
    // Each await of the close would otherwise wait for a warm-up step, so it checks the app's `closing` signal,
    // which the first preClose hook aborts (src/app.ts); registered on its own, this plugin's preClose does it.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    const stopped = () => closing || (app.hasDecorator('closing') && app.closing.aborted);
    app.addHook('onReady', async () => {
      shared.warmUp({ idle: () => inFlight === 0 && Date.now() - lastEnd >= WARMUP_QUIET_MS, stopped }).then(
        () => {
          const s = shared.warmUpStatus();
          if (s?.warm) app.log.info({ ms: s.ms }, 'taxonomy indexes built');
          else app.log.info({ built: s?.done.length, of: s?.total }, 'taxonomy warm-up stopped by shutdown');
        },
        (err: unknown) => app.log.error({ err }, 'taxonomy warm-up failed'),
      );
    });
    app.readinessChecks.push({
      name: 'taxonomy',
      check: () => {
        const s = shared.warmUpStatus();
        return { ok: true, detail: s ? { warm: s.warm, built: s.done.length, of: s.total, ...(s.ms !== undefined ? { ms: s.ms } : {}) } : { warm: false } };
      },
    });
  }
  app.addHook('onClose', async () => {
    // the loaded data is shared read-only between app instances; only drop this app's view of the embedder
    view.embedder = undefined;
  });
};

export default fp(taxonomyPlugin, { name: 'passerelle-taxonomy', fastify: '5.x', dependencies: ['passerelle-embedder'] });
