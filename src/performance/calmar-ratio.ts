import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { annualizedReturnKernel } from './annualized-return.ts';
import { drawdownKernel } from './drawdowns.ts';
import { checkPeriodsPerYear, finiteAnnualized, toReturns, undefinedRatio } from './internal.ts';

/** Options of {@link calmarRatio}. */
export interface CalmarRatioOptions {
  /** Periods per year for the annualised (geometric) return in the numerator. Omit for the per-period geometric mean. */
  periodsPerYear?: number;
}

/**
 * Calmar ratio (Young 1991): the geometric annualised return ({@link annualizedReturn}) divided by the
 * maximum drawdown on the compounded wealth index (a positive fraction, see {@link drawdowns}), over
 * the whole series given (Young used the last 36 months; pass that window to get his figure).
 * Without `periodsPerYear` the numerator is the per-period geometric mean return.
 *
 * @throws {InvalidArgumentError} when the series has no drawdown (ratio undefined), on non-finite entries or bad options.
 * @throws {InsufficientDataError} on an empty series.
 * @example
 * ```ts
 * import { calmarRatio } from 'quantivista/performance';
 * console.log(calmarRatio([0.05, -0.1, 0.08, 0.03], { periodsPerYear: 4 })); // 0.51218
 * ```
 */
export function calmarRatio(returns: VectorLike, options?: CalmarRatioOptions): number {
  const fn = 'calmarRatio';
  const opts = checkOptions(fn, options, ['periodsPerYear']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const r = toReturns(fn, 'returns', returns, 1);
  return calmarKernel(fn, r, ppy);
}

/** Kernel of {@link calmarRatio}. @internal */
export function calmarKernel(fn: string, r: Float64Array, ppy: number | undefined, maxDrawdown?: number): number {
  const max = maxDrawdown ?? drawdownKernel(r).max;
  if (!(max > 0)) undefinedRatio(fn, 'returns', 'the series has no drawdown (maximum drawdown 0)');
  return finiteAnnualized(fn, annualizedReturnKernel(r, ppy) / max, ppy);
}
