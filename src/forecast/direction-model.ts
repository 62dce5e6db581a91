// A model made for the direction of the 12-month change: a pooled ridge on the sign (a linear probability model) of
// "value in 12 months vs last value", over every series of a source, with the global model's h = 12 features plus
// leading indicators read in their own units (the region's all-occupations market, the occupation's major group, the
// national market for a state series) and volume terms. Pre-registered in docs/forecasting.md (sixth shift); served
// only if it beats the point forecast's direction on the selection origins. Pure functions, no I/O.
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { DIRECTION_TOLERANCE } from './accuracy.js';
import { GLOBAL_MIN_HISTORY, P, baseFeatures, horizonFeatures, monthIndex, type PanelSeries } from './global-model.js';
import type { PanelItem } from './panel-backtest.js';

/** Extra features beyond the global model's h = 12 row. */
export const DIRECTION_EXTRA = [
  'marketLastVsMean',
  'marketRecent',
  'marketYearOnYear',
  'marketLevelVsNorm',
  'majorYearOnYear',
  'majorRecent',
  'majorLastVsMean',
  'nationalMarketYearOnYear',
  'nationalMarketRecent',
  'lastZero',
  'small',
  'medium',
  'smallTimesLast',
  'mediumTimesLast',
] as const;
export const D = P + DIRECTION_EXTRA.length;
export const DIRECTION_LAMBDAS = [0.03, 0.3, 3] as const;
const H = 12;
const SMALL = Math.log1p(10);
const MEDIUM = Math.log1p(50);

export const directionName = (lambda: number): string => `direction@${lambda}`;

/** Per series, the log1p of the summed other members of its major group (first digit of a 4+-digit code that is not a
 * market total) in its region, aligned with its own z; null when it has no sibling. */
export function majorGroups(items: readonly PanelItem[]): (Float64Array | null)[] {
  const starts = items.map((it) => monthIndex(it.start));
  const lo = Math.min(...starts);
  const hi = Math.max(...items.map((it, i) => starts[i]! + it.y.length));
  const sums = new Map<string, { v: Float64Array; members: number }>();
  const majorOf = (code: string): string | null => (/^\d{4,}$/.test(code) && !/^0+$/.test(code) ? code[0]! : null);
  items.forEach((it, i) => {
    const g = majorOf(it.code);
    if (!g) return;
    const k = `${it.region}|${g}`;
    let e = sums.get(k);
    if (!e) sums.set(k, (e = { v: new Float64Array(hi - lo), members: 0 }));
    e.members++;
    for (let t = 0; t < it.y.length; t++) e.v[starts[i]! - lo + t]! += it.y[t]!;
  });
  return items.map((it, i) => {
    const g = majorOf(it.code);
    const e = g ? sums.get(`${it.region}|${g}`) : undefined;
    if (!e || e.members < 2) return null;
    const out = new Float64Array(it.y.length);
    for (let t = 0; t < it.y.length; t++) out[t] = Math.log1p(Math.max(0, e.v[starts[i]! - lo + t]! - it.y[t]!));
    return out;
  });
}

const mean = (z: Float64Array, a: number, b: number): number => {
  let s = 0;
  const lo = Math.max(0, a);
  for (let i = lo; i <= b; i++) s += z[i]!;
  return s / (b - lo + 1);
};
const vol = (z: Float64Array, t: number): number => {
  let s = 0;
  let c = 0;
  for (let i = Math.max(1, t - 23); i <= t; i++) {
    s += (z[i]! - z[i - 1]!) ** 2;
    c++;
  }
  return Math.max(0.05, c ? Math.sqrt(s / c) : 0.05);
};

/** Fill `row` (length D) for series s with its last observation at absolute month T; false when too short. */
export function directionFeatures(panel: readonly PanelSeries[], major: readonly (Float64Array | null)[], s: number, T: number, scratch: Float64Array, row: Float64Array): boolean {
  const base = baseFeatures(panel, s, T, scratch);
  if (!base) return false;
  const r12 = row.subarray(0, P);
  horizonFeatures(base, T, H, r12);
  for (let i = P; i < D; i++) row[i] = 0;
  const own = (z: Float64Array, t: number, at: number): void => {
    const b = mean(z, t - 11, t);
    const q = vol(z, t);
    if (at === P) {
      row[P] = (z[t]! - b) / q;
      row[P + 1] = (mean(z, t - 2, t) - b) / q;
      row[P + 2] = (b - mean(z, t - 23, t - 12)) / q;
      row[P + 3] = (b - mean(z, t - 59, t - 24)) / q;
    } else {
      row[at] = (b - mean(z, t - 23, t - 12)) / q;
      row[at + 1] = (mean(z, t - 2, t) - b) / q;
      if (at === P + 4) row[at + 2] = (z[t]! - b) / q;
    }
  };
  const rel = (idx: number | null): { z: Float64Array; t: number } | null => {
    if (idx === null) return null;
    const o = panel[idx]!;
    const to = T - o.start;
    return to >= GLOBAL_MIN_HISTORY - 1 && to < o.z.length ? { z: o.z, t: to } : null;
  };
  const ser = panel[s]!;
  const m = rel(ser.market);
  if (m) own(m.z, m.t, P);
  const g = major[s];
  if (g) own(g, base.t, P + 4);
  const parent = ser.parent !== null ? panel[ser.parent] : undefined;
  const nm = parent ? rel(parent.market) : null;
  if (nm && parent!.market !== ser.market) own(nm.z, nm.t, P + 7);
  const last = (base.z[base.t]! - base.b) / base.q;
  row[P + 9] = base.z[base.t] === 0 ? 1 : 0;
  const small = base.b < SMALL ? 1 : 0;
  const medium = !small && base.b < MEDIUM ? 1 : 0;
  row[P + 10] = small;
  row[P + 11] = medium;
  row[P + 12] = small * last;
  row[P + 13] = medium * last;
  return true;
}

