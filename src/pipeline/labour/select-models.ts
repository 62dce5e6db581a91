// Per-series model selection by rolling-origin CV, fitted parameters and interval calibration → models.json.gz.
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { backtestSeries, calibrate, DEFAULT_BACKTEST, meanScaledError, selectModelAt, smapeAt, type SeriesBacktest } from '../../forecast/backtest.js';
import { cleanSeries, fitModel, MIN_HISTORY, MODEL_NAMES, toLog, type IntervalQuantiles } from '../../forecast/models.js';
import type { ModelStore, SeriesModel } from '../../forecast/model-store.js';
import { seriesKey } from '../../forecast/model-store.js';
import { readSeriesFile } from '../../forecast/reference-data.js';
import { writeGzJson } from '../../gz-json.js';

const round = (x: number, d = 5): number => Number(x.toFixed(d));

export async function buildModelSelection(outDir: string, dataVersion: string): Promise<ModelStore> {
  const store: ModelStore = {
    dataVersion,
    backtest: { origins: DEFAULT_BACKTEST.origins, step: DEFAULT_BACKTEST.step, maxH: DEFAULT_BACKTEST.maxH },
    calibration: {},
    series: {},
  };
  for (const source of ['ivi', 'jolts'] as const) {
    const file = readSeriesFile(source);
    const bar = new cliProgress.SingleBar({ format: `models ${source} {bar} {value}/{total}`, noTTYOutput: true, notTTYSchedule: 20000 }, cliProgress.Presets.shades_classic);
    bar.start(file.series.length, 0);
    const bts: SeriesBacktest[] = [];
    for (const s of file.series) {
      const y = cleanSeries(s.values).values;
      const key = seriesKey(source, s.code, s.region);
      if (y.length < MIN_HISTORY) {
        bar.increment();
        continue;
      }
      const bt = backtestSeries(y, DEFAULT_BACKTEST);
      let entry: SeriesModel;
      if (!bt) {
        const fit = fitModel('ets-damped', toLog(y));
        entry = { model: fit.model, params: fit.params.map((p) => round(p)), sigma: round(fit.sigma), accuracy: null };
      } else {
        bts.push(bt);
        const model = selectModelAt(bt, bt.origins.length, MODEL_NAMES) as (typeof MODEL_NAMES)[number];
        const fit = fitModel(model, toLog(y));
        const at = (m: string, h: number): number | null => {
          const v = meanScaledError(bt, m, (_k, hh) => hh === h);
          return Number.isFinite(v) ? round(v, 3) : null;
        };
        entry = {
          model,
          params: fit.params.map((p) => round(p)),
          sigma: round(fit.sigma),
          accuracy: {
            mase3: at(model, 3),
            mase6: at(model, 6),
            mase12: at(model, 12),
            snaiveMase6: at('snaive', 6),
            smape6: round(smapeAt(bt, model, 6), 2),
            origins: bt.origins.length,
            note: 'rolling-origin backtest of the selected model on this series (selection used the same origins: optimistic; see /v1/forecasts/accuracy for the honest, out-of-sample figures)',
          },
        };
      }
      store.series[key] = entry;
      bar.increment();
    }
    bar.stop();
    const cal: Record<string, IntervalQuantiles[]> = {};
    for (const m of MODEL_NAMES) {
      cal[m] = calibrate(bts, m, () => true, DEFAULT_BACKTEST.maxH).map((q) => ({
        q025: round(q.q025, 4),
        q10: round(q.q10, 4),
        q90: round(q.q90, 4),
        q975: round(q.q975, 4),
      }));
    }
    store.calibration[source] = cal;
  }
  writeGzJson(join(outDir, 'models.json.gz'), store);
  return store;
}
