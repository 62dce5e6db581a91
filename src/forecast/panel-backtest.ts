// Rolling-origin backtest of one source's whole panel: local models per series (naive, seasonal naive, Theta, optionally
// ETS), the pooled global model refitted at every origin, their combinations and the state ↔ national reconciliation.
// Origins are calendar months shared by every series of the source. Pure functions, no I/O.
import { backtestSeries, meanScaledError, type SeriesBacktest } from './backtest.js';
import { backtestGlobal, monthIndex, type PanelSeries } from './global-model.js';
import { backtestGlobalTrees, type GlobalTreeOptions } from './global-trees.js';
import { MIN_HISTORY, fromLog, toLog, type ModelName } from './models.js';
import { reconcileTopDown, reconcileTree } from './reconcile.js';
import { backtestDirection, directionName } from './direction-model.js';
import { thetaLogForecast } from './theta.js';
import { smoothLogForecasts } from './exp-smoothing.js';

/** One series of a source, as the engine sees it. */
export interface PanelItem {
  key: string;
  code: string;
  region: string;
  /** 'YYYY-MM' of y[0]. */
  start: string;
  y: number[];
  /** Key of the region's all-occupations series (leading indicator), if the source has one. */
  marketKey?: string;
  /** Key of the national series of the same occupation, for a regional series. */
  parentKey?: string;
}

export interface PanelBacktestOptions {
  origins: number;
  step: number;
  maxH: number;
  /** Local models fitted per series and origin (ETS is slow: the bench only). */
  local: readonly ModelName[];
  lambdas: readonly number[];
  /** Forgetting half-lives (months) of the global model; 0 = none. */
  halfLives?: readonly number[];
  /** Gradient-boosted trees pooled across the panel (global-trees.ts), as model 'gbdt'; absent: not fitted. */
  trees?: GlobalTreeOptions | null;
  /** The trees made for the direction of the change (target from the last value), as model 'gbdt-last'; absent: not fitted. */
  directionTrees?: GlobalTreeOptions | null;
  /** The model made for the direction of the 12-month change (direction-model.ts), per ridge penalty, as models
   * 'direction@λ' whose only meaningful horizon is 12 (last value ± one ad, by the sign of the score); absent: not fitted. */
  direction?: readonly number[] | null;
  onProgress?: (done: number, total: number) => void;
}

export const PANEL_BACKTEST: PanelBacktestOptions = { origins: 18, step: 6, maxH: 12, local: ['naive', 'snaive'], lambdas: [0.003, 0.03, 0.3] };

export interface PanelBacktest {
  items: readonly PanelItem[];
  /** Per item (same order): the backtest, or null when the series is too short or ends before the panel does. */
  bts: (SeriesBacktest | null)[];
  /** Absolute month of the last observation at each origin, oldest first. */
  originsAbs: number[];
  /** Model names available in every backtest. */
  models: string[];
}

/** Per-series exponential-smoothing models fitted at every origin (src/forecast/exp-smoothing.ts). */
export const SMOOTH_MODELS = ['naive2', 'ses', 'holt', 'damped'] as const;

/** Name of the pooled gradient-boosted trees in a backtest. */
export const TREES = 'gbdt';
/** Name of the trees whose target is the log change from the last observed value (made for the direction). */
export const TREES_LAST = 'gbdt-last';

export const globalName = (lambda: number, halfLife = 0): string => (halfLife > 0 ? `global@${lambda}~${halfLife}` : `global@${lambda}`);

/** The related-occupations group of a code: its first three digits (ANZSCO minor group, ISCO sub-major…) for a
 * four-or-more-digit code that is not a market total; null otherwise. */
export const groupOf = (code: string): string | null => (/^\d{4,}$/.test(code) && !/^0+$/.test(code) ? code.slice(0, 3) : null);

/** Whether the global model gets the related-occupations leading indicator (PanelSeries.group). */
export let RELATED_OCCUPATIONS = true;
/** Exploration only (bench): switch the related-occupations indicator off to compare on the selection origins. */
export const setRelatedOccupations = (on: boolean): void => {
  RELATED_OCCUPATIONS = on;
};

