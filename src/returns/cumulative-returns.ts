import { InvalidArgumentError } from '../core/errors.ts';
import { matrixData, wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { checkOptions, toReturnsMatrix } from '../core/validate.ts';
import { firstColumn, seriesToMatrix, type SeriesInput } from './price-input.ts';

/**
 * Kernel: running compounded return Π_{s≤t} (1 + r_s) − 1 down each column of a T x n buffer.
 * @internal
 */
export function cumulativeReturnsKernel(r: Float64Array, T: number, n: number): Float64Array {
  const out = new Float64Array(T * n);
  const w = new Float64Array(n).fill(1);
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let j = 0; j < n; j++) {
      const x = (w[j] as number) * (1 + (r[o + j] as number));
      w[j] = x;
      out[o + j] = x - 1;
    }
  }
  return out;
}

/** Options of {@link cumulativeReturns}. */
export interface CumulativeReturnsOptions {
  /** Skip the screen that refuses a matrix looking like prices (every column positive, median above 1). */
  assumeReturns?: boolean;
}

/**
 * Cumulative (compounded) returns of simple returns: c_t = Π_{s=1..t} (1 + r_s) − 1, the growth
 * of one unit invested before the first period, minus the unit. For returns made from prices,
 * c_t = p_t / p_0 − 1. Same shape as the input: T values per asset (the starting 0 is not
 * included). Equals pandas' `(1 + r).cumprod() - 1`.
 *
 * @param returns simple returns (not log returns; for those, wealth is exp(Σ ℓ) and a running sum
 *   suffices): a series or a T x n matrix (rows = periods, oldest first), T ≥ 1, each ≥ −1.
 *   Not modified.
 * @returns a `number[]` for a series; a T x n `Matrix` for a matrix.
 * @throws {InvalidArgumentError} on NaN / `null` / ±Infinity, a return below −1 (a loss of more
 *   than everything), or data that look like prices (unless `assumeReturns`). @throws {InsufficientDataError} on an empty series. @throws {DimensionError} on ragged rows.
 * @example
 * ```ts
 * import { cumulativeReturns } from 'quantivista/returns';
 * console.log(cumulativeReturns([0.1, -0.1, 0.5])); // [0.10000000000000009, -0.009999999999999898, 0.4850000000000001]
 * console.log(cumulativeReturns([[0.5, 0], [1, -0.5]]).toArray()); // [[0.5, 0], [2, -0.5]]
 * ```
 */
export function cumulativeReturns(returns: SeriesInput, options?: CumulativeReturnsOptions): number[];
export function cumulativeReturns(returns: MatrixLike, options?: CumulativeReturnsOptions): Matrix;
export function cumulativeReturns(returns: SeriesInput | MatrixLike, options?: CumulativeReturnsOptions): number[] | Matrix {
  const fn = 'cumulativeReturns';
  const opts = checkOptions(fn, options, ['assumeReturns']);
  const { m: raw, series } = seriesToMatrix(fn, 'returns', returns);
  const m = toReturnsMatrix(fn, 'returns', raw, { minRows: 1, ...(opts.assumeReturns === undefined ? {} : { assumeReturns: opts.assumeReturns }) });
  const d = matrixData(m);
  for (let k = 0; k < d.length; k++) {
    if ((d[k] as number) < -1) {
      const where = series ? `entry ${Math.floor(k / m.cols)}` : `entry (${Math.floor(k / m.cols)}, ${k % m.cols})`;
      throw new InvalidArgumentError(`${fn}: \`returns\` must be simple returns ≥ −1, but ${where} is ${d[k]}.`, 'returns', d[k]);
    }
  }
  const out = cumulativeReturnsKernel(d, m.rows, m.cols);
  return series ? firstColumn(out, m.rows, 1) : wrapMatrix(m.rows, m.cols, out);
}
