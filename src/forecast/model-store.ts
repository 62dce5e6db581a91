// What the engine serves per source (committed for the reference sources as data/labour/models.json.gz by the
// pipeline; stored in SQLite for a ministry's own sources after each upload): per series the chosen method's
// log-scale forecast from its last observation, the interval calibration and the run's accuracy.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readGzJson } from '../gz-json.js';
import { LABOUR_DATA_DIR } from './reference-data.js';
import type { IntervalQuantiles } from './models.js';
import type { ServedSeries, SourceAccuracy } from './engine.js';

export interface SourceModels {
  engineVersion: string;
  chosen: string;
  calibration: IntervalQuantiles[];
  /** Per volume band (intervals.ts volumeBand) when the interval policy is banded; a series takes its `band`'s. */
  bandCalibration?: IntervalQuantiles[][] | null;
  served: ServedSeries[];
  /** Present in runs the service computed itself; the committed reference store leaves it out (see accuracy). */
  accuracy?: SourceAccuracy;
}

export interface ModelStore {
  dataVersion: string;
  engineVersion: string;
  sources: Record<string, SourceModels>;
}

export const seriesKey = (source: string, code: string, region: string): string => `${source}|${code}|${region}`;

export function readModelStore(dir = LABOUR_DATA_DIR): ModelStore | null {
  const p = join(dir, 'models.json.gz');
  if (!existsSync(p)) return null;
  const store = readGzJson<ModelStore>(p);
  // A store from before the engine (per-series ETS parameters) is not servable by this code.
  return store.sources ? store : null;
}
