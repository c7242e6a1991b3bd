import { checkAssetNames } from '../core/table.ts';
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkOptions, toSymmetricMatrix } from '../core/validate.ts';
import { dot } from './internal.ts';

/** Options of {@link riskAttribution}. */
export interface RiskAttributionOptions {
  /** Benchmark weights: attribute the tracking error of w − benchmark. Omit to attribute total volatility. */
  benchmark?: VectorLike;
  /** Asset labels, one per weight: adds the labelled `byAsset` record. */
  assets?: readonly string[];
}

/** Result of {@link riskAttribution}. */
export interface RiskAttributionResult {
  /** √(a' Σ a) with a the active weights (the ex-ante tracking error, or volatility without a benchmark), in the period of Σ. */
  trackingError: number;
  /** a = w − benchmark (or w). */
  activeWeights: number[];
  /** Marginal contributions ∂TE/∂a_i = (Σ a)_i / TE. */
  marginal: number[];
  /** Contributions a_i (Σ a)_i / TE; they add up to the tracking error (Euler decomposition). */
  contributions: number[];
  /** contributions / TE; they add up to 1. */
  percentContributions: number[];
  byAsset: Record<string, { activeWeight: number; marginal: number; contribution: number; percent: number }> | null;
}

/**
 * Ex-ante risk attribution by Euler decomposition: with active weights a = w − w_b and covariance Σ,
 * the tracking error TE = √(a'Σa) splits into contributions a_i (Σa)_i / TE that add up to TE
 * (Menchero & Davis 2011, "Risk contribution is exposure times volatility times correlation").
 * Without a benchmark, the portfolio volatility is attributed instead. Units follow Σ (per period).
 *
 * @throws {DimensionError} when weights, benchmark, covariance or labels differ in size.
 * @throws {InvalidArgumentError} when the active risk is zero (contributions undefined) or a'Σa < 0 (Σ not PSD), on non-finite input, a non-symmetric Σ or bad options.
 * @example
 * ```ts
 * import { riskAttribution } from 'quantivista/attribution';
 * const cov = [[0.04, 0.006], [0.006, 0.09]];
 * const r = riskAttribution([0.6, 0.4], cov, { benchmark: [0.5, 0.5] });
 * console.log(r.trackingError); // 0.034351128074635...
 * ```
 */
export function riskAttribution(weights: VectorLike, cov: MatrixLike, options?: RiskAttributionOptions): RiskAttributionResult {
  const fn = 'riskAttribution';
  const opts = checkOptions(fn, options, ['benchmark', 'assets']);
  const w = toVector(weights, fn, 'weights');
  const n = w.length;
  if (n === 0) throw new DimensionError(`${fn}: \`weights\` must not be empty.`);
  const S = toSymmetricMatrix(fn, 'cov', cov);
  if (S.rows !== n) throw new DimensionError(`${fn}: \`cov\` must be ${n} x ${n} (one row per weight), got ${S.rows} x ${S.cols}.`);
  const a = new Float64Array(w);
  if (opts.benchmark !== undefined) {
    const b = toVector(opts.benchmark, fn, 'benchmark');
    if (b.length !== n) throw new DimensionError(`${fn}: \`benchmark\` must have ${n} entries, got ${b.length}.`);
    for (let i = 0; i < n; i++) a[i] = a[i] - b[i];
  }
  if (opts.assets !== undefined && (!Array.isArray(opts.assets) || opts.assets.length !== n)) {
    throw new DimensionError(`${fn}: \`assets\` must have ${n} labels, got ${Array.isArray(opts.assets) ? opts.assets.length : typeof opts.assets}.`);
  }
  if (opts.assets !== undefined) {
    // unique, non-empty strings: a repeated label would silently merge two assets in byAsset
    checkAssetNames(fn, 'assets', opts.assets, n);
  }
  const d = matrixData(S);
  const Sa = new Float64Array(n);
  for (let i = 0; i < n; i++) Sa[i] = dot(d.subarray(i * n, i * n + n), a);
  const v = dot(a, Sa);
  if (v < 0) throw new InvalidArgumentError(`${fn}: a'Σa = ${v} is negative, so \`cov\` is not positive semi-definite.`, 'cov', v);
  const te = Math.sqrt(v);
  if (!(te > 0))
    throw new InvalidArgumentError(
      `${fn}: the active risk is zero (weights equal the benchmark or Σ a = 0), so contributions are undefined.`,
      'weights',
      'degenerate',
    );
  const marginal = Array.from(Sa, (x) => x / te);
  const contributions = marginal.map((m, i) => m * a[i]);
  const percent = contributions.map((c) => c / te);
  return {
    trackingError: te,
    activeWeights: Array.from(a),
    marginal,
    contributions,
    percentContributions: percent,
    byAsset: opts.assets
      ? Object.fromEntries(
          opts.assets.map((l, i) => [String(l), { activeWeight: a[i], marginal: marginal[i], contribution: contributions[i], percent: percent[i] }]),
        )
      : null,
  };
}