/** Build the panel (log scale, absolute months, market/parent/related-occupation links). */
export function toPanel(items: readonly PanelItem[]): PanelSeries[] {
  const index = new Map(items.map((it, i) => [it.key, i]));
  const starts = items.map((it) => monthIndex(it.start));
  // Per region and group: the sum of its series on the absolute month axis (original scale).
  const sums = new Map<string, { start: number; v: Float64Array; members: number }>();
  if (RELATED_OCCUPATIONS) {
    const lo = Math.min(...starts);
    const hi = Math.max(...items.map((it, i) => starts[i]! + it.y.length));
    items.forEach((it, i) => {
      const g = groupOf(it.code);
      if (!g) return;
      const k = `${it.region}|${g}`;
      let e = sums.get(k);
      if (!e) sums.set(k, (e = { start: lo, v: new Float64Array(hi - lo), members: 0 }));
      e.members++;
      for (let t = 0; t < it.y.length; t++) e.v[starts[i]! - lo + t]! += it.y[t]!;
    });
  }
  return items.map((it, i) => {
    const g = groupOf(it.code);
    const e = g ? sums.get(`${it.region}|${g}`) : undefined;
    let group: Float64Array | null = null;
    if (e && e.members > 1) {
      // The other members only: the series itself is already in its own lags.
      group = new Float64Array(it.y.length);
      for (let t = 0; t < it.y.length; t++) group[t] = Math.log1p(Math.max(0, e.v[starts[i]! - e.start + t]! - it.y[t]!));
    }
    return {
      z: toLog(it.y),
      start: starts[i]!,
      market: it.marketKey && it.marketKey !== it.key ? (index.get(it.marketKey) ?? null) : null,
      parent: it.parentKey && it.parentKey !== it.key ? (index.get(it.parentKey) ?? null) : null,
      group,
    };
  });
}

/** Store a log-scale forecast for model m at origin k. */
function put(bt: SeriesBacktest, m: string, k: number, mean: ArrayLike<number>, sd: ArrayLike<number>): void {
  const H = bt.maxH;
  if (!bt.mean[m]) {
    bt.mean[m] = new Float64Array(bt.origins.length * H);
    bt.sd[m] = new Float64Array(bt.origins.length * H);
    bt.point[m] = new Float64Array(bt.origins.length * H);
  }
  for (let h = 0; h < H; h++) {
    bt.mean[m]![k * H + h] = mean[h]!;
    bt.sd[m]![k * H + h] = sd[h]!;
    bt.point[m]![k * H + h] = fromLog(mean[h]!);
  }
}

/** How a combination pools its members' log-scale forecasts at each horizon: the equal-weight mean, or the median
 * (ninth shift, pre-registered: robust to one member that extrapolates a regime the others do not). */
export type CombineOp = 'mean' | 'median';

/** Combine the members' log-scale forecasts at one horizon (the median of an even count is the mean of the middle two). */
export function combineLog(values: readonly number[], op: CombineOp): number {
  const n = values.length;
  if (op === 'mean') {
    let s = 0;
    for (const v of values) s += v / n;
    return s;
  }
  const v = [...values].sort((a, b) => a - b);
  return n % 2 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
}

/** Equal-weight combination on the log scale, by mean or median (sd: mean of the parts' sds, conservative). */
export function addCombination(bts: readonly (SeriesBacktest | null)[], name: string, parts: readonly string[], op: CombineOp = 'mean'): void {
  const vals = new Array<number>(parts.length);
  for (const bt of bts) {
    if (!bt || parts.some((p) => !bt.mean[p])) continue;
    const H = bt.maxH;
    for (let k = 0; k < bt.origins.length; k++) {
      const mean = new Float64Array(H);
      const sd = new Float64Array(H);
      for (let h = 0; h < H; h++) {
        parts.forEach((p, j) => {
          vals[j] = bt.mean[p]![k * H + h]!;
          sd[h] = sd[h]! + bt.sd[p]![k * H + h]! / parts.length;
        });
        mean[h] = combineLog(vals, op);
      }
      put(bt, name, k, mean, sd);
    }
  }
}

/** A composite that forecasts horizon h with the model chosen for it (`choice[h - 1]`). */
export function addByHorizon(bts: readonly (SeriesBacktest | null)[], name: string, choice: readonly string[]): void {
  for (const bt of bts) {
    if (!bt || choice.some((p) => !bt.mean[p])) continue;
    const H = bt.maxH;
    for (let k = 0; k < bt.origins.length; k++) {
      const mean = new Float64Array(H);
      const sd = new Float64Array(H);
      for (let h = 0; h < H; h++) {
        const m = choice[Math.min(h, choice.length - 1)]!;
        mean[h] = bt.mean[m]![k * H + h]!;
        sd[h] = bt.sd[m]![k * H + h]!;
      }
      put(bt, name, k, mean, sd);
    }
  }
}

