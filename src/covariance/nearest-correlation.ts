/**
 * Nearest correlation matrix by alternating projections (Higham 2002).
 *
 * @module
 */
import { symmetricEigenKernel } from '../core/linalg.ts';
import { toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { checkInteger, checkOptions, checkRange } from '../core/validate.ts';
import { readSymmetric } from './gram-kernel.ts';
import { frobeniusDistance, frobeniusNorm, reconstruct } from './spectral-kernel.ts';

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
 * @param matrix an n x n symmetric matrix (e.g. an invalid estimated or stressed correlation).
 * @throws {DimensionError} when not square, empty, or `weights` has the wrong length.
 * @throws {InvalidArgumentError} when not symmetric, not finite, an unknown option, `tol` ≤ 0, `maxIterations` < 1, a weight ≤ 0, or `minEigenvalue` outside [0, 1).
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
      if (!((w[i] as number) > 0)) throw new InvalidArgumentError(`${fn}: \`weights\` must be positive, but entry ${i} is ${w[i]}.`, 'weights', w[i]);
    }
  }
  const out = higham(a, n, tol, maxIterations, floor, w);
  return {
    correlation: wrapMatrix(n, n, out.x),
    iterations: out.iterations,
    converged: out.converged,
    distance: frobeniusDistance(out.x, a),
    residual: out.residual,
    smallestEigenvalue: out.smallest,
  };
}

/** Projection onto {X ⪰ δ I} in the W-norm (W = diag(w)). */
function projectPSD(r: Float64Array, n: number, floor: number, sw: Float64Array | undefined): Float64Array {
  let m = r;
  if (sw) {
    m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = (sw[i] as number) * (r[i * n + j] as number) * (sw[j] as number);
  }
  const { values, vectors } = symmetricEigenKernel(m, n);
  for (let k = 0; k < n; k++) values[k] = Math.max(values[k] as number, floor);
  const p = reconstruct(values, vectors, n);
  if (sw) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) p[i * n + j] = (p[i * n + j] as number) / ((sw[i] as number) * (sw[j] as number));
  }
  return p;
}

/**
 * Higham (2002) Algorithm 3.3 with Dykstra's correction. Exported for nearestPositiveDefinite.
 * @internal
 */
export function higham(
  a: Float64Array,
  n: number,
  tol: number,
  maxIterations: number,
  floor: number,
  w?: Float64Array,
): { x: Float64Array; iterations: number; converged: boolean; residual: number; smallest: number } {
  const sw = w ? Float64Array.from(w, Math.sqrt) : undefined;
  const dS = new Float64Array(n * n);
  let y: Float64Array = Float64Array.from(a); // Y_0 = A
  let x: Float64Array = new Float64Array(n * n);
  let xOld: Float64Array = new Float64Array(n * n);
  let yOld: Float64Array = Float64Array.from(y);
  let iterations = 0;
  let converged = false;
  let residual = Infinity;
  const r = new Float64Array(n * n);
  while (iterations < maxIterations) {
    iterations++;
    for (let k = 0; k < n * n; k++) r[k] = (y[k] as number) - (dS[k] as number);
    x = projectPSD(r, n, floor, sw);
    for (let k = 0; k < n * n; k++) dS[k] = (x[k] as number) - (r[k] as number);
    y = Float64Array.from(x);
    for (let i = 0; i < n; i++) y[i * n + i] = 1;
    residual = frobeniusDistance(x, y);
    const ny = frobeniusNorm(y);
    const dx = frobeniusDistance(x, xOld) / frobeniusNorm(x);
    const dy = frobeniusDistance(y, yOld) / ny;
    if (Math.max(dx, dy, residual / ny) <= tol) {
      converged = true;
      break;
    }
    xOld = x;
    yOld = y;
  }
  // rescale the PSD iterate to an exactly unit diagonal: stays PSD, ones on the diagonal
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = 1 / Math.sqrt(Math.max(x[i * n + i] as number, Number.MIN_VALUE));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const v = Math.max(-1, Math.min(1, (d[i] as number) * (x[i * n + j] as number) * (d[j] as number)));
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  const smallest = symmetricEigenKernel(out, n).values[0] as number;
  return { x: out, iterations, converged, residual, smallest };
}
