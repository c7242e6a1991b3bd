import type { Matrix } from '../core/matrix.ts';
import type { PriceTable, ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { priceReturns, type MissingValuePolicy, type SeriesInput, type SeriesMatrixInput } from './price-input.ts';

/** Options of {@link simpleReturns} and {@link logReturns}. */
export interface PriceReturnsOptions {
  /**
   * Missing prices (NaN or `null`): `'error'` (default for a series or matrix) throws an error
   * naming the first row and column (for a table: the asset and the date); `'drop'` removes every
   * date (row) with a missing price first, so the return after a gap spans it (from the last
   * complete row to the next). A table with no `missing` option keeps the gaps: a return next to a
   * missing price is NaN (as `returnsTable`).
   */
  missing?: MissingValuePolicy;
}

/**
 * Simple (arithmetic) returns r_t = p_t / p_{t−1} − 1 of a price series or of a T x n price
 * matrix (rows = dates, oldest first; columns = assets), giving T − 1 returns per asset. Per
 * period: the returns are in the period of the rows (daily prices give daily returns).
 *
 * Computed as (p_t − p_{t−1}) / p_{t−1}, which agrees with pandas' `pct_change` to the last bit
 * or two and is exact in the difference for moves under 100 %.
 *
 * Given a `PriceTable` (or a plain `{ kind: 'prices', dates, assets, values }`), the result is a
 * `ReturnTable` with the same tickers, exactly `returnsTable(prices)` from quantivista/data: each
 * return dated at the end of its period (the table starts at the second date), computed as pandas
 * `pct_change(fill_method=None)` does (p_t / p_{t−1} − 1, which can differ from the matrix path's
 * formula in the last bit), and NaN next to a missing price (a late listing's first return, both
 * returns around a gap) unless `missing` says otherwise (see {@link PriceReturnsOptions}).
 *
 * @param prices a series (`number[]`, a typed array), a T x n matrix (`number[][]`, typed-array
 *   rows, `Matrix`, ml-matrix), or a price table, of strictly positive prices, T ≥ 2. Not modified.
 * @returns a `number[]` of T − 1 returns for a series; a (T − 1) x n `Matrix` for a matrix; a
 *   `ReturnTable` for a table.
 * @throws {InvalidArgumentError} on a missing price (NaN / `null`, unless `missing: 'drop'`; for a
 *   table only with `missing: 'error'`), ±Infinity, a price ≤ 0 (the message names the entry), a
 *   `ReturnTable` (returns where prices belong), an unknown option.
 * @throws {InsufficientDataError} with fewer than 2 dates (after dropping).
 * @throws {DimensionError} on ragged rows.
 * @example
 * ```ts
 * import { simpleReturns } from 'quantivista/returns';
 * console.log(simpleReturns([100, 110, 99])); // [0.1, -0.1]
 * const r = simpleReturns([[100, 50], [110, 50], [99, 55]]);
 * console.log(r.toArray()); // [[0.1, 0], [-0.1, 0.1]]
 * console.log(simpleReturns([100, null, 121], { missing: 'drop' })); // [0.21]
 * // a price table: dated returns; NEW lists on the second date, so its first return is missing
 * const p = { kind: 'prices', dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['AAA', 'NEW'],
 *   values: [[100, null], [125, 20], [100, 25]] } as const;
 * const t = simpleReturns(p);
 * console.log(t.dates, t.assets); // ['2024-01-03', '2024-01-04'] ['AAA', 'NEW']
 * console.log(JSON.stringify(t.values)); // [[0.25,null],[-0.2,0.25]]
 * ```
 */
export function simpleReturns(prices: SeriesInput, options?: PriceReturnsOptions): number[];
export function simpleReturns(prices: PriceTable | TableLike, options?: PriceReturnsOptions): ReturnTable;
export function simpleReturns(prices: SeriesMatrixInput, options?: PriceReturnsOptions): Matrix;
export function simpleReturns(prices: SeriesInput | SeriesMatrixInput | TableLike, options?: PriceReturnsOptions): number[] | Matrix | ReturnTable {
  const opts = checkOptions('simpleReturns', options, ['missing']);
  return priceReturns('simpleReturns', prices, opts.missing, 'simple');
}
