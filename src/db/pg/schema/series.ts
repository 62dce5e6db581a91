import { pgTable, text, integer, doublePrecision, boolean, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';

// PostgreSQL twin of src/db/schema/series.ts.
export const referenceSeries = pgTable(
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

export const seriesObservations = pgTable(
  'series_observations',
  {
    source: text('source').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull(),
    period: text('period').notNull(),
    value: doublePrecision('value'),
  },
  (t) => [primaryKey({ columns: [t.source, t.code, t.region, t.period] })],
);

export const referenceDataVersions = pgTable('reference_data_versions', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  rows: integer('rows').notNull(),
  loadedAt: text('loaded_at').notNull(),
});

export const userSources = pgTable('user_sources', {
  source: text('source').primaryKey(),
  ownerKeyId: text('owner_key_id').notNull(),
  published: boolean('published').notNull().default(false),
  latestVersion: integer('latest_version').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const seriesUploads = pgTable(
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

export const userSeries = pgTable(
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

export const userSeriesObservations = pgTable(
  'user_series_observations',
  {
    source: text('source').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull(),
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    uploadId: text('upload_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.code, t.region, t.period] })],
);

export const forecastJobs = pgTable(
  'forecast_jobs',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    uploadId: text('upload_id'),
    ownerKeyId: text('owner_key_id'),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    progress: doublePrecision('progress').notNull().default(0),
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

export const forecastRuns = pgTable(
  'forecast_runs',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    dataVersion: text('data_version').notNull(),
    engineVersion: text('engine_version').notNull(),
    models: text('models').notNull(),
    series: integer('series').notNull(),
    ms: integer('ms').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('forecast_runs_source_idx').on(t.source, t.createdAt), uniqueIndex('forecast_runs_version_idx').on(t.source, t.dataVersion, t.engineVersion)],
);

export const servedForecasts = pgTable(
  'served_forecasts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    source: text('source').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull(),
    origin: text('origin').notNull(),
    model: text('model').notNull(),
    dataVersion: text('data_version').notNull(),
    points: text('points').notNull(),
    lastValue: doublePrecision('last_value').notNull(),
    lastYear: text('last_year').notNull(),
    scale: doublePrecision('scale').notNull(),
    servedAt: text('served_at').notNull(),
  },
  (t) => [uniqueIndex('served_forecasts_key_idx').on(t.source, t.code, t.region, t.origin, t.model, t.dataVersion), index('served_forecasts_source_idx').on(t.source, t.origin)],
);
