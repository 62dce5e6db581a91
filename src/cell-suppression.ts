// Small-cell and complementary suppression for published aggregates (ministry views of fairness reports and of
// screening flags). Pure: cells are ids with counts, and the tables' additive structure is given as lines.

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
 * The cells to withhold: every count below k (and any `primary` cell), then, until nothing changes, in every line with
 * exactly one withheld member, the next-smallest non-zero part (else the line's total, else a zero part, which still
 * leaves a non-zero withheld count an interval), so that no withheld count equals a published total minus published
 * parts. Ties go to the id, so the result is deterministic.
 *
 * This protects each line on its own, as the publication rule asks (0 or at least 2 withheld per line); it does not
 * solve the whole linear system as an interval audit (τ-ARGUS) would.
 */
export function suppressCells(values: ReadonlyMap<string, number>, lines: readonly SuppressionLine[], k: number, primary: Iterable<string> = []): Set<string> {
  const hidden = new Set<string>(primary);
  for (const [id, v] of values) if (belowK(v, k)) hidden.add(id);
  const value = (id: string) => values.get(id) ?? 0;
  const smallest = (ids: readonly string[]) =>
    [...ids].filter((id) => !hidden.has(id)).sort((a, b) => value(a) - value(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const members = line.total === undefined ? line.parts : [...line.parts, line.total];
      if (members.filter((id) => hidden.has(id)).length !== 1) continue;
      const open = smallest(line.parts);
      // A withheld zero among zeros cannot be protected (a known sum of 0 says every part is 0) and needs no partner.
      const guarded = members.some((id) => hidden.has(id) && value(id) > 0);
      const pick = open.find((id) => value(id) > 0) ?? (line.total !== undefined && !hidden.has(line.total) ? line.total : guarded ? open[0] : undefined);
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
