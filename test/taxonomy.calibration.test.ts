import { describe, expect, it } from 'vitest';
import { calibratedProbabilities, fitCalibration, fitTopMap, reliability } from '../src/taxonomy/reranker.js';

// A seeded generator: titles whose logits are over-confident at the top (the situation the top map corrects).
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
function synthetic(n: number, seed: number): { zs: number[]; gold: number }[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const zs = Array.from({ length: 8 }, () => r() * 2);
    const exact = r() < 0.3;
    if (exact) zs[0] = 9; // a fixed bonus: very confident, right only 70 % of the time
    const gold = exact ? (r() < 0.7 ? 0 : 1 + Math.floor(r() * 7)) : r() < 0.5 ? Math.floor(r() * 8) : -1;
    return { zs, gold };
  });
}
const ece = (groups: { zs: number[]; gold: number }[], cal: ReturnType<typeof fitCalibration>) =>
  reliability(groups.map((g) => {
    const { p } = calibratedProbabilities(g.zs, cal);
    let bi = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[bi]!) bi = k;
    return { conf: p[bi]!, correct: bi === g.gold };
  })).ece;

describe('title probability calibration', () => {
  it('the top map keeps the order, sums to at most 1, and lowers the calibration error on unseen titles', () => {
    const fit = synthetic(3000, 1);
    const test = synthetic(3000, 2);
    const withMap = fitCalibration(fit, 'synthetic');
    const tempOnly = fitCalibration(fit, 'synthetic', { topMap: false });
    expect(withMap.top!.length).toBeGreaterThan(1);
    for (let i = 1; i < withMap.top!.length; i++) expect(withMap.top![i]![1]).toBeGreaterThanOrEqual(withMap.top![i - 1]![1]);
    for (const g of test.slice(0, 200)) {
      const a = calibratedProbabilities(g.zs, tempOnly).p;
      const { p, other } = calibratedProbabilities(g.zs, withMap);
      expect(p.reduce((s, x) => s + x, 0) + other).toBeCloseTo(1, 6);
      expect(other).toBeGreaterThanOrEqual(0);
      const order = (xs: number[]) => xs.map((_, i) => i).sort((x, y) => xs[y]! - xs[x]! || x - y)[0];
      expect(order(p)).toBe(order(a));
    }
    expect(ece(test, withMap)).toBeLessThan(ece(test, tempOnly));
    expect(ece(test, withMap)).toBeLessThan(0.05);
  });

  it('fitTopMap pools violators into a monotone map', () => {
    const items = [0.1, 0.2, 0.3, 0.4].flatMap((c, i) => Array.from({ length: 100 }, (_, k) => ({ conf: c, correct: k < [30, 10, 50, 60][i]! })));
    const knots = fitTopMap(items, 4);
    expect(knots.map((k) => k[1])).toEqual([0.2, 0.5, 0.6]);
  });
});
