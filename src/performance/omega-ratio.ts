import type { VectorLike } from '../core/matrix.ts';
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
  // compensated sums of the gains and of the losses (adding the zeros of the other side would not
  // change a compensated sum, so each side only sees its own terms)
  let us = 0;
  let uc = 0;
  let ds = 0;
  let dc = 0;
  for (let i = 0; i < r.length; i++) {
    const d = (r[i] as number) - theta;
    if (d > 0) {
      const t = us + d;
      if (Math.abs(us) >= Math.abs(d)) uc += us - t + d;
      else uc += d - t + us;
      us = t;
    } else {
      const v = -d;
      const t = ds + v;
      if (Math.abs(ds) >= Math.abs(v)) dc += ds - t + v;
      else dc += v - t + ds;
      ds = t;
    }
  }
  const loss = ds + dc;
  if (!(loss > 0)) undefinedRatio(fn, 'returns', 'no period is below the threshold');
  return (us + uc) / loss;
}
