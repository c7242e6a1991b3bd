/**
 * Minimum-variance portfolio.
 *
 * @module
 */
import type { Moments } from '../core/covariance-reader.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import {
  CONSTRAINT_KEYS,
  parseConstraints,
  readMu,
  readRiskFreeRate,
  type PortfolioConstraints,
  type PortfolioResult,
  type WeightObjective,
  readOptimizerInput,
  num,
} from './portfolio-constraints.ts';
import { solvePortfolio, withL2, type QuadraticLimit, scaledMatrix, solvedResult } from './portfolio-solve.ts';

/** Options of {@link minVariance}: the shared constraints plus optional `mu` / `riskFreeRate` for the reported return and Sharpe ratio. */
export interface MinVarianceOptions extends PortfolioConstraints {
  /** Expected returns (per period), only used to report `expectedReturn` and `sharpeRatio`. */
  mu?: VectorLike;
  /** Risk-free rate per period for the reported Sharpe ratio (default 0). */
  riskFreeRate?: number;
}

/** Build the quadratic limit (maxVolatility or trackingError) of parsed constraints, if any. @internal */
export function quadraticLimitOf(pc: ReturnType<typeof parseConstraints>, S: Float64Array): QuadraticLimit | null {
  if (pc.maxVolatility !== null) return { S, shift: null, max: pc.maxVolatility, what: 'volatility', text: `volatility ≤ ${num(pc.maxVolatility)}` };
  if (pc.trackingError !== null) {
    return {
      S,
      shift: pc.trackingError.benchmark,
      max: pc.trackingError.max,
      what: 'tracking error',
      text: `tracking error ≤ ${num(pc.trackingError.max)}`,
    };
  }
  return null;
}

/**
 * Internal: minimise the objective `f` under the constraints and their quadratic limit (if
 * any), and assemble the public result (the limit named among the binding constraints when it binds).
 * @internal
 */
export function solveWithLimit(
  pc: ReturnType<typeof parseConstraints>,
  S: Float64Array,
  f: WeightObjective,
  mu: Float64Array | null,
  rf: number,
): PortfolioResult {
  const lim = quadraticLimitOf(pc, S);
  const sol = solvePortfolio(pc, f, [], lim);
  return solvedResult(sol, S, mu, rf, sol.limitBinding && lim ? [lim.text] : []);
}

/**
 * The minimum-variance portfolio: minimise wᵀΣw (+ γ‖w‖² with `l2`, + transaction costs)
 * subject to the constraints (default: long-only, fully invested).
 *
 * Solved exactly by the active-set QP solver ({@link solveQP}'s kernel); `maxVolatility` /
 * `trackingError` limits are exact (see the module notes of the optimisers). Per-period units:
 * `cov` is per period, so `volatility` is too.
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance is
 * used (a `Moments` the library built skips the O(n³) positive-semidefiniteness re-check; any
 * other object is fully checked) and its assets label the result (a given `assets` must match).
 * Its `mu`, when present, reports `expectedReturn` unless the `mu` option is given.
 *
 * @param cov n x n covariance matrix (symmetric PSD; rank-deficient is fine).
 * @param options the shared constraints (`bounds` default [0, 1], `budget` default 1,
 *   `groups`, `linear`, `turnover`, `transactionCost`, `l2`, `maxVolatility`,
 *   `trackingError`, `leverage`, `assets`), plus `mu` and `riskFreeRate` for reporting.
 * @returns weights, expectedReturn (null without `mu`), volatility, sharpeRatio, converged,
 *   iterations, bindingConstraints (in words), kktResidual, weightsByAsset (with `assets`).
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the solves are O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when the constraints conflict (`conflicts` names them).
 * @throws {InvalidArgumentError} on bad options or non-finite data. @throws {DimensionError} on shape mismatches.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { minVariance } from 'quantivista/optimize';
 * const r = minVariance([[0.04, 0], [0, 0.01]]);
 * console.log(r.weights); // [0.2, 0.8]
 * console.log(r.volatility); // 0.0894427190999916
 * ```
 */
export function minVariance(cov: MatrixLike | Moments, options?: MinVarianceOptions): PortfolioResult {
  const fn = 'minVariance';
  const { n, S, mu: momentsMu, opts } = readOptimizerInput(fn, cov, options, [...CONSTRAINT_KEYS, 'mu', 'riskFreeRate']);
  const mu = opts.mu === undefined ? (momentsMu === null ? null : readMu(fn, momentsMu, n)) : readMu(fn, opts.mu, n);
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const pc = parseConstraints(fn, n, opts);
  return solveWithLimit(pc, S, withL2(n, { Q: scaledMatrix(S, 2), c: new Float64Array(n) }, pc.l2), mu, rf);
}
