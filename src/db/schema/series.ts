import { sqliteTable, text, integer, real, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Official reference time series (IVI, JOLTS, ...): one row of metadata per source × series code × region.
export const referenceSeries = sqliteTable(
  'reference_series',
  {
    source: text('source').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull(),
    country: text('country').notNull(),
    scheme: text('scheme').notNull(),
    label: text('label').notNull(),
    unit: text('unit').notNull(),
    startPeriod: text('start_period').notNull(),
    endPeriod: text('end_period').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.code, t.region] }), index('reference_series_country_idx').on(t.country, t.region)],
);

// Monthly observations, period 'YYYY-MM'.
export const seriesObservations = sqliteTable(
  'series_observations',
  {
    source: text('source').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull(),
    period: text('period').notNull(),
    value: real('value'),
  },
  (t) => [primaryKey({ columns: [t.source, t.code, t.region, t.period] })],
);

// Which version of each reference data set is loaded, so start-up loads it once and reloads it when it changes.
export const referenceDataVersions = sqliteTable('reference_data_versions', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  rows: integer('rows').notNull(),
  loadedAt: text('loaded_at').notNull(),
});

// A ministry's own sources (issue 16): a source name belongs to the key that first uploaded to it; `published`
// makes it readable by every ministry and admin.
export const userSources = sqliteTable('user_sources', {
  source: text('source').primaryKey(),
  ownerKeyId: text('owner_key_id').notNull(),
  published: integer('published', { mode: 'boolean' }).notNull().default(false),
  latestVersion: integer('latest_version').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

// Every upload is a version of its source; its lines' observations are kept with the version that wrote them.
export const seriesUploads = sqliteTable(
  'series_uploads',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    version: integer('version').notNull(),
    ownerKeyId: text('owner_key_id').notNull(),
    format: text('format').notNull(),
    lines: integer('lines').notNull(),
    accepted: integer('accepted').notNull(),
    rejected: integer('rejected').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('series_uploads_source_version_idx').on(t.source, t.version)],
);

export const userSeries = sqliteTable(
  'user_series',
  {
    source: text('source').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull(),
    scheme: text('scheme').notNull(),
    country: text('country').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.code, t.region] })],
);

export const userSeriesObservations = sqliteTable(
  'user_series_observations',
  {
    source: text('source').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull(),
    period: text('period').notNull(),
    value: real('value').notNull(),
    /** The upload (version) that last wrote this month. */
    uploadId: text('upload_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.code, t.region, t.period] })],
);

// Background refits: one job per upload (and one per reference data version at start-up).
export const forecastJobs = sqliteTable(
  'forecast_jobs',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    uploadId: text('upload_id'),
    ownerKeyId: text('owner_key_id'),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    progress: real('progress').notNull().default(0),
    stage: text('stage').notNull().default('queued'),
    error: text('error'),
    runId: text('run_id'),
    createdAt: text('created_at').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    /** Refreshed by the process holding the job; a queued or running job whose lease ran out is resumed by another. */
    heartbeatAt: text('heartbeat_at'),
    /** How many times the job was started (above 1 when a stopped process's job was resumed). */
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('forecast_jobs_source_idx').on(t.source, t.createdAt)],
);

// The engine's output for one source and data version: served forecasts, calibration and its own accuracy.
export const forecastRuns = sqliteTable(
  'forecast_runs',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    dataVersion: text('data_version').notNull(),
    engineVersion: text('engine_version').notNull(),
    /** JSON SourceModels (served forecasts, calibration, accuracy). */
    models: text('models').notNull(),
    series: integer('series').notNull(),
    ms: integer('ms').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('forecast_runs_source_idx').on(t.source, t.createdAt), uniqueIndex('forecast_runs_version_idx').on(t.source, t.dataVersion, t.engineVersion)],
);

// Every forecast the service has served, once per series × origin × model × data version, so it can be scored
// when the actuals arrive (GET /v1/forecasts/scorecard).
export const servedForecasts = sqliteTable(
  'served_forecasts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull(),
    /** Period of the last observation the forecast started from. */
    origin: text('origin').notNull(),
    model: text('model').notNull(),
    dataVersion: text('data_version').notNull(),
    /** JSON [{period, value, lower80, upper80, lower95, upper95}] */
    points: text('points').notNull(),
    /** Last observed value and the last 12 (seasonal naive), for the naive baselines. */
    lastValue: real('last_value').notNull(),
    lastYear: text('last_year').notNull(),
    /** In-sample seasonal-naive MAE at the origin: the MASE denominator. */
    scale: real('scale').notNull(),
    servedAt: text('served_at').notNull(),
  },
  (t) => [uniqueIndex('served_forecasts_key_idx').on(t.source, t.code, t.region, t.origin, t.model, t.dataVersion), index('served_forecasts_source_idx').on(t.source, t.origin)],
);
