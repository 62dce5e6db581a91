import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { VectorCollection } from '../vector-index/collection.js';
import { vectorWriteHook } from '../vector-index/write-hook.js';
import type { CandidateDraft, VacancyDraft } from '../services/writers.js';
import type { VacancyRow } from '../services/vacancies.js';
import type { CandidateRow } from '../services/candidates.js';
import { isPostgresUrl } from '../db/pg/client.js';
import { ReplicaSet } from '../replication/replica-set.js';
import { changeLogWriteHook } from '../storage/change-log-hook.js';

declare module 'fastify' {
  interface FastifyInstance {
    collections: { vacancies: VectorCollection; candidates: VectorCollection };
    /** PostgreSQL mode only (issue 15): this process's replicas of the collections, fed from the change log. */
    replicas?: ReplicaSet;
  }
}

/** Filterable attributes kept next to each vector (never protected attributes, never personal data). */
export const vacancyAttrs = (row: VacancyRow) => ({ status: row.status, country: row.country, shortage: row.shortage, employerId: row.employerId });
export const candidateAttrs = (row: CandidateRow) => ({ matching: row.consentMatching, visible: row.consentVisible });

// The vacancy and candidate collections, opened with the embedder's model, joined to the writers so that a row and
// its vector commit in one transaction (the embedding hook fills draft.vector before it).
const collectionsPlugin: FastifyPluginAsync = async (app) => {
  const model = { modelId: app.embedder.id, dims: app.embedder.dimensions };
  if (isPostgresUrl(app.config.DATABASE_URL)) {
    await replicaCollections(app, app.config.DATABASE_URL, model);
    // The write path (pg-app): vectors into the change log inside the row's transaction; after commit, wait for this
    // process's replica to apply them (read-your-writes). The logs exist before the first write (the replicas' own
    // start-up creates them too, but in the background).
    await app.storage.transaction(async (tx) => {
      for (const name of ['vacancies', 'candidates']) await tx.vectorLog(name).ensureCollection(model.modelId, model.dims);
    });
    app.vacancyWriter.hooks.push(changeLogWriteHook<VacancyDraft, VacancyRow>('vacancies', () => model, vacancyAttrs, () => app.collections.vacancies));
    app.candidateWriter.hooks.push(changeLogWriteHook<CandidateDraft, CandidateRow>('candidates', () => model, candidateAttrs, () => app.collections.candidates));
    return;
  }
  if (!app.hasDecorator('vectorIndex') || !app.hasDecorator('vacancyWriter')) throw new Error('the SQLite collections need the vector-index and writers plugins');
  const vacancies = await app.vectorIndex.open('vacancies', model);
  const candidates = await app.vectorIndex.open('candidates', model);
  app.decorate('collections', { vacancies, candidates });
  app.vacancyWriter.hooks.push(vectorWriteHook<VacancyDraft, VacancyRow>(() => vacancies, vacancyAttrs));
  app.candidateWriter.hooks.push(vectorWriteHook<CandidateDraft, CandidateRow>(() => candidates, candidateAttrs));
};

/**
 * PostgreSQL mode (issue 15): each collection is this process's replica, fed by a LogFollower from the change log the
 * write path fills inside its transactions; writes never touch these collections directly. A new replica starts from
 * the latest shared snapshot (REPLICA_SNAPSHOT_DIR); until its first catch-up, searches answer 503 NOT_READY and
 * /readyz 503 with its lag. Writers call `app.replicas.waitFor(collection, seq)` after commit (read-your-writes).
 */
async function replicaCollections(app: FastifyInstance, databaseUrl: string, model: { modelId: string; dims: number }): Promise<void> {
  const cfg = app.config;
  const log = app.log.child({ component: 'replica' });
  const replicas = await ReplicaSet.open({
    databaseUrl,
    dir: cfg.REPLICA_DIR,
    sharedDir: cfg.REPLICA_SNAPSHOT_DIR || null,
    publishIntervalS: cfg.REPLICA_SNAPSHOT_INTERVAL_S,
    collections: [
      { name: 'vacancies', ...model },
      { name: 'candidates', ...model },
    ],
    m: cfg.HNSW_M,
    efConstruction: cfg.HNSW_EF_CONSTRUCTION,
    efSearch: cfg.HNSW_EF_SEARCH,
    targetRecall: cfg.HNSW_TARGET_RECALL,
    pollMs: cfg.REPLICA_POLL_MS,
    readyMaxLag: cfg.REPLICA_READY_MAX_LAG,
    // A vacancy changed by another replica: this process's cached match features of it are stale.
    onApply: (collection, ids) => {
      if (collection !== 'vacancies' || !app.hasDecorator('matchEngine')) return;
      for (const id of ids) app.matchEngine.forgetVacancy(id);
    },
    log: (obj, msg) => log.info(obj, msg),
  });
  if (cfg.REPLICA_READ_SYNC) {
    // Expensive routes (matching, embedding writes) read the replica: first catch up with every acknowledged write.
    app.addHook('preHandler', async (request) => {
      if (request.routeOptions.config?.cost === 'heavy') await replicas.sync();
    });
  }
  app.decorate('replicas', replicas);
  app.decorate('collections', { vacancies: replicas.collection('vacancies'), candidates: replicas.collection('candidates') });
  app.addHook('onClose', async () => {
    await replicas.close();
  });
}

export default fp(collectionsPlugin, {
  name: 'passerelle-collections',
  // SQLite mode also needs passerelle-writers and passerelle-vector-index (registered before it in app.ts).
  dependencies: ['passerelle-embedder', 'passerelle-writers'],
});
