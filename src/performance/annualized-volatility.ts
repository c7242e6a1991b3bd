import type { VectorLike } from '../core/matrix.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, sdOf, toReturns } from './internal.ts';

/** Options of {@link annualizedVolatility}. */
export interface AnnualizedVolatilityOptions {
  /** Periods per year; the per-period standard deviation is scaled by √periodsPerYear. Omit for per-period. */
  periodsPerYear?: number;
  /** Delta degrees of freedom (default 1, the sample standard deviation). */
  ddof?: number;
}

/**
 * Volatility: the standard deviation of the per-period returns (ddof = 1 by default),
 * times √periodsPerYear when `periodsPerYear` is given (square-root-of-time scaling, which
 * assumes uncorrelated returns).
 *
 * @throws {InsufficientDataError} with fewer than ddof + 1 periods.
 * @throws {InvalidArgumentError} on non-finite entries or a bad option.
 * @example
 * ```ts
 * import { annualizedVolatility } from 'quantivista/performance';
 * console.log(annualizedVolatility([0.01, -0.02, 0.03], { periodsPerYear: 252 })); // 0.3994996871087636
 * ```
 */
export function annualizedVolatility(returns: VectorLike, options?: AnnualizedVolatilityOptions): number {
  const fn = 'annualizedVolatility';
  const opts = checkOptions(fn, options, ['periodsPerYear', 'ddof']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const ddof = opts.ddof === undefined ? 1 : checkInteger(fn, 'ddof', opts.ddof, 0);
  const r = toReturns(fn, 'returns', returns, ddof + 1);
  return sdOf(r, ddof) * Math.sqrt(ppy ?? 1);
}
