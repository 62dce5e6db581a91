// Small-cell and complementary suppression for published aggregates (ministry views of fairness reports, screening
// flags and platform signals). Pure: cells are ids with counts, and the tables' additive structure is given as lines.

/** A count a ministry may not see on its own: at least one person, fewer than k. */
export const belowK = (v: number, k: number): boolean => v > 0 && v < k;

/**
 * One additive relation of a published table: the parts of a row or column and what they sum to. `total` names a
 * cell that is itself published (and may be withheld); without it the sum is taken as known to the reader (published
 * elsewhere, or derivable from another table), which is the cautious assumption.
 */
export interface SuppressionLine {
  parts: readonly string[];
  total?: string;
}

/**
 * What a reader can bound in one line whose sum is known (its total published, or no total): the withheld parts add
 * up to S = total − published parts, and each withheld non-zero part is at least 1 (a listed cell holds someone), so a
 * withheld part is at most S − (number of other withheld non-zero parts). `slack` is that upper bound; a small count
 * is protected only if it reaches k ("1 + 1 = 2 over two listed cells" pins both to 1).
 */
export const lineSlack = (hiddenValues: readonly number[]): number => {
  const nonZero = hiddenValues.filter((v) => v > 0);
  return nonZero.reduce((a, v) => a + v, 0) - Math.max(0, nonZero.length - 1);
};

/**
 * The cells to withhold: every count below k (and any `primary` cell), then, until nothing changes, in every line
 * whose sum is known and whose withheld parts leave a small count's upper bound (lineSlack) below `bound`, the smallest
 * non-zero part that lifts it to `bound` (else the largest, and repeat), else the line's total; and in every line with
 * exactly one withheld member, a partner chosen the same way (else a zero part, which still leaves a non-zero withheld
 * count an interval). Ties go to the id, so the result is deterministic.
 *
 * `bound` 2 (the default, fairness reports) means no small count is pinned to one value (two withheld 1s under a
 * known sum are); `bound` k (platform signals, screening aggregates) means none is even confined below k.
 * This protects each line on its own; it does not solve the whole linear system as an interval audit (τ-ARGUS)
 * would. `fixed` cells are published by another table and cannot be withheld here (linked-suppression.ts).
 */
export function suppressCells(
  values: ReadonlyMap<string, number>,
  lines: readonly SuppressionLine[],
  k: number,
  primary: Iterable<string> = [],
  fixed: ReadonlySet<string> = new Set(),
  bound = 2,
): Set<string> {
  const hidden = new Set<string>(primary);
  for (const [id, v] of values) if (belowK(v, k) && !fixed.has(id)) hidden.add(id);
  const value = (id: string) => values.get(id) ?? 0;
  const open = (ids: readonly string[]) =>
    [...ids].filter((id) => !hidden.has(id) && !fixed.has(id)).sort((a, b) => value(a) - value(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const members = line.total === undefined ? line.parts : [...line.parts, line.total];
      const withheld = members.filter((id) => hidden.has(id));
      if (withheld.length === 0) continue;
      const sumKnown = line.total === undefined || !hidden.has(line.total);
      const hiddenParts = line.parts.filter((id) => hidden.has(id)).map(value);
      const small = hiddenParts.some((v) => belowK(v, k));
      const slack = lineSlack(hiddenParts);
      const short = sumKnown && small && slack < bound;
      if (withheld.length !== 1 && !short) continue;
      const candidates = open(line.parts).filter((id) => value(id) > 0);
      // The smallest part that lifts the slack to k (a part v adds v − 1), else the largest one (and go round again).
      const need = short ? bound - slack + 1 : 1;
      const part = candidates.find((id) => value(id) >= need) ?? candidates.at(-1);
      // A withheld zero among zeros cannot be protected (a known sum of 0 says every part is 0) and needs no partner.
      const guarded = members.some((id) => hidden.has(id) && value(id) > 0);
      const total = line.total !== undefined && !hidden.has(line.total) && !fixed.has(line.total) ? line.total : undefined;
      const pick = part ?? total ?? (guarded && withheld.length === 1 ? open(line.parts)[0] : undefined);
      if (pick === undefined) continue;
      hidden.add(pick);
      changed = true;
    }
  }
  return hidden;
}

/**
 * Lines of a two-way table with both margins and a grand total: cell ids are `${row}|${col}`, row totals `${row}|*`,
 * column totals `*|${col}`, the grand total `*|*`. Used for a cross-tabulation whose margins are published too.
 */
export function gridLines(rows: readonly string[], cols: readonly string[]): SuppressionLine[] {
  return [
    ...rows.map((r) => ({ parts: cols.map((c) => `${r}|${c}`), total: `${r}|*` })),
    ...cols.map((c) => ({ parts: rows.map((r) => `${r}|${c}`), total: `*|${c}` })),
    { parts: rows.map((r) => `${r}|*`), total: '*|*' },
    { parts: cols.map((c) => `*|${c}`), total: '*|*' },
  ];
}
