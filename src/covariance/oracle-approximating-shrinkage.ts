/**
 * Oracle Approximating Shrinkage (Chen, Wiesel, Eldar & Hero 2010), as scikit-learn computes it.
 *
 * @module
 */
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { frobeniusSquared, withLabels } from './gram-kernel.ts';
import { identityShrinkageInput, shrinkToIdentity } from './identity-shrinkage.ts';

/** Options of {@link oracleApproximatingShrinkage}. */
export interface OracleApproximatingShrinkageOptions {
  /** Asset labels (one per column); the result then also carries `labelled`. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /** Missing values (NaN / `null`): `'error'` (default) throws, naming the asset and date of a table; `'drop'` drops every incomplete row (`observations` = rows kept). */
  missing?: 'error' | 'drop';
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link oracleApproximatingShrinkage}. */
export interface OracleApproximatingShrinkageResult {
  /** The shrunk covariance (1 − δ) S + δ μ I, per period. */
  covariance: Matrix;
  /** The shrinkage intensity δ in [0, 1]. */
  shrinkage: number;
  /** μ = trace(S) / n, the scale of the identity target. */
  mu: number;
  /** Number of periods T. */
  observations: number;
  /** Asset labels, when given or read from a table. */
  assets?: string[];
  /** `labelled[a][b]` = shrunk covariance of assets a and b, when `assets` was given. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Oracle Approximating Shrinkage towards the scaled identity: Σ = (1 − δ) S + δ μ I with
 * S = XᵀX / T the 1/T covariance of the centred returns, μ = trace(S) / n and, exactly as
 * scikit-learn's `OAS` computes it (version 1.2.1 made the reference fixtures),
 * δ = min(1, (α + μ²) / ((T + 1)(α − μ² / n))), α = mean of the squared entries of S
 * (δ = 1 when the denominator is 0). This is Chen et al. (2010), "Shrinkage algorithms for MMSE
 * covariance estimation", IEEE Trans. Signal Processing 58, eq. (23) without the (1 − 2/n) and
 * 2/n factors that scikit-learn drops (negligible for large n). Per period, never annualised.
 * Stays positive definite with more assets than periods (δ > 0 there).
 *
 * Missing values: a NaN / `null` throws (naming the asset and date of a table) unless
 * `missing: 'drop'`, which keeps the complete rows (`observations` = rows kept). `'pairwise'` is
 * refused: the shrinkage intensity needs whole rows. A table labels the result with its assets.
 *
 * @param returns T x n returns, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2. @throws {DimensionError} on ragged rows.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), `missing: 'pairwise'`, ±Infinity, prices where returns belong, or an unknown option.
 * @example
 * ```ts
 * import { oracleApproximatingShrinkage } from 'quantivista/covariance';
 * const r = [[0.01, 0.02, -0.01], [0.03, -0.01, 0.0], [-0.01, 0.02, 0.02], [0.0, 0.01, -0.02]];
 * const { shrinkage } = oracleApproximatingShrinkage(r);
 * console.log(shrinkage > 0 && shrinkage <= 1); // true
 * ```
 */
export function oracleApproximatingShrinkage(
  returns: MatrixLike | TableLike,
  options?: OracleApproximatingShrinkageOptions,
): OracleApproximatingShrinkageResult {
  const fn = 'oracleApproximatingShrinkage';
  const opts = checkOptions(fn, options, ['assets', 'missing', 'assumeReturns']);
  const { S, mu, T, n, assets } = identityShrinkageInput(fn, returns, opts);
  const alpha = frobeniusSquared(S) / (n * n);
  const num = alpha + mu * mu;
  const den = (T + 1) * (alpha - (mu * mu) / n);
  const delta = den === 0 ? 1 : Math.max(0, Math.min(num / den, 1));
  const cov = shrinkToIdentity(S, n, delta, mu);
  const result: OracleApproximatingShrinkageResult = { covariance: wrapMatrix(n, n, cov), shrinkage: delta, mu, observations: T };
  return withLabels(result, assets, cov);
}
