// The served models of the reference sources (IVI, JOLTS) → data/labour/models.json.gz: the engine's choice,
// calibration and each series' forecast. Accuracy is not committed: the service computes it (GET /v1/forecasts/accuracy).
import { join } from 'node:path';
import { ENGINE_VERSION, runSource } from '../../forecast/engine.js';
import type { ModelStore } from '../../forecast/model-store.js';
import { iviItems, joltsItems } from '../../forecast/reference-panels.js';
import { readSeriesFile } from '../../forecast/reference-data.js';
import { writeGzJson } from '../../gz-json.js';

export async function buildModelSelection(outDir: string, dataVersion: string): Promise<ModelStore> {
  const store: ModelStore = { dataVersion, engineVersion: ENGINE_VERSION, sources: {} };
  const panels = { ivi: iviItems(readSeriesFile('ivi', outDir).series), jolts: joltsItems(readSeriesFile('jolts', outDir).series) };
  for (const [source, items] of Object.entries(panels)) {
    const t0 = performance.now();
    const run = runSource(items);
    store.sources[source] = { engineVersion: ENGINE_VERSION, chosen: run.accuracy.chosen, calibration: run.calibration, bandCalibration: run.bandCalibration, served: run.served };
    console.log(`${source}: ${items.length} series, chosen ${run.accuracy.chosen}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  writeGzJson(join(outDir, 'models.json.gz'), store);
  return store;
}
