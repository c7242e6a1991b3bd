import { wrapMatrix } from '../core/matrix.ts';
import { readTable, wrapTable, type Table, type TableKind, type TableLike } from '../core/table.ts';
import { checkInteger, checkOneOf, checkOptions } from '../core/validate.ts';

/** Options of {@link fillMissing}. */
export interface FillMissingOptions {
  /**
   * `'forward'` (default): a missing value takes the last present value above it in its column
   * (pandas `ffill`; leading missing values stay missing). `'backward'`: the next present value
   * below it (pandas `bfill`; trailing missing values stay missing).
   */
  method?: 'forward' | 'backward';
  /**
   * At most this many consecutive missing values are filled after (forward) or before (backward)
   * a present value; the rest of a longer gap stays missing (pandas `limit`). A positive integer;
   * default: no limit.
   */
  limit?: number;
}

/**
 * Fill missing values (NaN) of a price or return table column by column from the nearest present
 * value: forward (pandas `df.ffill(limit=...)`) or backward (`df.bfill(limit=...)`).
 *
 * Forward filling carries the last known price over a gap (a holiday, a stale quote) and never
 * looks into the future; backward filling does look ahead and is here for completeness. A missing
 * value with nothing present before it (forward; e.g. before an asset lists) or after it
 * (backward) stays missing. With `limit`, only the first `limit` values of each gap (counted from
 * the present value the fill comes from) are filled. Present values are never changed. The
 * result has the same kind, dates and assets as the input; nothing else is reported. Filling a
 * ReturnTable repeats a return, which is rarely what is wanted; fill the prices instead.
 *
 * @param table a PriceTable / ReturnTable, its structured clone, or a plain
 *   `{ kind?, dates, assets, values }` (a table without `kind` is read as returns). Not modified.
 * @returns a new table of the same kind, dates and assets.
 * @throws {InvalidArgumentError} on a malformed table, an unknown `method` or option, or a `limit`
 *   that is not a positive integer.
 * @throws {DimensionError} when the table's sizes disagree.
 * @example
 * ```ts
 * import { fillMissing } from 'quantivista/data';
 * const t = { kind: 'prices' as const, dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], assets: ['A', 'B'], values: [[null, 10], [2, null], [null, null], [4, null]] };
 * console.log(JSON.stringify(fillMissing(t).values)); // [[null,10],[2,10],[2,10],[4,10]]
 * console.log(JSON.stringify(fillMissing(t, { limit: 1 }).values)); // [[null,10],[2,10],[2,null],[4,null]]
 * console.log(JSON.stringify(fillMissing(t, { method: 'backward' }).values)); // [[2,10],[2,null],[4,null],[4,null]]
 * ```
 */
export function fillMissing<K extends TableKind>(table: TableLike & { readonly kind: K }, options?: FillMissingOptions): Table<K>;
export function fillMissing(table: TableLike, options?: FillMissingOptions): Table;
export function fillMissing(table: TableLike, options?: FillMissingOptions): Table {
  const fn = 'fillMissing';
  const opts = checkOptions(fn, options, ['method', 'limit']);
  const method = opts.method === undefined ? 'forward' : checkOneOf(fn, 'method', opts.method, ['forward', 'backward'] as const);
  const limit = opts.limit === undefined ? Infinity : checkInteger(fn, 'limit', opts.limit, 1);
  const t = readTable(fn, 'table', table);
  const T = t.values.rows;
  const n = t.values.cols;
  const out = t.values.data.slice();
  fillKernel(out, T, n, method === 'forward', limit);
  return wrapTable(t.kind, t.dates.slice(), t.assets.slice(), wrapMatrix(T, n, out));
}

/**
 * Fill NaN in place in a T x n row-major buffer, column by column, from the previous (forward)
 * or next (backward) present value, at most `limit` consecutive values per gap. Walks the rows
 * in order with per-column state, so the buffer is read sequentially.
 */
function fillKernel(d: Float64Array, T: number, n: number, forward: boolean, limit: number): void {
  const last = new Float64Array(n).fill(Number.NaN);
  const run = new Float64Array(n);
  for (let s = 0; s < T; s++) {
    const o = (forward ? s : T - 1 - s) * n;
    for (let j = 0; j < n; j++) {
      const v = d[o + j];
      if (v === v) {
        last[j] = v;
        run[j] = 0;
      } else {
        const r = run[j];
        if (r < limit) d[o + j] = last[j]; // NaN while nothing present has been seen
        run[j] = r + 1;
      }
    }
  }
}
