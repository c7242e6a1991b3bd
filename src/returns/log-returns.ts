import { wrapMatrix, matrixData, type Matrix } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { firstColumn, toPriceMatrix, type SeriesInput, type SeriesMatrixInput } from './price-input.ts';
import type { PriceReturnsOptions } from './simple-returns.ts';

/**
 * Kernel: log returns of a T x n row-major price buffer, (T − 1) x n, as
 * log1p((p_t − p_{t−1}) / p_{t−1}).
 * @internal
 */
export function logReturnsKernel(p: Float64Array, T: number, n: number): Float64Array {
  const out = new Float64Array((T - 1) * n);
  for (let t = 1; t < T; t++) {
    const cur = t * n;
    const prev = cur - n;
    for (let j = 0; j < n; j++) {
      const a = p[prev + j] as number;
      out[prev + j] = Math.log1p(((p[cur + j] as number) - a) / a);
    }
  }
  return out;
}

/**
 * Continuously compounded (log) returns ℓ_t = ln(p_t / p_{t−1}) of a price series or a T x n
 * price matrix (rows = dates, oldest first), T − 1 per asset, in the period of the rows.
 * Log returns add over time: Σ ℓ_t = ln(p_T / p_0); they relate to simple returns by
 * ℓ = ln(1 + r).
 *
 * Computed as log1p((p_t − p_{t−1}) / p_{t−1}), accurate to a few ulps even for tiny moves
 * (where ln of the ratio loses digits).
 *
 * @param prices a series or a T x n matrix of strictly positive prices, T ≥ 2. Not modified.
 * @param options `missing`: `'error'` (default) or `'drop'` incomplete rows (see {@link simpleReturns}).
 * @returns a `number[]` of T − 1 log returns for a series; a (T − 1) x n `Matrix` for a matrix.
 * @throws {InvalidArgumentError} on a missing price (unless dropped), ±Infinity, a price ≤ 0, an unknown option.
 * @throws {InsufficientDataError} with fewer than 2 dates. @throws {DimensionError} on ragged rows.
 * @example
 * ```ts
 * import { logReturns } from 'quantivista/returns';
 * const r = logReturns([100, 200, 100]);
 * console.log(r); // [0.6931471805599453, -0.6931471805599453]
 * console.log(logReturns([[1, 4], [Math.E, 4]]).toArray()); // [[1, 0]]
 * ```
 */
export function logReturns(prices: SeriesInput, options?: PriceReturnsOptions): number[];
export function logReturns(prices: SeriesMatrixInput, options?: PriceReturnsOptions): Matrix;
export function logReturns(prices: SeriesInput | SeriesMatrixInput, options?: PriceReturnsOptions): number[] | Matrix {
  const fn = 'logReturns';
  const opts = checkOptions(fn, options, ['missing']);
  const { m, series } = toPriceMatrix(fn, prices, opts.missing);
  const out = logReturnsKernel(matrixData(m), m.rows, m.cols);
  return series ? firstColumn(out, m.rows - 1, 1) : wrapMatrix(m.rows - 1, m.cols, out);
}
