// Forecast reconciliation for a two-level hierarchy (a national series that is the sum of its regions), MinT-style
// (Wickramasuriya, Athanasopoulos & Hyndman 2019). With one aggregation constraint c'y = 0, c = (1, −1, …, −1), the
// MinT projection ỹ = ŷ − W c (c'Wc)⁻¹ c'ŷ needs no matrix inverse. Pure functions.

/**
 * Reconcile a top forecast with its children's under a diagonal error covariance W = diag(wTop, w1..wk)
 * (MinT with variance scaling, "WLS-var"): the incoherence d = top − Σ children is shared in proportion to each
 * series' error variance, so the noisier forecasts move most. The result is coherent: top = Σ children.
 */
export function reconcileTopDown(top: number, children: readonly number[], wTop: number, wChildren: readonly number[]): { top: number; children: number[] } {
  const d = top - children.reduce((a, b) => a + b, 0);
  const denom = wTop + wChildren.reduce((a, b) => a + b, 0);
  if (!(denom > 0)) return { top, children: [...children] };
  const kids = children.map((c, i) => c + (wChildren[i]! / denom) * d);
  return { top: top - (wTop / denom) * d, children: kids };
}

/**
 * Reconcile a tree of forecasts (every internal node is the sum of its children) under a diagonal error covariance W:
 * the WLS / MinT-diagonal projection ỹ = S (S'W⁻¹S)⁻¹ S'W⁻¹ ŷ, computed exactly in two passes (Gaussian message passing
 * on the tree): upward, each node's own forecast is combined by inverse variance with the sum of its children's upward
 * estimates (a node without a forecast, w = ∞, takes the sum); downward, each node's reconciled value is split among its
 * children in proportion to their upward variances. `children[n]` lists node n's children; `root` is the top. With one
 * level this is `reconcileTopDown`. Weights must be > 0 (∞ allowed for internal nodes). Pure.
 */
export function reconcileTree(children: readonly (readonly number[])[], root: number, y: readonly number[], w: readonly number[]): number[] {
  const n = y.length;
  const s = new Float64Array(n);
  const v = new Float64Array(n);
  // Post-order without recursion: visit order from a stack, then process in reverse.
  const order: number[] = [];
  const stack = [root];
  while (stack.length) {
    const a = stack.pop()!;
    order.push(a);
    for (const c of children[a] ?? []) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const a = order[i]!;
    const kids = children[a] ?? [];
    if (kids.length === 0) {
      s[a] = y[a]!;
      v[a] = w[a]!;
      continue;
    }
    let m = 0;
    let V = 0;
    for (const c of kids) {
      m += s[c]!;
      V += v[c]!;
    }
    if (!Number.isFinite(w[a]!)) {
      s[a] = m;
      v[a] = V;
    } else {
      const p = 1 / w[a]! + 1 / V;
      s[a] = (y[a]! / w[a]! + m / V) / p;
      v[a] = 1 / p;
    }
  }
  const x = new Array<number>(n).fill(Number.NaN);
  x[root] = s[root]!;
  for (const a of order) {
    const kids = children[a] ?? [];
    if (kids.length === 0) continue;
    let m = 0;
    let V = 0;
    for (const c of kids) {
      m += s[c]!;
      V += v[c]!;
    }
    const d = x[a]! - m;
    for (const c of kids) x[c] = s[c]! + (v[c]! / V) * d;
  }
  return x;
}
