import type { Matrix } from '../core/matrix.ts';
import type { PriceTable, ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { priceReturns, type SeriesInput, type SeriesMatrixInput } from './price-input.ts';
import type { PriceReturnsOptions } from './simple-returns.ts';

/**
 * Continuously compounded (log) returns ℓ_t = ln(p_t / p_{t−1}) of a price series or a T x n
 * price matrix (rows = dates, oldest first), T − 1 per asset, in the period of the rows.
 * Log returns add over time: Σ ℓ_t = ln(p_T / p_0); they relate to simple returns by
 * ℓ = ln(1 + r).
 *
 * Computed as log1p((p_t − p_{t−1}) / p_{t−1}), accurate to a few ulps even for tiny moves
 * (where ln of the ratio loses digits).
 *
 * Given a `PriceTable`, the result is a `ReturnTable`: exactly `returnsTable(prices, { kind: 'log' })`
 * from quantivista/data (ln(p_t / p_{t−1}), as numpy `np.log(df / df.shift(1))`, which can differ
 * from the matrix path's log1p formula in the last bits), dated at period end from the second date,
 * NaN next to a missing price unless `missing` is given (see {@link simpleReturns}).
 *
 * @param prices a series, a T x n matrix or a price table of strictly positive prices, T ≥ 2. Not modified.
 * @param options `missing`: `'error'` (default) or `'drop'` incomplete rows (see {@link simpleReturns}).
 * @returns a `number[]` of T − 1 log returns for a series; a (T − 1) x n `Matrix` for a matrix; a
 *   `ReturnTable` for a table.
 * @throws {InvalidArgumentError} on a missing price (unless dropped; for a table only with
 *   `missing: 'error'`), ±Infinity, a price ≤ 0, a `ReturnTable`, an unknown option.
 * @throws {InsufficientDataError} with fewer than 2 dates. @throws {DimensionError} on ragged rows.
 * @example
 * ```ts
 * import { logReturns } from 'quantivista/returns';
 * const r = logReturns([100, 200, 100]);
 * console.log(r); // [0.6931471805599453, -0.6931471805599453]
 * console.log(logReturns([[1, 4], [Math.E, 4]]).toArray()); // [[1, 0]]
 * const p = { kind: 'prices', dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['A'], values: [[100], [200], [100]] } as const;
 * const t = logReturns(p);
 * console.log(t.dates, t.values.toArray()); // ['2024-01-03', '2024-01-04'] [[0.6931471805599453], [-0.6931471805599453]]
 * ```
 */
export function logReturns(prices: SeriesInput, options?: PriceReturnsOptions): number[];
export function logReturns(prices: PriceTable | TableLike, options?: PriceReturnsOptions): ReturnTable;
export function logReturns(prices: SeriesMatrixInput, options?: PriceReturnsOptions): Matrix;
export function logReturns(prices: SeriesInput | SeriesMatrixInput | TableLike, options?: PriceReturnsOptions): number[] | Matrix | ReturnTable {
  const opts = checkOptions('logReturns', options, ['missing']);
  return priceReturns('logReturns', prices, opts.missing, 'log');
}
