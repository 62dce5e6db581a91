// Named plugin: loads the reference series into SQLite at start-up (in the background), exposes the forecast service,
// and runs the background refits (a ministry's uploads; the reference sources' own accuracy) in a worker thread.
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { ENGINE_VERSION } from './engine.js';
import type { SourceModels } from './model-store.js';
import { iviItems, joltsItems } from './reference-panels.js';
import { readSeriesFile } from './reference-data.js';
import { RefitQueue } from './refit-jobs.js';
import { loadReferenceSeriesInBackground } from './series-loader.js';
import { ShortageForecastService } from './service.js';
import { OccupationOutlookService } from './occupation-outlook.js';
import { dataVersionOf, userPanel } from './user-series.js';
import { PgJobStore, SeriesRepository } from './series-repo.js';
import type { JobRow } from './refit-jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    forecasts: ShortageForecastService;
    /** ESCO/ISCO occupation → destination's rating, forecast or projections (crosswalks); the match explanation's note. */
    occupationOutlook: OccupationOutlookService;
    forecastJobs: RefitQueue;
    /** Ministry series, served forecasts, scorecards and platform signals on either back end. */
    seriesRepo: SeriesRepository;
    /** A refit job by id (PostgreSQL: the shared table, so any replica answers). */
    forecastJob: (id: string) => Promise<JobRow | undefined>;
    /**
     * Queue a refit of a ministry's source (or run a job already stored: an upload's, queued in its transaction, or a
     * stopped process's); returns the job id.
     */
    refitUserSource: (source: string, uploadId: string | null, ownerKeyId: string | null, resumeJobId?: string) => Promise<string>;
    /** PostgreSQL: bring this replica's copy of a ministry's source up to the shared latest version and run. */
    syncUserSource: (source: string) => Promise<void>;
    /** Settles when the reference series are in SQLite (the forecast cache itself is ready at once). */
    referenceSeriesLoaded: Promise<void>;
  }
}

