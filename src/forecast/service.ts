// ShortageForecast service: in-memory cache of reference series, chosen models and ratings; answers ministry queries.
// Model selection and backtests happen in the pipeline (models.json.gz); a request only runs the chosen fitted model.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { cleanSeries, forecastFitted, MIN_HISTORY, NORMAL_QUANTILES, toIntervals, toLog, type ForecastPoint, type IntervalQuantiles } from './models.js';
import { readModelStore, seriesKey, type ModelStore, type SeriesAccuracy } from './model-store.js';
import { platformSignals, type PlatformCell } from './platform-signals.js';
import { readGzJson } from '../gz-json.js';
import { LABOUR_DATA_DIR, addMonths, readManifest, readSeriesFile, type OccupationScheme, type ReferenceSeries } from './reference-data.js';
import { rateIviSeries, vacancyIndicators, SHORTAGE_THRESHOLD, type ShortageRating } from './shortage-rating.js';

export interface ShortageForecastItem {
  occupation: { scheme: OccupationScheme; code: string; label: string };
  region: string;
  country: string;
  source: 'ivi' | 'jolts' | 'platform';
  unit: string;
  history: { period: string; value: number | null; suppressed?: boolean }[];
  forecast: ({ period: string } & ForecastPoint)[];
  model: string;
  accuracy: (SeriesAccuracy & { mase: number | null; smape: number | null }) | null;
  rating: ShortageRating | { value: 'insufficient-data' | 'not-rated'; indicators: Record<string, unknown> };
  signals?: Record<string, unknown>;
}

interface CachedSeries {
  ref: ReferenceSeries;
  y: number[];
  start: string;
  key: string;
}

export interface ForecastQuery {
  country: string;
  region?: string;
  occupation?: string;
  horizon: number;
  historyMonths: number;
  source?: 'official' | 'platform';
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


/** The longest horizon the API serves: forecasts are computed (and cached) this far once per series. */
const FORECAST_STEPS_CACHED = 24;

const round = (x: number, d = 2): number => Number(x.toFixed(d));

export class ShortageForecastService {
  readonly dataVersion: string;
  private readonly series = new Map<string, CachedSeries[]>();
  private readonly models: ModelStore | null;
  private readonly ratings = new Map<string, ShortageRating>();
  private readonly labels: Record<string, string>;
  private readonly forecastCache = new Map<string, ({ period: string } & ForecastPoint)[]>();
  private accuracyDoc: unknown = null;

  constructor(private readonly dir = LABOUR_DATA_DIR) {
    this.dataVersion = readManifest(dir).version;
    this.models = readModelStore(dir);
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
    const accPath = join(dir, 'accuracy.json');
    if (existsSync(accPath)) this.accuracyDoc = JSON.parse(readFileSync(accPath, 'utf8'));
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

  accuracy(): unknown {
    return this.accuracyDoc;
  }

  countries(): string[] {
    return [...this.series.keys()];
  }

  private quantiles(source: string, model: string): (h: number) => IntervalQuantiles {
    const cal = this.models?.calibration[source]?.[model];
    // Horizons past the backtested ones reuse the last calibrated horizon (the sd still grows with h).
    return (h) => (cal && cal.length ? cal[Math.min(h, cal.length) - 1]! : NORMAL_QUANTILES);
  }

  private forecastFor(s: CachedSeries, horizon: number): { model: string; forecast: ({ period: string } & ForecastPoint)[] } {
    const chosen = this.models?.series[s.key];
    if (s.y.length < MIN_HISTORY || !chosen) return { model: 'insufficient-data', forecast: [] };
    // Step h of a forecast does not depend on how far it runs, so one forecast per series serves every horizon.
    const steps = Math.max(horizon, FORECAST_STEPS_CACHED);
    const cacheKey = `${s.key}|${steps}`;
    let fc = this.forecastCache.get(cacheKey);
    if (!fc) {
      const z = toLog(s.y);
      const f = forecastFitted({ model: chosen.model, params: chosen.params, sigma: chosen.sigma }, z, steps);
      const end = addMonths(s.start, s.y.length - 1);
      fc = toIntervals(f, this.quantiles(s.ref.source, chosen.model)).map((p, i) => ({
        period: addMonths(end, i + 1),
        value: round(p.value),
        lower80: round(p.lower80),
        upper80: round(p.upper80),
        lower95: round(p.lower95),
        upper95: round(p.upper95),
      }));
      this.forecastCache.set(cacheKey, fc);
    }
    return { model: chosen.model, forecast: fc.slice(0, horizon) };
  }

  private label(s: ReferenceSeries): string {
    return s.scheme === 'anzsco' ? (this.labels[s.code] ?? s.label) : s.label;
  }

  private occupationCode(s: ReferenceSeries): string {
    return s.source === 'jolts' ? s.code.slice(4) : s.code;
  }

  /** Validate the query against what exists; throws ForecastLookupError with suggestions. */
  private select(q: ForecastQuery): CachedSeries[] {
    const list = this.series.get(q.country);
    if (!list) throw new ForecastLookupError('country', `no official series for country ${q.country}`, this.countries().map((c) => ({ code: c })));
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
    const chosen = this.models?.series[s.key];
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
    return {
      occupation: { scheme: s.ref.scheme, code: this.occupationCode(s.ref), label: this.label(s.ref) },
      region: s.ref.region,
      country: s.ref.country,
      source: s.ref.source,
      unit: s.ref.unit,
      history,
      forecast,
      model,
      accuracy: chosen?.accuracy ? { ...chosen.accuracy, mase: chosen.accuracy.mase6, smape: chosen.accuracy.smape6 } : null,
      rating: withForecast,
    };
  }

  /** Platform signals as items (source "platform"): counts below k are suppressed and marked. */
  platform(sqlite: Database.Database, k: number, q: ForecastQuery): ShortageForecastItem[] {
    const only = { country: q.country, ...(q.occupation ? { isco: q.occupation.slice(0, 4) } : {}) };
    const cells: PlatformCell[] = platformSignals(sqlite, k, new Date(), only).filter(
      (c) => c.country === q.country && (!q.region || c.region === q.region) && (!q.occupation || c.isco === q.occupation.slice(0, 4)),
    );
    return cells.map((c) => {
      const months = c.months.slice(-q.historyMonths);
      return {
        occupation: { scheme: 'isco', code: c.isco, label: `ISCO-08 ${c.isco}` },
        region: c.region === '*' ? q.country : c.region,
        country: c.country,
        source: 'platform',
        unit: 'vacancies posted on Passerelle',
        history: months.map((m) => ({ period: m.period, value: m.posted, ...(m.posted === null ? { suppressed: true } : {}) })),
        forecast: [],
        // The platform's own history is far shorter than the 36 months a forecast needs.
        model: 'insufficient-data',
        accuracy: null,
        rating: { value: 'insufficient-data', indicators: { candidatesPerVacancy: c.candidatesPerVacancy, shareFewQualified: c.shareFewQualified } },
        signals: { months, candidatesPerVacancy: c.candidatesPerVacancy, shareFewQualified: c.shareFewQualified, suppressed: c.suppressed, suppressionK: k },
      };
    });
  }
}
