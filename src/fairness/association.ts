/**
 * Association between two categorical variables (Cramér's V, mutual information) and between a numeric variable and
 * a categorical one (correlation ratio η). Pure; used by the proxy check.
 */

export interface Contingency {
  rows: string[];
  cols: string[];
  /** counts[r][c] */
  counts: number[][];
  n: number;
}

/** Cross-tabulate paired observations (pairs with a null on either side are skipped). */
export function contingency(xs: readonly (string | null)[], ys: readonly (string | null)[]): Contingency {
  const rIndex = new Map<string, number>();
  const cIndex = new Map<string, number>();
  const cells = new Map<string, number>();
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    if (!rIndex.has(x)) rIndex.set(x, rIndex.size);
    if (!cIndex.has(y)) cIndex.set(y, cIndex.size);
    const key = `${rIndex.get(x)}|${cIndex.get(y)}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    n++;
  }
  const counts = [...rIndex.keys()].map(() => new Array<number>(cIndex.size).fill(0));
  for (const [key, v] of cells) {
    const [r, c] = key.split('|').map(Number) as [number, number];
    counts[r]![c] = v;
  }
  return { rows: [...rIndex.keys()], cols: [...cIndex.keys()], counts, n };
}

function margins(t: Contingency): { row: number[]; col: number[] } {
  const row = t.counts.map((r) => r.reduce((a, b) => a + b, 0));
  const col = t.cols.map((_, c) => t.counts.reduce((a, r) => a + r[c]!, 0));
  return { row, col };
}

/** Pearson's χ² statistic of independence. */
export function chiSquare(t: Contingency): number {
  const { row, col } = margins(t);
  let chi = 0;
  for (let r = 0; r < t.rows.length; r++) {
    for (let c = 0; c < t.cols.length; c++) {
      const e = (row[r]! * col[c]!) / t.n;
      if (e > 0) chi += (t.counts[r]![c]! - e) ** 2 / e;
    }
  }
  return chi;
}

/**
 * Cramér's V with Bergsma's (2013) small-sample bias correction, in [0, 1]: 0 = independent, 1 = one determines the
 * other. The uncorrected V of a small sample is inflated (two random variables with 5 levels each over 50 people show
 * V ≈ 0.25); the correction removes most of that, so a proxy is not named on noise.
 */
export function cramersV(t: Contingency): number {
  const r = t.rows.length;
  const k = t.cols.length;
  if (t.n < 2 || r < 2 || k < 2) return 0;
  const phi2 = chiSquare(t) / t.n;
  const phi2c = Math.max(0, phi2 - ((k - 1) * (r - 1)) / (t.n - 1));
  const kc = k - (k - 1) ** 2 / (t.n - 1);
  const rc = r - (r - 1) ** 2 / (t.n - 1);
  const d = Math.min(kc - 1, rc - 1);
  return d > 0 ? Math.min(1, Math.sqrt(phi2c / d)) : 0;
}

/** Mutual information in bits. */
export function mutualInformation(t: Contingency): number {
  if (t.n === 0) return 0;
  const { row, col } = margins(t);
  let mi = 0;
  for (let r = 0; r < t.rows.length; r++) {
    for (let c = 0; c < t.cols.length; c++) {
      const v = t.counts[r]![c]!;
      if (v > 0) mi += (v / t.n) * Math.log2((v * t.n) / (row[r]! * col[c]!));
    }
  }
  return Math.max(0, mi);
}

export interface GroupMeans {
  /**
   * Correlation ratio in [0, 1]: the share of the variable's spread that the grouping explains, square-rooted, with
   * the small-sample correction of ε² (between-group sum of squares less what k groups explain by chance), so an input
   * with many rare values (a residence country) is not credited with an effect it does not have.
   */
  eta: number;
  /** Groups with at least `minCount` observations, highest mean first. */
  means: { group: string; n: number; mean: number }[];
  /** Highest minus lowest mean over those groups (0 with fewer than two). */
  gap: number;
}

/** How a numeric variable differs between groups: η and the mean per group. */
export function groupMeans(values: readonly number[], groups: readonly (string | null)[], minCount = 1): GroupMeans {
  const acc = new Map<string, { n: number; sum: number }>();
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const g = groups[i];
    if (g === null || g === undefined) continue;
    const a = acc.get(g) ?? { n: 0, sum: 0 };
    a.n++;
    a.sum += values[i]!;
    acc.set(g, a);
    n++;
    sum += values[i]!;
  }
  if (n === 0) return { eta: 0, means: [], gap: 0 };
  const grand = sum / n;
  let total = 0;
  for (let i = 0; i < values.length; i++) if (groups[i] !== null && groups[i] !== undefined) total += (values[i]! - grand) ** 2;
  let between = 0;
  for (const a of acc.values()) between += a.n * (a.sum / a.n - grand) ** 2;
  const means = [...acc.entries()]
    .filter(([, a]) => a.n >= minCount)
    .map(([group, a]) => ({ group, n: a.n, mean: a.sum / a.n }))
    .sort((a, b) => b.mean - a.mean || (a.group < b.group ? -1 : 1));
  const gap = means.length >= 2 ? means[0]!.mean - means[means.length - 1]!.mean : 0;
  const k = acc.size;
  const within = total - between;
  const corrected = n > k && k > 1 ? between - ((k - 1) * within) / (n - k) : 0;
  return { eta: total > 0 ? Math.sqrt(Math.min(1, Math.max(0, corrected) / total)) : 0, means, gap };
}

/** Quantile bins ("q1".."qB") of a numeric variable, for Cramér's V against a category. Equal values share a bin. */
export function quantileBins(values: readonly number[], bins = 5): string[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let b = 1; b < bins; b++) cuts.push(sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins))]!);
  return values.map((v) => {
    let b = 0;
    while (b < cuts.length && v >= cuts[b]!) b++;
    return `q${b + 1}`;
  });
}
