import { describe, expect, it } from 'vitest';
import { crossSectionScores, rateIviSeries, rocAuc, vacancyIndicators, RATING_METHOD_V1, SHORTAGE_THRESHOLD } from '../src/forecast/shortage-rating.js';
import type { ReferenceSeries } from '../src/forecast/reference-data.js';

const series = (code: string, region: string, f: (t: number) => number, n = 96): ReferenceSeries => ({
  source: 'ivi',
  code,
  region,
  country: 'AU',
  scheme: 'anzsco',
  label: code,
  unit: 'count',
  start: '2014-01',
  values: Array.from({ length: n }, (_, t) => f(t)),
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for ties', () => {
    expect(rocAuc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [false, false, true, true])).toBe(0);
    expect(rocAuc([1, 1, 1, 1], [false, true, false, true])).toBe(0.5);
  });
});

describe('vacancy indicators and ratings', () => {
  it('needs 72 months', () => {
    expect(vacancyIndicators([1, 2, 3], null)).toBeNull();
  });

  it('nets out the market and rates a rising occupation as shortage, a falling one as no shortage', () => {
    const regions = ['AUST', 'NSW', 'VIC'];
    const list: ReferenceSeries[] = [];
    for (const r of regions) {
      list.push(series('0000', r, () => 1000));
      list.push(series('1111', r, (t) => 20 * Math.exp(0.02 * t)));
      list.push(series('2222', r, (t) => 200 * Math.exp(-0.01 * t)));
      list.push(series('3333', r, () => 50));
    }
    const ratings = rateIviSeries(list);
    expect(ratings.get('1111|AUST')!.value).toBe('shortage');
    expect(ratings.get('2222|AUST')!.value).toBe('no shortage');
    const ind = ratings.get('1111|AUST')!.indicators;
    expect(ind.score).toBeGreaterThanOrEqual(SHORTAGE_THRESHOLD);
    expect(ind.marketAdjusted).toBe(true);
    expect(ind.regionsInShortage).toEqual(['NSW', 'VIC']);
    expect(ind.fillDifficulty).toBeNull();
    expect(ratings.has('0000|AUST')).toBe(false);
  });

  it('rates "regional shortage" when only a region with volume is in shortage', () => {
    const list: ReferenceSeries[] = [];
    for (const r of ['AUST', 'NSW', 'VIC', 'QLD']) list.push(series('0000', r, () => 1000));
    const occ = (code: string, f: Record<string, (t: number) => number>) => {
      for (const r of ['AUST', 'NSW', 'VIC', 'QLD']) list.push(series(code, r, f[r] ?? (() => 100)));
    };
    occ('1000', { NSW: (t) => 20 * Math.exp(0.03 * t), AUST: (t) => 300 * Math.exp(-0.004 * t) });
    occ('2000', { AUST: (t) => 300 * Math.exp(0.01 * t) });
    occ('3000', { AUST: () => 300, VIC: (t) => 100 * Math.exp(-0.01 * t) });
    occ('4000', { AUST: (t) => 300 * Math.exp(-0.01 * t) });
    const ratings = rateIviSeries(list);
    expect(ratings.get('1000|NSW')!.value).toBe('shortage');
    expect(ratings.get('1000|AUST')!.value).toBe('regional shortage');
  });

  it('scores a cross-section as mean normal scores of ranks (the previous method: mean z-scores)', () => {
    const mk = (x: number) => ({ vacancyGrowth12: x, vacancyLevelVsNorm: x, vacancyTrend5y: x, downturnResilience: x, persistence: x, recentVolume: 10, marketAdjusted: true });
    const s = crossSectionScores([mk(-1), mk(0), mk(1)]);
    expect(s[1]).toBeCloseTo(0);
    expect(s[2]).toBeCloseTo(-s[0]!);
    // Ranks 1..3 of 3 → Φ⁻¹(1/4), 0, Φ⁻¹(3/4) = ±0.6745.
    expect(s[2]).toBeCloseTo(0.6745, 4);
    // One extreme value moves a rank score no more than any other top value: it cannot dominate the mean.
    const extreme = crossSectionScores([mk(-1), mk(0), mk(1000)]);
    expect(extreme).toEqual(s);
    const z = crossSectionScores([mk(-1), mk(0), mk(1)], RATING_METHOD_V1);
    expect(z[2]).toBeCloseTo(Math.sqrt(1.5), 9);
  });

  it('measures persistence as the share of the last 24 months above the occupation’s usual share of the market', () => {
    const market = Array.from({ length: 96 }, (_, t) => 1000 + 500 * Math.sin(t / 5));
    // A constant share of the market for 72 months, then a higher share for the last 24: persistence 1.
    const high = market.map((m, t) => (t >= 72 ? 0.1 : 0.05) * m);
    expect(vacancyIndicators(high, market)!.persistence).toBe(1);
    // A lower share: 0; a share above its norm in only the last 6 months: 6/24.
    expect(vacancyIndicators(market.map((m, t) => (t >= 72 ? 0.03 : 0.05) * m), market)!.persistence).toBe(0);
    expect(vacancyIndicators(market.map((m, t) => (t >= 90 ? 0.1 : 0.05) * m + (t < 72 ? (t % 2) * 0.01 * m : 0)), market)!.persistence).toBeCloseTo(6 / 24, 9);
  });
});
