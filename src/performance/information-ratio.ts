import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, diffMoments, undefinedRatio } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { scaledRatio } from './metric-formulas.ts';

/** Options of {@link informationRatio}. */
export interface InformationRatioOptions extends MissingReturnsOption {
  /** Periods per year; the per-period ratio is multiplied by √periodsPerYear. Omit for per-period. */
  periodsPerYear?: number;
}

/**
 * Information ratio: mean active return over tracking error, `mean(r − b) / sd(r − b)` with
 * ddof = 1, times √periodsPerYear when `periodsPerYear` is given (arithmetic convention).
 *
 * `returns` may be a `ReturnTable` (one column: the number; several: a record keyed by ticker, each
 * column against the benchmark) and `benchmark` a one-column `ReturnTable`: two tables are aligned by
 * date (inner join: a date in only one of them is left out; no common date throws); a vector is
 * aligned by position. Leading blanks are skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`, which leaves out the periods where either side is missing.
 *
 * @throws {DimensionError} when the series differ in length. @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} when the active returns are constant (tracking error 0), on non-finite entries or bad options, or when the result is beyond the double range (overflow; returns beyond 2^±400 are first scaled by a power of two where that keeps the answer finite).
 * @example
 * ```ts
 * import { informationRatio } from 'quantivista/performance';
 * console.log(informationRatio([0.02, -0.01, 0.03], [0.01, -0.01, 0.02])); // 1.1547005383792517
 * // the fund has an extra date (2024-01-31) the benchmark lacks: it is left out
 * const fund = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], assets: ['F'],
 *   values: [[0.05], [0.02], [-0.01], [0.03]] } as const;
 * const index = { kind: 'returns', dates: ['2024-02-29', '2024-03-31', '2024-04-30'], assets: ['IDX'], values: [[0.01], [-0.01], [0.02]] } as const;
 * console.log(informationRatio(fund, index)); // 1.1547005383792517
 * ```
 */
export function informationRatio(returns: VectorLike, benchmark: VectorLike | ReturnTable | TableLike, options?: InformationRatioOptions): number;
export function informationRatio(
  returns: ReturnTable | TableLike,
  benchmark: VectorLike | ReturnTable | TableLike,
  options?: InformationRatioOptions,
): number | Record<string, number>;
export function informationRatio(returns: ReturnsInput, benchmark: ReturnsInput, options?: InformationRatioOptions): number | Record<string, number> {
  const fn = 'informationRatio';
  const opts = checkOptions(fn, options, ['periodsPerYear', 'missing']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const read = readSeries(fn, returns, { min: 2, missing: opts.missing, benchmark: { input: benchmark } });
  return perAssetNumber(read, (s) => informationKernel(s.fn, s.r, s.b as Float64Array, ppy));
}

/** Kernel of {@link informationRatio}. @internal */
export function informationKernel(fn: string, r: Float64Array, b: Float64Array, ppy: number | undefined): number {
  const { mean, sd: te } = diffMoments(r, b, 1);
  if (!(te > 0)) undefinedRatio(fn, 'benchmark', 'the active returns are constant (tracking error 0)');
  return scaledRatio(mean, te, ppy);
}
