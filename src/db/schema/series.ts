import { sqliteTable, text, integer, real, primaryKey, index } from 'drizzle-orm/sqlite-core';

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
