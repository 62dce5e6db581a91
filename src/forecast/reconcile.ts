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
