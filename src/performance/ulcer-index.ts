import type { VectorLike } from '../core/matrix.ts';
import { neumaierSum } from '../core/stats.ts';
import { checkOptions } from '../core/validate.ts';
import { drawdownKernel } from './drawdowns.ts';
import { toReturns } from './internal.ts';

/**
 * Ulcer index (Martin & McCann 1989): the root mean square of the drawdowns,
 * `√( Σ_t D_t² / T )`, with D_t the drawdown after period t on the compounded wealth index starting
 * at 1 (a positive fraction, see {@link drawdowns}), over all T periods. A fraction, not a percentage.
 *
 * @throws {InsufficientDataError} on an empty series. @throws {InvalidArgumentError} on non-finite entries or returns below −1.
 * @example
 * ```ts
 * import { ulcerIndex } from 'quantivista/performance';
 * console.log(ulcerIndex([0.1, -0.2, 0.05, 0.2])); // 0.12806248474865...
 * ```
 */
export function ulcerIndex(returns: VectorLike, options?: Record<string, never>): number {
  const fn = 'ulcerIndex';
  checkOptions(fn, options, []);
  const r = toReturns(fn, 'returns', returns, 1);
  return ulcerKernel(r);
}

/** Kernel of {@link ulcerIndex}. @internal */
export function ulcerKernel(r: Float64Array, drawdownSeries?: Float64Array): number {
  const series = drawdownSeries ?? drawdownKernel(r).series;
  const sq = new Float64Array(series.length);
  for (let i = 0; i < series.length; i++) sq[i] = (series[i] as number) ** 2;
  return Math.sqrt(neumaierSum(sq) / series.length);
}
