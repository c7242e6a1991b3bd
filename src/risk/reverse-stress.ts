/**
 * Reverse stress testing: the most likely scenario that produces a given loss.
 *
 * @module
 */
import { readCovariance, withMomentsAssets, type Moments } from '../core/covariance-reader.ts';
import { normalCdfKernel } from '../core/distributions.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkFinite, checkLength, checkOptions } from '../core/validate.ts';
import { checkAssetLabels, checkFiniteResult } from './internal.ts';

/** Options of {@link reverseStress}. */
export interface ReverseStressOptions {
  /** The portfolio loss to produce (positive = loss, in the units of wᵀr). Required. */
  loss: number;
  /** Expected returns (default zero). */
  mu?: VectorLike;
  /** Asset labels; adds `byAsset`. */
  assets?: readonly string[];
}

/** Result of {@link reverseStress}. */
export interface ReverseStressResult {
  /** The scenario r* (every asset's return). */
  scenario: number[];
  loss: number;
  /** √((r* − μ)ᵀ Σ⁻¹ (r* − μ)) = |loss + wᵀμ| / σ_p: how many standard deviations away the scenario is. */
  mahalanobisDistance: number;
  /** P(wᵀr ≤ −loss) under N(μ, Σ) = Φ(−(loss + wᵀμ)/σ_p). */
  lossProbability: number;
  /** −w_i r*_i: they sum to `loss`. */
  contributions: number[];
  byAsset?: Record<string, { return: number; contribution: number }>;
}

/**
 * The most likely scenario (highest normal density, i.e. smallest Mahalanobis distance from μ)
 * among those with portfolio return −loss: r* = μ − (loss + wᵀμ) Σw / (wᵀΣw) (Breuer et al.
 * 2009's maximum-plausibility scenario for a linear portfolio). It moves each asset in proportion
 * to its covariance with the portfolio. Σ may be singular; only wᵀΣw > 0 is needed.
 *
 * `cov` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance
 * is used (a `Moments` the library built skips the O(n³) positive-semidefiniteness re-check; any
 * other object is fully checked), its `mu` stands in for the `mu` option when that is not given,
 * and its assets label the result.
 *
 * @throws {InvalidArgumentError} when `loss` is missing or not finite, the portfolio variance is 0, or the scenario overflows double precision (a huge `loss` over a tiny variance).
 * @throws {InvalidArgumentError} when `assets` is not an array of distinct strings (labelled records would drop a duplicate).
 * @throws {NotPositiveDefiniteError} when the covariance is not positive semidefinite (pivoted Cholesky, to 1e-10 of the largest variance).
 * @throws {DimensionError} on shape mismatches.
 * @example
 * ```ts
 * import { reverseStress } from 'quantivista/risk';
 * const r = reverseStress([0.5, 0.5], [[0.04, 0.01], [0.01, 0.01]], { loss: 0.1 });
 * console.log(r.scenario); // [-0.14285714285714288, -0.05714285714285715]
 * ```
 */
export function reverseStress(weights: VectorLike, cov: MatrixLike | Moments, options: ReverseStressOptions): ReverseStressResult {
  const fn = 'reverseStress';
  if (options === undefined) throw new InvalidArgumentError(`${fn}: \`options.loss\` is required.`, 'loss', 'undefined');
  const given = checkOptions(fn, options, ['loss', 'mu', 'assets']);
  const loss = checkFinite(fn, 'loss', given.loss);
  const w = toVector(weights, fn, 'weights');
  const n = w.length;
  if (n === 0) throw new DimensionError(`${fn}: \`weights\` must not be empty.`);
  const message = (rows: number, cols: number): string => `${fn}: \`cov\` is ${rows} x ${cols} but \`weights\` has ${n} entries.`;
  const { data: c, assets, mu: momentsMu } = readCovariance(fn, 'cov', cov, 'risk', { n, message });
  const opts = withMomentsAssets(fn, given, assets);
  const mu = opts.mu !== undefined ? toVector(opts.mu, fn, 'mu') : momentsMu !== null ? momentsMu : new Float64Array(n);
  checkLength(fn, 'mu', mu.length, n);
  if (opts.assets !== undefined) checkAssetLabels(fn, opts.assets, n);
  const Sw = new Float64Array(n);
  let v = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += c[i * n + j] * w[j];
    Sw[i] = s;
    v += w[i] * s;
    m += w[i] * mu[i];
  }
  checkFiniteResult(fn, [v, m], 'weights');
  if (!(v > 0)) throw new InvalidArgumentError(`${fn}: the portfolio variance wᵀΣw is ${v}; no scenario moves a riskless portfolio.`, 'weights', v);
  const k = (loss + m) / v;
  const scenario = Array.from({ length: n }, (_, i) => mu[i] - k * Sw[i]);
  const sigma = Math.sqrt(v);
  const contributions = scenario.map((r, i) => -w[i] * r);
  const out: ReverseStressResult = {
    scenario,
    loss,
    mahalanobisDistance: Math.abs(loss + m) / sigma,
    lossProbability: normalCdfKernel(-(loss + m) / sigma),
    contributions,
  };
  if (opts.assets !== undefined) {
    const labels = opts.assets;
    out.byAsset = Object.fromEntries(labels.map((a, i) => [a, { return: scenario[i], contribution: contributions[i] }]));
  }
  // a huge loss over a tiny variance can overflow the scenario: refuse rather than return ±Infinity / NaN
  checkFiniteResult(fn, out, 'loss');
  return out;
}
