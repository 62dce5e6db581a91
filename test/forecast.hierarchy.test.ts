// Occupation-tree reconciliation (docs/forecasting.md, seventh shift): the two-pass tree algorithm against a hand-worked
// hierarchy and against the dense WLS / MinT-diagonal formula ỹ = S (S'W⁻¹S)⁻¹ S'W⁻¹ ŷ; the backtest and served
// forecasts it produces are coherent (all occupations = Σ major groups = Σ ANZSCO-4).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reconcileTopDown, reconcileTree } from '../src/forecast/reconcile.js';
import { addHierarchy, occupationTrees, panelBacktest, reconcileServedTrees, type PanelItem } from '../src/forecast/panel-backtest.js';

/** Solve A x = b (small, dense, Gaussian elimination with partial pivoting). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((r, i) => r[n]! / r[i]!);
}

/** The dense WLS projection for a tree given by children lists (nodes without children are the bottom level). */
function denseWls(children: number[][], y: number[], w: number[]): number[] {
  const n = y.length;
  const leaves = [...Array(n).keys()].filter((i) => children[i]!.length === 0);
  const under = (a: number): Set<number> => (children[a]!.length === 0 ? new Set([a]) : new Set(children[a]!.flatMap((c) => [...under(c)])));
  const S = [...Array(n).keys()].map((a) => {
    const u = under(a);
    return leaves.map((l): number => (u.has(l) ? 1 : 0));
  });
  const m = leaves.length;
  const A = [...Array(m)].map((_, i) => [...Array(m)].map((__, j) => S.reduce((s, row, a) => s + (row[i]! * row[j]!) / w[a]!, 0)));
  const b = [...Array(m)].map((_, i) => S.reduce((s, row, a) => s + (row[i]! * y[a]!) / w[a]!, 0));
  const xb = solve(A, b);
  return S.map((row) => row.reduce((s, v, i) => s + v * xb[i]!, 0));
}

describe('tree reconciliation (WLS / MinT with a diagonal W)', () => {
  it('matches a hierarchy worked by hand (OLS: all weights 1)', () => {
    // R = G + L3, G = L1 + L2; forecasts R 10, G 6, L1 2, L2 2, L3 3. Normal equations S'S b = S'y give L1 = L2 = 23/8,
    // L3 = 29/8, hence G = 46/8 and R = 75/8.
    const x = reconcileTree([[1, 4], [2, 3], [], [], []], 0, [10, 6, 2, 2, 3], [1, 1, 1, 1, 1]);
    expect(x[2]).toBeCloseTo(2.875, 12);
    expect(x[3]).toBeCloseTo(2.875, 12);
    expect(x[4]).toBeCloseTo(3.625, 12);
    expect(x[1]).toBeCloseTo(5.75, 12);
    expect(x[0]).toBeCloseTo(9.375, 12);
  });

  it('equals the dense formula S (S\'W⁻¹S)⁻¹ S\'W⁻¹ ŷ on random three-level trees, and is coherent (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 30, maxLength: 30 }),
        fc.array(fc.double({ min: 0.05, max: 50, noNaN: true }), { minLength: 30, maxLength: 30 }),
        (sizes, ys, ws) => {
          const children: number[][] = [[]];
          const groups: number[] = [];
          for (const _ of sizes) {
            groups.push(children.length);
            children[0]!.push(children.length);
            children.push([]);
          }
          sizes.forEach((k, g) => {
            for (let j = 0; j < k; j++) {
              children[groups[g]!]!.push(children.length);
              children.push([]);
            }
          });
          const n = children.length;
          const y = ys.slice(0, n);
          const w = ws.slice(0, n);
          const x = reconcileTree(children, 0, y, w);
          const d = denseWls(children, y, w);
          x.forEach((v, i) => expect(v).toBeCloseTo(d[i]!, 6));
          for (let a = 0; a < n; a++) if (children[a]!.length) expect(x[a]!).toBeCloseTo(children[a]!.reduce((s, c) => s + x[c]!, 0), 6);
        },
      ),
    );
  });

  it('reduces to the one-constraint MinT for a single level', () => {
    const x = reconcileTree([[1, 2, 3], [], [], []], 0, [100, 20, 30, 40], [4, 1, 2, 3]);
    const r = reconcileTopDown(100, [20, 30, 40], 4, [1, 2, 3]);
    expect(x[0]).toBeCloseTo(r.top, 12);
    x.slice(1).forEach((v, i) => expect(v).toBeCloseTo(r.children[i]!, 12));
  });
});

