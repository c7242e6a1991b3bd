/**
 * The sample covariance matrix.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';
import { gramRows, labelMatrix, readAssets, readReturns, columnMeans } from './gram-kernel.ts';

/** Options of {@link sampleCovariance}. */
export interface SampleCovarianceOptions {
  /** Delta degrees of freedom: the divisor is T − ddof. Default 1 (unbiased); 0 gives the 1/T maximum-likelihood estimate. Integer in [0, T − 1]. */
  ddof?: number;
  /** Optional asset labels (one per column); the result then also carries `labelled`. */
  assets?: readonly string[];
}

/** Result of {@link sampleCovariance}. */
export interface SampleCovarianceResult {
  /** The n x n covariance matrix, per period. */
  covariance: Matrix;
  /** The column means that were subtracted, per period. */
  means: number[];
  /** Number of periods T. */
  observations: number;
  /** The ddof used (divisor T − ddof). */
  ddof: number;
  /** Asset labels, when given. */
  assets?: string[];
  /** `labelled[a][b]` = covariance of assets a and b, when `assets` was given. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Sample covariance of a T x n returns matrix (rows are periods, columns assets):
 * S = (1 / (T − ddof)) · Σ_t (r_t − r̄)(r_t − r̄)ᵀ, per period (never annualised), with
 * `ddof = 1` by default (as `numpy.cov` and pandas `DataFrame.cov`).
 *
 * The data are centred (compensated column means), transposed once into an asset-major
 * buffer and multiplied by a blocked 4 x 4 kernel that computes only the upper triangle.
 * No NaN is accepted: missing values throw (clean or drop rows first).
 *
 * @param returns T x n returns, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2. @throws {DimensionError} on ragged rows.
 * @throws {InvalidArgumentError} on NaN / ±Infinity, an unknown option, or `ddof` outside [0, T − 1].
 * @example
 * ```ts
 * import { sampleCovariance } from 'quantivista/covariance';
 * const { covariance } = sampleCovariance([[0.01, 0.02], [0.03, -0.01], [-0.01, 0.02]]);
 * console.log(covariance.get(0, 0)); // 0.0004
 * ```
 */
export function sampleCovariance(returns: MatrixLike, options?: SampleCovarianceOptions): SampleCovarianceResult {
  const fn = 'sampleCovariance';
  const opts = checkOptions(fn, options, ['ddof', 'assets']);
  const { data, T, n } = readReturns(fn, returns);
  const ddof = opts.ddof === undefined ? 1 : checkInteger(fn, 'ddof', opts.ddof, 0);
  if (ddof >= T) {
    throw new InvalidArgumentError(`${fn}: \`ddof\` (${ddof}) must be below the number of periods (${T}).`, 'ddof', ddof);
  }
  const assets = readAssets(fn, opts.assets, n);
  const means = columnMeans(data, T, n);
  const cov = gramRows(data, T, n, means, 1 / (T - ddof));
  const result: SampleCovarianceResult = { covariance: wrapMatrix(n, n, cov), means: Array.from(means), observations: T, ddof };
  if (assets) {
    result.assets = assets;
    result.labelled = labelMatrix(assets, cov);
  }
  return result;
}
