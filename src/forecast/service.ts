// ShortageForecast service: in-memory cache of reference series, chosen models and ratings; answers ministry queries.
// Model selection and backtests happen in the pipeline (models.json.gz); a request only runs the chosen fitted model.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { cleanSeries, MIN_HISTORY, NORMAL_QUANTILES, toIntervals, toLog, type ForecastPoint, type IntervalQuantiles } from './models.js';
import { thetaLogForecast } from './theta.js';
import { readModelStore, seriesKey, type SourceModels } from './model-store.js';
import type { ServedSeries, SourceAccuracy } from './engine.js';
import { platformSignals, type PlatformCell } from './platform-signals.js';
import { readGzJson } from '../gz-json.js';
import { LABOUR_DATA_DIR, addMonths, readManifest, readSeriesFile, type OccupationScheme, type ReferenceSeries } from './reference-data.js';
import { rateIviSeries, vacancyIndicators, SHORTAGE_THRESHOLD, type ShortageRating } from './shortage-rating.js';

export interface ShortageForecastItem {
  occupation: { scheme: OccupationScheme; code: string; label: string };
  region: string;
  country: string;
  /** ivi, jolts, platform, or a ministry's own source name. */
  source: string;
  unit: string;
  history: { period: string; value: number | null; suppressed?: boolean }[];
  forecast: ({ period: string } & ForecastPoint)[];
  model: string;
  /** Freshness: the last observed month, the month the forecast starts from, and whether it is older than
   * staleAfterMonths before today. */
  lastObservation: string | null;
  origin: string | null;
  stale: boolean;
  accuracy: (NonNullable<ServedSeries['accuracy']> & { mase: number | null; note: string }) | null;
  rating: ShortageRating | { value: 'insufficient-data' | 'not-rated'; indicators: Record<string, unknown> };
  signals?: Record<string, unknown>;
}

interface CachedSeries {
  ref: Omit<ReferenceSeries, 'values' | 'source'> & { source: string };
  y: number[];
  start: string;
  key: string;
}

/** A ministry's own source as the service holds it (rows from SQLite, models from its latest run). */
export interface UserSourceData {
  source: string;
  series: { code: string; region: string; scheme: OccupationScheme; country: string; start: string; y: number[] }[];
  models: SourceModels | null;
  dataVersion: string;
}

export interface ForecastQuery {
  country: string;
  region?: string;
  occupation?: string;
  horizon: number;
  historyMonths: number;
  /** official (reference series), platform, or a ministry's own source name. */
  source?: string;
}

export class ForecastLookupError extends Error {
  constructor(
    readonly what: 'occupation' | 'region' | 'country' | 'series',
    message: string,
    readonly suggestions: { code: string; label?: string }[],
  ) {
    super(message);
  }
}


/** Consecutive months (to the current one) with at least SUPPRESSION_K vacancies posted before the platform's own
 * series gets a forecast (Theta, Gaussian intervals): the same 36 months every official series needs. */
export const PLATFORM_MIN_MONTHS = MIN_HISTORY;

function platformForecast(posted: number[], last: string, horizon: number): ({ period: string } & ForecastPoint)[] {
  const f = thetaLogForecast(toLog(posted), horizon);
  return toIntervals({ mean: f.mean, sd: f.sd }).map((p, i) => ({
    period: addMonths(last, i + 1),
    value: round(p.value),
    lower80: round(p.lower80),
    upper80: round(p.upper80),
    lower95: round(p.lower95),
    upper95: round(p.upper95),
  }));
}

const round = (x: number, d = 2): number => Number(x.toFixed(d));

export interface ForecastServiceOptions {
  dir?: string;
  /** A forecast is stale when its last observation is more than this many months before today. */
  staleAfterMonths?: number;
  now?: () => Date;
}

export class ShortageForecastService {
  readonly dataVersion: string;
  private readonly dir: string;
  private readonly staleAfterMonths: number;
  private readonly now: () => Date;
  private readonly series = new Map<string, CachedSeries[]>();
  private readonly sourceModels = new Map<string, SourceModels>();
  private readonly served = new Map<string, ServedSeries>();
  private readonly accuracyBySource = new Map<string, SourceAccuracy>();
  private readonly userSources = new Map<string, { data: UserSourceData; series: CachedSeries[] }>();
  private readonly ratings = new Map<string, ShortageRating>();
  private readonly labels: Record<string, string>;
  private readonly forecastCache = new Map<string, ({ period: string } & ForecastPoint)[]>();

