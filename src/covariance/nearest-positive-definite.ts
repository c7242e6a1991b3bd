/**
 * Repair of a covariance matrix that is not positive definite.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { symmetricEigenKernel } from '../core/linalg.ts';
import { eigenvaluesKernel } from '../core/symmetric-eigen.ts';
import { wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { checkInteger, checkOneOf, checkOptions, checkRange } from '../core/validate.ts';
import { readSymmetric } from './gram-kernel.ts';
import { guardFinite, type GuardInput } from './overflow-guard.ts';
import { clipBelowFloor, frobeniusDistance, higham, reconstruct } from './spectral-kernel.ts';

/** Repair methods of {@link nearestPositiveDefinite}. */
export type PositiveDefiniteRepair = 'clip' | 'higham';

/** Options of {@link nearestPositiveDefinite}. */
export interface NearestPositiveDefiniteOptions {
  /** `'clip'` (default): raise eigenvalues to a floor; `'higham'`: keep the variances, repair the correlation (Higham 2002). */
  method?: PositiveDefiniteRepair;
  /**
   * Eigenvalue floor. `'clip'`: in covariance units, default 1e-8 · trace(Σ) / n.
   * `'higham'`: on the correlation matrix, in [0, 1), default 1e-8.
   */
  minEigenvalue?: number;
  /** `'higham'` only: convergence tolerance (default 1e-10) of the alternating projections. */
  tol?: number;
  /** `'higham'` only: iteration cap (default 1000). */
  maxIterations?: number;
}

/** Result of {@link nearestPositiveDefinite}. */
export interface NearestPositiveDefiniteResult {
  /** The repaired (or unchanged) covariance. */
  covariance: Matrix;
  /** The method used. */
  method: PositiveDefiniteRepair;
  /** Whether anything was changed (false when the input already had every eigenvalue at or above the floor). */
  changed: boolean;
  /** How many eigenvalues were below the floor (of Σ for `'clip'`, of its correlation for `'higham'`). */
  eigenvaluesClipped: number;
  /** The floor applied. */
  minEigenvalue: number;
  /** Smallest eigenvalue of the input. */
  smallestEigenvalueBefore: number;
  /** Smallest eigenvalue of the result. */
  smallestEigenvalueAfter: number;
  /** ‖Σ_repaired − Σ‖_F. */
  distance: number;
  /** Alternating-projection iterations (`'higham'`; 0 for `'clip'`). */
  iterations: number;
  /** Whether the projections converged (`'higham'`; true for `'clip'`). */
  converged: boolean;
}

const NPD_HINT = 'give covariances in the units of the returns (decimal fractions per period) and a `minEigenvalue` of their order of magnitude';

/** The result for a matrix that was changed: the repaired buffer `out` against the input `a`. */
function repaired(
  out: Float64Array,
  a: Float64Array,
  n: number,
  method: NearestPositiveDefiniteResult['method'],
  clipped: number,
  floor: number,
  before: number,
  iterations: number,
  converged: boolean,
): NearestPositiveDefiniteResult {
  const fn = 'nearestPositiveDefinite';
  const ins: GuardInput[] = [
    ['covariance', a],
    ['minEigenvalue', floor],
  ];
  guardFinite(fn, 'the repaired matrix', out, ins, NPD_HINT);
  const after = eigenvaluesKernel(out, n, fn)[0];
  const distance = frobeniusDistance(out, a);
  guardFinite(fn, 'the distance ‖Σ_repaired − Σ‖_F', distance, ins, NPD_HINT);
  return {
    covariance: wrapMatrix(n, n, out),
    method,
    changed: true,
    eigenvaluesClipped: clipped,
    minEigenvalue: floor,
    smallestEigenvalueBefore: before,
    smallestEigenvalueAfter: after,
    distance,
    iterations,
    converged,
  };
}

/**
 * Make a symmetric (e.g. estimated, stressed or hand-edited) covariance positive definite, and
 * report what changed.
 *
 * - `'clip'` (default): the nearest matrix in the Frobenius norm whose eigenvalues are all
 *   ≥ δ: Σ = V diag(max(λ_k, δ)) Vᵀ (Higham 1988, "Computing a nearest symmetric positive
 *   semidefinite matrix", for δ = 0). Variances may change.
 *   From n = 200, when at most min(n / 10, 64) eigenvalues lie below δ, only those eigenpairs
 *   are computed (Lanczos) and Σ = A + Σ_k (δ − λ_k) v_k v_kᵀ: the same matrix to rounding, in
 *   O(n² k) instead of O(n³) (n = 2,000 with a few negative eigenvalues in seconds).
 * - `'higham'`: variances are kept; the correlation matrix is replaced by the nearest
 *   correlation matrix with eigenvalues ≥ δ (Higham 2002, see `nearestCorrelation`), then
 *   scaled back with the original volatilities. Needs a positive diagonal.
 *
 * When the input already has every eigenvalue ≥ δ it is returned unchanged (`changed: false`).
 * A repair is always reported in the result, never silently.
 *
 * @param covariance an n x n symmetric matrix.
 * @throws {DimensionError} when not square or empty.
 * @throws {InvalidArgumentError} when not symmetric, not finite, an unknown option or method, a bad floor, (`'higham'`) a variance ≤ 0, or when the repaired matrix or its distance to the input overflows double precision (entries or a floor near 1e308).
 * @throws {SizeLimitError} beyond the size cap: n ≤ SIZE_CAPS.denseAssets (5,000) assets (an O(n³) eigendecomposition).
 * @throws {ConvergenceError} if the symmetric eigenvalue iteration stalls (not seen in practice).
 * @example
 * ```ts
 * import { nearestPositiveDefinite } from 'quantivista/covariance';
 * const r = nearestPositiveDefinite([[1, 2], [2, 1]], { minEigenvalue: 0.01 });
 * console.log(r.changed, r.eigenvaluesClipped, r.smallestEigenvalueBefore); // true 1 -1
 * ```
 */
