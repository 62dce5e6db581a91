import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reconcileTopDown } from '../src/forecast/reconcile.js';
import { backtestGlobal, fitGlobal, monthIndex, type PanelSeries } from '../src/forecast/global-model.js';
import { directionAwareChoice, runSource } from '../src/forecast/engine.js';
import { directionHit, directionShare } from '../src/forecast/accuracy.js';
import type { SeriesBacktest } from '../src/forecast/backtest.js';
import type { PanelItem } from '../src/forecast/panel-backtest.js';
import { readGzJson } from '../src/gz-json.js';
import { LABOUR_DATA_DIR } from '../src/forecast/reference-data.js';
import type { Crosswalks } from '../src/pipeline/labour/crosswalks.js';
import { join } from 'node:path';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A panel of seasonal series that share a common cycle (a market) with their own level and noise. */
function panel(n: number, len: number, seed: number): PanelItem[] {
  const r = rng(seed);
  const cycle = Array.from({ length: len }, (_, t) => 0.3 * Math.sin((2 * Math.PI * t) / 40));
  const items: PanelItem[] = [];
  const market: number[] = cycle.map((c, t) => Math.round(1000 * Math.exp(c + 0.2 * Math.sin((2 * Math.PI * t) / 12))));
  items.push({ key: 'x|0000|R', code: '0000', region: 'R', start: '2008-01', y: market });
  for (let i = 0; i < n; i++) {
    const level = 20 + 200 * r();
    const noise = 0.05 + 0.2 * r();
    items.push({
      key: `x|${1000 + i}|R`,
      code: String(1000 + i),
      region: 'R',
      start: '2008-01',
      y: cycle.map((c, t) => Math.round(level * Math.exp(c + 0.2 * Math.sin((2 * Math.PI * t) / 12) + noise * (r() - 0.5)))),
      marketKey: 'x|0000|R',
    });
  }
  return items;
}

describe('MinT reconciliation (one aggregation constraint)', () => {
  it('makes the national forecast the sum of the regions and moves the noisier forecasts most (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })), { minLength: 1, maxLength: 9 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (top, kids, wTop) => {
          const rec = reconcileTopDown(top, kids.map((k) => k[0]), wTop, kids.map((k) => k[1]));
          const sum = rec.children.reduce((a, b) => a + b, 0);
          expect(Math.abs(rec.top - sum)).toBeLessThan(1e-6 * Math.max(1, Math.abs(sum)));
          // Each child moves in proportion to its variance.
          const d = rec.children.map((c, i) => c - kids[i]![0]);
          kids.forEach((k, i) => kids.forEach((k2, j) => expect(d[i]! * k2[1]).toBeCloseTo(d[j]! * k[1], 6)));
        },
      ),
    );
  });
});

describe('global pooled model', () => {
  const items = panel(30, 150, 3);
  const ps: PanelSeries[] = items.map((it, i) => ({ z: Float64Array.from(it.y, (v) => Math.log1p(v)), start: monthIndex(it.start), market: i === 0 ? null : 0, parent: null }));

  it('is refitted at each origin only on windows observed by then (a later change of the data does not move an earlier forecast)', () => {
    const T = monthIndex('2016-06');
    const a = backtestGlobal(ps, [T], 12, [0.3]).get(0.3)!;
    const changed = ps.map((s) => {
      const z = Float64Array.from(s.z);
      for (let i = T - s.start + 1; i < z.length; i++) z[i] = z[i]! + 3;
      return { ...s, z };
    });
    const b = backtestGlobal(changed, [T], 12, [0.3]).get(0.3)!;
    expect(Array.from(b[5]![0]!.mean)).toEqual(Array.from(a[5]![0]!.mean));
  });

  it('forecasts a shared cycle better than the last value', () => {
    const cut = 138;
    const train = ps.map((s) => ({ ...s, z: s.z.subarray(0, cut) }));
    const { forecasts } = fitGlobal(train, { maxH: 12, lambda: 0.3 });
    let eg = 0;
    let en = 0;
    ps.forEach((s, i) => {
      for (let h = 0; h < 12; h++) {
        eg += Math.abs(forecasts[i]!.mean[h]! - s.z[cut + h]!);
        en += Math.abs(s.z[cut - 1]! - s.z[cut + h]!);
      }
    });
    expect(eg).toBeLessThan(0.7 * en);
  });
});