  constructor(opts: ForecastServiceOptions | string = {}) {
    const o = typeof opts === 'string' ? { dir: opts } : opts;
    this.dir = o.dir ?? LABOUR_DATA_DIR;
    this.staleAfterMonths = o.staleAfterMonths ?? 12;
    this.now = o.now ?? (() => new Date());
    const dir = this.dir;
    this.dataVersion = readManifest(dir).version;
    const store = readModelStore(dir);
    if (store) for (const [source, m] of Object.entries(store.sources)) this.setSourceModels(source, m);
    this.labels = readGzJson<Record<string, string>>(join(dir, 'anzsco.json.gz'));
    const ivi = readSeriesFile('ivi', dir).series;
    const jolts = readSeriesFile('jolts', dir).series;
    for (const r of [...ivi, ...jolts.filter((s) => s.code.startsWith('JOL.'))]) {
      const { values, offset } = cleanSeries(r.values);
      const list = this.series.get(r.country) ?? [];
      list.push({ ref: r, y: values, start: addMonths(r.start, offset), key: seriesKey(r.source, r.code, r.region) });
      this.series.set(r.country, list);
    }
    for (const [k, v] of rateIviSeries(ivi)) this.ratings.set(`ivi|${k}`, v);
    this.rateJolts(jolts);
  }

  /** Serve a source's models (the committed store at start, a run the service computed afterwards). */
  setSourceModels(source: string, models: SourceModels): void {
    this.sourceModels.set(source, models);
    for (const s of models.served) this.served.set(s.key, s);
    if (models.accuracy) this.accuracyBySource.set(source, models.accuracy);
    for (const k of [...this.forecastCache.keys()]) if (k.startsWith(`${source}|`)) this.forecastCache.delete(k);
  }

  /** Install (or replace) a ministry's own source: its series and the models of its latest run. */
  setUserSource(data: UserSourceData): void {
    const series: CachedSeries[] = data.series.map((s) => ({
      ref: { source: data.source, code: s.code, region: s.region, country: s.country, scheme: s.scheme, label: s.code, unit: 'as uploaded', start: s.start },
      y: s.y,
      start: s.start,
      key: seriesKey(data.source, s.code, s.region),
    }));
    for (const k of [...this.served.keys()]) if (k.startsWith(`${data.source}|`)) this.served.delete(k);
    this.userSources.set(data.source, { data, series });
    if (data.models) this.setSourceModels(data.source, data.models);
    else for (const k of [...this.forecastCache.keys()]) if (k.startsWith(`${data.source}|`)) this.forecastCache.delete(k);
  }

  /** A ministry's source is installed with the models of a finished run. */
  hasUserModels(source: string): boolean {
    return !!this.userSources.get(source)?.data.models;
  }

  hasUserSource(source: string): boolean {
    return this.userSources.has(source);
  }

  /** The data version a source's forecasts come from (the reference manifest, or the upload version). */
  versionOf(source: string): string {
    return this.userSources.get(source)?.data.dataVersion ?? this.dataVersion;
  }

