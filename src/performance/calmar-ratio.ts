import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { annualizedReturnKernel } from './annualized-return.ts';
import { scanDrawdowns } from './summary-kernel.ts';
import { checkPeriodsPerYear, finiteAnnualized, undefinedRatio } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';

/** Options of {@link calmarRatio}. */
export interface CalmarRatioOptions extends MissingReturnsOption {
  /** Periods per year for the annualised (geometric) return in the numerator. Omit for the per-period geometric mean. */
  periodsPerYear?: number;
}

/**
 * Calmar ratio (Young 1991): the geometric annualised return ({@link annualizedReturn}) divided by the
 * maximum drawdown on the compounded wealth index (a positive fraction, see {@link drawdowns}), over
 * the whole series given (Young used the last 36 months; pass that window to get his figure).
 * Without `periodsPerYear` the numerator is the per-period geometric mean return.
 *
 * `returns` may be a `ReturnTable`: one column gives the number, several a record keyed by ticker,
 * each over its own history (leading blanks skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`).
 *
 * @throws {InvalidArgumentError} when the series has no drawdown (ratio undefined), on non-finite entries or bad options, or when the result is beyond the double range (overflow; returns beyond 2^±400 are first scaled by a power of two where that keeps the answer finite).
 * @throws {InsufficientDataError} on an empty series.
 * @example
 * ```ts
 * import { calmarRatio } from 'quantivista/performance';
 * console.log(calmarRatio([0.05, -0.1, 0.08, 0.03], { periodsPerYear: 4 })); // 0.51218
 * // B: wealth 1.1, 0.55, 1.1, 1.1 — a year's return of 10 % over a 50 % drawdown
 * const t = { kind: 'returns', dates: ['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31'], assets: ['A', 'B'],
 *   values: [[0.05, 0.1], [-0.1, -0.5], [0.08, 1], [0.03, 0]] } as const;
 * console.log(calmarRatio(t, { periodsPerYear: 4 })); // { A: 0.51218, B: 0.2 }
 * ```
 */
export function calmarRatio(returns: VectorLike, options?: CalmarRatioOptions): number;
export function calmarRatio(returns: ReturnTable | TableLike, options?: CalmarRatioOptions): number | Record<string, number>;
export function calmarRatio(returns: ReturnsInput, options?: CalmarRatioOptions): number | Record<string, number> {
  const fn = 'calmarRatio';
  const opts = checkOptions(fn, options, ['periodsPerYear', 'missing']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing });
  return perAssetNumber(read, (s) => calmarKernel(s.fn, s.r, ppy));
}

/** Kernel of {@link calmarRatio}. @internal */
export function calmarKernel(fn: string, r: Float64Array, ppy: number | undefined, maxDrawdown?: number): number {
  const max = maxDrawdown ?? scanDrawdowns(r).depth;
  if (!(max > 0)) undefinedRatio(fn, 'returns', 'the series has no drawdown (maximum drawdown 0)');
  return finiteAnnualized(fn, annualizedReturnKernel(r, ppy) / max, ppy);
}
