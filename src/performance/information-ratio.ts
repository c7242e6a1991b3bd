import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, diffMoments, toBenchmark, toReturns, undefinedRatio } from './internal.ts';

/** Options of {@link informationRatio}. */
export interface InformationRatioOptions {
  /** Periods per year; the per-period ratio is multiplied by √periodsPerYear. Omit for per-period. */
  periodsPerYear?: number;
}

/**
 * Information ratio: mean active return over tracking error, `mean(r − b) / sd(r − b)` with
 * ddof = 1, times √periodsPerYear when `periodsPerYear` is given (arithmetic convention).
 *
 * @throws {DimensionError} when the series differ in length. @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} when the active returns are constant (tracking error 0), on non-finite entries or bad options.
 * @example
 * ```ts
 * import { informationRatio } from 'quantivista/performance';
 * console.log(informationRatio([0.02, -0.01, 0.03], [0.01, -0.01, 0.02])); // 1.1547005383792517
 * ```
 */
export function informationRatio(returns: VectorLike, benchmark: VectorLike, options?: InformationRatioOptions): number {
  const fn = 'informationRatio';
  const opts = checkOptions(fn, options, ['periodsPerYear']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const r = toReturns(fn, 'returns', returns, 2);
  const b = toBenchmark(fn, benchmark, r.length);
  return informationKernel(fn, r, b, ppy);
}

/** Kernel of {@link informationRatio}. @internal */
export function informationKernel(fn: string, r: Float64Array, b: Float64Array, ppy: number | undefined): number {
  const { mean, sd: te } = diffMoments(r, b, 1);
  if (!(te > 0)) undefinedRatio(fn, 'benchmark', 'the active returns are constant (tracking error 0)');
  return (mean / te) * Math.sqrt(ppy ?? 1);
}
