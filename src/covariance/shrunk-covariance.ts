/**
 * Fixed-intensity shrinkage towards the scaled identity.
 *
 * @module
 */
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { withLabels } from './gram-kernel.ts';
import { identityShrinkageInput, shrinkToIdentity } from './identity-shrinkage.ts';

/** Options of {@link shrunkCovariance}. */
export interface ShrunkCovarianceOptions {
  /** Shrinkage intensity δ in [0, 1]; default 0.1 (scikit-learn's default). */
  shrinkage?: number;
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /** Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a table; `'drop'` drops every incomplete row (`observations` = rows kept). */
  missing?: 'error' | 'drop';
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link shrunkCovariance}. */
export interface ShrunkCovarianceResult {
  /** (1 − δ) S + δ μ I, per period. */
  covariance: Matrix;
  /** The intensity δ used. */
  shrinkage: number;
  /** μ = trace(S) / n. */
  mu: number;
  /** Number of periods T. */
  observations: number;
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = shrunk covariance of assets a and b, when `assets` was given. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Shrinkage with a fixed intensity: Σ = (1 − δ) S + δ μ I, where S = XᵀX / T is the 1/T
 * (maximum-likelihood) covariance of the centred returns and μ = trace(S) / n — exactly
 * scikit-learn's `ShrunkCovariance(shrinkage=δ)` (default δ = 0.1). Per period, never
 * annualised. With δ > 0 the result is positive definite even with more assets than periods
 * (unless every asset is constant).
 *
 * Missing values: a NaN / `null` throws (naming the asset and date of a table) unless
 * `missing: 'drop'`, which keeps the complete rows (`observations` = rows kept). `'pairwise'` is
 * refused: the shrinkage intensity needs whole rows. A table labels the result with its assets.
 *
 * @param returns T x n returns, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2. @throws {DimensionError} on ragged rows.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), `missing: 'pairwise'`, ±Infinity, prices where returns belong, an unknown option, or `shrinkage` outside [0, 1].
 * @example
 * ```ts
 * import { shrunkCovariance } from 'quantivista/covariance';
 * const { covariance } = shrunkCovariance([[0.01, 0.0], [-0.01, 0.0]], { shrinkage: 0.5 });
 * console.log(covariance.toArray()); // [[0.000075, 0], [0, 0.000025]]
 * ```
 */
export function shrunkCovariance(returns: MatrixLike | TableLike, options?: ShrunkCovarianceOptions): ShrunkCovarianceResult {
  const fn = 'shrunkCovariance';
  const opts = checkOptions(fn, options, ['shrinkage', 'assets', 'missing', 'assumeReturns']);
  const delta = opts.shrinkage === undefined ? 0.1 : checkRange(fn, 'shrinkage', opts.shrinkage, { min: 0, max: 1 });
  const { S, mu, T, n, assets } = identityShrinkageInput(fn, returns, opts);
  const cov = shrinkToIdentity(S, n, delta, mu);
  const result: ShrunkCovarianceResult = { covariance: wrapMatrix(n, n, cov), shrinkage: delta, mu, observations: T };
  return withLabels(result, assets, cov);
}
