/**
 * The most diversified portfolio.
 *
 * @module
 */
import type { Moments } from '../core/covariance-reader.ts';
import { InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike } from '../core/matrix.ts';
import { maxSharpeCore } from './max-sharpe.ts';
import { kernelKKT } from './qp-run.ts';
import {
  CONSTRAINT_KEYS,
  buildProblem,
  parseConstraints,
  portfolioResult,
  quadForm,
  type PortfolioConstraints,
  type PortfolioResult,
  readOptimizerInput,
} from './portfolio-constraints.ts';

/** Result of {@link maxDiversification}: a portfolio result plus the diversification ratio. */
export interface MaxDiversificationResult extends PortfolioResult {
  /** wᵀσ / sqrt(wᵀΣw) (≥ 1 for long-only portfolios). */
  diversificationRatio: number;
}

/**
 * The most diversified portfolio (Choueifaty & Coignard, "Toward maximum diversification",
 * J. Portfolio Management 35(1), 2008): maximise the diversification ratio
 * D(w) = wᵀσ / sqrt(wᵀΣw), σ_i = sqrt(Σ_ii), subject to the constraints.
 *
 * D is a Sharpe ratio with the volatilities in place of excess returns, so it is solved exactly
 * by the same Cornuéjols–Tütüncü homogenisation as {@link maxSharpe}: min yᵀΣy s.t. σᵀy = c,
 * homogenised constraints, w = y/κ. The same options are supported (bounds, budget > 0,
 * groups, linear, maxVolatility is not).
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance is
 * used (a `Moments` the library built skips the O(n³) positive-semidefiniteness re-check; any
 * other object is fully checked) and its assets label the result (a given `assets` must match).
 *
 * @param cov n x n covariance per period. @param options the shared constraints (no
 *   `turnover`, `transactionCost`, `leverage`, `l2`, `maxVolatility`, `trackingError`).
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the solves are O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when the constraints conflict. @throws {InvalidArgumentError} on bad
 *   or unsupported options. @throws {DimensionError} on shape mismatches.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { maxDiversification } from 'quantivista/optimize';
 * // uncorrelated assets: w ∝ σ_i / σ_i² = 1/σ_i → (1/0.2, 1/0.1) normalised
 * const r = maxDiversification([[0.04, 0], [0, 0.01]]);
 * console.log(r.weights); // [0.3333333333333333, 0.6666666666666666]
 * console.log(r.diversificationRatio); // 1.4142135623730951
 * ```
 */
export function maxDiversification(cov: MatrixLike | Moments, options?: PortfolioConstraints): MaxDiversificationResult {
  const fn = 'maxDiversification';
  const { n, S, opts } = readOptimizerInput(fn, cov, options, CONSTRAINT_KEYS);
  const pc = parseConstraints(fn, n, opts);
  for (const key of ['turnover', 'transactionCost', 'leverage', 'trackingError', 'maxVolatility'] as const) {
    if (opts[key] !== undefined) throw new InvalidArgumentError(`${fn}: option \`${key}\` is not supported by maxDiversification.`, key, 'unsupported');
  }
  if (pc.l2 !== 0) throw new InvalidArgumentError(`${fn}: option \`l2\` is not supported by maxDiversification.`, 'l2', pc.l2);
  if (!(pc.budget > 0)) throw new InvalidArgumentError(`${fn}: \`budget\` must be positive, got ${pc.budget}.`, 'budget', pc.budget);
  const sigma = new Float64Array(n);
  for (let i = 0; i < n; i++) sigma[i] = Math.sqrt(S[i * n + i]);
  const { w, res, kp } = maxSharpeCore(fn, sigma, S, 0, pc, 'weighted average volatility');
  const wb = buildProblem(pc, { Q: null, c: new Float64Array(n) });
  const out = portfolioResult(wb, S, null, 0, w, { converged: res.converged, iterations: res.iterations, last: res, kkt: kernelKKT(kp, res) });
  let num = 0;
  for (let i = 0; i < n; i++) num += w[i] * sigma[i];
  return { ...out, diversificationRatio: num / Math.sqrt(quadForm(S, w)) };
}
