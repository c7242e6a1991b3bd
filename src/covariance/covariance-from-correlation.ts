/**
 * Correlation + volatilities → covariance.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { readSymmetric } from './gram-kernel.ts';
import { guardFinite } from './overflow-guard.ts';

/** Result of {@link covarianceFromCorrelation}. */
export interface CovarianceFromCorrelationResult {
  /** Σ_ij = σ_i C_ij σ_j, in the period of the volatilities. */
  covariance: Matrix;
}

/**
 * Covariance from a correlation matrix and volatilities: Σ = D C D with D = diag(σ).
 * The correlation must be symmetric (to 1e-10), have a unit diagonal (to 1e-10) and entries in
 * [−1, 1] (to 1e-10); the volatilities must be finite and ≥ 0. Σ's diagonal is exactly σ_i².
 *
 * @param correlation n x n correlation matrix.
 * @param volatilities n standard deviations, in the period wanted for Σ.
 * @throws {DimensionError} when not square, empty, or the lengths disagree.
 * @throws {InvalidArgumentError} when not symmetric, not finite, the diagonal is not 1, an entry is outside [−1, 1], a volatility is negative, or a covariance σ_i C_ij σ_j overflows double precision (volatilities near 1e154 or above).
 * @example
 * ```ts
 * import { covarianceFromCorrelation } from 'quantivista/covariance';
 * const { covariance } = covarianceFromCorrelation([[1, 0.5], [0.5, 1]], [0.2, 0.1]);
 * console.log(covariance.toArray()); // [[0.04, 0.01], [0.01, 0.01]]
 * ```
 */
export function covarianceFromCorrelation(correlation: MatrixLike, volatilities: VectorLike): CovarianceFromCorrelationResult {
  const fn = 'covarianceFromCorrelation';
  const { a, n } = readSymmetric(fn, 'correlation', correlation);
  const sd = toVector(volatilities, fn, 'volatilities');
  if (sd.length !== n) throw new DimensionError(`${fn}: \`volatilities\` must have ${n} entries (one per row of \`correlation\`), got ${sd.length}.`);
  for (let i = 0; i < n; i++) {
    if (sd[i] < 0) throw new InvalidArgumentError(`${fn}: \`volatilities\` must be ≥ 0, but entry ${i} is ${sd[i]}.`, 'volatilities', sd[i]);
    const d = a[i * n + i];
    if (Math.abs(d - 1) > 1e-10)
      throw new InvalidArgumentError(`${fn}: \`correlation\` must have a unit diagonal, but entry (${i}, ${i}) is ${d}.`, 'correlation', {
        index: i,
        value: d,
      });
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const si = sd[i];
    out[i * n + i] = si * si;
    for (let j = i + 1; j < n; j++) {
      const r = a[i * n + j];
      if (Math.abs(r) > 1 + 1e-10)
        throw new InvalidArgumentError(`${fn}: \`correlation\` entries must lie in [-1, 1], but entry (${i}, ${j}) is ${r}.`, 'correlation', {
          i,
          j,
          value: r,
        });
      const v = si * r * sd[j];
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  guardFinite(fn, 'the covariance', out, [['volatilities', sd]], 'give volatilities as decimal fractions per period (0.2 = 20 %)');
  return { covariance: wrapMatrix(n, n, out) };
}
