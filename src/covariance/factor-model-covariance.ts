/**
 * Covariance implied by a linear factor model.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { eigenvaluesKernel } from '../core/symmetric-eigen.ts';
import { matrixData, toMatrix, toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { readSymmetric } from './gram-kernel.ts';
import { guardFinite } from './overflow-guard.ts';

const FACTOR_HINT = 'exposures are betas (order 1) and variances are per-period decimal fractions squared';

/** Result of {@link factorModelCovariance}. */
export interface FactorModelCovarianceResult {
  /** Σ = B F Bᵀ + D, n x n, in the period of F and D. */
  covariance: Matrix;
  /** diag(B F Bᵀ): each asset's systematic variance. */
  systematicVariances: number[];
  /** diag(D): each asset's specific variance (as given). */
  specificVariances: number[];
}

/**
 * Covariance of a linear factor model r = B f + ε: Σ = B F Bᵀ + D, with exposures B (n x k),
 * factor covariance F (k x k, symmetric) and D = diag(specific variances). Σ is symmetric by
 * construction (upper triangle computed and mirrored) and positive semidefinite when F is PSD
 * and D ≥ 0 (positive definite when moreover every specific variance is > 0). Units: those of
 * F and D (per period if they are).
 *
 * @param exposures n x k factor exposures (betas / loadings).
 * @param factorCovariance k x k factor covariance.
 * @param specificVariances n idiosyncratic variances, ≥ 0.
 * @throws {DimensionError} when the shapes disagree or F is not square. @throws {InvalidArgumentError} on NaN / ±Infinity, an asymmetric or indefinite F (smallest eigenvalue < −1e-12 · largest |eigenvalue|), a negative specific variance, or a covariance that overflows double precision (entries near 1e154 or above).
 * @throws {SizeLimitError} beyond the size cap: k ≤ SIZE_CAPS.denseAssets (5,000) factors (the factor covariance's eigenvalues are computed).
 * @throws {ConvergenceError} if the symmetric eigenvalue iteration stalls (not seen in practice).
 * @example
 * ```ts
 * import { factorModelCovariance } from 'quantivista/covariance';
 * const { covariance } = factorModelCovariance([[1], [0.5]], [[0.04]], [0.01, 0.02]);
 * console.log(covariance.toArray()); // [[0.05, 0.02], [0.02, 0.03]]
 * ```
 */
export function factorModelCovariance(exposures: MatrixLike, factorCovariance: MatrixLike, specificVariances: VectorLike): FactorModelCovarianceResult {
  const fn = 'factorModelCovariance';
  const B = toMatrix(exposures, fn, 'exposures');
  const n = B.rows;
  const k = B.cols;
  if (n === 0 || k === 0) throw new DimensionError(`${fn}: \`exposures\` must be a non-empty n x k matrix, got ${n} x ${k}.`);
  const { a: F, n: kf } = readSymmetric(fn, 'factorCovariance', factorCovariance);
  if (kf !== k) throw new DimensionError(`${fn}: \`factorCovariance\` must be ${k} x ${k} (one row per column of \`exposures\`), got ${kf} x ${kf}.`);
  // F must be a covariance (PSD): otherwise BFBᵀ + D can have negative variances. k is small.
  const ev = eigenvaluesKernel(F, k, fn);
  const lmax = Math.max(Math.abs(ev[0]), Math.abs(ev[k - 1]));
  if (ev[0] < -1e-12 * lmax) {
    throw new InvalidArgumentError(
      `${fn}: \`factorCovariance\` must be positive semidefinite, but its smallest eigenvalue is ${ev[0]}.`,
      'factorCovariance',
      ev[0],
    );
  }
  const d = toVector(specificVariances, fn, 'specificVariances');
  if (d.length !== n) throw new DimensionError(`${fn}: \`specificVariances\` must have ${n} entries (one per row of \`exposures\`), got ${d.length}.`);
  for (let i = 0; i < n; i++) {
    if (d[i] < 0) throw new InvalidArgumentError(`${fn}: \`specificVariances\` must be ≥ 0, but entry ${i} is ${d[i]}.`, 'specificVariances', d[i]);
  }
  const b = matrixData(B);
  // G = B F (n x k), then Σ_ij = G_i · B_j
  const G = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < k; q++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += b[i * k + p] * F[p * k + q];
      G[i * k + q] = s;
    }
  }
  const cov = new Float64Array(n * n);
  const sys = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += G[i * k + q] * b[j * k + q];
      if (i === j) {
        sys[i] = s;
        s += d[i];
      }
      cov[i * n + j] = s;
      cov[j * n + i] = s;
    }
  }
  guardFinite(
    fn,
    'the covariance',
    cov,
    [
      ['exposures', b],
      ['factorCovariance', F],
      ['specificVariances', d],
    ],
    FACTOR_HINT,
  );
  return { covariance: wrapMatrix(n, n, cov), systematicVariances: sys, specificVariances: Array.from(d) };
}
