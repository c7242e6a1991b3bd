/**
 * Long-only risk budgeting portfolios (Spinu 2013; Richard & Roncalli 2019 with weight bounds).
 *
 * @module
 */
import { InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import { readCovariance, withMomentsAssets, type Moments } from '../core/covariance-reader.ts';
import { checkInteger, checkOptions, checkRange } from '../core/validate.ts';
import { powerOfTwoScale } from '../core/stats.ts';
import { budgetDeviation, checkAssets, labelled, normaliseBudgets, parseBounds, riskBudgetBounded, riskBudgetUnbounded, type WeightBounds } from './kernels.ts';

export type { WeightBounds } from './kernels.ts';

/** Options of {@link riskBudgeting}. */
export interface RiskBudgetingOptions {
  /** Risk budgets b_i > 0, one per asset; normalised to sum to 1. */
  budgets: VectorLike;
  /**
   * Optional weight bounds (constrained risk budgeting, Richard & Roncalli 2019), in the optimisers'
   * shape: `[lo, hi]` for every asset or one `[lo, hi]` pair per asset, within [0, 1]. The older
   * `{ lower, upper }` object is kept as an alias.
   */
  bounds?: WeightBounds;
  /** Largest allowed |RC_i − b_i| on relative contributions (unbounded case) or on the budget constraint (bounded case). Default 1e-10. */
  tolerance?: number;
  /**
   * Iteration cap. Without bounds: coordinate-descent sweeps plus Newton steps. With bounds: the
   * sweeps of each inner box-constrained solve (the bisection on λ takes at most 200 steps), and
   * `iterations` reports the total sweeps. Default 10000.
   */
  maxIterations?: number;
  /** Asset names; when given the result also carries `weightsByAsset`. */
  assets?: readonly string[];
}

/** Result of {@link riskBudgeting} and {@link equalRiskContribution}. */
export interface RiskBudgetingResult {
  /** Long-only weights summing to 1. */
  weights: number[];
  /** Relative (percentage) risk contributions w_i (Σw)_i / wᵀΣw. */
  riskContributions: number[];
  /** The budgets used (normalised to sum to 1). */
  budgets: number[];
  /** Portfolio volatility sqrt(wᵀΣw), per period of `cov`. */
  volatility: number;
  /** Iterations used (coordinate-descent sweeps plus Newton steps). */
  iterations: number;
  /** Whether the tolerance was met within `maxIterations`. */
  converged: boolean;
  /** Largest |RC_i − b_i|. Zero up to `tolerance` without bounds; with active bounds it measures how far the bounds pull the portfolio from its budgets. */
  maxDeviation: number;
  /** Indices of the assets held at a bound (empty without bounds). */
  atBound: number[];
  /** Labelled weights, present when `assets` was given. */
  weightsByAsset?: Record<string, number>;
}

/** Shared implementation of riskBudgeting / equalRiskContribution. @internal */
export function solveRiskBudget(
  fn: string,
  cov: MatrixLike | Moments,
  budgets: VectorLike | undefined,
  opts: Omit<RiskBudgetingOptions, 'budgets'>,
): RiskBudgetingResult {
  const { data: raw, n, assets: labels } = readCovariance(fn, 'cov', cov, 'risk-parity');
  // The weights are scale-invariant: a covariance beyond 2^±400 (subnormal or near overflow) is
  // divided by an exact power of two k first, and the volatility scaled back by √k.
  const k = powerOfTwoScale(raw);
  const S = k === 1 ? raw : raw.map((v) => v / k);
  const tol = opts.tolerance === undefined ? 1e-10 : checkRange(fn, 'tolerance', opts.tolerance, { min: 0, minOpen: true, max: 0.1 });
  const maxIt = opts.maxIterations === undefined ? 10000 : checkInteger(fn, 'maxIterations', opts.maxIterations, 1);
  const assets = checkAssets(fn, withMomentsAssets(fn, opts, labels).assets, n);
  const b = budgets === undefined ? new Float64Array(n).fill(1 / n) : normaliseBudgets(fn, budgets, n);
  const bounds = parseBounds(fn, opts.bounds, n, assets);
  const r = bounds ? riskBudgetBounded(fn, S, n, b, bounds.lower, bounds.upper, tol, maxIt) : riskBudgetUnbounded(fn, S, n, b, tol, maxIt);
  const w = r.weights;
  const s = r.sigmaW;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += w[i] * s[i];
  if (!(variance > 0) || !w.every(Number.isFinite)) {
    throw new NotPositiveDefiniteError(`${fn}: \`cov\` is not positive semi-definite: the solver reached a portfolio variance of ${variance}.`);
  }
  const rc = new Array<number>(n);
  for (let i = 0; i < n; i++) rc[i] = (w[i] * s[i]) / variance;
  const atBound: number[] = [];
  if (bounds) {
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (Math.abs(wi - bounds.lower[i]) <= 1e-12 || Math.abs(wi - bounds.upper[i]) <= 1e-12) atBound.push(i);
    }
  }
  const out: RiskBudgetingResult = {
    weights: Array.from(w),
    riskContributions: rc,
    budgets: Array.from(b),
    volatility: k === 1 ? Math.sqrt(variance) : Math.sqrt(variance) * Math.sqrt(k),
    iterations: r.iterations,
    converged: r.converged,
    maxDeviation: budgetDeviation(w, s, b, n),
    atBound,
  };
  if (assets) out.weightsByAsset = labelled(assets, w);
  return out;
}

