/**
 * Expected return, volatility and Sharpe ratio of given weights.
 *
 * @module
 */
import { momentsArguments, type Moments } from '../core/covariance-reader.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { guardFinite } from '../covariance/overflow-guard.ts';
import { dot, quadForm, readCovariance, readMu, readRiskFreeRate } from './portfolio-constraints.ts';

/** Result of {@link portfolioPerformance}. */
export interface PortfolioPerformance {
  /** μᵀw per period. */
  expectedReturn: number;
  /** wᵀΣw per period. */
  variance: number;
  /** sqrt(wᵀΣw) per period. */
  volatility: number;
  /** (μᵀw − r_f) / volatility; null at zero volatility. */
  sharpeRatio: number | null;
}

/**
 * portfolioPerformance on a `Moments` (from `moments()`): its `mu` and its covariance; the same as
 * `portfolioPerformance(weights, moments.mu, moments, ...)`. See the next signature for the method.
 */
export function portfolioPerformance(weights: VectorLike, moments: Moments, options?: { riskFreeRate?: number }): PortfolioPerformance;
/**
 * Expected return μᵀw, variance wᵀΣw, volatility and Sharpe ratio (μᵀw − r_f)/σ of a
 * portfolio, all in the period of `mu` and `cov` (annualise explicitly if needed: return ×
 * periodsPerYear, volatility × sqrt(periodsPerYear)). Weights are used as given (not
 * normalised).
 *
 * Moments: `portfolioPerformance(weights, moments, options?)` takes `mu` and `cov` from a
 * `Moments` (which must have `mu`; see `moments()` in `quantivista/expected-returns`); with
 * `(weights, mu, moments)` only its covariance is used. A `Moments` the library built skips the
 * O(n³) positive-semidefiniteness re-check; any other is fully checked.
 *
 * @param weights portfolio weights (length n). @param mu expected returns per period.
 * @param cov covariance per period. @param options `riskFreeRate` per period (default 0).
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the positive-semidefiniteness check of `cov` is O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InvalidArgumentError} on non-finite data, weights so large that wᵀΣw overflows, or a
 * Sharpe ratio that overflows (e.g. a `riskFreeRate` of 1e308 against a small volatility). @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal). @throws {DimensionError} on shape mismatches.
 * @example
 * ```ts
 * import { portfolioPerformance } from 'quantivista/optimize';
 * const p = portfolioPerformance([0.5, 0.5], [0.01, 0.02], [[0.04, 0], [0, 0.04]], { riskFreeRate: 0.005 });
 * console.log(p.expectedReturn); // 0.015
 * console.log(p.volatility); // 0.1414213562373095...
 * ```
 */
export function portfolioPerformance(weights: VectorLike, mu: VectorLike, cov: MatrixLike | Moments, options?: { riskFreeRate?: number }): PortfolioPerformance;
export function portfolioPerformance(weights: VectorLike, ...args: unknown[]): PortfolioPerformance {
  const fn = 'portfolioPerformance';
  const { mu, cov, rest } = momentsArguments(fn, args);
  const options = rest[0] as { riskFreeRate?: number } | undefined;
  const opts = checkOptions(fn, options, ['riskFreeRate']);
  const { n, S } = readCovariance(fn, cov);
  const w = toVector(weights, fn, 'weights');
  if (w.length !== n) throw new DimensionError(`${fn}: \`weights\` must have ${n} entries (the size of \`cov\`), got ${w.length}.`);
  const m = readMu(fn, mu, n);
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const variance = quadForm(S, w);
  const volatility = Math.sqrt(variance);
  const expectedReturn = dot(m, w);
  if (!Number.isFinite(variance) || !Number.isFinite(expectedReturn)) {
    throw new InvalidArgumentError(
      `${fn}: the result overflowed double precision (variance ${variance}, expected return ${expectedReturn}); \`weights\` are too large in magnitude (they are fractions of the portfolio).`,
      'weights',
      variance,
    );
  }
  const sharpeRatio = volatility > 0 ? (expectedReturn - rf) / volatility : null;
  if (sharpeRatio !== null) {
    guardFinite(
      fn,
      'the Sharpe ratio',
      sharpeRatio,
      [
        ['riskFreeRate', rf],
        ['mu', m],
        ['weights', w],
      ],
      'expected returns and `riskFreeRate` are per-period decimal fractions (0.02 = 2 %), and weights are fractions of the portfolio',
    );
  }
  return { expectedReturn, variance, volatility, sharpeRatio };
}
