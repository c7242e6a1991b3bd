import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, checkRate, toReturns, undefinedRatio } from './internal.ts';

/** Options of {@link sortinoRatio}. */
export interface SortinoRatioOptions {
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
 * @throws {InvalidArgumentError} when no period is below the MAR (DD = 0), on non-finite entries or bad options.
 * @throws {InsufficientDataError} on an empty series.
 * @example
 * ```ts
 * import { sortinoRatio } from 'quantivista/performance';
 * console.log(sortinoRatio([0.01, -0.02, 0.03, 0.02])); // 1
 * ```
 */
export function sortinoRatio(returns: VectorLike, options?: SortinoRatioOptions): number {
  const fn = 'sortinoRatio';
  const opts = checkOptions(fn, options, ['minimumAcceptableReturn', 'periodsPerYear']);
  const mar = checkRate(fn, 'minimumAcceptableReturn', opts.minimumAcceptableReturn);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const r = toReturns(fn, 'returns', returns, 1);
  return sortinoKernel(fn, r, mar, ppy);
}

/** Downside deviation √(Σ min(r − mar, 0)² / T) over all periods. @internal */
export function downsideDeviation(r: Float64Array, mar: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < r.length; i++) {
    const d = Math.min((r[i] as number) - mar, 0);
    const v = d * d;
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  return Math.sqrt((s + c) / r.length);
}

/** Kernel of {@link sortinoRatio}. @internal */
export function sortinoKernel(fn: string, r: Float64Array, mar: number, ppy: number | undefined): number {
  const dd = downsideDeviation(r, mar);
  if (!(dd > 0)) undefinedRatio(fn, 'returns', 'no period is below the minimum acceptable return (downside deviation 0)');
  let s = 0;
  let c = 0;
  for (let i = 0; i < r.length; i++) {
    const v = (r[i] as number) - mar;
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  return ((s + c) / r.length / dd) * Math.sqrt(ppy ?? 1);
}
