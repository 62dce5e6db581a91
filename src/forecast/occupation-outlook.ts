// Occupation outlook for an ESCO/ISCO occupation in a destination country: the official shortage rating and
// forecast of the corresponding national occupations (AU: ANZSCO via the derived crosswalk), or the BLS 2024–34
// projections (US: SOC 2018 via the official crosswalk). `shortageNote` is the small hook the matching explanation
// can call: "this occupation is rated in shortage in NSW (2021)".
import { join } from 'node:path';
import { readGzJson } from '../gz-json.js';
import type { Crosswalks, CrosswalkLink } from '../pipeline/labour/crosswalks.js';
import type { EpProjection } from '../pipeline/build-labour.js';
import { LABOUR_DATA_DIR } from './reference-data.js';
import { outlookLanguage, outlookSentence, type OutlookFacts } from './outlook-text.js';
import type { ShortageForecastItem, ShortageForecastService } from './service.js';

export type { Crosswalks, CrosswalkLink, EpProjection };

export interface OccupationMatch {
  scheme: 'anzsco' | 'soc';
  code: string;
  label: string;
  weight: number;
  method: CrosswalkLink['method'];
  /** AU: the official series' forecast item (rating, forecast, freshness); null where no series exists. */
  forecast: ShortageForecastItem | null;
  /** US: BLS Employment Projections 2024–34 (published figures). */
  projection: EpProjection | null;
}

export interface OccupationOutlook {
  isco: string;
  country: string;
  region: string;
  crosswalk: string;
  matches: OccupationMatch[];
}

export interface ShortageNote {
  text: string;
  /** Language of `text` (en, fr, es or ar). */
  lang: string;
  country: string;
  region: string;
  occupation: { scheme: 'anzsco' | 'soc'; code: string; label: string };
  rating: string | null;
  asOf: string | null;
  weight: number;
  /** Where the figure comes from, and how the ISCO unit was linked to the national occupation. */
  source: string;
  crosswalk: CrosswalkLink['method'];
}

const AU_SOURCE = 'Passerelle shortage rating computed from the Internet Vacancy Index (Jobs and Skills Australia)';
const US_SOURCE = 'BLS Employment Projections 2024–34';

export class OccupationOutlookService {
  private readonly crosswalks: Crosswalks;
  private readonly ep: Map<string, EpProjection>;
  private readonly notes = new Map<string, ShortageNote | null>();

  constructor(
    private readonly forecasts: ShortageForecastService,
    dir = LABOUR_DATA_DIR,
  ) {
    this.crosswalks = readGzJson<Crosswalks>(join(dir, 'crosswalks.json.gz'));
    this.ep = new Map(readGzJson<EpProjection[]>(join(dir, 'bls-ep-2024-34.json.gz')).map((p) => [p.soc, p]));
  }

  get sources(): Record<string, string> {
    return this.crosswalks.sources;
  }

  projections(): EpProjection[] {
    return [...this.ep.values()];
  }

  projection(soc: string): EpProjection | undefined {
    return this.ep.get(soc);
  }

  socOf(isco: string): CrosswalkLink[] {
    return this.crosswalks.iscoToSoc[isco.slice(0, 4)] ?? [];
  }

  /** Outlook of an ISCO-08 unit group in AU (ANZSCO, by region) or US (SOC, national projections). */
  outlook(isco: string, country: 'AU' | 'US', region: string | undefined, horizon: number): OccupationOutlook {
    const unit = isco.slice(0, 4);
    if (country === 'US') {
      return {
        isco: unit,
        country,
        region: 'US',
        crosswalk: this.crosswalks.sources.iscoSoc!,
        matches: this.socOf(unit).map((l) => {
          const p = this.ep.get(l.code) ?? null;
          return { scheme: 'soc' as const, code: l.code, label: p?.title ?? l.code, weight: l.weight, method: l.method, forecast: null, projection: p };
        }),
      };
    }
    const reg = region ?? 'AUST';
    const links = this.crosswalks.iscoToAnzsco[unit] ?? [];
    return {
      isco: unit,
      country,
      region: reg,
      crosswalk: this.crosswalks.sources.iscoAnzsco!,
      matches: links.map((l) => {
        let item: ShortageForecastItem | null = null;
        try {
          item = this.forecasts.shortages({ country: 'AU', region: reg, occupation: l.code, horizon, historyMonths: 12 })[0] ?? null;
        } catch {
          item = null;
        }
        return { scheme: 'anzsco' as const, code: l.code, label: item?.occupation.label ?? l.code, weight: l.weight, method: l.method, forecast: item, projection: null };
      }),
    };
  }

  /**
   * One sentence for a match explanation, in `lang` (en, fr, es, ar), or null when there is nothing reliable to say:
   * the heaviest-weighted national occupation's rating in the region (AU; the rating this service computes from the
   * vacancy index), or the BLS projected growth (US). The text is built from those facts on every call (cached).
   */
  shortageNote(isco: string, country: string, region?: string, lang = 'en'): ShortageNote | null {
    if (!/^\d{4}/.test(isco) || (country !== 'AU' && country !== 'US')) return null;
    const l = outlookLanguage(lang);
    const key = `${isco.slice(0, 4)}|${country}|${country === 'AU' ? (region ?? 'AUST') : 'US'}|${l}`;
    if (this.notes.has(key)) return this.notes.get(key)!;
    const note = this.computeNote(isco, country, region, l);
    if (this.notes.size >= 10_000) this.notes.clear();
    this.notes.set(key, note);
    return note;
  }

  private computeNote(isco: string, country: 'AU' | 'US', region: string | undefined, lang: string): ShortageNote | null {
    const o = this.outlook(isco, country, region, 12);
    const top = o.matches[0];
    if (!top) return null;
    if (country === 'AU') {
      const f = top.forecast;
      const rating = f?.rating.value;
      const year = f?.lastObservation?.slice(0, 4);
      if (!f || !year || (rating !== 'shortage' && rating !== 'no shortage' && rating !== 'regional shortage')) return null;
      const facts: OutlookFacts = { kind: 'au-rating', rating, region: o.region, year };
      return {
        text: outlookSentence(facts, lang),
        lang,
        country,
        region: o.region,
        occupation: { scheme: 'anzsco', code: top.code, label: top.label },
        rating,
        asOf: year,
        weight: top.weight,
        source: AU_SOURCE,
        crosswalk: top.method,
      };
    }
    const p = top.projection;
    if (!p || p.changePct === null) return null;
    const facts: OutlookFacts = { kind: 'us-projection', changePct: p.changePct, annualOpenings: (p.annualOpenings ?? 0) * 1000 };
    return {
      text: outlookSentence(facts, lang),
      lang,
      country,
      region: 'US',
      occupation: { scheme: 'soc', code: top.code, label: top.label },
      rating: null,
      asOf: '2024',
      weight: top.weight,
      source: US_SOURCE,
      crosswalk: top.method,
    };
  }
}
