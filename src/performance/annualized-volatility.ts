import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, sdOf } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { annualizeDispersion } from './metric-formulas.ts';

/** Options of {@link annualizedVolatility}. */
export interface AnnualizedVolatilityOptions extends MissingReturnsOption {
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
 * `returns` may be a `ReturnTable`: one column gives the number, several a record keyed by ticker,
 * each over its own history (leading blanks skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`).
 *
 * @throws {InsufficientDataError} with fewer than ddof + 1 periods.
 * @throws {InvalidArgumentError} on non-finite entries or a bad option, or when the result is beyond the double range (overflow; returns beyond 2^±400 are first scaled by a power of two where that keeps the answer finite).
 * @example
 * ```ts
 * import { annualizedVolatility } from 'quantivista/performance';
 * console.log(annualizedVolatility([0.01, -0.02, 0.03], { periodsPerYear: 252 })); // 0.3994996871087636
 * const t = { kind: 'returns', dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['A', 'B'],
 *   values: [[0.01, 0.01], [-0.02, 0.02], [0.03, 0.03]] } as const;
 * console.log(annualizedVolatility(t)); // { A: 0.025166114784235832, B: 0.01 }
 * ```
 */
export function annualizedVolatility(returns: VectorLike, options?: AnnualizedVolatilityOptions): number;
export function annualizedVolatility(returns: ReturnTable | TableLike, options?: AnnualizedVolatilityOptions): number | Record<string, number>;
export function annualizedVolatility(returns: ReturnsInput, options?: AnnualizedVolatilityOptions): number | Record<string, number> {
  const fn = 'annualizedVolatility';
  const opts = checkOptions(fn, options, ['periodsPerYear', 'ddof', 'missing']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const ddof = opts.ddof === undefined ? 1 : checkInteger(fn, 'ddof', opts.ddof, 0);
  const read = readSeries(fn, returns, { min: ddof + 1, missing: opts.missing });
  return perAssetNumber(read, (s) => annualizeDispersion(sdOf(s.r, ddof), ppy));
}
