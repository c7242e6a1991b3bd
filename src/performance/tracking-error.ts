import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, diffMoments, toBenchmark, toReturns } from './internal.ts';

/** Options of {@link trackingError}. */
export interface TrackingErrorOptions {
  /** Periods per year; the per-period figure is multiplied by √periodsPerYear. Omit for per-period. */
  periodsPerYear?: number;
}

/**
 * Tracking error: the sample standard deviation (ddof = 1) of the active returns r_t − b_t,
 * times √periodsPerYear when `periodsPerYear` is given.
 *
 * @throws {DimensionError} when the series differ in length. @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} on non-finite entries or bad options.
 * @example
 * ```ts
 * import { trackingError } from 'quantivista/performance';
 * console.log(trackingError([0.02, -0.01, 0.03], [0.01, -0.01, 0.02])); // 0.005773502691896258
 * ```
 */
export function trackingError(returns: VectorLike, benchmark: VectorLike, options?: TrackingErrorOptions): number {
  const fn = 'trackingError';
  const opts = checkOptions(fn, options, ['periodsPerYear']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const r = toReturns(fn, 'returns', returns, 2);
  const b = toBenchmark(fn, benchmark, r.length);
  return diffMoments(r, b, 1).sd * Math.sqrt(ppy ?? 1);
}
