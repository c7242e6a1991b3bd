import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, checkRate, diffMoments, toReturns, undefinedRatio } from './internal.ts';

/** Options of {@link sharpeRatio}. */
export interface SharpeRatioOptions {
  /** Risk-free rate per period (same period as the returns). Default 0. */
  riskFreeRate?: number;
  /** Periods per year; the per-period ratio is multiplied by √periodsPerYear. Omit for per-period. */
  periodsPerYear?: number;
}

/**
 * Sharpe ratio (Sharpe 1994, ex post): with excess returns e_t = r_t − riskFreeRate,
 * `mean(e) / sd(e)` with the sample standard deviation (ddof = 1), multiplied by
 * √periodsPerYear when `periodsPerYear` is given. This is the arithmetic convention of
 * PerformanceAnalytics' `SharpeRatio(FUN = "StdDev")` per period and the common "√252" annualisation
 * (it differs from annualising the mean geometrically).
 *
 * @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} when the excess returns are constant (sd = 0), on non-finite entries or bad options.
 * @example
 * ```ts
 * import { sharpeRatio } from 'quantivista/performance';
 * console.log(sharpeRatio([0.01, -0.02, 0.03, 0.02])); // 0.4629100498862757
 * ```
 */
export function sharpeRatio(returns: VectorLike, options?: SharpeRatioOptions): number {
  const fn = 'sharpeRatio';
  const opts = checkOptions(fn, options, ['riskFreeRate', 'periodsPerYear']);
  const rf = checkRate(fn, 'riskFreeRate', opts.riskFreeRate);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const r = toReturns(fn, 'returns', returns, 2);
  return sharpeKernel(fn, r, rf, ppy);
}

/** Kernel of {@link sharpeRatio}. @internal */
export function sharpeKernel(fn: string, r: Float64Array, rf: number, ppy: number | undefined): number {
  const { mean, sd } = diffMoments(r, rf, 1);
  if (!(sd > 0)) undefinedRatio(fn, 'returns', 'the excess returns are constant (standard deviation 0)');
  return (mean / sd) * Math.sqrt(ppy ?? 1);
}
