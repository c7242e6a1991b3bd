/**
 * Euler decomposition of portfolio volatility into asset risk contributions.
 *
 * @module
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { readCovariance, withMomentsAssets, type Moments } from '../core/covariance-reader.ts';
import { checkAssets, matVec } from './kernels.ts';

/** Options of {@link riskContributions}. */
export interface RiskContributionsOptions {
  /** Asset names; when given the result also carries `byAsset`. */
  assets?: readonly string[];
}

/** One asset's figures in {@link RiskContributionsResult.byAsset}. */
export interface AssetRiskContribution {
  weight: number;
  marginal: number;
  absolute: number;
  percentage: number;
}

/** Result of {@link riskContributions}. */
export interface RiskContributionsResult {
  /** Portfolio variance wᵀΣw (per period of `cov`). */
  variance: number;
  /** Portfolio volatility σ(w) = sqrt(wᵀΣw). */
  volatility: number;
  /** Marginal contributions ∂σ/∂w_i = (Σw)_i / σ. */
  marginal: number[];
  /** Absolute (Euler) contributions w_i (Σw)_i / σ; they sum to σ. */
  absolute: number[];
  /** Percentage (relative) contributions w_i (Σw)_i / wᵀΣw; they sum to 1. */
  percentage: number[];
  /** Labelled figures, present when `assets` was given. */
  byAsset?: Record<string, AssetRiskContribution>;
}

/**
 * Risk contributions of a portfolio to its volatility (Euler allocation): with σ(w) = sqrt(wᵀΣw),
 * the marginal contribution of asset i is ∂σ/∂w_i = (Σw)_i / σ, its absolute contribution
 * RC_i = w_i (Σw)_i / σ (the RC_i sum to σ because σ is homogeneous of degree one) and its
 * percentage contribution RC_i / σ = w_i (Σw)_i / wᵀΣw (summing to 1). Weights may be of any
 * sign and need not sum to one. Units: those of `cov` (per period; no annualisation).
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance is
 * used (a `Moments` the library built skips the symmetry and 2 x 2 minor screens; any other object
 * is fully checked) and its assets label the result (a given `assets` must match).
 *
 * @param weights portfolio weights, one per asset (finite; NaN is refused).
 * @param cov covariance matrix (symmetric, positive diagonal).
 * @throws {DimensionError} when the lengths disagree. @throws {InvalidArgumentError} on NaN /
 * non-finite input, a non-symmetric `cov`, a portfolio of zero (or negative) variance, for which
 * percentage contributions are undefined, or weights so large that wᵀΣw overflows double precision. @throws {NotPositiveDefiniteError} on a non-positive variance on the diagonal
 * or a pair of assets whose correlation lies outside [−1, 1].
 * @example
 * ```ts
 * import { riskContributions } from 'quantivista/risk-parity';
 * const rc = riskContributions([0.5, 0.5], [[0.04, 0], [0, 0.01]]);
 * console.log(rc.percentage); // [0.8, 0.2]
 * console.log(rc.volatility); // 0.11180339887498948
 * ```
 */
export function riskContributions(weights: VectorLike, cov: MatrixLike | Moments, options?: RiskContributionsOptions): RiskContributionsResult {
  const fn = 'riskContributions';
  const opts = checkOptions(fn, options, ['assets']);
  const w = toVector(weights, fn, 'weights');
  const { data: S, n, assets: labels } = readCovariance(fn, 'cov', cov, 'risk-parity');
  if (w.length !== n) throw new DimensionError(`${fn}: \`weights\` must have ${n} entries (one per row of \`cov\`), got ${w.length}.`);
  const assets = checkAssets(fn, withMomentsAssets(fn, opts, labels).assets, n);
  const s = matVec(S, n, w, new Float64Array(n));
  let variance = 0;
  for (let i = 0; i < n; i++) variance += w[i] * s[i];
  if (variance === Infinity || !s.every(Number.isFinite)) {
    throw new InvalidArgumentError(
      `${fn}: the portfolio variance wᵀΣw overflows double precision (weights up to ${Math.max(...Array.from(w, Math.abs))}); express weights as fractions of the portfolio.`,
      'weights',
      variance,
    );
  }
  if (!(variance > 0)) {
    throw new InvalidArgumentError(
      `${fn}: the portfolio variance wᵀΣw must be positive, got ${variance}; contributions are undefined for a riskless portfolio.`,
      'weights',
      variance,
    );
  }
  const vol = Math.sqrt(variance);
  const marginal = new Array<number>(n);
  const absolute = new Array<number>(n);
  const percentage = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const si = s[i];
    const c = w[i] * si;
    marginal[i] = si / vol;
    absolute[i] = c / vol;
    percentage[i] = c / variance;
  }
  const out: RiskContributionsResult = { variance, volatility: vol, marginal, absolute, percentage };
  if (assets) {
    out.byAsset = Object.fromEntries(assets.map((a, i) => [a, { weight: w[i], marginal: marginal[i], absolute: absolute[i], percentage: percentage[i] }]));
  }
  return out;
}
