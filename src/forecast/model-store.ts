// The per-series model choice made by the pipeline (rolling-origin CV), committed as data/labour/models.json.gz.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readGzJson } from '../gz-json.js';
import { LABOUR_DATA_DIR } from './reference-data.js';
import type { IntervalQuantiles, ModelName } from './models.js';

export type SeriesAccuracy = {
  /** Mean absolute scaled error at horizons 3, 6, 12 over the backtest origins (chosen model). */
  mase3: number | null;
  mase6: number | null;
  mase12: number | null;
  /** Same for seasonal naive, the baseline. */
  snaiveMase6: number | null;
  smape6: number | null;
  origins: number;
  note: string;
};

export interface SeriesModel {
  model: ModelName;
  params: number[];
  sigma: number;
  accuracy: SeriesAccuracy | null;
}

export interface ModelStore {
  dataVersion: string;
  backtest: { origins: number; step: number; maxH: number };
  calibration: Record<string, Record<string, IntervalQuantiles[]>>;
  series: Record<string, SeriesModel>;
}

export const seriesKey = (source: string, code: string, region: string): string => `${source}|${code}|${region}`;

export function readModelStore(dir = LABOUR_DATA_DIR): ModelStore | null {
  const p = join(dir, 'models.json.gz');
  return existsSync(p) ? readGzJson<ModelStore>(p) : null;
}
