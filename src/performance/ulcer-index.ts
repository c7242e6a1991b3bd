import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
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
  // compensated Σ drawdown² straight from the wealth index (or the given series), no arrays
  let s = 0;
  let c = 0;
  const add = (d: number): void => {
    const v = d ** 2;
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  };
  if (drawdownSeries) for (let i = 0; i < drawdownSeries.length; i++) add(drawdownSeries[i] as number);
  else {
    let w = 1;
    let peak = 1;
    for (let t = 0; t < r.length; t++) {
      w *= 1 + (r[t] as number);
      if (w >= peak) {
        peak = w;
        add(0);
      } else add(1 - w / peak);
    }
  }
  return Math.sqrt((s + c) / (drawdownSeries ? drawdownSeries.length : r.length));
}
