// The reference series as engine panels: each series with its leading indicator (the region's all-occupations or
// total-nonfarm series) and, for a regional series, its national parent (the hierarchy that reconciliation uses).
import { seriesKey } from './model-store.js';
import { cleanSeries } from './models.js';
import type { PanelItem } from './panel-backtest.js';
import { addMonths, type ReferenceSeries } from './reference-data.js';

/** IVI ANZSCO-4 × region (market: code 0000 of the region; parent: the AUST series of the code). */
export function iviItems(series: readonly ReferenceSeries[]): PanelItem[] {
  return series.map((s) => {
    const { values, offset } = cleanSeries(s.values);
    return {
      key: seriesKey('ivi', s.code, s.region),
      code: s.code,
      region: s.region,
      start: addMonths(s.start, offset),
      y: values,
      marketKey: s.code === '0000' ? undefined : seriesKey('ivi', '0000', s.region),
      parentKey: s.region === 'AUST' ? undefined : seriesKey('ivi', s.code, 'AUST'),
    };
  });
}

/** JOLTS job openings (level): industries (market: total nonfarm) and states (parent: the US total). */
export function joltsItems(series: readonly ReferenceSeries[]): PanelItem[] {
  return series
    .filter((s) => s.code.startsWith('JOL.'))
    .map((s) => {
      const { values, offset } = cleanSeries(s.values);
      const isTotal = s.code === 'JOL.000000';
      return {
        key: seriesKey('jolts', s.code, s.region),
        code: s.code,
        region: s.region,
        start: addMonths(s.start, offset),
        y: values,
        marketKey: isTotal ? undefined : seriesKey('jolts', 'JOL.000000', 'US'),
        parentKey: isTotal && s.region !== 'US' ? seriesKey('jolts', 'JOL.000000', 'US') : undefined,
      };
    });
}
