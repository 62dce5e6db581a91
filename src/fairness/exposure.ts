/**
 * Exposure in rankings (Singh & Joachims 2018): attention falls with position, so being ranked 1st and 11th are not
 * equal. Pure.
 */

/** Position-discounted attention of rank r (1-based), as in DCG: 1 / log2(1 + r). */
export const attention = (rank: number): number => 1 / Math.log2(1 + rank);

export interface ExposureRanking {
  /** Category of every candidate in the eligible pool (everyone scored after the hard constraints). */
  pool: readonly string[];
  /** Categories of the candidates served at ranks 1..k (index 0 = rank 1; null for a rank that was not served). */
  served: readonly (string | null)[];
}

export interface ExposureRow {
  category: string;
  /** The category's share of all attention given to served ranks ≤ k. */
  exposureShare: number;
  /** The category's share of the eligible pools. */
  poolShare: number;
  /** exposureShare / poolShare: 1 is parity, below 1 means less attention than the category's presence. */
  ratio: number | null;
}

/**
 * Sum attention per category over the served top-k of each ranking and compare it with the category's share of the
 * pools the rankings were drawn from. Each ranking weighs by its own pool and page.
 */
export function exposureByCategory(rankings: readonly ExposureRanking[], categories: readonly string[], k: number): ExposureRow[] {
  const att = new Map<string, number>(categories.map((c) => [c, 0]));
  const pool = new Map<string, number>(categories.map((c) => [c, 0]));
  let attTotal = 0;
  let poolTotal = 0;
  for (const r of rankings) {
    for (const c of r.pool) {
      pool.set(c, (pool.get(c) ?? 0) + 1);
      poolTotal++;
    }
    r.served.slice(0, k).forEach((c, i) => {
      if (c === null) return;
      const a = attention(i + 1);
      att.set(c, (att.get(c) ?? 0) + a);
      attTotal += a;
    });
  }
  return categories.map((category) => {
    const exposureShare = attTotal > 0 ? att.get(category)! / attTotal : 0;
    const poolShare = poolTotal > 0 ? pool.get(category)! / poolTotal : 0;
    return { category, exposureShare, poolShare, ratio: poolShare > 0 && attTotal > 0 ? exposureShare / poolShare : null };
  });
}
