/**
 * Nearest correlation matrix by alternating projections (Higham 2002).
 *
 * @module
 */
import { toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { checkInteger, checkOptions, checkRange } from '../core/validate.ts';
import { readSymmetric } from './gram-kernel.ts';
import { frobeniusDistance, higham } from './spectral-kernel.ts';

/** Options of {@link nearestCorrelation}. */
export interface NearestCorrelationOptions {
  /** Convergence tolerance on the relative changes of X and Y and on ‖X − Y‖_F / ‖Y‖_F. Default 1e-10. */
  tol?: number;
  /** Iteration cap. Default 1000. */
  maxIterations?: number;
  /** Positive weights w (length n): distances are measured in the W-norm ‖W^½ (A − X) W^½‖_F, W = diag(w) (Higham 2002 §3). Default all ones. */
  weights?: VectorLike;
  /** Floor on the eigenvalues of the result (projection onto {X ⪰ δ I}); in [0, 1). Default 0. */
  minEigenvalue?: number;
}

/** Result of {@link nearestCorrelation}. */
export interface NearestCorrelationResult {
  /** The nearest correlation matrix: symmetric, unit diagonal (exactly), positive semidefinite. */
  correlation: Matrix;
  /** Iterations performed. */
  iterations: number;
  /** Whether the tolerance was met within `maxIterations`. */
  converged: boolean;
  /** ‖X − A‖_F: how far the input was moved (unweighted Frobenius norm). */
  distance: number;
  /** ‖X_k − Y_k‖_F at the last iteration: the gap between the PSD and unit-diagonal iterates. */
  residual: number;
  /** Smallest eigenvalue of the returned matrix. */
  smallestEigenvalue: number;
}

/**
 * Nearest correlation matrix to a symmetric matrix A (Higham 2002, "Computing the nearest
 * correlation matrix — a problem from finance", IMA J. Numer. Anal. 22, Algorithm 3.3):
 * alternating projections onto the positive semidefinite cone (eigenvalues clipped at
 * `minEigenvalue`, in the W-norm when `weights` are given) and onto the unit-diagonal matrices,
 * with Dykstra's correction applied to the PSD step. Stops when the relative changes of both
 * iterates and their relative gap are all ≤ `tol`, or after `maxIterations` (then
 * `converged: false`; the result is still a valid correlation matrix). The returned matrix is
 * the last PSD iterate X_k rescaled to an exactly unit diagonal (D^−½ X_k D^−½), so it is
 * symmetric PSD with ones on the diagonal.
 *
 * Method: from n = 200, when at most min(n / 10, 64) eigenvalues of an iterate lie below the
 * floor, only those eigenpairs are computed (Lanczos) and the projection is R + Σ (δ − λ) v vᵀ;
 * otherwise a full symmetric eigendecomposition per iteration.
 *
 * @param matrix an n x n symmetric matrix (e.g. an invalid estimated or stressed correlation).
 * @throws {DimensionError} when not square, empty, or `weights` has the wrong length.
 * @throws {InvalidArgumentError} when not symmetric, not finite, an unknown option, `tol` ≤ 0, `maxIterations` < 1, a weight ≤ 0, or `minEigenvalue` outside [0, 1).
 * @throws {SizeLimitError} beyond the size cap: n ≤ SIZE_CAPS.denseAssets (5,000) assets (an O(n³) eigendecomposition).
 * @throws {ConvergenceError} if the symmetric eigenvalue iteration stalls (not seen in practice).
 * @example
 * ```ts
 * import { nearestCorrelation } from 'quantivista/covariance';
 * const { correlation, converged } = nearestCorrelation([[1, 1, 0], [1, 1, 1], [0, 1, 1]]);
 * console.log(converged, correlation.get(0, 1).toFixed(4)); // true 0.7607
 * ```
 */
export function nearestCorrelation(matrix: MatrixLike, options?: NearestCorrelationOptions): NearestCorrelationResult {
  const fn = 'nearestCorrelation';
  const opts = checkOptions(fn, options, ['tol', 'maxIterations', 'weights', 'minEigenvalue']);
  const { a, n } = readSymmetric(fn, 'matrix', matrix);
  const tol = opts.tol === undefined ? 1e-10 : checkRange(fn, 'tol', opts.tol, { min: 0, minOpen: true });
  const maxIterations = opts.maxIterations === undefined ? 1000 : checkInteger(fn, 'maxIterations', opts.maxIterations, 1);
  const floor = opts.minEigenvalue === undefined ? 0 : checkRange(fn, 'minEigenvalue', opts.minEigenvalue, { min: 0, max: 1, maxOpen: true });
  let w: Float64Array | undefined;
  if (opts.weights !== undefined) {
    w = toVector(opts.weights, fn, 'weights');
    if (w.length !== n) throw new DimensionError(`${fn}: \`weights\` must have ${n} entries, got ${w.length}.`);
    for (let i = 0; i < n; i++) {
      if (!(w[i] > 0)) throw new InvalidArgumentError(`${fn}: \`weights\` must be positive, but entry ${i} is ${w[i]}.`, 'weights', w[i]);
    }
  }
  const out = higham(a, n, tol, maxIterations, floor, w, fn);
  return {
    correlation: wrapMatrix(n, n, out.x),
    iterations: out.iterations,
    converged: out.converged,
    distance: frobeniusDistance(out.x, a),
    residual: out.residual,
    smallestEigenvalue: out.smallest,
  };
}