/**
 * Reconcile model m's point forecasts of each national series with its regional ones (states sum to the nation):
 * MinT with a diagonal covariance of past errors (WLS-var), applied on the original scale; the log-scale sd stays.
 * `weightsAt(k)` gives each item's error variance estimated from errors observed before origin k.
 */
export function addReconciled(pb: PanelBacktest, m: string, name: string): void {
  const { items, bts } = pb;
  const children = new Map<number, number[]>();
  const index = new Map(items.map((it, i) => [it.key, i]));
  items.forEach((it, i) => {
    const p = it.parentKey ? index.get(it.parentKey) : undefined;
    if (p !== undefined && p !== i) children.set(p, [...(children.get(p) ?? []), i]);
  });
  // Start with the unreconciled forecast everywhere; hierarchies overwrite theirs.
  for (const bt of bts) if (bt?.mean[m]) for (let k = 0; k < bt.origins.length; k++) put(bt, name, k, bt.mean[m]!.subarray(k * bt.maxH, (k + 1) * bt.maxH), bt.sd[m]!.subarray(k * bt.maxH, (k + 1) * bt.maxH));
  for (const [top, kids] of children) {
    const all = [top, ...kids].map((i) => bts[i]);
    if (all.some((b) => !b || !b.mean[m] || b.origins.length !== all[0]!.origins.length)) continue;
    const group = all as SeriesBacktest[];
    const H = group[0]!.maxH;
    const K = group[0]!.origins.length;
    for (let k = 0; k < K; k++) {
      const cutoff = group[0]!.origins[k]!;
      // Error variance of each series at h = 1..H from pairs fully observed before this origin (original scale).
      const w = group.map((bt) => {
        let s = 0;
        let c = 0;
        for (let j = 0; j < k; j++) {
          for (let h = 1; h <= H; h++) {
            if (bt.origins[j]! + h > cutoff) continue;
            const e = bt.actual[j * H + h - 1]! - bt.point[m]![j * H + h - 1]!;
            s += e * e;
            c++;
          }
        }
        return c >= 6 ? s / c : Number.NaN;
      });
      if (w.some((x) => !Number.isFinite(x) || !(x > 0))) continue;
      for (let h = 0; h < H; h++) {
        const topPoint = group[0]!.point[m]![k * H + h]!;
        const kidPoints = group.slice(1).map((bt) => bt.point[m]![k * H + h]!);
        const rec = reconcileTopDown(topPoint, kidPoints, w[0]!, w.slice(1));
        const values = [rec.top, ...rec.children];
        group.forEach((bt, g) => {
          const v = Math.max(0, values[g]!);
          bt.point[name]![k * H + h] = v;
          bt.mean[name]![k * H + h] = Math.log1p(v);
        });
      }
    }
  }
}

/** The weights of the occupation-tree reconciliation: past error variance, or the number of occupations under a node. */
export type HierWeights = 'var' | 'struct';

/** A region's occupation tree: its all-occupations series (item index), the built ANZSCO major groups and their
 * occupations (item indices), each group's summed series on the absolute month axis from `start`. */
export interface OccupationTree {
  region: string;
  root: number;
  groups: { digit: string; leaves: number[]; start: number; agg: Float64Array }[];
}

/** The occupation trees of a panel (pre-registered, seventh shift): per region, 0000 = Σ major groups (first digit of
 * the ANZSCO-4 code) = Σ occupations. Members must be backtested on every calendar origin; `members` may restrict the
 * occupations (serving uses every series with a forecast). */
