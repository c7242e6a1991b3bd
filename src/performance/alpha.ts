import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { capmKernel, checkPeriodsPerYear, checkRate, undefinedRatio } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { annualizeAlpha } from './metric-formulas.ts';

/** Options of {@link alpha}. */
export interface AlphaOptions extends MissingReturnsOption {
  /** Risk-free rate per period (default 0). */
  riskFreeRate?: number;
  /** Periods per year; the per-period intercept is multiplied by periodsPerYear (simple scaling). Omit for per-period. */
  periodsPerYear?: number;
}

/**
 * Jensen's alpha: the intercept α of the CAPM regression of excess returns,
 * (r_t − rf) = α + β (b_t − rf) + ε_t, by least squares, i.e. α = mean(r − rf) − β · mean(b − rf).
 * Per period by default; with `periodsPerYear` the intercept is scaled arithmetically, α × periodsPerYear
 * (the convention of an annualised regression intercept; PerformanceAnalytics' `CAPM.alpha` is the
 * per-period figure).
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
 * import { alpha } from 'quantivista/performance';
 * console.log(alpha([0.02, -0.01, 0.03], [0.01, -0.01, 0.02])); // 0.004285714285714287
 * // one fund as a one-column table: the plain number; B = index + 0.01 every month
 * const funds = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['B'], values: [[0.02], [0], [0.03]] } as const;
 * const index = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['IDX'], values: [[0.01], [-0.01], [0.02]] } as const;
 * console.log(alpha(funds, index)); // 0.01
 * ```
 */
export function alpha(returns: VectorLike, benchmark: VectorLike | ReturnTable | TableLike, options?: AlphaOptions): number;
export function alpha(
  returns: ReturnTable | TableLike,
  benchmark: VectorLike | ReturnTable | TableLike,
  options?: AlphaOptions,
): number | Record<string, number>;
export function alpha(returns: ReturnsInput, benchmark: ReturnsInput, options?: AlphaOptions): number | Record<string, number> {
  const fn = 'alpha';
  const opts = checkOptions(fn, options, ['riskFreeRate', 'periodsPerYear', 'missing']);
  const rf = checkRate(fn, 'riskFreeRate', opts.riskFreeRate);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const read = readSeries(fn, returns, { min: 2, missing: opts.missing, benchmark: { input: benchmark } });
  return perAssetNumber(read, (s) => {
    const k = capmKernel(s.r, s.b as Float64Array, rf);
    if (!k) return undefinedRatio(s.fn, 'benchmark', 'the benchmark returns are constant (variance 0)');
    return annualizeAlpha(k.alpha, ppy);
  });
}
