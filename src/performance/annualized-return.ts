import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, finiteAnnualized, growthOf, toReturns } from './internal.ts';

/** Options of {@link annualizedReturn}. */
export interface AnnualizedReturnOptions {
  /** Periods per year (252 for trading days, 12 for months). Omit for the per-period geometric mean. */
  periodsPerYear?: number;
}

/**
 * Geometric (compounded) average return: with T periods and growth G = Π(1 + r_t),
 * `G^(periodsPerYear / T) − 1` when `periodsPerYear` is given (the CAGR, with
 * years = T / periodsPerYear), otherwise the per-period geometric mean `G^(1 / T) − 1`.
 *
 * Returns are simple per-period returns (decimals, ≥ −1). A total loss (some r_t = −1) gives −1.
 * The product is formed as exp(Σ log1p r_t) with compensated summation.
 *
 * @param returns per-period simple returns, oldest first; NaN / ±Infinity throw.
 * @throws {InsufficientDataError} on an empty series.
 * @throws {InvalidArgumentError} on a non-finite entry, a return below −1, a bad `periodsPerYear`.
 * @example
 * ```ts
 * import { annualizedReturn } from 'quantivista/performance';
 * // two months of +10 % and −5 %: growth 1.045, annualised over 12 periods a year
 * console.log(annualizedReturn([0.1, -0.05], { periodsPerYear: 12 })); // 0.30226...
 * ```
 */
export function annualizedReturn(returns: VectorLike, options?: AnnualizedReturnOptions): number {
  const fn = 'annualizedReturn';
  const opts = checkOptions(fn, options, ['periodsPerYear']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const r = toReturns(fn, 'returns', returns);
  return finiteAnnualized(fn, annualizedReturnKernel(r, ppy), ppy);
}

/** Kernel of {@link annualizedReturn} on validated input. @internal */
export function annualizedReturnKernel(r: Float64Array, ppy: number | undefined): number {
  const g = growthOf(r);
  if (g === 0) return -1;
  const power = (ppy ?? 1) / r.length;
  return Math.expm1(Math.log(g) * power);
}