export function occupationTrees(items: readonly PanelItem[], include: (i: number) => boolean): OccupationTree[] {
  const roots = new Map<string, number>();
  items.forEach((it, i) => {
    if (it.code === '0000' && include(i)) roots.set(it.region, i);
  });
  const trees: OccupationTree[] = [];
  for (const [region, root] of roots) {
    const byDigit = new Map<string, number[]>();
    items.forEach((it, i) => {
      if (it.region !== region || it.code === '0000' || !/^[1-8]\d{3}$/.test(it.code) || !include(i)) return;
      byDigit.set(it.code[0]!, [...(byDigit.get(it.code[0]!) ?? []), i]);
    });
    if (byDigit.size === 0) continue;
    const groups = [...byDigit].sort(([a], [b]) => a.localeCompare(b)).map(([digit, leaves]) => {
      const starts = leaves.map((i) => monthIndex(items[i]!.start));
      const start = Math.min(...starts);
      const end = Math.max(...leaves.map((i, j) => starts[j]! + items[i]!.y.length));
      const agg = new Float64Array(end - start);
      leaves.forEach((i, j) => items[i]!.y.forEach((v, t) => (agg[starts[j]! - start + t]! += v)));
      return { digit, leaves, start, agg };
    });
    trees.push({ region, root, groups });
  }
  return trees;
}

/** Theta on a built group at every calendar origin: point forecasts and actuals per origin × h (NaN: unobserved). */
function groupBacktest(g: OccupationTree['groups'][number], originsAbs: readonly number[], H: number): { point: Float64Array; actual: Float64Array } {
  const K = originsAbs.length;
  const point = new Float64Array(K * H);
  const actual = new Float64Array(K * H).fill(Number.NaN);
  const z = toLog(g.agg);
  originsAbs.forEach((o, c) => {
    const t = o - g.start + 1;
    const f = thetaLogForecast(z.subarray(0, t), H);
    for (let h = 0; h < H; h++) {
      point[c * H + h] = fromLog(f.mean[h]!);
      if (t + h < g.agg.length) actual[c * H + h] = g.agg[t + h]!;
    }
  });
  return { point, actual };
}

/** Node layout of a tree: 0 = root, 1..G = groups, then the occupations; children per node; item index per node (−1 for a group). */
function treeLayout(tree: OccupationTree): { children: number[][]; item: number[]; leafCount: number[] } {
  const children: number[][] = [tree.groups.map((_, g) => 1 + g)];
  const item: number[] = [tree.root];
  const leafCount: number[] = [0];
  tree.groups.forEach((g) => {
    children.push([]);
    item.push(-1);
    leafCount.push(g.leaves.length);
    leafCount[0]! += g.leaves.length;
  });
  tree.groups.forEach((g, gi) => {
    for (const i of g.leaves) {
      children[1 + gi]!.push(item.length);
      children.push([]);
      item.push(i);
      leafCount.push(1);
    }
  });
  return { children, item, leafCount };
}

/** Mean squared error of a node's forecasts over the pairs (origin j, h) whose target precedes `cutoffAbs` (all pairs when it is ∞). */
function pastMse(point: Float64Array, actual: Float64Array, originsAbs: readonly number[], H: number, cutoffAbs: number, upTo: number): number {
  let s = 0;
  let c = 0;
  for (let j = 0; j < upTo; j++) {
    for (let h = 1; h <= H; h++) {
      if (originsAbs[j]! + h > cutoffAbs) continue;
      const a = actual[j * H + h - 1]!;
      if (!Number.isFinite(a)) continue;
      const e = a - point[j * H + h - 1]!;
      s += e * e;
      c++;
    }
  }
  return c >= 6 ? s / c : Number.NaN;
}

/**
 * Reconcile model m's forecasts along each region's occupation tree (pre-registered, seventh shift): 0000 and the
 * occupations carry m, the built major groups Theta; WLS on the original scale with W from past errors ('var') or the
 * number of occupations under each node ('struct'); the log-scale sd stays. Stored as model `name` for every series
 * (unreconciled where no tree applies).
 */
