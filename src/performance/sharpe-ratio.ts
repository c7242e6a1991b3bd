import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, checkRate, diffMoments, undefinedRatio } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { scaledRatio } from './metric-formulas.ts';

/** Options of {@link sharpeRatio}. */
export interface SharpeRatioOptions extends MissingReturnsOption {
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
 * `returns` may be a `ReturnTable` (see "Tables" in the domain overview): a one-column table gives
 * the number, a table of several columns a record keyed by ticker; each column's leading blanks are
 * skipped, a later gap throws naming the asset and date unless `missing: 'drop'`.
 *
 * @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} when the excess returns are constant (sd = 0), on non-finite entries or bad options, or when the result is beyond the double range (overflow; returns beyond 2^±400 are first scaled by a power of two where that keeps the answer finite).
 * @example
 * ```ts
 * import { sharpeRatio } from 'quantivista/performance';
 * console.log(sharpeRatio([0.01, -0.02, 0.03, 0.02])); // 0.4629100498862757
 * // B listed a month late: its blank is skipped
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], assets: ['A', 'B'],
 *   values: [[0.01, null], [-0.02, 0.01], [0.03, 0.03], [0.02, 0.02]] } as const;
 * console.log(sharpeRatio(t)); // { A: 0.4629100498862757, B: 2 }
 * ```
 */
export function sharpeRatio(returns: VectorLike, options?: SharpeRatioOptions): number;
export function sharpeRatio(returns: ReturnTable | TableLike, options?: SharpeRatioOptions): number | Record<string, number>;
export function sharpeRatio(returns: ReturnsInput, options?: SharpeRatioOptions): number | Record<string, number> {
  const fn = 'sharpeRatio';
  const opts = checkOptions(fn, options, ['riskFreeRate', 'periodsPerYear', 'missing']);
  const rf = checkRate(fn, 'riskFreeRate', opts.riskFreeRate);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const read = readSeries(fn, returns, { min: 2, missing: opts.missing });
  return perAssetNumber(read, (s) => sharpeKernel(s.fn, s.r, rf, ppy));
}

/** Kernel of {@link sharpeRatio}. @internal */
export function sharpeKernel(fn: string, r: Float64Array, rf: number, ppy: number | undefined): number {
  const { mean, sd } = diffMoments(r, rf, 1);
  if (!(sd > 0)) undefinedRatio(fn, 'returns', 'the excess returns are constant (standard deviation 0)');
  return scaledRatio(mean, sd, ppy);
}
