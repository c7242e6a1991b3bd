/**
 * The sample covariance matrix.
 *
 * @module
 */
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { columnMeans, gramRows, readMissing, withLabels } from './gram-kernel.ts';
import { psdReport, type PairwiseReport } from './pairwise-report.ts';
import { pairwiseSample, readSampleRows } from './sample-input.ts';

/** Options of {@link sampleCovariance}. */
export interface SampleCovarianceOptions {
  /** Delta degrees of freedom: the divisor is T − ddof. Default 1 (unbiased); 0 gives the 1/T maximum-likelihood estimate. Integer in [0, T − 1]. */
  ddof?: number;
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /**
   * Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a
   * table; `'drop'` drops every incomplete row; `'pairwise'` uses, for each pair, the periods
   * where both are present (pandas `DataFrame.cov(min_periods=...)`).
   */
  missing?: 'error' | 'drop' | 'pairwise';
  /** `'pairwise'` only: fewest common periods a pair (and an asset) needs; integer ≥ 2 and > ddof, default max(2, ddof + 1). */
  minPeriods?: number;
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link sampleCovariance}. */
export interface SampleCovarianceResult extends PairwiseReport {
  /** The n x n covariance matrix, per period. */
  covariance: Matrix;
  /** The column means that were subtracted, per period (`'pairwise'`: each column's mean over its own periods). */
  means: number[];
  /** Number of periods: T, or the rows kept with `missing: 'drop'`. */
  observations: number;
  /** The ddof used (divisor T − ddof; `'pairwise'`: N_ij − ddof). */
  ddof: number;
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = covariance of assets a and b, when labels are known. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Sample covariance of a T x n returns matrix or `ReturnTable` (rows are periods, columns
 * assets): S = (1 / (T − ddof)) · Σ_t (r_t − r̄)(r_t − r̄)ᵀ, per period (never annualised), with
 * `ddof = 1` by default (as `numpy.cov` and pandas `DataFrame.cov`). A table labels the result
 * with its assets.
 *
 * The data are centred (compensated column means), transposed once into an asset-major
 * buffer and multiplied by a blocked 4 x 4 kernel that computes only the upper triangle.
 *
 * Missing values: by default a NaN / `null` throws (naming the asset and date when the input is a
 * table); `missing: 'drop'` keeps only complete rows (`observations` = rows kept);
 * `missing: 'pairwise'` follows pandas `DataFrame.cov(min_periods=minPeriods)`: entry (i, j) uses
 * the N_ij periods where both assets are present, centred on that pair's own means, divided by
 * N_ij − ddof, and the diagonal uses each asset's own periods. `minPeriods` defaults to 2 (pandas'
 * default accepts one observation, whose covariance is undefined); a pair below it throws rather
 * than leaving a NaN. The result then reports `pairCounts`, `minPairCount` and `psd`: a pairwise
 * matrix mixes different periods and need not be positive semidefinite, in which case `psd` is
 * false and `minEigenvalue` tells by how much. It is never repaired behind your back: pass it to
 * `nearestPositiveDefinite` when an optimiser needs a positive semidefinite matrix. Without
 * missing values, `'pairwise'` gives the same bits as the default.
 *
 * @param returns T x n returns or a ReturnTable, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2 (after dropping rows), or with `'pairwise'` when a pair has fewer than `minPeriods` common periods (naming the pair).
 * @throws {DimensionError} on ragged rows or a label count mismatch.
 * @throws {InvalidArgumentError} on NaN / `null` (with `missing: 'error'`), ±Infinity, prices where returns belong, an unknown option, `ddof` outside [0, T − 1], or `minPeriods` without `'pairwise'`.
 * @example
 * ```ts
 * import { sampleCovariance } from 'quantivista/covariance';
 * const { covariance } = sampleCovariance([[0.01, 0.02], [0.03, -0.01], [-0.01, 0.02]]);
 * console.log(covariance.get(0, 0)); // 0.0004
 * // B lists one period late: pairwise, (A, B) uses the last two periods only (as pandas)
 * const r = [[0.01, NaN], [0.03, -0.01], [-0.01, 0.02]];
 * const p = sampleCovariance(r, { missing: 'pairwise', assets: ['A', 'B'] });
 * console.log(p.labelled?.A?.B, p.labelled?.B?.B, p.minPairCount); // -0.0006 0.00045 2
 * // A's variance uses all three periods, the pair only two: the matrix is not PSD
 * console.log(p.psd, p.minEigenvalue?.toFixed(8)); // false '-0.00017552'
 * ```
 */
export function sampleCovariance(returns: MatrixLike | TableLike, options?: SampleCovarianceOptions): SampleCovarianceResult {
  const fn = 'sampleCovariance';
  const opts = checkOptions(fn, options, ['ddof', 'assets', 'missing', 'minPeriods', 'assumeReturns']);
  const missing = readMissing(fn, opts.missing, ['error', 'drop', 'pairwise'] as const);
  if (missing === 'pairwise') return pairwiseCovariance(fn, returns, opts);
  const { data, T, n, ddof, assets } = readSampleRows(fn, returns, opts, missing);
  const means = columnMeans(data, T, n);
  const cov = gramRows(data, T, n, means, 1 / (T - ddof));
  const result: SampleCovarianceResult = { covariance: wrapMatrix(n, n, cov), means: Array.from(means), observations: T, ddof };
  return withLabels(result, assets, cov);
}

function pairwiseCovariance(fn: string, returns: MatrixLike | TableLike, opts: SampleCovarianceOptions): SampleCovarianceResult {
  const { pw, T, n, ddof, assets } = pairwiseSample(fn, returns, opts, false);
  const report = psdReport(pw.cov, n);
  const result: SampleCovarianceResult = {
    covariance: wrapMatrix(n, n, pw.cov),
    means: Array.from(pw.means),
    observations: T,
    ddof,
    pairCounts: wrapMatrix(n, n, pw.counts),
    minPairCount: pw.minPairCount,
    ...report,
  };
  return withLabels(result, assets, pw.cov);
}
