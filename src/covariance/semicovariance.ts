/**
 * Downside semicovariance.
 *
 * @module
 */
import { DimensionError } from '../core/errors.ts';
import { toVector, wrapMatrix, type Matrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';
import { gramUpper, labelMatrix, readAssets, readReturns } from './gram-kernel.ts';

/** Options of {@link semicovariance}. */
export interface SemicovarianceOptions {
  /** The threshold b: a number (per-period return, default 0) or one value per period (length T, e.g. a risk-free series). */
  benchmark?: number | VectorLike;
  /** Optional asset labels (one per column); the result then also carries `labelled`. */
  assets?: readonly string[];
}

/** Result of {@link semicovariance}. */
export interface SemicovarianceResult {
  /** The n x n semicovariance, per period. */
  covariance: Matrix;
  /** Number of periods T (the divisor). */
  observations: number;
  /** For each asset, the number of periods with r_ti < b_t. */
  downsidePeriods: number[];
  /** Asset labels, when given. */
  assets?: string[];
  /** `labelled[a][b]` = semicovariance of assets a and b, when `assets` was given. */
  labelled?: Record<string, Record<string, number>>;
}

/**
 * Downside semicovariance (Estrada 2007; PyPortfolioOpt's `semicovariance` convention):
 * Σ = (1/T) Σ_t d_t d_tᵀ with d_t = min(r_t − b_t, 0) elementwise, summed and divided over
 * ALL T periods (periods above the threshold count as zeros, not dropped). Not demeaned:
 * the threshold is the benchmark, not the mean. Per period, never annualised. No NaN accepted.
 * (PyPortfolioOpt defaults `benchmark` to 0.000079, a daily risk-free rate, and multiplies by
 * `frequency = 252`; here the default is 0 and nothing is annualised.)
 *
 * @param returns T x n returns, T ≥ 2.
 * @throws {InsufficientDataError} when T < 2. @throws {DimensionError} on ragged rows or a benchmark vector whose length is not T.
 * @throws {InvalidArgumentError} on NaN / ±Infinity or an unknown option.
 * @example
 * ```ts
 * import { semicovariance } from 'quantivista/covariance';
 * const { covariance } = semicovariance([[0.02, -0.01], [-0.02, -0.03]]);
 * console.log(covariance.toArray()); // [[0.0002, 0.0003], [0.0003, 0.0005]]
 * ```
 */
export function semicovariance(returns: MatrixLike, options?: SemicovarianceOptions): SemicovarianceResult {
  const fn = 'semicovariance';
  const opts = checkOptions(fn, options, ['benchmark', 'assets']);
  const { data, T, n } = readReturns(fn, returns);
  const assets = readAssets(fn, opts.assets, n);
  const b = new Float64Array(T);
  if (typeof opts.benchmark === 'number' || opts.benchmark === undefined) {
    b.fill(opts.benchmark === undefined ? 0 : checkFinite(fn, 'benchmark', opts.benchmark));
  } else {
    const v = toVector(opts.benchmark, fn, 'benchmark');
    if (v.length !== T) throw new DimensionError(`${fn}: \`benchmark\` must be a number or have one value per period (${T}), got ${v.length}.`);
    b.set(v);
  }
  const n4 = (n + 3) & ~3;
  const xt = new Float64Array(n4 * T);
  const downside = new Array<number>(n).fill(0);
  for (let t = 0; t < T; t++) {
    const bt = b[t] as number;
    for (let i = 0; i < n; i++) {
      const d = (data[t * n + i] as number) - bt;
      if (d < 0) {
        xt[i * T + t] = d;
        downside[i] = (downside[i] as number) + 1;
      }
    }
  }
  const cov = gramUpper(xt, n, T, 1 / T);
  const result: SemicovarianceResult = { covariance: wrapMatrix(n, n, cov), observations: T, downsidePeriods: downside };
  if (assets) {
    result.assets = assets;
    result.labelled = labelMatrix(assets, cov);
  }
  return result;
}