const forecastPlugin: FastifyPluginAsync = async (app) => {
  // Reading the compact files and the committed served models takes well under a second.
  const service = new ShortageForecastService({ staleAfterMonths: app.config.FORECAST_STALE_AFTER_MONTHS });
  app.decorate('forecasts', service);
  app.decorate('occupationOutlook', new OccupationOutlookService(service));
  // On SQLite the job rows live in the system of record: their writes go through the storage's write queue.
  const queue = new RefitQueue(app.sqlite, app.log, app.storage.dialect === 'sqlite' ? (fn) => app.storage.transaction(async () => fn()) : undefined);
  app.decorate('forecastJobs', queue);
  const repo = new SeriesRepository(app.storage, app.sqlite);
  app.decorate('seriesRepo', repo);
  // Ministry sources' jobs live with their data: PostgreSQL when it is the system of record. The reference sources'
  // jobs and runs are derived from the release and stay in the process's SQLite file on either back end.
  const pgJobs = app.storage.dialect === 'postgres' ? new PgJobStore(app.storage) : null;
  const latestRun = (source: string, dataVersion: string) => repo.latestRun(source, dataVersion);
  const localRun = (source: string, dataVersion: string): SourceModels | null => {
    const row = app.sqlite
      .prepare('SELECT models FROM forecast_runs WHERE source = ? AND data_version = ? AND engine_version = ? ORDER BY created_at DESC LIMIT 1')
      .get(source, dataVersion, ENGINE_VERSION) as { models: string } | undefined;
    return row ? (JSON.parse(row.models) as SourceModels) : null;
  };
  app.decorate('forecastJob', async (id: string) => (pgJobs ? ((await pgJobs.get(id)) ?? queue.getJob(id)) : queue.getJob(id)));
  const refitUserSource = async (source: string, uploadId: string | null, ownerKeyId: string | null, resumeJobId?: string): Promise<string> => {
    const jobId = resumeJobId ?? (pgJobs ? await pgJobs.create(source, uploadId, ownerKeyId) : queue.createJob(source, uploadId, ownerKeyId));
    const data = await repo.readUserSource(source);
    // The new rows are served at once (history, freshness); the forecast follows when the job is done.
    service.setUserSource({ ...data, models: await latestRun(source, data.dataVersion) });
    queue.enqueue({
      jobId,
      source,
      dataVersion: data.dataVersion,
      ...(pgJobs ? { store: pgJobs } : {}),
      items: () => userPanel(data),
      onDone: (models) => service.setUserSource({ ...data, models }),
    });
    return jobId;
  };
  app.decorate('refitUserSource', refitUserSource);
  // On SQLite this process made every change itself, so its copy is current. On PostgreSQL another replica may have
  // taken an upload or finished a refit: one indexed read of the version, and a reload when it moved.
  app.decorate('syncUserSource', async (source: string) => {
    if (!pgJobs) return;
    const row = await repo.getUserSource(source);
    if (!row) return;
    const version = dataVersionOf(source, row.latest_version);
    const current = service.hasUserSource(source) && service.versionOf(source) === version;
    if (current && service.hasUserModels(source)) return;
    if (current && !(await latestRun(source, version))) return; // still refitting somewhere
    const data = await repo.readUserSource(source);
    service.setUserSource({ ...data, models: await latestRun(source, data.dataVersion) });
  });

  // A job's lease (PostgreSQL): the replica holding a job renews it; one whose lease ran out is resumed by another.
  const leaseMs = app.config.FORECAST_JOB_LEASE_MS;
  const leaseCutoff = (): string => new Date(Date.now() - leaseMs).toISOString();
  const takeOverStoppedJobs = async (): Promise<string[]> => {
    if (!pgJobs) return [];
    const taken = await pgJobs.takeOver(leaseCutoff());
    for (const job of taken) {
      app.log.warn({ jobId: job.id, source: job.source }, 'forecast refit resumed: the replica running it stopped');
      await refitUserSource(job.source, null, null, job.id);
    }
    return taken.map((j) => j.source);
  };
  let leaseTimer: NodeJS.Timeout | null = null;
  let beating = false;
  const beat = async (): Promise<void> => {
    if (beating || !pgJobs || (app.hasDecorator('closing') && app.closing.aborted)) return;
    beating = true;
    try {
      await pgJobs.heartbeat(queue.heldStoredJobs());
      await takeOverStoppedJobs();
    } catch (err) {
      app.log.error({ err }, 'forecast job lease sweep failed');
    } finally {
      beating = false;
    }
  };

  let cancelled = false;
  let resolveLoaded: () => void = () => {};
  app.decorate('referenceSeriesLoaded', new Promise<void>((r) => (resolveLoaded = r)));
  let running: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    // Jobs a stopped process left queued or running are resumed under the same id: a client polling one sees it finish.
    const resumed = new Set<string>();
    for (const job of queue.takeOverLocal()) {
      app.log.warn({ jobId: job.id, source: job.source }, 'forecast refit resumed: the process running it stopped');
      await refitUserSource(job.source, null, null, job.id);
      resumed.add(job.source);
    }
    for (const source of await takeOverStoppedJobs()) resumed.add(source);
    if (pgJobs) leaseTimer = setInterval(() => void beat(), Math.max(250, Math.floor(leaseMs / 3))).unref();
    for (const source of await repo.listUserSourceNames()) {
      if (resumed.has(source)) continue;
      const data = await repo.readUserSource(source);
      const models = await latestRun(source, data.dataVersion);
      if (models) service.setUserSource({ ...data, models });
      // PostgreSQL: a source another replica is refitting already has its job (syncUserSource picks the run up).
      else if (pgJobs && (await pgJobs.pending(source, leaseCutoff()))) service.setUserSource({ ...data, models: null });
      else await refitUserSource(source, null, null);
    }
    // The accuracy of the reference sources is computed by the service itself, once per data and engine version.
    {
      for (const source of app.config.FORECAST_REFERENCE_REFIT) {
        const stored = localRun(source, service.dataVersion);
        if (stored) {
          service.setSourceModels(source, stored);
          continue;
        }
        queue.enqueue({
          jobId: queue.createJob(source, null, null),
          source,
          dataVersion: service.dataVersion,
          items: () => (source === 'ivi' ? iviItems(readSeriesFile('ivi').series) : joltsItems(readSeriesFile('jolts').series)),
          onDone: (models) => service.setSourceModels(source, models),
        });
      }
    }
    if (!app.config.REFERENCE_SERIES_LOAD) {
      resolveLoaded();
      return;
    }
    running = loadReferenceSeriesInBackground(app.sqlite, { cancelled: () => cancelled || (app.hasDecorator('closing') && app.closing.aborted) })
      .then((res) => {
        if (res?.loaded) app.log.info({ version: res.version, series: res.series, observations: res.observations, ms: Math.round(res.ms) }, 'reference series loaded');
      })
      .catch((err: unknown) => app.log.error({ err }, 'reference series load failed'))
      .finally(resolveLoaded);
  });
  // Cancelled as soon as the close begins (the app's `closing` signal, src/app.ts), not when this plugin's onClose comes
  // round: every await of the hooks before it would otherwise wait for another chunk of the load.
  app.addHook('onClose', async () => {
    cancelled = true;
    if (leaseTimer) clearInterval(leaseTimer);
    await queue.close();
    await running;
  });
};

export default fp(forecastPlugin, { name: 'passerelle-forecasts', fastify: '5.x', dependencies: ['passerelle-db'] });