export function addHierarchy(pb: PanelBacktest, m: string, name: string, weights: HierWeights): void {
  const { items, bts, originsAbs } = pb;
  const K = originsAbs.length;
  for (const bt of bts) if (bt?.mean[m]) for (let k = 0; k < bt.origins.length; k++) put(bt, name, k, bt.mean[m]!.subarray(k * bt.maxH, (k + 1) * bt.maxH), bt.sd[m]!.subarray(k * bt.maxH, (k + 1) * bt.maxH));
  const trees = occupationTrees(items, (i) => !!bts[i]?.point[m] && bts[i]!.origins.length === K);
  for (const tree of trees) {
    const H = bts[tree.root]!.maxH;
    const { children, item, leafCount } = treeLayout(tree);
    const gb = tree.groups.map((g) => groupBacktest(g, originsAbs, H));
    const pointOf = (node: number): Float64Array => (item[node]! >= 0 ? bts[item[node]!]!.point[m]! : gb[node - 1]!.point);
    const actualOf = (node: number): Float64Array => (item[node]! >= 0 ? bts[item[node]!]!.actual : gb[node - 1]!.actual);
    for (let k = 0; k < K; k++) {
      let w: number[];
      if (weights === 'struct') w = leafCount.slice();
      else {
        w = item.map((_, node) => pastMse(pointOf(node), actualOf(node), originsAbs, H, originsAbs[k]!, k));
        if (w.some((x) => !Number.isFinite(x) || !(x > 0))) continue;
      }
      for (let h = 0; h < H; h++) {
        const y = item.map((_, node) => pointOf(node)[k * H + h]!);
        const x = reconcileTree(children, 0, y, w);
        item.forEach((i, node) => {
          if (i < 0) return;
          const v = Math.max(0, x[node]!);
          bts[i]!.point[name]![k * H + h] = v;
          bts[i]!.mean[name]![k * H + h] = Math.log1p(v);
        });
      }
    }
  }
}

/**
 * The served counterpart: reconcile the served log-scale means (`means[i]`, empty when the series has no forecast) along
 * the occupation trees, the groups forecast by Theta on all their data, W from the whole backtest of `base` ('var') or
 * the occupation counts ('struct').
 */
export function reconcileServedTrees(pb: PanelBacktest, base: string, weights: HierWeights, means: number[][]): void {
  const { items, bts, originsAbs } = pb;
  const K = originsAbs.length;
  const H = means.find((x) => x.length > 0)?.length ?? 0;
  if (H === 0) return;
  const trees = occupationTrees(items, (i) => means[i]!.length === H && (weights === 'struct' || (!!bts[i]?.point[base] && bts[i]!.origins.length === K)));
  for (const tree of trees) {
    const { children, item, leafCount } = treeLayout(tree);
    let w: number[];
    if (weights === 'struct') w = leafCount.slice();
    else {
      const bH = bts[tree.root]!.maxH;
      w = item.map((i, node) => {
        if (i >= 0) return pastMse(bts[i]!.point[base]!, bts[i]!.actual, originsAbs, bH, Number.POSITIVE_INFINITY, K);
        const g = groupBacktest(tree.groups[node - 1]!, originsAbs, bH);
        return pastMse(g.point, g.actual, originsAbs, bH, Number.POSITIVE_INFINITY, K);
      });
      if (w.some((x) => !Number.isFinite(x) || !(x > 0))) continue;
    }
    const gf = tree.groups.map((g) => thetaLogForecast(toLog(g.agg), H).mean);
    for (let h = 0; h < H; h++) {
      const y = item.map((i, node) => (i >= 0 ? Math.expm1(means[i]![h]!) : fromLog(gf[node - 1]![h]!)));
      const x = reconcileTree(children, 0, y, w);
      item.forEach((i, node) => {
        if (i >= 0) means[i]![h] = Math.log1p(Math.max(0, x[node]!));
      });
    }
  }
}