describe('engine', () => {
  it('selects on origins it then never evaluates, and serves every series 24 months ahead', () => {
    const run = runSource(panel(12, 120, 9));
    const { selection, evaluation } = run.accuracy.origins;
    expect(selection.length).toBeGreaterThan(0);
    expect(evaluation).toHaveLength(6);
    expect(selection.filter((o) => evaluation.includes(o))).toEqual([]);
    // The last selection origin's 12 months end before the first evaluation origin.
    const [ly, lm] = selection[selection.length - 1]!.split('-').map(Number) as [number, number];
    const [ey, em] = evaluation[0]!.split('-').map(Number) as [number, number];
    expect(ey * 12 + em - (ly * 12 + lm)).toBeGreaterThanOrEqual(6);
    expect(run.served).toHaveLength(13);
    for (const s of run.served) {
      expect(s.mean).toHaveLength(24);
      expect(s.model).toBe(run.accuracy.chosen);
    }
    expect(run.calibration).toHaveLength(12);
  });
});

describe('direction-aware selection (the band that holds h = 12)', () => {
  /** A one-origin backtest with 12 horizons: last value 100, actual value at h = 12 `actual`, point forecasts per model. */
  const bt = (actual: number, points: Record<string, number>): SeriesBacktest => {
    const a = new Float64Array(12).fill(100);
    a[11] = actual;
    const point: Record<string, Float64Array> = {};
    for (const [m, v] of Object.entries(points)) point[m] = new Float64Array(12).fill(v);
    return { n: 60, maxH: 12, origins: [48], scale: Float64Array.of(1), last: Float64Array.of(100), last12: Float64Array.of(100), actual: a, point, mean: {}, sd: {} };
  };

  it('counts the sign of the h = 12 change against the last value, leaves out changes within half an ad, and counts "no change" as wrong', () => {
    expect(directionHit(bt(120, { up: 101 }), Float64Array.from({ length: 12 }, () => 101), 0)).toBe(1);
    expect(directionHit(bt(80, {}), Float64Array.from({ length: 12 }, () => 101), 0)).toBe(0);
    expect(directionHit(bt(100.4, {}), Float64Array.from({ length: 12 }, () => 90), 0)).toBeNull();
    expect(directionHit(bt(120, {}), Float64Array.from({ length: 12 }, () => 100), 0)).toBe(0);
    // Hand count: three series up, down, flat; model "up" is right on the first only, the flat one is left out.
    const bts = [bt(130, { up: 110 }), bt(70, { up: 110 }), bt(100.2, { up: 110 })];
    expect(directionShare(bts, 'up', () => true)).toEqual({ share: 0.5, n: 2 });
  });

  it('keeps the incumbent unless a candidate lowers relMASE without lowering direction, then takes the lowest relMASE among those', () => {
    const direction: Record<string, number> = { ridge: 0.59, trees: 0.57, comb: 0.6, shrunk: 0.59 };
    const holds = (m: string, than: string): boolean => direction[m]! >= direction[than]!;
    const ridge = { m: 'ridge', v: 0.92 };
    // The trees win relMASE but read the direction worse: not taken; comb and shrunk pass, shrunk is the lower.
    expect(directionAwareChoice([ridge, { m: 'trees', v: 0.9 }, { m: 'comb', v: 0.915 }, { m: 'shrunk', v: 0.91 }], ridge, holds).m).toBe('shrunk');
    // Better direction but no better relMASE: the incumbent stays.
    expect(directionAwareChoice([ridge, { m: 'trees', v: 0.9 }, { m: 'comb', v: 0.93 }], ridge, holds).m).toBe('ridge');
    // An incumbent that loses to seasonal naive (relMASE ≥ 1) is no incumbent: the lowest relMASE wins.
    const poor = { m: 'ridge', v: 1.17 };
    expect(directionAwareChoice([poor, { m: 'trees', v: 0.9 }, { m: 'comb', v: 0.95 }], poor, holds).m).toBe('trees');
  });

  it('in the engine, serves at h 7–12 a method whose selection direction is not below the pooled ridge’s, and reports the evidence', () => {
    const run = runSource(panel(12, 120, 9));
    const d = run.accuracy.direction;
    expect(d.incumbent).toBe('global');
    expect(d.pairs).toBeGreaterThan(0);
    const band = run.accuracy.bands.find((b) => b.band === 'h7-12')!;
    const chosen = band.model.replace(/global@[0-9.e~-]+/g, 'global');
    expect(d.selection[chosen]).toBeGreaterThanOrEqual(d.selection.global!);
    expect(Object.keys(d.selection).length).toBeGreaterThan(5);
  });
});

