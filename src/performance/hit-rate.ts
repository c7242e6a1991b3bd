import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { toBenchmark, toReturns } from './internal.ts';

/** Options of {@link hitRate}. */
export interface HitRateOptions {
  /** Benchmark returns: a hit is a period that beats the benchmark. Without it, a hit is a positive return. */
  benchmark?: VectorLike;
}

/**
 * Hit rate: the fraction of periods with r_t > b_t (strictly), or r_t > 0 when no benchmark is given.
 * Ties are misses. In [0, 1].
 *
 * @throws {InsufficientDataError} on an empty series. @throws {DimensionError} when the benchmark length differs.
 * @throws {InvalidArgumentError} on non-finite entries or bad options.
 * @example
 * ```ts
 * import { hitRate } from 'quantivista/performance';
 * console.log(hitRate([0.02, -0.01, 0.03, 0])); // 0.5
 * ```
 */
export function hitRate(returns: VectorLike, options?: HitRateOptions): number {
  const fn = 'hitRate';
  const opts = checkOptions(fn, options, ['benchmark']);
  const r = toReturns(fn, 'returns', returns, 1);
  const b = opts.benchmark === undefined ? undefined : toBenchmark(fn, opts.benchmark, r.length);
  return hitRateKernel(r, b);
}

/** Kernel of {@link hitRate}. @internal */
export function hitRateKernel(r: Float64Array, b: Float64Array | undefined): number {
  let hits = 0;
  for (let i = 0; i < r.length; i++) if ((r[i] as number) > (b ? (b[i] as number) : 0)) hits++;
  return hits / r.length;
}
