// npm run bench:forecast [-- --limit N] : rolling-origin backtest on IVI and JOLTS, SPL 2022 validation.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { backtestSeries, DEFAULT_BACKTEST, type SeriesBacktest } from '../src/forecast/backtest.js';
import { scoreBacktests, type AccuracyReport } from '../src/forecast/accuracy.js';
import { cleanSeries, MODEL_NAMES } from '../src/forecast/models.js';
import { readGzJson } from '../src/gz-json.js';
import { LABOUR_DATA_DIR, readManifest, readSeriesFile, type ReferenceSeries, type SplRating } from '../src/forecast/reference-data.js';
import { validateAgainstSpl } from '../src/forecast/shortage-rating.js';

const args = process.argv.slice(2);
const limitArg = args.indexOf('--limit');
const limit = limitArg >= 0 ? Number(args[limitArg + 1]) : Number.POSITIVE_INFINITY;
const write = !args.includes('--no-write');
const HORIZONS = [3, 6, 12];

function runBacktests(name: string, series: ReferenceSeries[]): { bts: SeriesBacktest[]; ms: number } {
  const bar = new cliProgress.SingleBar({ format: `${name} {bar} {value}/{total}`, noTTYOutput: true, notTTYSchedule: 15000 }, cliProgress.Presets.shades_classic);
  bar.start(series.length, 0);
  const t0 = performance.now();
  const bts: SeriesBacktest[] = [];
  for (const s of series) {
    const bt = backtestSeries(cleanSeries(s.values).values, DEFAULT_BACKTEST);
    if (bt && bt.origins.length >= 12) bts.push(bt);
    bar.increment();
  }
  bar.stop();
  return { bts, ms: performance.now() - t0 };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

function table(title: string, r: AccuracyReport): string {
  const lines = [
    `### ${title}`,
    '',
    `${r.series} series, ${r.origins} origins every ${r.step} months, horizons ${HORIZONS.join('/')}. MASE and sMAPE: median [IQR] across series; relMASE = series MASE ÷ seasonal-naive MASE on the same series; coverage pooled over series × origins; direction = sign of the 12-month change, either of the value 12 months ahead against the last value (point) or of the next 12 months' mean against the last 12 months' mean (annual mean); pairs with no actual change are left out and a forecast of no change counts as wrong.`,
    '',
    '| model | h | MASE | relMASE vs snaive | sMAPE % | cover 80% | cover 95% | direction 12m (point) | direction 12m (annual mean) |',
    '|---|---:|---|---|---|---:|---:|---:|---:|',
  ];
  for (const m of r.models) {
    for (const h of m.horizons) {
      lines.push(
        `| ${m.model} | ${h.h} | ${f2(h.mase.median)} [${f2(h.mase.q1)}–${f2(h.mase.q3)}] | ${f2(h.relMase.median)} [${f2(h.relMase.q1)}–${f2(h.relMase.q3)}] | ${f2(h.smape.median)} [${f2(h.smape.q1)}–${f2(h.smape.q3)}] | ${pct(h.coverage80)} | ${pct(h.coverage95)} | ${h.h === 12 ? pct(m.direction12) : ''} | ${h.h === 12 ? pct(m.directionAnnual) : ''} |`,
      );
    }
  }
  lines.push('', `auto picked: ${Object.entries(r.selection).map(([k, v]) => `${k} ${v}`).join(', ')}`, '');
  return lines.join('\n');
}

function main(): void {
  const ivi = readSeriesFile('ivi').series.slice(0, limit);
  const jolts = readSeriesFile('jolts').series.filter((s) => s.code.startsWith('JOL.') && s.region === 'US');
  const iviRun = runBacktests('IVI', ivi);
  const t1 = performance.now();
  const models = [...MODEL_NAMES];
  const iviReport = scoreBacktests(iviRun.bts, models, HORIZONS, { step: DEFAULT_BACKTEST.step });
  const scoreMs = performance.now() - t1;
  const joltsRun = runBacktests('JOLTS', jolts);
  const joltsReport = scoreBacktests(joltsRun.bts, models, HORIZONS, { step: DEFAULT_BACKTEST.step });
  const spl = validateAgainstSpl(readSeriesFile('ivi').series, readGzJson<SplRating[]>(join(LABOUR_DATA_DIR, 'spl2022.json.gz')));

  const md = [
    table('Australian IVI, ANZSCO-4 × region (job advertisements)', iviReport),
    table('US JOLTS job openings by industry (level, thousands)', joltsReport),
    '### External validation: Skills Priority List 2022 (national rating) from IVI data up to Dec 2021',
    '',
    `${spl.n} ANZSCO-4 unit groups with SPL occupations (label: majority of their ANZSCO-6 occupations rated S). ROC AUC of the shortage score: **${spl.auc.toFixed(3)}** (baseline, 12-month vacancy growth alone: ${spl.baselineAuc.toFixed(3)}).`,
    '',
    '| | SPL shortage | SPL no shortage |',
    '|---|---:|---:|',
    `| rated shortage (national) | ${spl.confusion.tp} | ${spl.confusion.fp} |`,
    `| rated no shortage / regional | ${spl.confusion.fn} | ${spl.confusion.tn} |`,
    '',
    `Indicator AUCs: ${Object.entries(spl.indicatorAuc).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}. ANZSCO-6 level (each occupation gets its unit group's score): AUC ${spl.auc6.toFixed(3)} over ${spl.n6} occupations.`,
    '',
    `Timing (noisy shared machine): IVI backtest ${(iviRun.ms / 1000).toFixed(0)} s for ${iviRun.bts.length} series × ${iviReport.origins} origins × ${models.length} models; scoring ${(scoreMs / 1000).toFixed(1)} s.`,
  ].join('\n');
  console.log(md);
  if (!write) return;
  const accuracy = {
    dataVersion: readManifest().version,
    generatedBy: 'npm run bench:forecast',
    horizons: HORIZONS,
    ivi: iviReport,
    jolts: joltsReport,
    spl2022: spl,
  };
  writeFileSync(join(LABOUR_DATA_DIR, 'accuracy.json'), `${JSON.stringify(accuracy, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(4)) : v), 1)}\n`);
  const doc = 'docs/forecasting.md';
  if (existsSync(doc)) {
    const text = readFileSync(doc, 'utf8');
    const start = '<!-- accuracy:start -->';
    const end = '<!-- accuracy:end -->';
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a >= 0 && b > a) writeFileSync(doc, `${text.slice(0, a + start.length)}\n${md}\n${text.slice(b)}`);
  }
}

main();
