import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { annualizedReturnKernel } from './annualized-return.ts';
import { checkPeriodsPerYear, finiteAnnualized, toBenchmark, toReturns, undefinedRatio } from './internal.ts';

/** Options of {@link upCapture} and {@link downCapture}. */
export interface CaptureOptions {
  /** Periods per year: both legs are annualised geometrically before dividing. Omit for per-period geometric means. */
  periodsPerYear?: number;
}

function capture(fn: string, returns: VectorLike, benchmark: VectorLike, options: CaptureOptions | undefined, up: boolean): number {
  const opts = checkOptions(fn, options, ['periodsPerYear']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const r = toReturns(fn, 'returns', returns, 1);
  const b = toBenchmark(fn, benchmark, r.length);
  return captureKernel(fn, r, b, ppy, up);
}

/** Kernel of the capture ratios. @internal */
export function captureKernel(fn: string, r: Float64Array, b: Float64Array, ppy: number | undefined, up: boolean): number {
  let count = 0;
  for (let i = 0; i < r.length; i++) if (up ? (b[i] as number) > 0 : (b[i] as number) < 0) count++;
  if (count === 0) undefinedRatio(fn, 'benchmark', `the benchmark has no ${up ? 'up' : 'down'} period`);
  const rs = new Float64Array(count);
  const bs = new Float64Array(count);
  for (let i = 0, j = 0; i < r.length; i++) {
    const bi = b[i] as number;
    if (up ? bi > 0 : bi < 0) {
      rs[j] = r[i] as number;
      bs[j++] = bi;
    }
  }
  // annualise over the number of selected periods n (years = n / periodsPerYear)
  const den = annualizedReturnKernel(bs, ppy);
  return finiteAnnualized(fn, annualizedReturnKernel(rs, ppy) / den, ppy);
}

/**
 * Up-capture ratio (Bacon, *Practical Portfolio Performance Measurement and Attribution*, 2nd ed., §4):
 * over the periods where the benchmark return is strictly positive, the portfolio's geometric average
 * return divided by the benchmark's, `((Π(1+r_t))^(1/n) − 1) / ((Π(1+b_t))^(1/n) − 1)` with n the number
 * of up periods; with `periodsPerYear`, both legs are annualised, exponent periodsPerYear / n.
 * Above 1: the portfolio gained more than the benchmark when the benchmark rose.
 *
 * @throws {InvalidArgumentError} when the benchmark has no up period, on non-finite entries or bad options.
 * @throws {DimensionError} when the series differ in length.
 * @example
 * ```ts
 * import { upCapture } from 'quantivista/performance';
 * console.log(upCapture([0.02, -0.01, 0.03], [0.01, -0.02, 0.02])); // 1.66722248177587...
 * ```
 */
export function upCapture(returns: VectorLike, benchmark: VectorLike, options?: CaptureOptions): number {
  return capture('upCapture', returns, benchmark, options, true);
}

/**
 * Down-capture ratio (Bacon, 2nd ed., §4): as {@link upCapture} over the periods where the benchmark
 * return is strictly negative. Below 1: the portfolio lost less than the benchmark when it fell.
 * Periods with a zero benchmark return are in neither set.
 *
 * @throws {InvalidArgumentError} when the benchmark has no down period, on non-finite entries or bad options.
 * @throws {DimensionError} when the series differ in length.
 * @example
 * ```ts
 * import { downCapture } from 'quantivista/performance';
 * console.log(downCapture([0.02, -0.01, 0.03], [0.01, -0.02, 0.02])); // 0.5
 * ```
 */
export function downCapture(returns: VectorLike, benchmark: VectorLike, options?: CaptureOptions): number {
  return capture('downCapture', returns, benchmark, options, false);
}
