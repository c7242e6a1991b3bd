import { InvalidArgumentError } from '../core/errors.ts';
import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { checkRate, undefinedRatio } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { Adder } from '../core/accumulator.ts';

/** Options of {@link omegaRatio}. */
export interface OmegaRatioOptions extends MissingReturnsOption {
  /** Threshold return θ per period (default 0); the same name as in `performanceSummary`. */
  omegaThreshold?: number;
  /**
   * Threshold return per period: the former name of `omegaThreshold`, still accepted (giving both throws).
   * @deprecated Use `omegaThreshold`, the name `performanceSummary` uses too.
   */
  threshold?: number;
}

/**
 * Omega ratio (Keating & Shadwick 2002) of the empirical distribution at threshold θ
 * (`omegaThreshold`, per period, default 0; `threshold` is its deprecated former name):
 * `Σ max(r_t − θ, 0) / Σ max(θ − r_t, 0)` (probability-weighted gains over losses). Not annualised.
 *
 * `returns` may be a `ReturnTable`: one column gives the number, several a record keyed by ticker,
 * each over its own history (leading blanks skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`).
 *
 * @throws {InvalidArgumentError} when no period is below θ (ratio undefined), on non-finite entries or bad options
 * (including both `omegaThreshold` and `threshold`), or when the ratio is beyond the double range (overflow).
 * @throws {InsufficientDataError} on an empty series.
 * @example
 * ```ts
 * import { omegaRatio } from 'quantivista/performance';
 * console.log(omegaRatio([0.02, -0.01, 0.03, -0.02])); // 1.6666666666666667
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], assets: ['A'],
 *   values: [[0.02], [-0.01], [0.03], [-0.02]] } as const;
 * console.log(omegaRatio(t)); // 1.6666666666666667
 * // θ = 0.01: gains 0.01 + 0.02 = 0.03 over losses 0.02 + 0.03 = 0.05
 * console.log(omegaRatio([0.02, -0.01, 0.03, -0.02], { omegaThreshold: 0.01 })); // 0.6
 * ```
 */
export function omegaRatio(returns: VectorLike, options?: OmegaRatioOptions): number;
export function omegaRatio(returns: ReturnTable | TableLike, options?: OmegaRatioOptions): number | Record<string, number>;
export function omegaRatio(returns: ReturnsInput, options?: OmegaRatioOptions): number | Record<string, number> {
  const fn = 'omegaRatio';
  const opts = checkOptions(fn, options, ['omegaThreshold', 'threshold', 'missing']);
  if (opts.omegaThreshold !== undefined && opts.threshold !== undefined) {
    throw new InvalidArgumentError(
      `${fn}: give \`omegaThreshold\` or its deprecated alias \`threshold\`, not both (got ${opts.omegaThreshold} and ${opts.threshold}).`,
      'threshold',
      opts.threshold,
    );
  }
  const theta = opts.threshold !== undefined ? checkRate(fn, 'threshold', opts.threshold) : checkRate(fn, 'omegaThreshold', opts.omegaThreshold);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing });
  return perAssetNumber(read, (s) => omegaKernel(s.fn, s.r, theta));
}

/** Kernel of {@link omegaRatio}. @internal */
export function omegaKernel(fn: string, r: Float64Array, theta: number): number {
  // compensated sums of the gains and of the losses (adding the zeros of the other side would not
  // change a compensated sum, so each side only sees its own terms)
  const gains = new Adder();
  const losses = new Adder();
  for (let i = 0; i < r.length; i++) {
    const d = r[i] - theta;
    if (d > 0) {
      gains.add(d);
    } else {
      const v = -d;
      losses.add(v);
    }
  }
  const loss = losses.valueOf();
  if (!(loss > 0)) undefinedRatio(fn, 'returns', 'no period is below the threshold');
  return gains.valueOf() / loss;
}
