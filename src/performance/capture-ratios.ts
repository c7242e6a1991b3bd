import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { captureFrom } from './metric-formulas.ts';
import { checkPeriodsPerYear, finiteAnnualized, logGrowthOf, undefinedRatio } from './internal.ts';
import { perAsset, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';

/** Options of {@link upCapture} and {@link downCapture}. */
export interface CaptureOptions extends MissingReturnsOption {
  /** Periods per year: both legs are annualised geometrically before dividing. Omit for per-period geometric means. */
  periodsPerYear?: number;
}

function capture(
  fn: string,
  returns: ReturnsInput,
  benchmark: ReturnsInput,
  options: CaptureOptions | undefined,
  up: boolean,
): number | Record<string, number> {
  const opts = checkOptions(fn, options, ['periodsPerYear', 'missing']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing, benchmark: { input: benchmark } });
  return perAsset(read, (s) => captureKernel(s.fn, s.r, s.b as Float64Array, ppy, up));
}

/** Kernel of the capture ratios. @internal */
export function captureKernel(fn: string, r: Float64Array, b: Float64Array, ppy: number | undefined, up: boolean): number {
  let count = 0;
  for (let i = 0; i < r.length; i++) if (up ? b[i] > 0 : b[i] < 0) count++;
  if (count === 0) undefinedRatio(fn, 'benchmark', `the benchmark has no ${up ? 'up' : 'down'} period`);
  const rs = new Float64Array(count);
  const bs = new Float64Array(count);
  for (let i = 0, j = 0; i < r.length; i++) {
    const bi = b[i];
    if (up ? bi > 0 : bi < 0) {
      rs[j] = r[i];
      bs[j++] = bi;
    }
  }
  // annualise over the number of selected periods n (years = n / periodsPerYear)
  // in log space where the compounded growth over- or underflows (about a million periods)
  const f = logGrowthOf(rs);
  const g = logGrowthOf(bs);
  return finiteAnnualized(fn, captureFrom(f.log, f.minusOne, g.log, g.minusOne, count, ppy), ppy);
}

/**
 * Up-capture ratio (Bacon, *Practical Portfolio Performance Measurement and Attribution*, 2nd ed., §4):
 * over the periods where the benchmark return is strictly positive, the portfolio's geometric average
 * return divided by the benchmark's, `((Π(1+r_t))^(1/n) − 1) / ((Π(1+b_t))^(1/n) − 1)` with n the number
 * of up periods; with `periodsPerYear`, both legs are annualised, exponent periodsPerYear / n.
 * Above 1: the portfolio gained more than the benchmark when the benchmark rose.
 *
 * `returns` may be a `ReturnTable` (one column: the number; several: a record keyed by ticker, each
 * column against the benchmark) and `benchmark` a one-column `ReturnTable`: two tables are aligned by
 * date (inner join: a date in only one of them is left out; no common date throws); a vector is
 * aligned by position. Leading blanks are skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`, which leaves out the periods where either side is missing.
 *
 * @throws {InvalidArgumentError} when the benchmark has no up period, on non-finite entries or bad options.
 * @throws {DimensionError} when the series differ in length.
 * @example
 * ```ts
 * import { upCapture } from 'quantivista/performance';
 * console.log(upCapture([0.02, -0.01, 0.03], [0.01, -0.02, 0.02])); // 1.66722248177587...
 * // B doubles every benchmark move: (1.02 · 1.04)^(1/2) − 1 over (1.01 · 1.02)^(1/2) − 1
 * const funds = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['A', 'B'],
 *   values: [[0.02, 0.02], [-0.01, -0.04], [0.03, 0.04]] } as const;
 * const index = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['IDX'], values: [[0.01], [-0.02], [0.02]] } as const;
 * console.log(upCapture(funds, index)); // { A: 1.6672224817758734, B: 1.998404413853467 }
 * ```
 */
export function upCapture(returns: VectorLike, benchmark: VectorLike | ReturnTable | TableLike, options?: CaptureOptions): number;
export function upCapture(
  returns: ReturnTable | TableLike,
  benchmark: VectorLike | ReturnTable | TableLike,
  options?: CaptureOptions,
): number | Record<string, number>;
export function upCapture(returns: ReturnsInput, benchmark: ReturnsInput, options?: CaptureOptions): number | Record<string, number> {
  return capture('upCapture', returns, benchmark, options, true);
}

/**
 * Down-capture ratio (Bacon, 2nd ed., §4): as {@link upCapture} over the periods where the benchmark
 * return is strictly negative. Below 1: the portfolio lost less than the benchmark when it fell.
 * Periods with a zero benchmark return are in neither set. Tables as in {@link upCapture}.
 *
 * @throws {InvalidArgumentError} when the benchmark has no down period, on non-finite entries or bad options.
 * @throws {DimensionError} when the series differ in length.
 * @example
 * ```ts
 * import { downCapture } from 'quantivista/performance';
 * console.log(downCapture([0.02, -0.01, 0.03], [0.01, -0.02, 0.02])); // 0.5
 * const fund = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['B'], values: [[0.02], [-0.04], [0.04]] } as const;
 * const index = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31'], assets: ['IDX'], values: [[0.01], [-0.02], [0.02]] } as const;
 * console.log(downCapture(fund, index)); // 2
 * ```
 */
export function downCapture(returns: VectorLike, benchmark: VectorLike | ReturnTable | TableLike, options?: CaptureOptions): number;
export function downCapture(
  returns: ReturnTable | TableLike,
  benchmark: VectorLike | ReturnTable | TableLike,
  options?: CaptureOptions,
): number | Record<string, number>;
export function downCapture(returns: ReturnsInput, benchmark: ReturnsInput, options?: CaptureOptions): number | Record<string, number> {
  return capture('downCapture', returns, benchmark, options, false);
}
