/**
 * Efficient portfolio for a target volatility.
 *
 * @module
 */
import { momentsArguments, type Moments } from '../core/covariance-reader.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import { checkRange } from '../core/validate.ts';
import {
  CONSTRAINT_KEYS,
  parseConstraints,
  readRiskFreeRate,
  type PortfolioConstraints,
  type PortfolioResult,
  readMeanVarianceInput,
  num,
} from './portfolio-constraints.ts';
import { solvePortfolio, withL2, solvedResult } from './portfolio-solve.ts';

/** Options of {@link efficientRisk}. */
export interface EfficientRiskOptions extends PortfolioConstraints {
  /** Risk-free rate per period for the reported Sharpe ratio (default 0). */
  riskFreeRate?: number;
}

/**
 * efficientRisk on a `Moments` (from `moments()`): its `mu` and its covariance, with its assets labelling the
 * result; the same as `efficientRisk(moments.mu, moments, ...)`. See the next signature for the method.
 */
export function efficientRisk(moments: Moments, targetVolatility: number, options?: EfficientRiskOptions): PortfolioResult;
/**
 * The efficient portfolio for a target volatility: maximise μᵀw (− γ‖w‖², − costs) subject
 * to sqrt(wᵀΣw) ≤ targetVolatility and the constraints (PyPortfolioOpt's `efficient_risk`).
 *
 * Solved exactly, not by a penalty: the problems min (1 − t)(−μᵀw) + t·wᵀΣw are solved by
 * warm-started active-set QPs and t is found by a safeguarded regula falsi (Illinois) so that
 * the volatility equals the target to 1e-12 relative; t/(1 − t) is then the multiplier of the
 * volatility constraint. When the highest-return portfolio is within the target, it is
 * returned (the constraint does not bind).
 *
 * Moments: `efficientRisk(moments, ...)` takes `mu` and `cov` from a `Moments` (which must have `mu`;
 * see `moments()` in `quantivista/expected-returns`); `efficientRisk(mu, moments, ...)` uses only its
 * covariance. Either way its assets label the result (as the `assets` option would; a given
 * `assets` must match), and a `Moments` the library built skips the O(n³)
 * positive-semidefiniteness re-check (any other object is fully checked); the numbers are
 * those of the same covariance given as a matrix.
 *
 * @param mu expected returns per period. @param cov covariance per period.
 * @param targetVolatility per-period volatility limit (> 0).
 * @param options the shared constraints (not `maxVolatility` / `trackingError`) and `riskFreeRate`.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the solves are O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when even the minimum-volatility portfolio exceeds the target (the
 *   message gives the minimum), or the constraints conflict.
 * @throws {InvalidArgumentError} on bad options. @throws {DimensionError} on shape mismatches.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { efficientRisk } from 'quantivista/optimize';
 * const r = efficientRisk([0.01, 0.02], [[0.04, 0], [0, 0.09]], 0.2);
 * console.log(r.volatility); // 0.2
 * ```
 */
export function efficientRisk(mu: VectorLike, cov: MatrixLike | Moments, targetVolatility: number, options?: EfficientRiskOptions): PortfolioResult;
export function efficientRisk(...args: unknown[]): PortfolioResult {
  const fn = 'efficientRisk';
  const { mu, cov, rest } = momentsArguments(fn, args);
  const targetVolatility = rest[0] as number;
  const options = rest[1] as EfficientRiskOptions | undefined;
  const { n, S, m, opts } = readMeanVarianceInput(fn, mu, cov, options, [...CONSTRAINT_KEYS, 'riskFreeRate']);
  const target = checkRange(fn, 'targetVolatility', targetVolatility, { min: 0, minOpen: true });
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const pc = parseConstraints(fn, n, opts);
  if (pc.maxVolatility !== null || pc.trackingError !== null) {
    throw new InvalidArgumentError(
      `${fn}: \`maxVolatility\` and \`trackingError\` are not supported here; the volatility limit is \`targetVolatility\`.`,
      pc.maxVolatility !== null ? 'maxVolatility' : 'trackingError',
      'unsupported',
    );
  }
  const f = withL2(n, { Q: null, c: m.map((v) => -v) }, pc.l2);
  const text = `volatility ≤ ${num(target)}`;
  const sol = solvePortfolio(pc, f, [], { S, shift: null, max: target, what: 'volatility', text });
  return solvedResult(sol, S, m, rf, sol.limitBinding ? [text] : []);
}
