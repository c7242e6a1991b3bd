import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { checkIsoDate } from '../core/dates.ts';
import { wrapMatrix } from '../core/matrix.ts';
import { readTable, wrapTable, type Table, type TableKind, type TableLike } from '../core/table.ts';

/**
 * The rows of a table dated from `from` to `to`, both included, as pandas `df.loc[from:to]` on a
 * date index. Either bound may be left out (`undefined`): the slice then starts at the first row
 * or ends at the last. Bounds need not be dates of the table (a weekend bound is fine). Assets,
 * kind and values are kept; the result is a new table.
 *
 * @param table a PriceTable / ReturnTable, its structured clone, or a plain
 *   `{ kind?, dates, assets, values }` (a table without `kind` is read as returns). Not modified.
 * @param from first date kept (ISO `YYYY-MM-DD`, inclusive); default: the table's first date.
 * @param to last date kept (ISO `YYYY-MM-DD`, inclusive); default: the table's last date.
 * @returns a new table with the rows in [from, to].
 * @throws {InvalidArgumentError} on a malformed table, a bound that is not an ISO date, or
 *   `from` later than `to`.
 * @throws {InsufficientDataError} when no row lies in [from, to] (the message gives the table's
 *   date range).
 * @throws {DimensionError} when the table's sizes disagree.
 * @example
 * ```ts
 * import { sliceDates } from 'quantivista/data';
 * const t = { kind: 'prices' as const, dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], assets: ['A'], values: [[1], [2], [3], [4]] };
 * console.log(sliceDates(t, '2024-01-03', '2024-01-04').dates); // ['2024-01-03', '2024-01-04']
 * console.log(sliceDates(t, '2024-01-04').dates); // ['2024-01-04', '2024-01-05']
 * console.log(sliceDates(t, undefined, '2024-01-02').dates); // ['2024-01-02']
 * ```
 */
export function sliceDates<K extends TableKind>(table: TableLike & { readonly kind: K }, from?: string, to?: string): Table<K>;
export function sliceDates(table: TableLike, from?: string, to?: string): Table;
export function sliceDates(table: TableLike, from?: string, to?: string): Table {
  const fn = 'sliceDates';
  const t = readTable(fn, 'table', table);
  if (from !== undefined) checkIsoDate(fn, 'from', from);
  if (to !== undefined) checkIsoDate(fn, 'to', to);
  if (from !== undefined && to !== undefined && from > to) {
    throw new InvalidArgumentError(`${fn}: \`from\` (${from}) must not be later than \`to\` (${to}).`, 'from', from);
  }
  const dates = t.dates;
  const T = dates.length;
  const start = from === undefined ? 0 : lowerBound(dates, from);
  const end = to === undefined ? T : upperBound(dates, to);
  if (end <= start) {
    const range = T === 0 ? 'the table has no rows' : `the table runs from ${dates[0]} to ${dates[T - 1]}`;
    throw new InsufficientDataError(`${fn}: no date lies in [${from ?? 'start'}, ${to ?? 'end'}]; ${range}.`, 1, 0);
  }
  const n = t.values.cols;
  const out = t.values.data.slice(start * n, end * n);
  return wrapTable(t.kind, dates.slice(start, end), t.assets.slice(), wrapMatrix(end - start, n, out));
}

/** First index whose date is ≥ `d` (ISO dates compare as strings). */
function lowerBound(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((dates[mid] as string) < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose date is > `d`. */
function upperBound(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((dates[mid] as string) <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