  /** JOLTS: vacancy trend from openings, fill difficulty from openings per hire against its own norm. */
  private rateJolts(jolts: ReferenceSeries[]): void {
    const byKey = new Map(jolts.map((s) => [`${s.code}|${s.region}`, s]));
    for (const s of jolts) {
      if (!s.code.startsWith('JOL.')) continue;
      const industry = s.code.slice(4);
      const hires = byKey.get(`HIL.${industry}|${s.region}`);
      const total = byKey.get(`JOL.000000|${s.region}`);
      const y = cleanSeries(s.values).values;
      const ind = vacancyIndicators(y, s.code === 'JOL.000000' || !total ? null : cleanSeries(total.values).values);
      if (!ind) continue;
      let fill: ShortageRating['indicators']['fillDifficulty'] = null;
      if (hires) {
        const h = cleanSeries(hires.values).values;
        const n = Math.min(h.length, y.length);
        const ratio = (a: number, b: number): number => {
          let o = 0;
          let hh = 0;
          for (let i = a; i < b; i++) {
            o += y[y.length - n + i]!;
            hh += h[h.length - n + i]!;
          }
          return hh > 0 ? o / hh : Number.NaN;
        };
        const recent = ratio(n - 12, n);
        const norm = ratio(n - 72, n - 24);
        if (Number.isFinite(recent) && Number.isFinite(norm)) fill = { value: round(Math.log(recent / norm), 4), measure: 'log(openings per hire, last 12 months ÷ months 25–72 back)' };
      }
      // Without a cross-section of comparable series, the score is the mean of level-vs-norm and fill difficulty.
      const score = (ind.vacancyLevelVsNorm + (fill?.value ?? ind.vacancyLevelVsNorm)) / 2;
      this.ratings.set(`jolts|${s.code}|${s.region}`, {
        value: score >= SHORTAGE_THRESHOLD ? 'shortage' : 'no shortage',
        indicators: { ...ind, score: round(score, 4), threshold: SHORTAGE_THRESHOLD, fillDifficulty: fill, wageGrowth: null, forecastGrowth12: null },
      });
    }
  }

  /** Accuracy of the served models as computed by the service's own runs (null while a run is pending). */
  accuracy(source: string): SourceAccuracy | null {
    return this.accuracyBySource.get(source) ?? null;
  }

  sourceChosen(source: string): string | null {
    return this.sourceModels.get(source)?.chosen ?? null;
  }

  countries(): string[] {
    return [...this.series.keys()];
  }

  private quantiles(source: string, band: number | undefined): (h: number) => IntervalQuantiles {
    const models = this.sourceModels.get(source);
    // A banded calibration: the series' volume band's quantiles (intervals.ts); otherwise the pooled ones.
    const cal = (band !== undefined ? models?.bandCalibration?.[band] : undefined) ?? models?.calibration;
    // Horizons past the backtested ones reuse the last calibrated horizon (the sd still grows with h).
    return (h) => (cal && cal.length ? cal[Math.min(h, cal.length) - 1]! : NORMAL_QUANTILES);
  }

  private forecastFor(s: CachedSeries, horizon: number): { model: string; forecast: ({ period: string } & ForecastPoint)[] } {
    const chosen = this.served.get(s.key);
    if (s.y.length < MIN_HISTORY || !chosen || chosen.mean.length === 0) return { model: 'insufficient-data', forecast: [] };
    // One forecast per series (all served steps) answers every horizon by prefix.
    let fc = this.forecastCache.get(s.key);
    if (!fc) {
      const end = addMonths(s.start, s.y.length - 1);
      const f = { mean: Float64Array.from(chosen.mean), sd: Float64Array.from(chosen.sd) };
      fc = toIntervals(f, this.quantiles(s.ref.source, chosen.band)).map((p, i) => ({
        period: addMonths(end, i + 1),
        value: round(p.value),
        lower80: round(p.lower80),
        upper80: round(p.upper80),
        lower95: round(p.lower95),
        upper95: round(p.upper95),
      }));
      this.forecastCache.set(s.key, fc);
    }
    return { model: chosen.model, forecast: fc.slice(0, horizon) };
  }

  /** Freshness of a series: its last observed month and whether that is older than the configured limit. */
  freshness(lastObservation: string | null): { lastObservation: string | null; origin: string | null; stale: boolean } {
    if (!lastObservation) return { lastObservation: null, origin: null, stale: true };
    const today = this.now().toISOString().slice(0, 7);
    return { lastObservation, origin: lastObservation, stale: lastObservation < addMonths(today, -this.staleAfterMonths) };
  }

  get staleLimitMonths(): number {
    return this.staleAfterMonths;
  }

  private label(s: CachedSeries['ref']): string {
    return s.scheme === 'anzsco' ? (this.labels[s.code] ?? s.label) : s.label;
  }

  private occupationCode(s: CachedSeries['ref']): string {
    return s.source === 'jolts' ? s.code.slice(4) : s.code;
  }

