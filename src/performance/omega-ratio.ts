import type { VectorLike } from '../core/matrix.ts';
import { neumaierSum } from '../core/stats.ts';
import { checkOptions } from '../core/validate.ts';
import { checkRate, toReturns, undefinedRatio } from './internal.ts';

/** Options of {@link omegaRatio}. */
export interface OmegaRatioOptions {
  /** Threshold return per period (default 0). */
  threshold?: number;
}

/**
 * Omega ratio (Keating & Shadwick 2002) of the empirical distribution at threshold θ:
 * `Σ max(r_t − θ, 0) / Σ max(θ − r_t, 0)` (probability-weighted gains over losses). Not annualised.
 *
 * @throws {InvalidArgumentError} when no period is below θ (ratio undefined), on non-finite entries or bad options.
 * @throws {InsufficientDataError} on an empty series.
 * @example
 * ```ts
 * import { omegaRatio } from 'quantivista/performance';
 * console.log(omegaRatio([0.02, -0.01, 0.03, -0.02])); // 1.6666666666666667
 * ```
 */
export function omegaRatio(returns: VectorLike, options?: OmegaRatioOptions): number {
  const fn = 'omegaRatio';
  const opts = checkOptions(fn, options, ['threshold']);
  const theta = checkRate(fn, 'threshold', opts.threshold);
  const r = toReturns(fn, 'returns', returns, 1);
  return omegaKernel(fn, r, theta);
}

/** Kernel of {@link omegaRatio}. @internal */
export function omegaKernel(fn: string, r: Float64Array, theta: number): number {
  const up = new Float64Array(r.length);
  const down = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const d = (r[i] as number) - theta;
    if (d > 0) up[i] = d;
    else down[i] = -d;
  }
  const loss = neumaierSum(down);
  if (!(loss > 0)) undefinedRatio(fn, 'returns', 'no period is below the threshold');
  return neumaierSum(up) / loss;
}
