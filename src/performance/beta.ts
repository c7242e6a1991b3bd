import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { capmKernel, undefinedRatio } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';

/** Options of {@link beta}. */
export interface BetaOptions extends MissingReturnsOption {}

/**
 * CAPM beta: the least-squares slope of the portfolio's returns on the benchmark's,
 * `cov(r, b) / var(b)` (the ddof cancels; a constant risk-free rate does not change it).
 * Not annualised (beta has no time unit).
 *
 * `returns` may be a `ReturnTable` (one column: the number; several: a record keyed by ticker, each
 * column against the benchmark) and `benchmark` a one-column `ReturnTable`: two tables are aligned by
 * date (inner join: a date in only one of them is left out; no common date throws); a vector is
 * aligned by position. Leading blanks are skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`, which leaves out the periods where either side is missing.
 *
 * @throws {DimensionError} when the series differ in length. @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} when the benchmark is constant, on non-finite entries or bad options, or when the result is beyond the double range (overflow; returns beyond 2^±400 are first scaled by a power of two where that keeps the answer finite).
 * @example
 * ```ts
 * import { beta } from 'quantivista/performance';
 * console.log(beta([0.02, -0.01, 0.03], [0.01, -0.01, 0.02])); // 1.357142857142857
 * // B is twice the index; the index table is aligned by date
 * const funds = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['A', 'B'],
 *   values: [[0.02, 0.02], [-0.01, -0.02], [0.03, 0.04]] } as const;
 * const index = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['IDX'], values: [[0.01], [-0.01], [0.02]] } as const;
 * console.log(beta(funds, index)); // { A: 1.357142857142857, B: 2 }
 * ```
 */
export function beta(returns: VectorLike, benchmark: VectorLike | ReturnTable | TableLike, options?: BetaOptions): number;
export function beta(returns: ReturnTable | TableLike, benchmark: VectorLike | ReturnTable | TableLike, options?: BetaOptions): number | Record<string, number>;
export function beta(returns: ReturnsInput, benchmark: ReturnsInput, options?: BetaOptions): number | Record<string, number> {
  const fn = 'beta';
  const opts = checkOptions(fn, options, ['missing']);
  const read = readSeries(fn, returns, { min: 2, missing: opts.missing, benchmark: { input: benchmark } });
  return perAssetNumber(read, (s) => {
    const k = capmKernel(s.r, s.b as Float64Array, 0);
    if (!k) return undefinedRatio(s.fn, 'benchmark', 'the benchmark returns are constant (variance 0)');
    return k.beta;
  });
}
