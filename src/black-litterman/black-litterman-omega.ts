/**
 * The view-uncertainty matrix Ω of the Black–Litterman model.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkMatrixCap } from '../optimize/constraint-readers.ts';
import { SIZE_CAPS } from '../core/limits.ts';
import { choleskyKernel } from '../core/linalg.ts';
import { checkOneOf, checkOptions, checkRange, toSymmetricMatrix } from '../core/validate.ts';
import { guardFinite } from '../covariance/overflow-guard.ts';
import { BL_SCALE_HINT } from './bl-checks.ts';

/** Built-in Ω methods. */
export type OmegaMethod = 'he-litterman' | 'idzorek';

/** Options of {@link blackLittermanOmega}. */
export interface BlackLittermanOmegaOptions {
  /** `'he-litterman'` (default) or `'idzorek'`. */
  method?: OmegaMethod;
  /** Prior scaling τ > 0. Default 0.05 (He & Litterman 1999). */
  tau?: number;
  /** One confidence C_k ∈ (0, 1] per view; required by `'idzorek'`. */
  confidences?: VectorLike;
}

/** Kernel: diagonal Ω from P (k x n), Σ (n x n), τ and optional confidences. @internal */
export function omegaKernel(S: Float64Array, n: number, P: Float64Array, k: number, tau: number, confidences: Float64Array | null): Float64Array {
  const out = new Float64Array(k * k);
  for (let v = 0; v < k; v++) {
    const row = v * n;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const pi = P[row + i];
      if (pi === 0) continue;
      let s = 0;
      for (let j = 0; j < n; j++) s += S[i * n + j] * P[row + j];
      q += pi * s;
    }
    const base = tau * q;
    out[v * k + v] = confidences === null ? base : ((1 - confidences[v]) / confidences[v]) * base;
  }
  return out;
}

/**
 * The diagonal view-uncertainty matrix Ω.
 *
 * - `'he-litterman'` (default): Ω = diag(τ P Σ Pᵀ) — each view as uncertain as the prior on its
 *   portfolio (He & Litterman 1999).
 * - `'idzorek'`: ω_k = ((1 − C_k) / C_k) · τ p_k Σ p_kᵀ from confidences C_k ∈ (0, 1]. This is the
 *   closed form of Idzorek's (2005) confidence-to-Ω mapping (the tilt towards the 100 %-confidence
 *   portfolio is C_k of the full tilt for a single view; Walters 2014). C = 1 gives ω = 0: the view
 *   holds exactly; C = 0.5 gives He & Litterman's ω.
 *
 * Units: Ω is a covariance of view returns, in the squared period units of `cov`. NaN or ±Infinity
 * anywhere in the input is rejected (no NaN handling by omission).
 *
 * @param cov covariance matrix Σ (n x n, symmetric positive definite). @param P pick matrix (k x n), e.g. from viewsMatrix.
 * @returns Ω as a k x k {@link Matrix}.
 * @throws {DimensionError} on shape mismatch. @throws {InvalidArgumentError} on NaN, a bad τ, a
 * missing or out-of-range confidence, an unknown option, or inputs so far out of scale that Ω
 * overflows double precision (the error names the input of largest magnitude).
 * @throws {NotPositiveDefiniteError} when `cov` is not positive definite.
 * @throws {SizeLimitError} when `cov` or `P` has more than `SIZE_CAPS.denseAssets` rows.
 *
 * Size cap: n and k ≤ `SIZE_CAPS.denseAssets` (5,000; the Cholesky check is O(n³)).
 * @example
 * ```ts
 * import { blackLittermanOmega } from 'quantivista/black-litterman';
 * const cov = [[0.04, 0.01], [0.01, 0.09]];
 * const P = [[1, 0], [-1, 1]];
 * console.log(blackLittermanOmega(cov, P, { tau: 0.05 }).diagonal()); // [0.002, 0.0055]
 * console.log(blackLittermanOmega(cov, P, { method: 'idzorek', tau: 0.05, confidences: [1, 0.25] }).diagonal()); // [0, 0.0165]
 * ```
 */
export function blackLittermanOmega(cov: MatrixLike, P: MatrixLike, options?: BlackLittermanOmegaOptions): Matrix {
  const fn = 'blackLittermanOmega';
  const opts = checkOptions(fn, options, ['method', 'tau', 'confidences']);
  const method = opts.method === undefined ? 'he-litterman' : checkOneOf(fn, 'method', opts.method, ['he-litterman', 'idzorek']);
  const tau = opts.tau === undefined ? 0.05 : checkRange(fn, 'tau', opts.tau, { min: 0, minOpen: true });
  checkMatrixCap(fn, 'cov', cov, SIZE_CAPS.denseAssets, true);
  checkMatrixCap(fn, 'P', P);
  const S = toSymmetricMatrix(fn, 'cov', cov);
  const n = S.rows;
  // Σ must be positive definite, as in blackLitterman: an indefinite Σ would give negative ω.
  choleskyKernel(matrixData(S), n, `${fn}: \`cov\``);
  const Pm = toMatrix(P, fn, 'P');
  if (Pm.cols !== n || Pm.rows === 0) throw new DimensionError(`${fn}: \`P\` must be k x ${n} with k ≥ 1, got ${Pm.rows} x ${Pm.cols}.`);
  const k = Pm.rows;
  let conf: Float64Array | null = null;
  if (method === 'idzorek') {
    if (opts.confidences === undefined) throw new InvalidArgumentError(`${fn}: method 'idzorek' needs \`confidences\` (one per view).`, 'confidences');
    conf = checkConfidences(fn, opts.confidences, k);
  }
  const omega = omegaKernel(matrixData(S), n, matrixData(Pm), k, tau, conf);
  guardFinite(
    fn,
    'Ω',
    omega,
    [
      ['cov', matrixData(S)],
      ['P', matrixData(Pm)],
      ['tau', tau],
    ],
    BL_SCALE_HINT,
  );
  return wrapMatrix(k, k, omega);
}

/** Validate k confidences in (0, 1]. @internal */
export function checkConfidences(fn: string, confidences: VectorLike, k: number): Float64Array {
  const c = toVector(confidences, fn, 'confidences');
  if (c.length !== k) throw new DimensionError(`${fn}: \`confidences\` must have ${k} entries (one per view), got ${c.length}.`);
  for (let i = 0; i < k; i++) {
    const v = c[i];
    if (!(v > 0 && v <= 1)) {
      throw new InvalidArgumentError(
        `${fn}: \`confidences\` must be in (0, 1], but entry ${i} is ${v} (a view held with 0 % confidence has no effect: drop it).`,
        'confidences',
        v,
      );
    }
  }
  return c;
}
