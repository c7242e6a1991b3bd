/**
 * Covariance → correlation.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { readSymmetric } from './gram-kernel.ts';

/** Result of {@link correlationFromCovariance}. */
export interface CorrelationFromCovarianceResult {
  /** The correlation matrix: unit diagonal (exactly 1), C_ij = Σ_ij / (σ_i σ_j). */
  correlation: Matrix;
  /** The volatilities σ_i = √Σ_ii, per period. */
  volatilities: number[];
}

/**
 * Correlation matrix and volatilities of a covariance matrix: σ_i = √Σ_ii and
 * C_ij = Σ_ij / (σ_i σ_j), with the diagonal set to exactly 1 and off-diagonal entries clamped
 * to [−1, 1] (they can exceed it by rounding only). The input must be symmetric (to 1e-10 of its
 * largest entry; the upper triangle is read) with positive diagonal.
 *
 * @param covariance an n x n symmetric matrix with positive diagonal.
 * @throws {DimensionError} when not square or empty. @throws {InvalidArgumentError} when not symmetric, not finite, or a variance is ≤ 0.
 * @example
 * ```ts
 * import { correlationFromCovariance } from 'quantivista/covariance';
 * const { correlation, volatilities } = correlationFromCovariance([[0.04, 0.006], [0.006, 0.01]]);
 * console.log(volatilities, correlation.get(0, 1)); // [0.2, 0.1] 0.3
 * ```
 */
export function correlationFromCovariance(covariance: MatrixLike): CorrelationFromCovarianceResult {
  const fn = 'correlationFromCovariance';
  const { a, n } = readSymmetric(fn, 'covariance', covariance);
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = a[i * n + i] as number;
    if (!(v > 0)) throw new InvalidArgumentError(`${fn}: \`covariance\` must have a positive diagonal, but variance ${i} is ${v}.`, 'covariance', { index: i, variance: v });
    sd[i] = Math.sqrt(v);
  }
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    c[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const r = Math.max(-1, Math.min(1, (a[i * n + j] as number) / ((sd[i] as number) * (sd[j] as number))));
      c[i * n + j] = r;
      c[j * n + i] = r;
    }
  }
  return { correlation: wrapMatrix(n, n, c), volatilities: Array.from(sd) };
}
