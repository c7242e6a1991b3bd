import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { capmKernel, checkPeriodsPerYear, checkRate, toBenchmark, toReturns, undefinedRatio } from './internal.ts';

/** Options of {@link alpha}. */
export interface AlphaOptions {
  /** Risk-free rate per period (default 0). */
  riskFreeRate?: number;
  /** Periods per year; the per-period intercept is multiplied by periodsPerYear (simple scaling). Omit for per-period. */
  periodsPerYear?: number;
}

/**
 * Jensen's alpha: the intercept α of the CAPM regression of excess returns,
 * (r_t − rf) = α + β (b_t − rf) + ε_t, by least squares, i.e. α = mean(r − rf) − β · mean(b − rf).
 * Per period by default; with `periodsPerYear` the intercept is scaled arithmetically, α × periodsPerYear
 * (the convention of an annualised regression intercept; PerformanceAnalytics' `CAPM.alpha` is the
 * per-period figure).
 *
 * @throws {DimensionError} when the series differ in length. @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} when the benchmark is constant, on non-finite entries or bad options.
 * @example
 * ```ts
 * import { alpha } from 'quantivista/performance';
 * console.log(alpha([0.02, -0.01, 0.03], [0.01, -0.01, 0.02])); // 0.004285714285714287
 * ```
 */
export function alpha(returns: VectorLike, benchmark: VectorLike, options?: AlphaOptions): number {
  const fn = 'alpha';
  const opts = checkOptions(fn, options, ['riskFreeRate', 'periodsPerYear']);
  const rf = checkRate(fn, 'riskFreeRate', opts.riskFreeRate);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const r = toReturns(fn, 'returns', returns, 2);
  const b = toBenchmark(fn, benchmark, r.length);
  const k = capmKernel(r, b, rf);
  if (!k) return undefinedRatio(fn, 'benchmark', 'the benchmark returns are constant (variance 0)');
  return k.alpha * (ppy ?? 1);
}