describe('engine on a short upload', () => {
  // A ministry's first upload may hold only the 36 months the API asks for: too short for any selection origin to
  // see its targets. The refit must still serve, say it had no evidence, and fall back to the last value.
  for (const len of [36, 48]) {
    it(`serves a single ${len}-month series without selection evidence, by the naive baseline`, () => {
      const r = rng(len);
      const item: PanelItem = { key: 'm|2544|NSW', code: '2544', region: 'NSW', start: '2019-01', y: Array.from({ length: len }, () => 800 + Math.round(100 * r())) };
      const run = runSource([item]);
      expect(run.served).toHaveLength(1);
      expect(run.served[0]!.mean).toHaveLength(24);
      expect(run.served[0]!.mean.every((v) => Number.isFinite(v))).toBe(true);
      for (const b of run.accuracy.bands) {
        if (b.relMase === null) expect(b.model).toBe('naive');
      }
      if (len === 36) expect(run.accuracy.bands.every((b) => b.relMase === null && b.model === 'naive')).toBe(true);
    });
  }
});

describe('crosswalks', () => {
  const cw = readGzJson<Crosswalks>(join(LABOUR_DATA_DIR, 'crosswalks.json.gz'));
  it('maps ISCO-08 to SOC 2018 officially, with employment weights that sum to 1', () => {
    const links = cw.iscoToSoc['2221']!;
    expect(links[0]).toMatchObject({ code: '29-1141', method: 'official' });
    expect(links.reduce((a, l) => a + l.weight, 0)).toBeCloseTo(1, 3);
    expect(cw.socToIsco['29-1141']!.map((l) => l.code)).toContain('2221');
  });
  it('maps ISCO-08 and ANZSCO both ways (derived), each link naming its method', () => {
    expect(cw.iscoToAnzsco['2221']![0]).toMatchObject({ code: '2544', method: 'title-exact' });
    expect(cw.anzscoToIsco['3513']![0]!.code).toBe('3434');
    for (const links of Object.values(cw.anzscoToIsco)) {
      expect(links.reduce((a, l) => a + l.weight, 0)).toBeCloseTo(1, 2);
      for (const l of links) expect(['title-exact', 'title-overlap']).toContain(l.method);
    }
    expect(cw.sources.iscoAnzsco).toMatch(/derived/);
  });
});

describe('related occupations (leading indicator of the global model)', () => {
  it('gives each series the summed other members of its group in its region, aligned with it, and nothing to totals or loners', async () => {
    const { toPanel, groupOf } = await import('../src/forecast/panel-backtest.js');
    expect(groupOf('2544')).toBe('254');
    expect(groupOf('0000')).toBeNull();
    expect(groupOf('JOL.000000')).toBeNull();
    const item = (code: string, region: string, start: string, y: number[]): PanelItem => ({ key: `${code}|${region}`, code, region, start, y });
    const items = [
      item('2544', 'NSW', '2020-01', [10, 20, 30, 40]),
      item('2541', 'NSW', '2020-02', [1, 2, 3]), // starts a month later
      item('2542', 'NSW', '2020-01', [5, 5, 5, 5]),
      item('2544', 'VIC', '2020-01', [7, 7, 7, 7]), // alone in its group in VIC
      item('0000', 'NSW', '2020-01', [100, 100, 100, 100]),
    ];
    const p = toPanel(items);
    // 2544 NSW: others are 2541 (from Feb) and 2542.
    expect(Array.from(p[0]!.group!)).toEqual([5, 6, 7, 8].map(Math.log1p));
    // 2541 NSW from Feb: 2544 + 2542 at Feb..Apr.
    expect(Array.from(p[1]!.group!)).toEqual([25, 35, 45].map(Math.log1p));
    expect(p[3]!.group).toBeNull();
    expect(p[4]!.group).toBeNull();
  });
});
