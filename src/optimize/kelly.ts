/**
 * Growth-optimal (Kelly) portfolio.
 *
 * @module
 */
import { momentsArguments, type Moments } from '../core/covariance-reader.ts';
import { InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import { choleskyKernel, choleskySolveKernel } from '../core/linalg.ts';
import { checkRange } from '../core/validate.ts';
import { maxQuadraticUtility } from './max-quadratic-utility.ts';
import { dot, quadForm, readMu, readRiskFreeRate, type PortfolioConstraints, readOptimizerInput } from './portfolio-constraints.ts';

/** Options of {@link kelly}. */
export interface KellyOptions {
  /** Risk-free rate per period (default 0); the rest of the wealth earns it. */
  riskFreeRate?: number;
  /** Fraction of the full Kelly bet (default 1; 0.5 = "half Kelly"). */
  fraction?: number;
  /** Optional constraints: then the bet solves maxQuadraticUtility on excess returns with δ = 1/fraction (budget default 1 there, i.e. no cash, unless you set it). */
  constraints?: PortfolioConstraints;
  /** Asset names for `weightsByAsset`. */
  assets?: readonly string[];
}

/** Result of {@link kelly}. */
export interface KellyResult {
  /** Risky-asset weights (fractions of wealth; they need not sum to 1). */
  weights: number[];
  /** 1 − Σw: the risk-free position (negative = borrowing). */
  cash: number;
  /** Σ|w|. */
  grossExposure: number;
  /** Expected log-growth per period in the quadratic approximation: r_f + wᵀ(μ − r_f) − ½wᵀΣw. */
  expectedGrowth: number;
  /** Expected arithmetic return r_f + wᵀ(μ − r_f). */
  expectedReturn: number;
  /** sqrt(wᵀΣw). */
  volatility: number;
  weightsByAsset?: Record<string, number>;
}

/**
 * kelly on a `Moments` (from `moments()`): its `mu` and its covariance, with its assets labelling the
 * result; the same as `kelly(moments.mu, moments, ...)`. See the next signature for the method.
 */
export function kelly(moments: Moments, options?: KellyOptions): KellyResult;
/**
 * The multi-asset growth-optimal (Kelly) portfolio in the continuous-time / quadratic
 * approximation (Merton 1969; Thorp, "The Kelly criterion in blackjack, sports betting and the
 * stock market", 2006): maximising E[log wealth] ≈ r_f + wᵀ(μ − r_f) − ½wᵀΣw gives
 * w* = Σ⁻¹(μ − r_f), and the fractional Kelly bet is w = fraction · w* (solved by Cholesky, no
 * inverse). Unconstrained: the weights may sum to anything, the rest is cash at r_f (borrowing
 * when negative). With `constraints`, w maximises wᵀ(μ − r_f) − (1/(2·fraction))wᵀΣw under
 * them ({@link maxQuadraticUtility} with δ = 1/fraction), which equals the fractional Kelly bet
 * when no constraint binds and budget is free.
 *
 * Moments: `kelly(moments, ...)` takes `mu` and `cov` from a `Moments` (which must have `mu`;
 * see `moments()` in `quantivista/expected-returns`); `kelly(mu, moments, ...)` uses only its
 * covariance. Either way its assets label the result (as the `assets` option would; a given
 * `assets` must match), and a `Moments` the library built skips the O(n³)
 * positive-semidefiniteness re-check (any other object is fully checked); the numbers are
 * those of the same covariance given as a matrix.
 *
 * @param mu expected returns per period. @param cov covariance per period (positive definite
 *   for the unconstrained bet).
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the solves are O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {NotPositiveDefiniteError} when `cov` is singular (unconstrained case).
 * @throws {InvalidArgumentError} on bad options. @throws {DimensionError} on shape mismatches.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { kelly } from 'quantivista/optimize';
 * const k = kelly([0.08, 0.05], [[0.04, 0], [0, 0.01]], { riskFreeRate: 0.03, fraction: 0.5 });
 * console.log(k.weights); // [0.625, 1]
 * console.log(k.cash); // -0.625
 * ```
 */
export function kelly(mu: VectorLike, cov: MatrixLike | Moments, options?: KellyOptions): KellyResult;
export function kelly(...args: unknown[]): KellyResult {
  const fn = 'kelly';
  const { mu, cov, rest } = momentsArguments(fn, args);
  const options = rest[0] as KellyOptions | undefined;
  const { n, S, opts } = readOptimizerInput(fn, cov, options, ['riskFreeRate', 'fraction', 'constraints', 'assets']);
  const m = readMu(fn, mu, n);
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const fraction = opts.fraction === undefined ? 1 : checkRange(fn, 'fraction', opts.fraction, { min: 0, minOpen: true });
  const ex = m.map((v) => v - rf);
  let w: Float64Array;
  if (opts.constraints !== undefined) {
    if (opts.constraints === null || typeof opts.constraints !== 'object')
      throw new InvalidArgumentError(`${fn}: \`constraints\` must be an object of portfolio constraints.`, 'constraints', typeof opts.constraints);
    const r = maxQuadraticUtility(ex, cov, { ...opts.constraints, riskAversion: 1 / fraction });
    w = Float64Array.from(r.weights);
  } else {
    let L: Float64Array;
    try {
      L = choleskyKernel(S, n, fn);
    } catch (e) {
      if (e instanceof NotPositiveDefiniteError) {
        throw new NotPositiveDefiniteError(
          `${fn}: \`cov\` must be positive definite for the unconstrained Kelly bet (pivot ${e.pivot} is ${e.pivotValue}); pass \`constraints\` or repair the covariance.`,
          e.pivot,
          e.pivotValue,
        );
      }
      throw e;
    }
    w = choleskySolveKernel(L, n, ex.slice());
    for (let i = 0; i < n; i++) w[i] = fraction * w[i];
  }
  const variance = quadForm(S, w);
  const excess = dot(ex, w);
  let sum = 0;
  let gross = 0;
  for (let i = 0; i < n; i++) {
    sum += w[i];
    gross += Math.abs(w[i]);
  }
  const weights = Array.from(w);
  for (const v of [variance, excess, gross]) {
    if (!Number.isFinite(v)) {
      throw new InvalidArgumentError(
        `${fn}: the Kelly bet overflowed double precision (got ${v}); \`mu\` or \`cov\` is too large or too small in magnitude.`,
        'mu',
        v,
      );
    }
  }
  const out: KellyResult = {
    weights,
    cash: 1 - sum,
    grossExposure: gross,
    expectedGrowth: rf + excess - 0.5 * variance,
    expectedReturn: rf + excess,
    volatility: Math.sqrt(variance),
  };
  if (opts.assets !== undefined) {
    if (!Array.isArray(opts.assets) || opts.assets.length !== n || opts.assets.some((a) => typeof a !== 'string'))
      throw new InvalidArgumentError(`${fn}: \`assets\` must be an array of ${n} strings.`, 'assets', typeof opts.assets);
    // weightsByAsset is built from the labels: a duplicate would silently drop a weight
    if (new Set(opts.assets).size !== n) throw new InvalidArgumentError(`${fn}: \`assets\` names must be unique.`, 'assets', 'duplicates');
    out.weightsByAsset = Object.fromEntries(opts.assets.map((a, i) => [a, weights[i]]));
  }
  return out;
}
