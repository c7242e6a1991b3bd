import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, diffMoments } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { annualizeDispersion } from './metric-formulas.ts';

/** Options of {@link trackingError}. */
export interface TrackingErrorOptions extends MissingReturnsOption {
  /** Periods per year; the per-period figure is multiplied by √periodsPerYear. Omit for per-period. */
  periodsPerYear?: number;
}

/**
 * Tracking error: the sample standard deviation (ddof = 1) of the active returns r_t − b_t,
 * times √periodsPerYear when `periodsPerYear` is given.
 *
 * `returns` may be a `ReturnTable` (one column: the number; several: a record keyed by ticker, each
 * column against the benchmark) and `benchmark` a one-column `ReturnTable`: two tables are aligned by
 * date (inner join: a date in only one of them is left out; no common date throws); a vector is
 * aligned by position. Leading blanks are skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`, which leaves out the periods where either side is missing.
 *
 * @throws {DimensionError} when the series differ in length. @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} on non-finite entries or bad options, or when the result is beyond the double range (overflow; returns beyond 2^±400 are first scaled by a power of two where that keeps the answer finite).
 * @example
 * ```ts
 * import { trackingError } from 'quantivista/performance';
 * console.log(trackingError([0.02, -0.01, 0.03], [0.01, -0.01, 0.02])); // 0.005773502691896258
 * // two funds against one index; B tracks it exactly
 * const funds = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['A', 'B'],
 *   values: [[0.02, 0.01], [-0.01, -0.01], [0.03, 0.02]] } as const;
 * const index = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['IDX'], values: [[0.01], [-0.01], [0.02]] } as const;
 * console.log(trackingError(funds, index)); // { A: 0.005773502691896258, B: 0 }
 * ```
 */
export function trackingError(returns: VectorLike, benchmark: VectorLike | ReturnTable | TableLike, options?: TrackingErrorOptions): number;
export function trackingError(
  returns: ReturnTable | TableLike,
  benchmark: VectorLike | ReturnTable | TableLike,
  options?: TrackingErrorOptions,
): number | Record<string, number>;
export function trackingError(returns: ReturnsInput, benchmark: ReturnsInput, options?: TrackingErrorOptions): number | Record<string, number> {
  const fn = 'trackingError';
  const opts = checkOptions(fn, options, ['periodsPerYear', 'missing']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const read = readSeries(fn, returns, { min: 2, missing: opts.missing, benchmark: { input: benchmark } });
  return perAssetNumber(read, (s) => annualizeDispersion(diffMoments(s.r, s.b as Float64Array, 1).sd, ppy));
}