/** Run the whole panel backtest: local models, Theta, global (per lambda) and the standard combinations. */
export function panelBacktest(items: readonly PanelItem[], opts: PanelBacktestOptions = PANEL_BACKTEST): PanelBacktest {
  const panel = toPanel(items);
  const end = Math.max(...panel.map((s) => s.start + s.z.length - 1));
  const originsAbs: number[] = [];
  for (let k = opts.origins - 1; k >= 0; k--) originsAbs.push(end - opts.maxH - opts.step * k);
  const bts: (SeriesBacktest | null)[] = [];
  const total = items.length;
  items.forEach((it, i) => {
    const s = panel[i]!;
    const last = s.start + s.z.length - 1;
    if (last !== end || it.y.length < MIN_HISTORY + opts.maxH) {
      bts.push(null);
      return;
    }
    // Per-series origins as training lengths, only those on the shared calendar.
    const bt = backtestSeries(it.y, { origins: opts.origins, step: opts.step, maxH: opts.maxH, models: opts.local });
    if (!bt) {
      bts.push(null);
      return;
    }
    bt.origins.forEach((t, k) => {
      const f = thetaLogForecast(s.z.subarray(0, t), opts.maxH);
      put(bt, 'theta', k, f.mean, f.sd);
      // The M4 benchmarks (Naïve 2, SES, Holt, damped) on the seasonally adjusted series.
      const es = smoothLogForecasts(s.z.subarray(0, t), opts.maxH);
      for (const m of SMOOTH_MODELS) put(bt, m, k, es[m].mean, es[m].sd);
    });
    bts.push(bt);
    opts.onProgress?.(i + 1, total * 2);
  });
  // A pooled model's forecasts per series, stored under `name`; the series' origins are the latest K of the calendar
  // origins, and an origin the pooled model could not forecast falls back to seasonal naive.
  const putPooled = (name: string, perSeries: readonly (readonly ({ mean: Float64Array; sd: Float64Array } | null | undefined)[])[]): void => {
    bts.forEach((bt, i) => {
      if (!bt) return;
      const K = bt.origins.length;
      const fc = perSeries[i]!;
      for (let k = 0; k < K; k++) {
        const f = fc[fc.length - K + k];
        if (f) put(bt, name, k, f.mean, f.sd);
        else put(bt, name, k, bt.mean.snaive!.subarray(k * opts.maxH, (k + 1) * opts.maxH), bt.sd.snaive!.subarray(k * opts.maxH, (k + 1) * opts.maxH));
      }
    });
  };
  const halfLives = opts.halfLives ?? [0];
  for (const halfLife of halfLives) {
    for (const [lambda, perSeries] of backtestGlobal(panel, originsAbs, opts.maxH, opts.lambdas, halfLife)) putPooled(globalName(lambda, halfLife), perSeries);
  }
  if (opts.trees) putPooled(TREES, backtestGlobalTrees(panel, originsAbs, opts.maxH, opts.trees));
  if (opts.directionTrees) putPooled(TREES_LAST, backtestGlobalTrees(panel, originsAbs, opts.maxH, opts.directionTrees));
  if (opts.direction?.length) {
    for (const [lambda, perSeries] of backtestDirection(items, panel, originsAbs, opts.direction)) {
      const name = directionName(lambda);
      bts.forEach((bt, i) => {
        if (!bt) return;
        const K = bt.origins.length;
        const sc = perSeries[i]!;
        const H = opts.maxH;
        for (let k = 0; k < K; k++) {
          const v = sc[sc.length - K + k]!;
          const last = bt.last[k]!;
          const pt = new Float64Array(H).fill(last);
          if (H >= 12 && Number.isFinite(v) && v !== 0) pt[11] = Math.max(0, last + Math.sign(v));
          const mean = pt.map((x) => Math.log1p(x));
          put(bt, name, k, mean, new Float64Array(H));
          if (!bt.dirScore) bt.dirScore = {};
          (bt.dirScore[name] ??= new Float64Array(K))[k] = v;
        }
      });
    }
  }
  opts.onProgress?.(total * 2, total * 2);
  const models = [
    'naive',
    'snaive',
    ...opts.local.filter((m) => m !== 'naive' && m !== 'snaive'),
    'theta',
    ...SMOOTH_MODELS,
    ...halfLives.flatMap((hl) => opts.lambdas.map((l) => globalName(l, hl))),
    ...(opts.trees ? [TREES] : []),
    ...(opts.directionTrees ? [TREES_LAST] : []),
  ];
  return { items, bts, originsAbs, models };
}

/** Median across series of (MASE of m ÷ MASE of seasonal naive) over horizons 1..maxH and the origins accepted by `use`. */
export function medianRelMase(bts: readonly (SeriesBacktest | null)[], m: string, use: (k: number, h: number, bt: SeriesBacktest) => boolean): number {
  const rel: number[] = [];
  for (const bt of bts) {
    if (!bt || !bt.point[m]) continue;
    const a = meanScaledError(bt, m, (k, h) => use(k, h, bt));
    const b = meanScaledError(bt, 'snaive', (k, h) => use(k, h, bt));
    if (Number.isFinite(a) && b > 0) rel.push(a / b);
  }
  rel.sort((x, y) => x - y);
  return rel.length ? rel[Math.floor((rel.length - 1) / 2)]! * 0.5 + rel[Math.ceil((rel.length - 1) / 2)]! * 0.5 : Number.NaN;
}
