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
 * to [−1, 1] when they exceed it by rounding (at most 1e-10); a larger excess means the input is
 * not a covariance matrix and throws. The input must be symmetric (to 1e-10 of its largest entry;
 * the upper triangle is read) with positive diagonal. Positive semidefiniteness is not otherwise
 * checked (see `covarianceDiagnostics`).
 *
 * @param covariance an n x n symmetric matrix with positive diagonal.
 * @throws {DimensionError} when not square or empty. @throws {InvalidArgumentError} when not symmetric, not finite, a variance is ≤ 0, or some |Σ_ij| > σ_i σ_j (a correlation beyond ±1).
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
    const v = a[i * n + i];
    if (!(v > 0))
      throw new InvalidArgumentError(`${fn}: \`covariance\` must have a positive diagonal, but variance ${i} is ${v}.`, 'covariance', {
        index: i,
        variance: v,
      });
    sd[i] = Math.sqrt(v);
  }
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    c[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const raw = a[i * n + j] / (sd[i] * sd[j]);
      // |Σ_ij| > σ_i σ_j cannot happen in a covariance matrix (its 2 x 2 minor would be negative):
      // only rounding may push the ratio past ±1, so clamp that and reject the rest.
      if (!(Math.abs(raw) <= 1 + 1e-10)) {
        throw new InvalidArgumentError(
          `${fn}: \`covariance\` is not positive semidefinite: |Σ(${i}, ${j})| = ${Math.abs(a[i * n + j])} exceeds σ_${i}σ_${j} = ${sd[i] * sd[j]} (correlation ${raw}).`,
          'covariance',
          { row: i, col: j, correlation: raw },
        );
      }
      const r = Math.max(-1, Math.min(1, raw));
      c[i * n + j] = r;
      c[j * n + i] = r;
    }
  }
  return { correlation: wrapMatrix(n, n, c), volatilities: Array.from(sd) };
}
