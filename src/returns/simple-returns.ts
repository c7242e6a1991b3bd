import { wrapMatrix, matrixData, type Matrix } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { firstColumn, toPriceMatrix, type MissingValuePolicy, type SeriesInput, type SeriesMatrixInput } from './price-input.ts';

/** Options of {@link simpleReturns} and {@link logReturns}. */
export interface PriceReturnsOptions {
  /**
   * Missing prices (NaN or `null`): `'error'` (default) throws an error naming the first
   * row and column; `'drop'` removes every date (row) with a missing price first, so the return
   * after a gap spans it (from the last complete row to the next).
   */
  missing?: MissingValuePolicy;
}

/**
 * Kernel: simple returns of a T x n row-major price buffer, (T − 1) x n, computed as
 * (p_t − p_{t−1}) / p_{t−1} (the difference is exact for moves under 100 %, so this is more
 * accurate than p_t / p_{t−1} − 1 for small returns).
 * @internal
 */
export function simpleReturnsKernel(p: Float64Array, T: number, n: number): Float64Array {
  const out = new Float64Array((T - 1) * n);
  for (let t = 1; t < T; t++) {
    const cur = t * n;
    const prev = cur - n;
    const o = prev;
    for (let j = 0; j < n; j++) {
      const a = p[prev + j] as number;
      out[o + j] = ((p[cur + j] as number) - a) / a;
    }
  }
  return out;
}

/**
 * Simple (arithmetic) returns r_t = p_t / p_{t−1} − 1 of a price series or of a T x n price
 * matrix (rows = dates, oldest first; columns = assets), giving T − 1 returns per asset. Per
 * period: the returns are in the period of the rows (daily prices give daily returns).
 *
 * Computed as (p_t − p_{t−1}) / p_{t−1}, which agrees with pandas' `pct_change` to the last bit
 * or two and is exact in the difference for moves under 100 %.
 *
 * @param prices a series (`number[]`, a typed array) or a T x n matrix (`number[][]`, typed-array
 *   rows, `Matrix`, ml-matrix) of strictly positive prices, T ≥ 2. Not modified.
 * @returns a `number[]` of T − 1 returns for a series; a (T − 1) x n `Matrix` for a matrix.
 * @throws {InvalidArgumentError} on a missing price (NaN / `null`, unless `missing: 'drop'`),
 *   ±Infinity, a price ≤ 0 (the message names the entry), an unknown option.
 * @throws {InsufficientDataError} with fewer than 2 dates (after dropping).
 * @throws {DimensionError} on ragged rows.
 * @example
 * ```ts
 * import { simpleReturns } from 'quantivista/returns';
 * console.log(simpleReturns([100, 110, 99])); // [0.1, -0.1]
 * const r = simpleReturns([[100, 50], [110, 50], [99, 55]]);
 * console.log(r.toArray()); // [[0.1, 0], [-0.1, 0.1]]
 * console.log(simpleReturns([100, null, 121], { missing: 'drop' })); // [0.21]
 * ```
 */
export function simpleReturns(prices: SeriesInput, options?: PriceReturnsOptions): number[];
export function simpleReturns(prices: SeriesMatrixInput, options?: PriceReturnsOptions): Matrix;
export function simpleReturns(prices: SeriesInput | SeriesMatrixInput, options?: PriceReturnsOptions): number[] | Matrix {
  const fn = 'simpleReturns';
  const opts = checkOptions(fn, options, ['missing']);
  const { m, series } = toPriceMatrix(fn, prices, opts.missing);
  const out = simpleReturnsKernel(matrixData(m), m.rows, m.cols);
  return series ? firstColumn(out, m.rows - 1, 1) : wrapMatrix(m.rows - 1, m.cols, out);
}