  /** Validate the query against what exists; throws ForecastLookupError with suggestions. */
  private select(q: ForecastQuery): CachedSeries[] {
    const user = q.source && q.source !== 'official' ? this.userSources.get(q.source) : undefined;
    if (q.source && q.source !== 'official' && !user) throw new ForecastLookupError('series', `no source ${q.source}`, []);
    const list = user ? user.series.filter((s) => s.ref.country === q.country) : this.series.get(q.country);
    if (!list || list.length === 0) {
      throw new ForecastLookupError('country', `no ${user ? q.source : 'official'} series for country ${q.country}`, (user ? [...new Set(user.series.map((s) => s.ref.country))] : this.countries()).map((c) => ({ code: c })));
    }
    let out = list;
    if (q.region) {
      const regions = [...new Set(list.map((s) => s.ref.region))];
      if (!regions.includes(q.region)) {
        throw new ForecastLookupError('region', `unknown region ${q.region} for ${q.country}`, regions.map((r) => ({ code: r })));
      }
      out = out.filter((s) => s.ref.region === q.region);
    }
    if (q.occupation) {
      const code = this.normaliseOccupation(q.country, q.occupation);
      const hit = out.filter((s) => this.occupationCode(s.ref) === code);
      if (hit.length === 0) throw new ForecastLookupError('occupation', `unknown occupation ${q.occupation} for ${q.country}`, this.suggest(list, q.occupation));
      out = hit;
    }
    return out;
  }

  /** ANZSCO-6 → its unit group; other codes unchanged. */
  private normaliseOccupation(country: string, occ: string): string {
    if (country === 'AU' && /^\d{6}$/.test(occ)) return occ.slice(0, 4);
    return occ;
  }

  private suggest(list: CachedSeries[], query: string): { code: string; label: string }[] {
    const seen = new Map<string, string>();
    for (const s of list) seen.set(this.occupationCode(s.ref), this.label(s.ref));
    const q = query.toLowerCase();
    const tokens = q.split(/[^a-z0-9]+/).filter((t) => t.length > 2);
    const scored = [...seen].map(([code, label]) => {
      let score = 0;
      for (let i = Math.min(code.length, q.length); i > 0; i--) {
        if (code.startsWith(q.slice(0, i))) {
          score = i;
          break;
        }
      }
      const l = label.toLowerCase();
      for (const t of tokens) if (l.includes(t)) score += 5;
      return { code, label, score };
    });
    return scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
      .slice(0, 5)
      .map(({ code, label }) => ({ code, label }));
  }

  /** Every matching official series with history tail, forecast, model, accuracy and rating. */
  shortages(q: ForecastQuery): ShortageForecastItem[] {
    return this.select(q).map((s) => this.item(s, q));
  }

  private item(s: CachedSeries, q: ForecastQuery): ShortageForecastItem {
    const { model, forecast } = this.forecastFor(s, q.horizon);
    const tail = Math.min(q.historyMonths, s.y.length);
    const history = s.y.slice(s.y.length - tail).map((v, i) => ({ period: addMonths(s.start, s.y.length - tail + i), value: round(v) }));
    const rating = this.ratings.get(s.key);
    // The all-occupations total is the market itself: the yardstick of the ratings, not rated.
    let withForecast: ShortageForecastItem['rating'] =
      s.ref.code === '0000' || s.ref.code === 'JOL.000000'
        ? { value: 'not-rated', indicators: { reason: 'all occupations / total nonfarm: the market the ratings are measured against' } }
        : { value: 'insufficient-data', indicators: {} };
    if (rating) {
      const last12 = s.y.slice(-12).reduce((a, b) => a + b, 0) / Math.min(12, s.y.length);
      const f12 = forecast.slice(0, 12);
      const fmean = f12.length === 12 ? f12.reduce((a, p) => a + p.value, 0) / 12 : null;
      withForecast = {
        ...rating,
        indicators: { ...rating.indicators, forecastGrowth12: fmean === null ? null : round(Math.log((fmean + 1) / (last12 + 1)), 4) },
      };
    }
    const lastObservation = s.y.length ? addMonths(s.start, s.y.length - 1) : null;
    const acc = this.served.get(s.key)?.accuracy ?? null;
    return {
      occupation: { scheme: s.ref.scheme, code: this.occupationCode(s.ref), label: this.label(s.ref) },
      region: s.ref.region,
      country: s.ref.country,
      source: s.ref.source,
      unit: s.ref.unit,
      history,
      forecast,
      model,
      ...this.freshness(lastObservation),
      accuracy: acc
        ? { ...acc, mase: acc.mase6, note: 'this series on the evaluation origins of the rolling-origin backtest (origins the model selection never saw)' }
        : null,
      rating: withForecast,
    };
  }