export function nearestPositiveDefinite(covariance: MatrixLike, options?: NearestPositiveDefiniteOptions): NearestPositiveDefiniteResult {
  const fn = 'nearestPositiveDefinite';
  const opts = checkOptions(fn, options, ['method', 'minEigenvalue', 'tol', 'maxIterations']);
  const method = opts.method === undefined ? 'clip' : checkOneOf(fn, 'method', opts.method, ['clip', 'higham'] as const);
  const { m, a, n } = readSymmetric(fn, 'covariance', covariance);
  // eigenvalues first (a quarter of the work); the eigenvectors only when a clip is needed
  const values = eigenvaluesKernel(a, n, fn);
  const before = values[0];
  if (method === 'clip') {
    for (const k of ['tol', 'maxIterations'] as const) {
      if (opts[k] !== undefined) throw new InvalidArgumentError(`${fn}: option \`${k}\` applies only to method 'higham'.`, k, opts[k]);
    }
    let tr = 0;
    for (let i = 0; i < n; i++) tr += a[i * n + i];
    const floor = opts.minEigenvalue === undefined ? 1e-8 * Math.max(tr / n, 0) : checkRange(fn, 'minEigenvalue', opts.minEigenvalue, { min: 0 });
    let clipped = 0;
    for (let k = 0; k < n; k++) if (values[k] < floor) clipped++;
    if (clipped === 0) return unchanged(m, method, floor, before);
    // a few eigenvalues below the floor of a large matrix: only those eigenpairs (Lanczos)
    const lifted = n >= 200 && clipped <= Math.min(Math.floor(n / 10), 64) ? clipBelowFloor(a, n, floor, clipped, fn) : null;
    if (lifted) return repaired(lifted, a, n, method, clipped, floor, before, 0, true);
    // the same tridiagonalisation and QL loop: the same eigenvalue bits as `values`
    const { values: lam, vectors } = symmetricEigenKernel(a, n, fn);
    for (let k = 0; k < n; k++) lam[k] = Math.max(lam[k], floor);
    return repaired(reconstruct(lam, vectors, n), a, n, method, clipped, floor, before, 0, true);
  }
  const floor = opts.minEigenvalue === undefined ? 1e-8 : checkRange(fn, 'minEigenvalue', opts.minEigenvalue, { min: 0, max: 1, maxOpen: true });
  const tol = opts.tol === undefined ? 1e-10 : checkRange(fn, 'tol', opts.tol, { min: 0, minOpen: true });
  const maxIterations = opts.maxIterations === undefined ? 1000 : checkInteger(fn, 'maxIterations', opts.maxIterations, 1);
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = a[i * n + i];
    if (!(v > 0))
      throw new InvalidArgumentError(`${fn}: method 'higham' needs a positive diagonal, but variance ${i} is ${v}.`, 'covariance', { index: i, variance: v });
    sd[i] = Math.sqrt(v);
  }
  const corr = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    corr[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const r = a[i * n + j] / (sd[i] * sd[j]);
      corr[i * n + j] = r;
      corr[j * n + i] = r;
    }
  }
  const ce = eigenvaluesKernel(corr, n, fn);
  let clipped = 0;
  for (let k = 0; k < n; k++) if (ce[k] < floor) clipped++;
  if (clipped === 0) return unchanged(m, method, floor, before);
  const h = higham(corr, n, tol, maxIterations, floor, undefined, fn);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = i === j ? a[i * n + i] : sd[i] * h.x[i * n + j] * sd[j];
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j];
  return repaired(out, a, n, method, clipped, floor, before, h.iterations, h.converged);
}

function unchanged(m: Matrix, method: PositiveDefiniteRepair, floor: number, before: number): NearestPositiveDefiniteResult {
  return {
    covariance: m,
    method,
    changed: false,
    eigenvaluesClipped: 0,
    minEigenvalue: floor,
    smallestEigenvalueBefore: before,
    smallestEigenvalueAfter: before,
    distance: 0,
    iterations: 0,
    converged: true,
  };
}
