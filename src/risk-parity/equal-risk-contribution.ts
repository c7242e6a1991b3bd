/**
 * Equal risk contribution (ERC) portfolio (Maillard, Roncalli & Teiletche 2010).
 *
 * @module
 */
import type { MatrixLike } from '../core/matrix.ts';
import type { Moments } from '../core/covariance-reader.ts';
import { checkOptions } from '../core/validate.ts';
import { solveRiskBudget, type RiskBudgetingOptions, type RiskBudgetingResult } from './risk-budgeting.ts';

/** Options of {@link equalRiskContribution}: those of riskBudgeting without `budgets`. */
export type EqualRiskContributionOptions = Omit<RiskBudgetingOptions, 'budgets'>;

/**
 * Long-only equal risk contribution portfolio: every asset contributes 1/n of the portfolio
 * volatility (Maillard, Roncalli & Teiletche 2010). It is {@link riskBudgeting} with equal
 * budgets; see there for the method (Spinu's convex formulation, coordinate descent with a Newton
 * fallback), the `bounds` option (constrained risk budgeting) and the stopping rule (largest
 * deviation of relative contributions from 1/n ≤ `tolerance`, default 1e-10).
 *
 * With a constant correlation the ERC weights are the inverse-volatility weights (MRT 2010); with
 * two assets w_1 = σ_2 / (σ_1 + σ_2) whatever the correlation. The tests reproduce MRT's example 2
 * (vols 10/20/30/40 %, ρ_12 = 0.8, ρ_34 = −0.5: 38.4/19.2/24.3/18.2 %) and Richard & Roncalli's
 * (2019) Tables 1, 6 and 9.
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance is
 * used (a `Moments` the library built skips the symmetry and 2 x 2 minor screens; any other object
 * is fully checked) and its assets label the result (a given `assets` must match).
 *
 * @throws {InvalidArgumentError} on bad options. @throws {InfeasibleError} on infeasible bounds.
 * @throws {DimensionError} when `cov` is not square. @throws {NotPositiveDefiniteError} on a
 * non-positive variance, a pair of assets whose correlation lies outside [−1, 1], or an indefinite
 * `cov` that drives the portfolio variance to zero or below. (The pairwise test is O(n²); a full
 * PSD factorisation would cost more than the solve, so other indefinite matrices can pass.)
 * @example
 * ```ts
 * import { equalRiskContribution } from 'quantivista/risk-parity';
 * // vols 10 %, 20 %, 30 %, 40 %, constant correlation 0.5 (Maillard, Roncalli & Teiletche 2010)
 * const vol = [0.1, 0.2, 0.3, 0.4];
 * const cov = vol.map((a, i) => vol.map((b, j) => a * b * (i === j ? 1 : 0.5)));
 * console.log(equalRiskContribution(cov).weights.map((w) => w.toFixed(2))); // ["0.48", "0.24", "0.16", "0.12"]
 * // bounds as in the optimisers: vols 10 % and 20 %, uncorrelated, ERC 2/3 and 1/3; capping each weight at 0.6
 * const capped = equalRiskContribution([[0.01, 0], [0, 0.04]], { bounds: [0, 0.6] });
 * console.log(capped.weights.map((w) => w.toFixed(6))); // ["0.600000", "0.400000"]
 * ```
 */
export function equalRiskContribution(cov: MatrixLike | Moments, options?: EqualRiskContributionOptions): RiskBudgetingResult {
  const fn = 'equalRiskContribution';
  const opts = checkOptions(fn, options, ['bounds', 'tolerance', 'maxIterations', 'assets']);
  return solveRiskBudget(fn, cov, undefined, opts);
}
