import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkOptions, checkRange, toSymmetricMatrix } from '../core/validate.ts';

/** Input of {@link rebalanceCostBenefit}. */
export interface RebalanceCostBenefitInput {
  /** Current weights. */
  current: VectorLike;
  /** Target weights. */
  target: VectorLike;
  /** Covariance of asset returns (per period of the horizon that matters to you). */
  cov: MatrixLike;
  /** Proportional cost rates: one for all assets or one per asset (e.g. 0.001 = 10 bp of traded value). */
  costs: number | VectorLike;
  /** Risk aversion δ > 0 of the mean-variance utility. */
  riskAversion: number;
}

/** Result of {@link rebalanceCostBenefit}. */
export interface RebalanceCostBenefitResult {
  /** Whether any trading pays (α* > 0). */
  rebalance: boolean;
  /** Optimal fraction α* ∈ [0, 1] of the way to target. */
  fraction: number;
  /** Weights after trading the fraction: current + α*(target − current). */
  weights: number[];
  /** Tracking-error variance to target before: dᵀΣd with d = current − target. */
  trackingVarianceBefore: number;
  /** Tracking-error variance after: (1 − α*)² dᵀΣd. */
  trackingVarianceAfter: number;
  /** Utility gain (δ/2)(dᵀΣd − (1 − α*)² dᵀΣd). */
  benefit: number;
  /** Cost α* Σ c_i |d_i|. */
  cost: number;
  /** benefit − cost (≥ 0). */
  netBenefit: number;
  /** Cost and benefit of trading all the way to target (α = 1). */
  fullRebalance: { benefit: number; cost: number; netBenefit: number };
}

/**
 * Whether rebalancing pays, and how far to go. Trading a fraction α of the way from current
 * weights w to target t removes tracking-error variance to target — worth
 * (δ/2)[dᵀΣd − (1 − α)² dᵀΣd] in mean-variance utility, d = w − t — and costs α Σ c_i |d_i| with
 * proportional cost rates c. The net gain is concave in α, and its maximiser is closed-form:
 * α* = clip(1 − Σ c_i|d_i| / (δ dᵀΣd), 0, 1).
 *
 * Benefit and cost are in return units of the covariance's period (e.g. per year for an annual Σ).
 *
 * NaN or ±Infinity in any input throws; so do inputs so large that dᵀΣd, the cost or the utility
 * overflows the double range (weights are fractions of the portfolio, e.g. 0.6, not 1e308).
 *
 * @throws {DimensionError} on mismatched sizes. @throws {InvalidArgumentError} for negative
 * costs, δ ≤ 0, a non-symmetric covariance, unknown fields, or when the result overflows.
 * @example
 * ```ts
 * import { rebalanceCostBenefit } from 'quantivista/rebalance';
 * const r = rebalanceCostBenefit({
 *   current: [0.7, 0.3], target: [0.6, 0.4], cov: [[0.04, 0], [0, 0.01]], costs: 0.001, riskAversion: 4,
 * });
 * // dᵀΣd = 0.01·0.04 + 0.01·0.01 = 0.0005; Σc|d| = 0.0002; α* = 1 − 0.0002 / (4 · 0.0005) = 0.9
 * console.log(r.fraction); // 0.9
 * ```
 */
export function rebalanceCostBenefit(input: RebalanceCostBenefitInput): RebalanceCostBenefitResult {
  const fn = 'rebalanceCostBenefit';
  if (input === undefined)
    throw new InvalidArgumentError(`${fn}: expected an input object { current, target, cov, costs, riskAversion? }, got undefined.`, 'input', 'undefined');
  checkOptions(fn, input, ['current', 'target', 'cov', 'costs', 'riskAversion']);
  const w = toVector(input.current, fn, 'current');
  const t = toVector(input.target, fn, 'target');
  const n = w.length;
  if (n === 0) throw new InvalidArgumentError(`${fn}: \`current\` must not be empty.`, 'current', 0);
  if (t.length !== n) throw new DimensionError(`${fn}: \`target\` must have ${n} entries, got ${t.length}.`);
  const S = toSymmetricMatrix(fn, 'cov', input.cov);
  if (S.rows !== n) throw new DimensionError(`${fn}: \`cov\` must be ${n} x ${n}, got ${S.rows} x ${S.cols}.`);
  const delta = checkRange(fn, 'riskAversion', input.riskAversion, { min: 0, minOpen: true });
  const c = typeof input.costs === 'number' ? new Float64Array(n).fill(checkRange(fn, 'costs', input.costs, { min: 0 })) : toVector(input.costs, fn, 'costs');
  if (c.length !== n) throw new DimensionError(`${fn}: \`costs\` must have ${n} entries, got ${c.length}.`);
  c.forEach((v, i) => {
    if (v < 0) throw new InvalidArgumentError(`${fn}: \`costs\` entry ${i} is ${v}; costs must be ≥ 0.`, 'costs', v);
  });
  const s = matrixData(S);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = w[i] - t[i];
  let q = 0;
  let linear = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += s[i * n + j] * d[j];
    q += d[i] * row;
    linear += c[i] * Math.abs(d[i]);
  }
  if (q < 0) {
    if (q < -1e-12 * Math.max(1, Math.abs(linear))) throw new InvalidArgumentError(`${fn}: \`cov\` is not positive semidefinite (dᵀΣd = ${q}).`, 'cov', q);
    q = 0;
  }
  const fullBenefit = (delta / 2) * q;
  if (!Number.isFinite(q) || !Number.isFinite(linear) || !Number.isFinite(fullBenefit - linear)) throw overflow(fn, w, t);
  const alpha = q > 0 ? Math.min(1, Math.max(0, 1 - linear / (delta * q))) : 0;
  const after = (1 - alpha) * (1 - alpha) * q;
  const benefit = (delta / 2) * (q - after);
  const cost = alpha * linear;
  return {
    rebalance: alpha > 0,
    fraction: alpha,
    weights: Array.from(w, (x, i) => x - alpha * d[i]),
    trackingVarianceBefore: q,
    trackingVarianceAfter: after,
    benefit,
    cost,
    netBenefit: benefit - cost,
    fullRebalance: { benefit: fullBenefit, cost: linear, netBenefit: fullBenefit - linear },
  };
}

/** The typed error for a tracking variance, cost or utility beyond the double range; names the largest weight. */
function overflow(fn: string, w: Float64Array, t: Float64Array): InvalidArgumentError {
  let arg = 'current';
  let at = 0;
  let big = -1;
  for (let i = 0; i < w.length; i++) {
    if (Math.abs(w[i]) > big) [arg, at, big] = ['current', i, Math.abs(w[i])];
    if (Math.abs(t[i]) > big) [arg, at, big] = ['target', i, Math.abs(t[i])];
  }
  return new InvalidArgumentError(
    `${fn}: the tracking variance, cost or utility overflows the double range (the largest weight is \`${arg}\` entry ${at} = ${big}); weights are fractions of the portfolio (0.6 for 60 %), and \`cov\`, \`costs\` and \`riskAversion\` should be per-period scale.`,
    arg,
    big,
  );
}
