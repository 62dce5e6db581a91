// CSV exports (forecasts, fairness reports): one rule for spreadsheet formulas and one for quoting, so no export
// drifts to a laxer copy. Pure.
import { stringify } from 'csv-stringify/sync';

/** A cell that is a number as a whole (a negative value, 1e-7); only such a cell may start with "-". */
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/**
 * A cell's text with spreadsheet formulas defused: text starting with = + - @ tab or CR is prefixed with a quote,
 * unless it is a number as a whole ("-1-A1:A9", a valid uploaded series code, is a formula to a spreadsheet).
 * null and undefined are empty; booleans are true/false.
 */
export function csvText(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  return /^[=+\-@\t\r]/.test(s) && !NUMBER.test(s) ? `'${s}` : s;
}

/** RFC 4180: a header line, then one line per row, each cell defused (csvText) and quoted where it holds " , CR or LF. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify(
    rows.map((r) => r.map(csvText)),
    { header: true, columns: columns.map(csvText), record_delimiter: 'unix' },
  );
}
