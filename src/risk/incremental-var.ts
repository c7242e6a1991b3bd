/**
 * Incremental VaR / ES / volatility: the change in portfolio risk from adding or removing
 * positions, exactly (full revaluation) and by the marginal (first-order) approximation.
 *
 * @module
 */
import { DimensionError } from '../core/errors.ts';
import { toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import type { Moments } from '../core/covariance-reader.ts';
import { checkLength, checkOneOf, checkOptions } from '../core/validate.ts';
import {
  prepareRiskInput,
  riskGradient,
  riskKernelOptions,
  type ComponentRiskMethod,
  type RiskDecompositionOptions,
  type RiskMeasure,
} from './component-risk.ts';
import { checkFiniteRisk, tailProbability } from './internal.ts';

/** Options of {@link incrementalVaR}: those of componentRisk without `assets` (see {@link RiskDecompositionOptions}). */
export interface IncrementalVaROptions extends RiskDecompositionOptions {
  /** `'var'` (default), `'es'` or `'volatility'`. */
  measure?: RiskMeasure;
}

/** Result of {@link incrementalVaR}. */
export interface IncrementalVaRResult {
  measure: RiskMeasure;
  method: ComponentRiskMethod;
  /** Risk of the current portfolio `weights`. */
  before: number;
  /** Risk of `weights + change`. */
  after: number;
  /** after − before (positive: the change adds risk). */
  incremental: number;
  /** First-order estimate Σ change_i ∂R/∂w_i at the current weights (marginal VaR × trade). */
  marginalEstimate: number;
}

/**
 * Incremental risk of a trade: the risk of `weights + change` minus the risk of `weights`,
 * with the same methods and conventions as {@link componentRisk}, plus the first-order estimate
 * Σ Δw_i · marginal_i (Jorion's "marginal VaR" approximation) so a user can see when it is good
 * enough. A negative `change` removes (part of) a position; removing a whole position i is
 * `change = −w_i e_i`.
 *
 * `covOrReturns` may be a ReturnTable (read as returns, as in componentRisk).
 * NaN handling: NaN or ±Infinity in `weights`, `covOrReturns` or `change` throws InvalidArgumentError
 * (naming the asset and date for a table), unless `missing: 'drop'` removes incomplete return rows.
 * `covOrReturns` may be a `Moments` (see `moments()` in `quantivista/expected-returns`): its covariance
 * is used (a `Moments` the library built skips the O(n³) positive-semidefiniteness re-check; any
 * other object is fully checked), its `mu` stands in for the `mu` option when that is not given,
 * and its assets label the result.
 *
 * Size cap: n ≤ `SIZE_CAPS.assets` (20,000) assets, as componentRisk.
 *
 * @throws {DimensionError} when `change` and `weights` differ in length; otherwise as componentRisk (SizeLimitError beyond the size cap).
 * @example
 * ```ts
 * import { incrementalVaR } from 'quantivista/risk';
 * // Hull: $10M Microsoft (daily σ 2%), $5M AT&T (σ 1%), ρ = 0.3; VaR of adding the AT&T position.
 * const cov = [[0.0004, 0.00006], [0.00006, 0.0001]];
 * const r = incrementalVaR([10e6, 0], cov, [0, 5e6], { confidence: 0.99 });
 * console.log(Math.round(r.incremental)); // 47055
 * ```
 */
export function incrementalVaR(
  weights: VectorLike,
  covOrReturns: MatrixLike | TableLike | Moments,
  change: VectorLike,
  options?: IncrementalVaROptions,
): IncrementalVaRResult {
  const fn = 'incrementalVaR';
  const opts = checkOptions(fn, options, ['measure', 'method', 'confidence', 'input', 'mu', 'bandwidth', 'outsideDomain', 'missing', 'assumeReturns']);
  const measure = checkOneOf(fn, 'measure', opts.measure ?? 'var', ['volatility', 'var', 'es'] as const);
  const method =
    measure === 'volatility' ? 'gaussian' : checkOneOf(fn, 'method', opts.method ?? 'gaussian', ['gaussian', 'cornish-fisher', 'historical'] as const);
  const { p } = tailProbability(fn, opts.confidence ?? 0.95);
  const w = toVector(weights, fn, 'weights');
  if (w.length === 0) throw new DimensionError(`${fn}: \`weights\` must not be empty.`);
  const d = toVector(change, fn, 'change');
  checkLength(fn, 'change', d.length, w.length);
  const kOpts = riskKernelOptions(fn, opts);
  const input = prepareRiskInput(fn, w.length, covOrReturns, opts);
  const g0 = riskGradient(fn, w, input, measure, method, p, kOpts);
  const w1 = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) w1[i] = w[i] + d[i];
  const g1 = riskGradient(fn, w1, input, measure, method, p, kOpts);
  checkFiniteRisk(fn, [g0.total, g1.total, ...g0.marginal], 'risk');
  let est = 0;
  for (let i = 0; i < w.length; i++) est += d[i] * g0.marginal[i] * (g0.scale ?? 1);
  return { measure, method, before: g0.total, after: g1.total, incremental: g1.total - g0.total, marginalEstimate: est };
}
