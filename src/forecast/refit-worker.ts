// Worker thread: runs the forecasting engine for one source off the event loop and posts progress, then the result.
import { parentPort, workerData } from 'node:worker_threads';
import { ENGINE_DEFAULTS, runSource } from './engine.js';
import type { PanelItem } from './panel-backtest.js';

interface RefitInput {
  items: PanelItem[];
}

const { items } = workerData as RefitInput;
let last = 0;
const run = runSource(items, {
  ...ENGINE_DEFAULTS,
  onProgress: (share, stage) => {
    // At most one message per percent.
    if (share - last >= 0.01 || share === 1) {
      last = share;
      parentPort?.postMessage({ type: 'progress', share, stage });
    }
  },
});
parentPort?.postMessage({
  type: 'done',
  models: { engineVersion: run.accuracy.engineVersion, chosen: run.accuracy.chosen, calibration: run.calibration, bandCalibration: run.bandCalibration, served: run.served, accuracy: run.accuracy },
});
