import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import { capmKernel, toBenchmark, toReturns, undefinedRatio } from './internal.ts';

/**
 * CAPM beta: the least-squares slope of the portfolio's returns on the benchmark's,
 * `cov(r, b) / var(b)` (the ddof cancels; a constant risk-free rate does not change it).
 * Not annualised (beta has no time unit).
 *
 * @throws {DimensionError} when the series differ in length. @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} when the benchmark is constant, on non-finite entries or bad options.
 * @example
 * ```ts
 * import { beta } from 'quantivista/performance';
 * console.log(beta([0.02, -0.01, 0.03], [0.01, -0.01, 0.02])); // 1.357142857142857
 * ```
 */
export function beta(returns: VectorLike, benchmark: VectorLike, options?: Record<string, never>): number {
  const fn = 'beta';
  checkOptions(fn, options, []);
  const r = toReturns(fn, 'returns', returns, 2);
  const b = toBenchmark(fn, benchmark, r.length);
  const k = capmKernel(r, b, 0);
  if (!k) return undefinedRatio(fn, 'benchmark', 'the benchmark returns are constant (variance 0)');
  return k.beta;
}
