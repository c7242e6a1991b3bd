import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, checkRate, finiteAnnualized } from './internal.ts';
import { perAsset, readSeries, type MissingReturnsOption, type ReturnsInput, type SeriesItem } from './series-input.ts';
import { summaryKernel } from './summary-kernel.ts';
import type { PerformanceSummary } from './summary-types.ts';

export type { PerformanceSummary, RelativePerformance } from './summary-types.ts';

/** Options of {@link performanceSummary}. */
export interface PerformanceSummaryOptions extends MissingReturnsOption {
  /**
   * Benchmark returns (same periods): adds the relative metrics. A one-column `ReturnTable` is
   * aligned on the dates of a `returns` table (inner join).
   */
  benchmark?: VectorLike | ReturnTable | TableLike;
  /** Risk-free rate per period (default 0), used by Sharpe, alpha and the probabilistic Sharpe ratio. */
  riskFreeRate?: number;
  /** Periods per year: annualises return, volatility, Sharpe, Sortino, Calmar, tracking error, information ratio and alpha. */
  periodsPerYear?: number;
  /** Minimum acceptable return per period for Sortino (default 0). */
  minimumAcceptableReturn?: number;
  /** Threshold per period for Omega (default 0). */
  omegaThreshold?: number;
}

/**
 * Every metric of the performance domain in one JSON-safe object, ready for a report. Each figure
 * follows the convention of its own function ({@link annualizedReturn}, {@link sharpeRatio},
 * {@link sortinoRatio}, {@link drawdowns}, ...): per period unless `periodsPerYear` is given;
 * `riskFreeRate` per period. A figure that is undefined for the data (zero volatility, no losing
 * period, no drawdown, a constant benchmark) is `null` rather than NaN or Infinity.
 *
 * Runs in O(T) with no per-element allocation: the series is converted and validated once, then two
 * fused passes compute every figure (each with the same compensated sums and expressions as its own
 * function, so the summary agrees with the individual metrics to the bit).
 *
 * Given a `ReturnTable`, the summary carries `startDate` and `endDate` (the first and last periods
 * used) and the dates of the maximum drawdown (`peakDate`, `troughDate`, `recoveryDate`, as
 * {@link drawdowns}). One column gives one summary; several give a record keyed by ticker, each over
 * its own history (leading blanks skipped; a later gap throws naming the asset and date unless
 * `missing: 'drop'`, which leaves that period out). A benchmark table is aligned by date (inner join:
 * a date in only one of the two is left out; no common date throws); a vector by position.
 *
 * @throws {InsufficientDataError} on an empty series. @throws {DimensionError} when the benchmark length differs.
 * @throws {InvalidArgumentError} on non-finite entries, returns below −1, or bad options.
 * @example
 * ```ts
 * import { performanceSummary, type PerformanceSummary } from 'quantivista/performance';
 * const s = performanceSummary([0.02, -0.01, 0.03, -0.02, 0.01], { benchmark: [0.01, -0.01, 0.02, -0.01, 0.0], periodsPerYear: 12 });
 * console.log(s.maxDrawdown.depth); // 0.02
 * console.log(s.relative?.hitRate); // 0.6
 * // the same fund as a table, listed a month late (its first row is blank)
 * const fund = { kind: 'returns', dates: ['2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'],
 *   assets: ['F'], values: [[null], [0.02], [-0.01], [0.03], [-0.02], [0.01]] } as const;
 * const t = performanceSummary(fund, { periodsPerYear: 12 }) as PerformanceSummary; // one column: one summary
 * console.log(t.periods, t.startDate, t.endDate); // 5 '2024-01-31' '2024-05-31'
 * console.log(t.maxDrawdown.peakDate, t.maxDrawdown.troughDate, t.maxDrawdown.recoveryDate); // '2024-03-31' '2024-04-30' null
 * ```
 */
export function performanceSummary(returns: VectorLike, options?: PerformanceSummaryOptions): PerformanceSummary;
export function performanceSummary(
  returns: ReturnTable | TableLike,
  options?: PerformanceSummaryOptions,
): PerformanceSummary | Record<string, PerformanceSummary>;
export function performanceSummary(returns: ReturnsInput, options?: PerformanceSummaryOptions): PerformanceSummary | Record<string, PerformanceSummary> {
  const fn = 'performanceSummary';
  const opts = checkOptions(fn, options, ['benchmark', 'riskFreeRate', 'periodsPerYear', 'minimumAcceptableReturn', 'omegaThreshold', 'missing']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const rf = checkRate(fn, 'riskFreeRate', opts.riskFreeRate);
  const mar = checkRate(fn, 'minimumAcceptableReturn', opts.minimumAcceptableReturn);
  const theta = checkRate(fn, 'omegaThreshold', opts.omegaThreshold);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing, ...(opts.benchmark === undefined ? {} : { benchmark: { input: opts.benchmark } }) });
  return perAsset(read, (s) => summarize(s, read.table, rf, mar, theta, ppy));
}

function summarize(s: SeriesItem, dated: boolean, rf: number, mar: number, theta: number, ppy: number | undefined): PerformanceSummary {
  const { fn, r, b } = s;
  const k = summaryKernel(r, b, rf, mar, theta, ppy);
  finiteAnnualized(fn, k.annualizedReturn, ppy);
  if (k.relative) finiteAnnualized(fn, k.relative.benchmarkAnnualizedReturn, ppy);
  // the other annualised figures are ratios (null when not finite) or scale by √periodsPerYear
  for (const key of ['annualizedVolatility', 'sharpeRatio', 'sortinoRatio'] as const) {
    const v = k[key];
    if (v !== null) finiteAnnualized(fn, v, ppy);
  }
  if (k.relative) for (const v of [k.relative.trackingError, k.relative.informationRatio, k.relative.alpha]) if (v !== null) finiteAnnualized(fn, v, ppy);
  if (!dated) return { periods: r.length, periodsPerYear: ppy ?? null, riskFreeRate: rf, ...k };
  const dates = s.dates as string[];
  const at = (p: number | null): string | null => (p === null ? null : p === 0 ? s.startDate : (dates[p - 1] as string));
  const m = k.maxDrawdown;
  return {
    periods: r.length,
    startDate: dates[0] as string,
    endDate: dates[dates.length - 1] as string,
    periodsPerYear: ppy ?? null,
    riskFreeRate: rf,
    ...k,
    maxDrawdown: { ...m, peakDate: at(m.peak), troughDate: at(m.trough), recoveryDate: at(m.recovery) },
  };
}