/** The sign of the 12-month change on the original scale (half an ad counts as none): +1, −1 or 0. */
const signOf = (z: Float64Array, t: number): number => {
  const d = Math.expm1(z[t + H]!) - Math.expm1(z[t]!);
  return Math.abs(d) <= DIRECTION_TOLERANCE ? 0 : Math.sign(d);
};

class SignAccumulator {
  readonly xtx = new Float64Array(D * D);
  readonly xty = new Float64Array(D);
  n = 0;
  add(x: Float64Array, y: number): void {
    for (let i = 0; i < D; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      this.xty[i] = this.xty[i]! + xi * y;
      const r = i * D;
      for (let j = i; j < D; j++) this.xtx[r + j] = this.xtx[r + j]! + xi * x[j]!;
    }
    this.n++;
  }
  solve(lambda: number): Float64Array {
    const M = new Matrix(D, D);
    for (let i = 0; i < D; i++) {
      for (let j = i; j < D; j++) {
        M.set(i, j, this.xtx[i * D + j]!);
        M.set(j, i, this.xtx[i * D + j]!);
      }
      if (i > 0) M.set(i, i, this.xtx[i * D + i]! * (1 + lambda) + 1e-6);
      else M.set(0, 0, this.xtx[0]! + 1e-9);
    }
    return Float64Array.from(new CholeskyDecomposition(M).solve(Matrix.columnVector(Array.from(this.xty))).getColumn(0));
  }
}

/** Add the windows of every series whose 12-month target month lies in (from, to]. */
function addWindows(panel: readonly PanelSeries[], major: readonly (Float64Array | null)[], acc: SignAccumulator, from: number, to: number, scratch: Float64Array, row: Float64Array): void {
  for (let s = 0; s < panel.length; s++) {
    const ser = panel[s]!;
    const last = ser.start + ser.z.length - 1;
    for (let T = Math.max(from - H + 1, ser.start + GLOBAL_MIN_HISTORY - 1); T + H <= Math.min(to, last); T++) {
      const y = signOf(ser.z, T - ser.start);
      if (y === 0 || !directionFeatures(panel, major, s, T, scratch, row)) continue;
      acc.add(row, y);
    }
  }
}

const score = (beta: Float64Array, row: Float64Array): number => {
  let y = 0;
  for (let i = 0; i < D; i++) y += beta[i]! * row[i]!;
  return y;
};

/** Probability of a rise from the linear-probability score (clipped). */
export const probabilityUp = (s: number): number => Math.min(0.98, Math.max(0.02, (1 + s) / 2));

/**
 * Rolling-origin backtest: at each origin (absolute month, ascending) refit on the windows whose 12-month targets were
 * observed by then and score every series from that month. Returns per lambda, per series, per origin: the score
 * (NaN where the series has no history there).
 */
export function backtestDirection(items: readonly PanelItem[], panel: readonly PanelSeries[], originsAbs: readonly number[], lambdas: readonly number[] = DIRECTION_LAMBDAS): Map<number, Float64Array[]> {
  const major = majorGroups(items);
  const acc = new SignAccumulator();
  const scratch = new Float64Array(P);
  const row = new Float64Array(D);
  const out = new Map<number, Float64Array[]>();
  for (const l of lambdas) out.set(l, panel.map(() => new Float64Array(originsAbs.length).fill(Number.NaN)));
  let prev = Math.min(...panel.map((s) => s.start)) - 1;
  originsAbs.forEach((T, k) => {
    addWindows(panel, major, acc, prev, T, scratch, row);
    prev = T;
    if (acc.n < D * 4) return;
    for (const l of lambdas) {
      const beta = acc.solve(l);
      const per = out.get(l)!;
      for (let s = 0; s < panel.length; s++) if (directionFeatures(panel, major, s, T, scratch, row)) per[s]![k] = score(beta, row);
    }
  });
  return out;
}

/** Fit on every window of the panel and score each series from its own last month (serving path). */
export function fitDirection(items: readonly PanelItem[], panel: readonly PanelSeries[], lambda: number): Float64Array {
  const major = majorGroups(items);
  const acc = new SignAccumulator();
  const scratch = new Float64Array(P);
  const row = new Float64Array(D);
  const end = Math.max(...panel.map((s) => s.start + s.z.length - 1));
  addWindows(panel, major, acc, Math.min(...panel.map((s) => s.start)) - 1, end, scratch, row);
  const out = new Float64Array(panel.length).fill(Number.NaN);
  if (acc.n < D * 4) return out;
  const beta = acc.solve(lambda);
  panel.forEach((s, i) => {
    if (directionFeatures(panel, major, i, s.start + s.z.length - 1, scratch, row)) out[i] = score(beta, row);
  });
  return out;
}
