// npm run bench:forecast-serve : what a request costs with the stored model vs selecting the model at request time.
import { backtestSeries, DEFAULT_BACKTEST, selectModelAt } from '../src/forecast/backtest.js';
import { cleanSeries, fitModel, forecastFitted, MODEL_NAMES, toLog } from '../src/forecast/models.js';
import { readModelStore, seriesKey } from '../src/forecast/model-store.js';
import { readSeriesFile } from '../src/forecast/reference-data.js';
import { ShortageForecastService } from '../src/forecast/service.js';

const sample = readSeriesFile('ivi').series.filter((_, i) => i % 32 === 0);
const store = readModelStore()!;
const ys = sample.map((s) => cleanSeries(s.values).values);

let t = performance.now();
for (const y of ys) {
  const bt = backtestSeries(y, DEFAULT_BACKTEST)!;
  const m = selectModelAt(bt, bt.origins.length, MODEL_NAMES) as (typeof MODEL_NAMES)[number];
  const z = toLog(y);
  forecastFitted(fitModel(m, z), z, 12);
}
const select = (performance.now() - t) / ys.length;

t = performance.now();
const reps = 20;
for (let r = 0; r < reps; r++) {
  sample.forEach((s, i) => {
    const e = store.series[seriesKey('ivi', s.code, s.region)]!;
    forecastFitted({ model: e.model, params: e.params, sigma: e.sigma }, toLog(ys[i]!), 12);
  });
}
const stored = (performance.now() - t) / (ys.length * reps);

const svc = new ShortageForecastService();
t = performance.now();
const items = svc.shortages({ country: 'AU', horizon: 12, historyMonths: 24 });
const all = performance.now() - t;
t = performance.now();
svc.shortages({ country: 'AU', horizon: 12, historyMonths: 24 });
const cached = performance.now() - t;

console.log('| per series (sample of %d IVI series) | ms | ratio |', ys.length);
console.log('|---|---:|---:|');
console.log(`| select by rolling-origin CV + fit + forecast (what the pipeline does) | ${select.toFixed(2)} | ${(select / stored).toFixed(0)}× |`);
console.log(`| stored model: filter + forecast (what a request does) | ${stored.toFixed(3)} | 1× |`);
console.log(`\nAll ${items.length} AU series, h = 12, items built: ${all.toFixed(0)} ms first call, ${cached.toFixed(0)} ms with the per-horizon cache (JSON serialisation not included).`);