  /** Inputs the scorecard stores with a served forecast: last value, last 12 values and the MASE scale. */
  baselineOf(source: string, code: string, region: string): { lastValue: number; lastYear: number[]; scale: number } | null {
    const s = this.findSeries(source, code, region);
    if (!s || s.y.length < 13) return null;
    const y = s.y;
    let mae = 0;
    for (let i = 12; i < y.length; i++) mae += Math.abs(y[i]! - y[i - 12]!);
    return { lastValue: y[y.length - 1]!, lastYear: y.slice(-12), scale: mae / (y.length - 12) };
  }

  private findSeries(source: string, code: string, region: string): CachedSeries | undefined {
    const key = seriesKey(source, source === 'jolts' ? `JOL.${code}` : code, region);
    const user = this.userSources.get(source);
    if (user) return user.series.find((s) => s.key === key);
    for (const list of this.series.values()) {
      const hit = list.find((s) => s.key === key);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Platform signals as items (source "platform"): counts below k are suppressed and marked. */
  /** The country and ISCO unit group a platform query is restricted to. */
  static platformScope(q: Pick<ForecastQuery, 'country' | 'occupation'>): { country?: string; isco?: string } {
    return { country: q.country, ...(q.occupation ? { isco: q.occupation.slice(0, 4) } : {}) };
  }

  platform(from: Database.Database | PlatformCell[], k: number, q: ForecastQuery): ShortageForecastItem[] {
    const only = ShortageForecastService.platformScope(q);
    // `from`: the SQLite database, or the cells already aggregated from PostgreSQL (forecast/series-repo.ts).
    const all = Array.isArray(from) ? from : platformSignals(from, k, new Date(), only);
    const cells: PlatformCell[] = all.filter(
      (c) => c.country === q.country && (!q.region || c.region === q.region) && (!q.occupation || c.isco === q.occupation.slice(0, 4)),
    );
    return cells.map((c) => {
      const months = c.months.slice(-q.historyMonths);
      // A forecast once the last PLATFORM_MIN_MONTHS months all have at least k vacancies posted (none suppressed).
      let run = 0;
      while (run < c.months.length && c.months[c.months.length - 1 - run]!.posted !== null) run++;
      const enough = run >= PLATFORM_MIN_MONTHS;
      const last = c.months[c.months.length - 1]?.period ?? null;
      const forecast = enough && last ? platformForecast(c.months.slice(-run).map((m) => m.posted!), last, q.horizon) : [];
      return {
        occupation: { scheme: 'isco', code: c.isco, label: `ISCO-08 ${c.isco}` },
        region: c.region === '*' ? q.country : c.region,
        country: c.country,
        source: 'platform',
        unit: 'vacancies posted on Passerelle',
        history: months.map((m) => ({ period: m.period, value: m.posted, ...(m.posted === null ? { suppressed: true } : {}) })),
        forecast,
        model: enough ? 'theta' : 'insufficient-data',
        ...this.freshness(months.length ? months[months.length - 1]!.period : null),
        accuracy: null,
        rating: { value: 'insufficient-data', indicators: { candidatesPerVacancy: c.candidatesPerVacancy, shareFewQualified: c.shareFewQualified } },
        signals: { months, candidatesPerVacancy: c.candidatesPerVacancy, shareFewQualified: c.shareFewQualified, suppressed: c.suppressed, suppressionK: k, monthsWithEnoughVacancies: run, monthsNeededForForecast: PLATFORM_MIN_MONTHS },
      };
    });
  }
}
