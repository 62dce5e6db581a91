import { describe, expect, it } from 'vitest';
import { belowK, gridLines, lineSlack, suppressCells, type SuppressionLine } from '../src/cell-suppression.js';

/** Every line with a published total (or a known sum) holds 0 or at least 2 withheld members. */
const underivable = (hidden: Set<string>, lines: readonly SuppressionLine[]) =>
  lines.every((l) => [...l.parts, ...(l.total ? [l.total] : [])].filter((id) => hidden.has(id)).length !== 1);

describe('cell suppression (hand-worked tables)', () => {
  it('a 3 × 3 table with margins: one small cell costs a 2 × 2 rectangle, the margins stay', () => {
    //        x    y    z  | row
    //   A   20    5   30  |  55
    //   B   12   15   40  |  67
    //   C   25   18   11  |  54
    //  col  57   38   81  | 176
    const t: Record<string, number> = { 'A|x': 20, 'A|y': 5, 'A|z': 30, 'B|x': 12, 'B|y': 15, 'B|z': 40, 'C|x': 25, 'C|y': 18, 'C|z': 11 };
    for (const r of 'ABC') t[`${r}|*`] = t[`${r}|x`]! + t[`${r}|y`]! + t[`${r}|z`]!;
    for (const c of 'xyz') t[`*|${c}`] = t[`A|${c}`]! + t[`B|${c}`]! + t[`C|${c}`]!;
    t['*|*'] = 176;
    const lines = gridLines(['A', 'B', 'C'], ['x', 'y', 'z']);
    const hidden = suppressCells(new Map(Object.entries(t)), lines, 10);
    // A|y (5) is below k; row A then gives up its next smallest, A|x (20); column y its next smallest, B|y (15);
    // column x, now with A|x alone, B|x (12); row B then has two and everything is settled.
    expect([...hidden].sort()).toEqual(['A|x', 'A|y', 'B|x', 'B|y']);
    expect(underivable(hidden, lines)).toBe(true);
    // What a reader can solve: A|x + A|y = 55 − 30 = 25 and A|y + B|y = 38 − 18 = 20, one degree of freedom left.
  });

  it('a single line whose sum is known elsewhere: the next smallest non-zero count goes too, a zero only as last resort', () => {
    const line = [{ parts: ['a', 'b', 'c', 'd'] }];
    expect([...suppressCells(new Map([['a', 3], ['b', 0], ['c', 12], ['d', 40]]), line, 10)].sort()).toEqual(['a', 'c']);
    expect([...suppressCells(new Map([['a', 3], ['b', 0], ['d', 40]]), [{ parts: ['a', 'b', 'd'] }], 10)].sort()).toEqual(['a', 'd']);
    expect([...suppressCells(new Map([['a', 3], ['b', 0]]), [{ parts: ['a', 'b'] }], 10)].sort()).toEqual(['a', 'b']);
    // A withheld zero (a small row's) in a column of zeros with a known sum: nothing to protect, no partner.
    expect([...suppressCells(new Map([['a', 0], ['b', 0], ['c', 0]]), [{ parts: ['a', 'b', 'c'] }], 10, ['a'])]).toEqual(['a']);
    // With a published total, the total is withheld instead, so the line still never holds exactly one.
    expect([...suppressCells(new Map([['a', 0], ['b', 0], ['t', 0]]), [{ parts: ['a', 'b'], total: 't' }], 10, ['a'])].sort()).toEqual(['a', 't']);
    // Nothing small, nothing withheld.
    expect(suppressCells(new Map([['a', 10], ['b', 11]]), line, 10).size).toBe(0);
  });

  it('a small total is withheld with its small parts; primary cells are paired like small ones', () => {
    const lines = [{ parts: ['a', 'b'], total: 't' }];
    expect([...suppressCells(new Map([['a', 4], ['b', 0], ['t', 4]]), lines, 10)].sort()).toEqual(['a', 't']);
    expect([...suppressCells(new Map([['a', 40], ['b', 25], ['t', 65]]), lines, 10, ['a'])].sort()).toEqual(['a', 'b']);
    expect(belowK(0, 10)).toBe(false);
    expect(belowK(9, 10)).toBe(true);
    expect(belowK(10, 10)).toBe(false);
  });

  it('two withheld 1s under a published total are not enough: 1 + 1 = 2 over two listed cells pins both (sec14)', () => {
    // Before: a and b withheld, the line held two and stopped; a reader had a + b = 52 − 50 = 2, each at least 1.
    const values = new Map([['a', 1], ['b', 1], ['c', 20], ['d', 30], ['t', 52]]);
    const hidden = suppressCells(values, [{ parts: ['a', 'b', 'c', 'd'], total: 't' }], 5, [], new Set(), 5);
    expect([...hidden].sort()).toEqual(['a', 'b', 'c']);
    // With the default bound (2: not pinned, as fairness reports use) c goes too: a ≤ 2 − 1 = 1 was a pin.
    expect([...suppressCells(values, [{ parts: ['a', 'b', 'c', 'd'], total: 't' }], 5)].sort()).toEqual(['a', 'b', 'c']);
    // ... but 2 + 6 under a known sum leaves each of them an interval (1..7), enough for the default, not for bound k.
    const twoSix = new Map([['a', 2], ['b', 6], ['c', 24], ['d', 24]]);
    expect([...suppressCells(twoSix, [{ parts: ['a', 'b', 'c', 'd'] }], 10)].sort()).toEqual(['a', 'b']);
    expect([...suppressCells(twoSix, [{ parts: ['a', 'b', 'c', 'd'] }], 10, [], new Set(), 10)].sort()).toEqual(['a', 'b', 'c']);
    // Now a + b + c = 22 with each at least 1: a is at most 20, which is not a small count.
    expect(lineSlack([1, 1, 20])).toBe(20);
    expect(lineSlack([1, 1])).toBe(1);
    // a and b alone leave b ≤ 1 + 4 − 1 = 4 < 5; the partner is the smallest part that lifts the bound to k (c, 6).
    const h2 = suppressCells(new Map([['a', 1], ['b', 4], ['c', 6], ['d', 30]]), [{ parts: ['a', 'b', 'c', 'd'] }], 5, [], new Set(), 5);
    expect([...h2].sort()).toEqual(['a', 'b', 'c']);
  });
});
