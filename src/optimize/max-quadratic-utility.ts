/**
 * Mean-variance utility maximisation.
 *
 * @module
 */
import { momentsArguments, type Moments } from '../core/covariance-reader.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import { checkRange } from '../core/validate.ts';
import { solveWithLimit } from './min-variance.ts';
import {
  CONSTRAINT_KEYS,
  parseConstraints,
  readRiskFreeRate,
  type PortfolioConstraints,
  type PortfolioResult,
  readMeanVarianceInput,
} from './portfolio-constraints.ts';
import { withL2, scaledMatrix } from './portfolio-solve.ts';

/** Options of {@link maxQuadraticUtility}. */
export interface MaxQuadraticUtilityOptions extends PortfolioConstraints {
  /** Risk aversion δ > 0 (default 1). */
  riskAversion?: number;
  /** Risk-free rate per period for the reported Sharpe ratio (default 0). */
  riskFreeRate?: number;
}

/**
 * maxQuadraticUtility on a `Moments` (from `moments()`): its `mu` and its covariance, with its assets labelling the
 * result; the same as `maxQuadraticUtility(moments.mu, moments, ...)`. See the next signature for the method.
 */
export function maxQuadraticUtility(moments: Moments, options?: MaxQuadraticUtilityOptions): PortfolioResult;
/**
 * Maximise the quadratic utility μᵀw − (δ/2) wᵀΣw (− γ‖w‖² with `l2`, − transaction costs)
 * subject to the constraints — PyPortfolioOpt's `max_quadratic_utility`.
 *
 * Moments: `maxQuadraticUtility(moments, ...)` takes `mu` and `cov` from a `Moments` (which must have `mu`;
 * see `moments()` in `quantivista/expected-returns`); `maxQuadraticUtility(mu, moments, ...)` uses only its
 * covariance. Either way its assets label the result (as the `assets` option would; a given
 * `assets` must match), and a `Moments` the library built skips the O(n³)
 * positive-semidefiniteness re-check (any other object is fully checked); the numbers are
 * those of the same covariance given as a matrix.
 *
 * @param mu expected returns per period. @param cov covariance per period.
 * @param options `riskAversion` δ (default 1), the shared constraints, `riskFreeRate`.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the solves are O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when the constraints conflict. @throws {InvalidArgumentError} on
 *   bad options. @throws {DimensionError} on shape mismatches.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { maxQuadraticUtility } from 'quantivista/optimize';
 * // unconstrained optimum Σ⁻¹μ/δ = (0.25, 0.75) already sums to 1
 * const r = maxQuadraticUtility([0.01, 0.03], [[0.04, 0], [0, 0.04]], { riskAversion: 1 });
 * console.log(r.weights); // [0.25, 0.75]
 * ```
 */
export function maxQuadraticUtility(mu: VectorLike, cov: MatrixLike | Moments, options?: MaxQuadraticUtilityOptions): PortfolioResult;
export function maxQuadraticUtility(...args: unknown[]): PortfolioResult {
  const fn = 'maxQuadraticUtility';
  const { mu, cov, rest } = momentsArguments(fn, args);
  const options = rest[0] as MaxQuadraticUtilityOptions | undefined;
  const { n, S, m, opts } = readMeanVarianceInput(fn, mu, cov, options, [...CONSTRAINT_KEYS, 'riskAversion', 'riskFreeRate']);
  const delta = opts.riskAversion === undefined ? 1 : checkRange(fn, 'riskAversion', opts.riskAversion, { min: 0, minOpen: true });
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const pc = parseConstraints(fn, n, opts);
  return solveWithLimit(pc, S, withL2(n, { Q: scaledMatrix(S, delta), c: m.map((v) => -v) }, pc.l2), m, rf);
}