/**
 * Long-only risk budgeting portfolio: the weights w ≥ 0, Σw = 1 whose relative risk contributions
 * w_i (Σw)_i / wᵀΣw equal the budgets b_i.
 *
 * Method: the unique solution is w = y / Σy where y minimises Spinu's (2013) strictly convex
 * f(y) = ½ yᵀΣy − Σ b_i log y_i. It is found by cyclical coordinate descent (Griveau-Billion,
 * Richard & Roncalli 2013: each coordinate step is the positive root of a quadratic, one sweep
 * costs one matrix-vector product) and, when coordinate descent is slow (covariances with strong
 * long-short structure), by Newton's method on f with preconditioned conjugate gradients and a
 * safeguarded line search. The stopping test is the largest deviation of the relative
 * contributions from the budgets, computed on an exact Σw, at most `tolerance` (default 1e-10).
 *
 * With `bounds`, this is Richard & Roncalli's (2019) constrained risk budgeting portfolio:
 * x*(λ) = argmin_{l ≤ x ≤ u} ½ xᵀΣx − λ Σ b_i log x_i with λ chosen (bisection) so that Σx*(λ) = 1.
 * Assets away from their bounds keep contributions proportional to their budgets; `maxDeviation`
 * then reports how far the bounds pull the portfolio from the budgets and `atBound` which assets
 * sit on a bound.
 *
 * Budgets are normalised to sum to 1. No NaN is accepted. Units: per period of `cov`.
 * A covariance whose largest entry lies beyond 2^±400 (subnormal, or near overflow) is divided by an
 * exact power of two first (the weights are scale-invariant); `volatility` is scaled back.
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance is
 * used (a `Moments` the library built skips the symmetry and 2 x 2 minor screens; any other object
 * is fully checked) and its assets label the result (a given `assets` must match).
 *
 * @throws {InvalidArgumentError} on bad budgets, options or bounds (naming the argument).
 * @throws {InfeasibleError} when the bounds admit no fully invested portfolio (Σ lower > 1,
 * Σ upper < 1, or a lower bound above its upper bound), listing the conflicts.
 * @throws {DimensionError} when `cov` is not square. @throws {NotPositiveDefiniteError} on a
 * non-positive variance, a pair of assets whose correlation lies outside [−1, 1], or an indefinite
 * `cov` that drives the portfolio variance to zero or below. (The pairwise test is O(n²); a full
 * PSD factorisation would cost more than the solve, so other indefinite matrices can pass.)
 * @example
 * ```ts
 * import { riskBudgeting } from 'quantivista/risk-parity';
 * const r = riskBudgeting([[0.04, 0.006], [0.006, 0.01]], { budgets: [0.7, 0.3] });
 * console.log(r.riskContributions.map((c) => c.toFixed(10))); // ["0.7000000000", "0.3000000000"]
 * console.log(r.converged); // true
 * ```
 */
export function riskBudgeting(cov: MatrixLike | Moments, options: RiskBudgetingOptions): RiskBudgetingResult {
  const fn = 'riskBudgeting';
  const opts = checkOptions(fn, options, ['budgets', 'bounds', 'tolerance', 'maxIterations', 'assets']);
  if (opts.budgets === undefined || opts.budgets === null) {
    throw new InvalidArgumentError(
      `${fn}: \`budgets\` is required (one positive risk budget per asset); use equalRiskContribution for equal budgets.`,
      'budgets',
    );
  }
  return solveRiskBudget(fn, cov, opts.budgets, opts);
}
