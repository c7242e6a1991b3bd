/**
 * Returns from a price table, keeping tickers and dates.
 *
 * @module
 */
import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { wrapMatrix } from '../core/matrix.ts';
import { checkOptions } from '../core/options.ts';
import { checkOneOf } from '../core/validate.ts';
import { logReturnsKernel, simpleReturnsKernel } from '../returns/return-kernels.ts';
import { readTable, wrapTable, type PriceTable, type ReturnTable, type TableLike } from '../core/table.ts';

/** Options of {@link returnsTable}. */
export interface ReturnsTableOptions {
  /** `'simple'` (default): p_t / p_{t−1} − 1. `'log'`: ln(p_t / p_{t−1}). */
  kind?: 'simple' | 'log';
}

/**
 * Per-period returns of a {@link PriceTable}, as a {@link ReturnTable} with the same tickers.
 *
 * - `kind: 'simple'` (default): r_t = p_t / p_{t−1} − 1, the returns of pandas
 *   `df.pct_change(fill_method=None)`, computed as (p_t − p_{t−1}) / p_{t−1} (the difference is
 *   exact for moves under 100 %, so this is at least as accurate as dividing first; the two agree
 *   to within an ulp or two).
 * - `kind: 'log'`: r_t = ln(p_t / p_{t−1}), computed as log1p((p_t − p_{t−1}) / p_{t−1}).
 *
 * These are the kernels of `simpleReturns` / `logReturns`, so every path gives the same bits.
 *
 * Dates: a return is dated at the end of its period, so the result starts at the second date
 * (the first date has no return) and has T − 1 rows.
 *
 * Missing data: a return next to a missing price is missing (NaN), never invented: a column's
 * returns are missing until its second price (a young asset's listing day has no return), and
 * one missing price in the middle removes two returns. Nothing is filled: call `fillMissing`
 * first if you want pandas' old `pct_change()` default (forward-filled prices).
 *
 * @param prices a price table (a library table, a clone or a plain `{ dates, assets, values }`).
 * @throws {InvalidArgumentError} when given a ReturnTable, an unknown option or a bad table.
 * @throws {InsufficientDataError} with fewer than two dates.
 * @example
 * ```ts
 * import { priceTable, returnsTable } from 'quantivista/data';
 * const p = priceTable({ dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['AAA', 'NEW'], values: [[100, null], [110, 20], [99, 25]] });
 * const r = returnsTable(p);
 * console.log(r.dates); // ['2024-01-03', '2024-01-04']
 * console.log(JSON.stringify(r.values)); // [[0.1,null],[-0.1,0.25]]
 * ```
 */
export function returnsTable(prices: PriceTable | TableLike, options?: ReturnsTableOptions): ReturnTable {
  const fn = 'returnsTable';
  const opts = checkOptions(fn, options, ['kind']);
  const kind = checkOneOf(fn, 'kind', opts.kind ?? 'simple', ['simple', 'log'] as const);
  if (isReturns(prices)) {
    throw new InvalidArgumentError(`${fn}: \`prices\` is already a ReturnTable; returnsTable takes prices.`, 'prices', 'returns');
  }
  const t = readTable(fn, 'prices', prices, 'prices');
  const T = t.values.rows;
  const n = t.values.cols;
  if (T < 2) throw new InsufficientDataError(`${fn}: \`prices\` needs at least 2 dates to give a return, got ${T}.`, 2, T);
  const out = kind === 'log' ? logReturnsKernel(t.values.data, T, n, fn) : simpleReturnsKernel(t.values.data, T, n, fn);
  return wrapTable('returns', t.dates.slice(1), t.assets.slice(), wrapMatrix(T - 1, n, out));
}

function isReturns(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'returns';
}