/** A coherent region: 0000 = Σ of six ANZSCO-4 occupations in two major groups, with a shared cycle and noise. */
function region(seed: number, len = 120): PanelItem[] {
  let s = seed >>> 0;
  const r = (): number => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
  const codes = ['2611', '2613', '2621', '3411', '3421', '3511'];
  const occ = codes.map((code) => {
    const level = 5 + 80 * r();
    return { code, y: Array.from({ length: len }, (_, t) => Math.round(level * Math.exp(0.3 * Math.sin((2 * Math.PI * t) / 40) + 0.4 * (r() - 0.5)))) };
  });
  const total = Array.from({ length: len }, (_, t) => occ.reduce((a, o) => a + o.y[t]!, 0));
  return [
    { key: 'ivi|0000|R', code: '0000', region: 'R', start: '2009-01', y: total },
    ...occ.map((o) => ({ key: `ivi|${o.code}|R`, code: o.code, region: 'R', start: '2009-01', y: o.y, marketKey: 'ivi|0000|R' })),
  ];
}

describe('occupation-tree reconciliation in the backtest and the served forecasts', () => {
  const items = region(7);
  const pb = panelBacktest(items, { origins: 6, step: 6, maxH: 12, local: ['naive', 'snaive'], lambdas: [0.3] });

  it('builds the major groups per region from the ANZSCO-4 codes (first digit) under the all-occupations series', () => {
    const trees = occupationTrees(items, () => true);
    expect(trees).toHaveLength(1);
    expect(trees[0]!.root).toBe(0);
    expect(trees[0]!.groups.map((g) => [g.digit, g.leaves.map((i) => items[i]!.code)])).toEqual([
      ['2', ['2611', '2613', '2621']],
      ['3', ['3411', '3421', '3511']],
    ]);
    expect(trees[0]!.groups[0]!.agg[5]).toBe(items[1]!.y[5]! + items[2]!.y[5]! + items[3]!.y[5]!);
  });

  it('makes every origin × horizon coherent (0000 = Σ occupations) and leaves the sd alone, for both weightings', () => {
    for (const w of ['struct', 'var'] as const) {
      const name = `theta+hier-${w}`;
      addHierarchy(pb, 'theta', name, w);
      const bts = pb.bts;
      let moved = 0;
      let checked = 0;
      const K = bts[0]!.origins.length;
      for (let k = 0; k < K; k++) {
        for (let h = 0; h < 12; h++) {
          const i = k * 12 + h;
          const top = bts[0]!.point[name]![i]!;
          const sum = bts.slice(1).reduce((a, bt) => a + bt!.point[name]![i]!, 0);
          if (w === 'var' && top === bts[0]!.point.theta![i]) continue; // not enough past errors at the first origins
          checked++;
          expect(top).toBeCloseTo(sum, 6);
          if (Math.abs(top - bts[0]!.point.theta![i]!) > 1e-9) moved++;
          expect(bts[3]!.sd[name]![i]).toBe(bts[3]!.sd.theta![i]);
        }
      }
      expect(checked).toBeGreaterThan(0);
      expect(moved).toBeGreaterThan(0);
    }
  });

  it('reconciles served forecasts the same way', () => {
    const means = items.map((it) => Array.from({ length: 24 }, () => Math.log1p(it.y[it.y.length - 1]! * 1.1)));
    reconcileServedTrees(pb, 'theta', 'var', means);
    for (let h = 0; h < 24; h++) {
      const top = Math.expm1(means[0]![h]!);
      const sum = means.slice(1).reduce((a, m) => a + Math.expm1(m[h]!), 0);
      expect(top).toBeCloseTo(sum, 4);
    }
  });
});

describe('shared sorted errors (cost)', () => {
  it('the evaluation gives the same report whether the sorted raw errors are shared across the ACI recursion and the calibration or not', async () => {
    const { scoreBacktests } = await import('../src/forecast/accuracy.js');
    const items = [...region(11), ...region(12).map((it) => ({ ...it, key: it.key.replace('|R', '|S'), region: 'S', marketKey: it.marketKey?.replace('|R', '|S') }))];
    const pb = panelBacktest(items, { origins: 10, step: 6, maxH: 12, local: ['naive', 'snaive'], lambdas: [0.3] });
    const live = pb.bts.filter((b) => b !== null);
    const policy = { halfLife: 12, regime: false, bands: true, aci: 1 };
    const opts = { step: 6, evaluate: (k: number) => k >= 6, intervals: policy };
    const a = scoreBacktests(live, ['naive', 'theta', 'global@0.3'], [1, 6, 12], opts);
    const shared = new Map();
    const b = scoreBacktests(live, ['naive', 'theta', 'global@0.3'], [1, 6, 12], { ...opts, rawErrors: shared });
    expect(shared.size).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
