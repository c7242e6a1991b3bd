import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, checkRate, undefinedRatio } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { Adder } from '../core/accumulator.ts';
import { downsideDeviationFrom, sortinoFrom } from './metric-formulas.ts';

/** Options of {@link sortinoRatio}. */
export interface SortinoRatioOptions extends MissingReturnsOption {
  /** Minimum acceptable return per period (MAR). Default 0. */
  minimumAcceptableReturn?: number;
  /** Periods per year; the per-period ratio is multiplied by √periodsPerYear. Omit for per-period. */
  periodsPerYear?: number;
}

/**
 * Sortino ratio (Sortino & Price 1994): `mean(r − MAR) / DD` with the downside deviation
 * `DD = √( Σ_t min(r_t − MAR, 0)² / T )` taken over ALL T periods (periods above the MAR count
 * as zeros, as in Sortino's definition and PerformanceAnalytics' `DownsideDeviation`), multiplied
 * by √periodsPerYear when `periodsPerYear` is given.
 *
 * `returns` may be a `ReturnTable`: one column gives the number, several a record keyed by ticker,
 * each over its own history (leading blanks skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`, which leaves that period out of T too).
 *
 * @throws {InvalidArgumentError} when no period is below the MAR (DD = 0), on non-finite entries or bad options, or when the result is beyond the double range (overflow; returns beyond 2^±400 are first scaled by a power of two where that keeps the answer finite).
 * @throws {InsufficientDataError} on an empty series.
 * @example
 * ```ts
 * import { sortinoRatio } from 'quantivista/performance';
 * console.log(sortinoRatio([0.01, -0.02, 0.03, 0.02])); // 1
 * // a gap inside B's history is dropped on request: B = [−0.02, 0.06]
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], assets: ['A', 'B'],
 *   values: [[0.01, -0.02], [-0.02, null], [0.03, 0.06], [0.02, null]] } as const;
 * console.log(sortinoRatio(t, { missing: 'drop' })); // { A: 1, B: 1.4142135623730951 }
 * ```
 */
export function sortinoRatio(returns: VectorLike, options?: SortinoRatioOptions): number;
export function sortinoRatio(returns: ReturnTable | TableLike, options?: SortinoRatioOptions): number | Record<string, number>;
export function sortinoRatio(returns: ReturnsInput, options?: SortinoRatioOptions): number | Record<string, number> {
  const fn = 'sortinoRatio';
  const opts = checkOptions(fn, options, ['minimumAcceptableReturn', 'periodsPerYear', 'missing']);
  const mar = checkRate(fn, 'minimumAcceptableReturn', opts.minimumAcceptableReturn);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing });
  return perAssetNumber(read, (s) => sortinoKernel(s.fn, s.r, mar, ppy));
}

/** Downside deviation √(Σ min(r − mar, 0)² / T) over all periods. @internal */
export function downsideDeviation(r: Float64Array, mar: number): number {
  const acc = new Adder();
  for (let i = 0; i < r.length; i++) {
    const d = Math.min(r[i] - mar, 0);
    const v = d * d;
    acc.add(v);
  }
  return downsideDeviationFrom(acc.valueOf(), r.length);
}

/** Kernel of {@link sortinoRatio}. @internal */
export function sortinoKernel(fn: string, r: Float64Array, mar: number, ppy: number | undefined): number {
  const dd = downsideDeviation(r, mar);
  if (!(dd > 0)) undefinedRatio(fn, 'returns', 'no period is below the minimum acceptable return (downside deviation 0)');
  const acc = new Adder();
  for (let i = 0; i < r.length; i++) {
    const v = r[i] - mar;
    acc.add(v);
  }
  return sortinoFrom(acc.valueOf(), r.length, dd, ppy);
}
