import { describe, expect, it } from 'vitest';
import { DIRECTION_EXTRA, D, backtestDirection, fitDirection, majorGroups, probabilityUp } from '../src/forecast/direction-model.js';
import { P, monthIndex } from '../src/forecast/global-model.js';
import { toPanel, type PanelItem } from '../src/forecast/panel-backtest.js';
import { ENGINE_DEFAULTS, runSource } from '../src/forecast/engine.js';
import { directionShare } from '../src/forecast/accuracy.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A panel whose occupations follow the region's market with a 12-month lag: the sign of an occupation's next 12-month
 * change is the sign of the market's last 12-month change, which only a leading indicator can read.
 */
function laggedPanel(n: number, len: number, seed: number): PanelItem[] {
  const r = rng(seed);
  // A market with irregular swings (a random walk in the log, so its turns are not a fixed cycle).
  const m: number[] = [];
  let x = 0;
  for (let t = 0; t < len + 12; t++) {
    x += 0.08 * (r() - 0.5) + 0.03 * Math.sin((2 * Math.PI * t) / 37);
    m.push(x);
  }
  const items: PanelItem[] = [{ key: 'x|0000|R', code: '0000', region: 'R', start: '2008-01', y: m.slice(12).map((v) => Math.round(2000 * Math.exp(v))) }];
  for (let i = 0; i < n; i++) {
    const level = 60 + 300 * r();
    items.push({
      key: `x|${2000 + i}|R`,
      code: String(2000 + i),
      region: 'R',
      start: '2008-01',
      y: Array.from({ length: len }, (_, t) => Math.round(level * Math.exp(4 * m[t]! + 0.02 * (r() - 0.5)))),
      marketKey: 'x|0000|R',
    });
  }
  return items;
}

describe('direction model (ridge on the sign of the 12-month change)', () => {
  it('reads a leading market: most 12-month directions right on later origins', () => {
    const items = laggedPanel(40, 168, 7);
    const panel = toPanel(items);
    const end = monthIndex('2008-01') + 167;
    const origins = Array.from({ length: 8 }, (_, k) => end - 12 - 6 * (7 - k));
    const scores = backtestDirection(items, panel, origins, [0.03]).get(0.03)!;
    let right = 0;
    let n = 0;
    for (let s = 1; s < items.length; s++) {
      for (let k = 4; k < origins.length; k++) {
        const t = origins[k]! - panel[s]!.start;
        const d = items[s]!.y[t + 12]! - items[s]!.y[t]!;
        if (Math.abs(d) <= 0.5 || !Number.isFinite(scores[s]![k]!)) continue;
        n++;
        if (Math.sign(scores[s]![k]!) === Math.sign(d)) right++;
      }
    }
    expect(n).toBeGreaterThan(100);
    expect(right / n).toBeGreaterThan(0.8);
  });

  it('never uses a month after the origin: changing the future leaves the scores at that origin unchanged', () => {
    const items = laggedPanel(12, 150, 3);
    const end = monthIndex('2008-01') + 149;
    const origins = [end - 60, end - 36, end - 24];
    const a = backtestDirection(items, toPanel(items), origins, [0.3]).get(0.3)!;
    const cut = origins[1]! - monthIndex('2008-01');
    const changed = items.map((it) => ({ ...it, y: it.y.map((v, t) => (t > cut ? v * 3 + 7 : v)) }));
    const b = backtestDirection(changed, toPanel(changed), origins, [0.3]).get(0.3)!;
    for (let s = 0; s < items.length; s++) {
      expect(b[s]![0]).toBe(a[s]![0]);
      expect(b[s]![1]).toBe(a[s]![1]);
    }
    // The last origin sees the changed months, so at least one score moves there (the test can fail).
    expect(items.some((_, s) => b[s]![2] !== a[s]![2])).toBe(true);
  });

  it('major group = the summed other occupations of the same first digit and region, never the market total', () => {
    const y = (v: number): number[] => Array.from({ length: 40 }, () => v);
    const items: PanelItem[] = [
      { key: 'a', code: '0000', region: 'R', start: '2010-01', y: y(1000) },
      { key: 'b', code: '2544', region: 'R', start: '2010-01', y: y(10) },
      { key: 'c', code: '2611', region: 'R', start: '2010-01', y: y(20) },
      { key: 'd', code: '2321', region: 'R', start: '2010-01', y: y(40) },
      { key: 'e', code: '3514', region: 'R', start: '2010-01', y: y(80) },
      { key: 'f', code: '2544', region: 'S', start: '2010-01', y: y(5) },
    ];
    const g = majorGroups(items);
    expect(g[0]).toBeNull();
    expect(Math.expm1(g[1]![0]!)).toBeCloseTo(60, 9); // 20 + 40, not itself, not 3514, not region S
    expect(Math.expm1(g[2]![0]!)).toBeCloseTo(50, 9);
    expect(g[4]).toBeNull(); // the only major group 3 in R
    expect(g[5]).toBeNull();
    expect(D).toBe(P + DIRECTION_EXTRA.length);
    expect(probabilityUp(5)).toBe(0.98);
    expect(probabilityUp(-5)).toBe(0.02);
    expect(probabilityUp(0.2)).toBeCloseTo(0.6, 12);
  });

  it('the engine reports it beside the point forecast and serves direction12 only when the pre-registered rule passes', () => {
    const items = laggedPanel(30, 168, 11);
    const run = runSource(items, { ...ENGINE_DEFAULTS, trees: null, direction: [0.03, 3] });
    const d = run.accuracy.directionModel!;
    expect(d).not.toBeNull();
    expect(Object.keys(d.selection).sort()).toEqual(['0.03', '3']);
    expect(d.pairs).toBeGreaterThan(0);
    expect(d.served).toBe(Math.max(...Object.values(d.selection)) >= d.pointSelection + 0.01 - 1e-4);
    const withDirection = run.served.filter((s) => s.direction12);
    if (d.served) expect(withDirection.length).toBe(run.served.filter((s) => s.mean.length >= 12).length);
    else expect(withDirection.length).toBe(0);
    // Evaluation figure computed the same way as the point forecast's (directionShare over the evaluation origins).
    const K = run.backtest.originsAbs.length;
    const firstEval = K - run.accuracy.origins.evaluation.length;
    const ev = directionShare(run.backtest.bts, `direction@${d.lambda}`, (k, bt) => K - bt.origins.length + k >= firstEval);
    expect(d.evaluation).toBeCloseTo(ev.share, 4);
    // Off by default (measured and not kept on the reference data): no model, no field.
    const off = runSource(items.slice(0, 10), { ...ENGINE_DEFAULTS, trees: null });
    expect(off.accuracy.directionModel).toBeNull();
    expect(off.served.some((s) => s.direction12)).toBe(false);
    expect(fitDirection(items, toPanel(items), 0.03).length).toBe(items.length);
  });
});
