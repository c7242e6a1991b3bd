import { InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear } from './annualize-return.ts';

/** Options of {@link annualizeVolatility}. */
export interface AnnualizeVolatilityOptions {
  /** Periods per year of the input (252 daily, 52 weekly, 12 monthly). Required, > 0. */
  periodsPerYear: number;
}

/**
 * Annualise a per-period standard deviation (volatility): σ · √ppy, the square-root-of-time rule
 * (exact for independent returns; an approximation under autocorrelation).
 *
 * @param volatility a per-period standard deviation (≥ 0), or a vector of them.
 * @returns a number for a number, a `number[]` for a vector.
 * @throws {InvalidArgumentError} on a negative or non-finite volatility, an annualised volatility beyond the double range, a missing or non-positive
 *   `periodsPerYear`, an unknown option.
 * @example
 * ```ts
 * import { annualizeVolatility } from 'quantivista/returns';
 * console.log(annualizeVolatility(0.01, { periodsPerYear: 256 })); // 0.16
 * console.log(annualizeVolatility([0.02, 0.05], { periodsPerYear: 4 })); // [0.04, 0.1]
 * ```
 */
export function annualizeVolatility(volatility: number, options: AnnualizeVolatilityOptions): number;
export function annualizeVolatility(volatility: VectorLike, options: AnnualizeVolatilityOptions): number[];
export function annualizeVolatility(volatility: number | VectorLike, options: AnnualizeVolatilityOptions): number | number[] {
  const fn = 'annualizeVolatility';
  const opts = checkOptions(fn, options, ['periodsPerYear']);
  const s = Math.sqrt(checkPeriodsPerYear(fn, opts.periodsPerYear));
  const one = (x: number, where: string): number => {
    if (x < 0) throw new InvalidArgumentError(`${fn}: a volatility must be ≥ 0, but ${where} is ${x}.`, 'volatility', x);
    const a = x * s;
    if (a === Infinity) {
      throw new InvalidArgumentError(
        `${fn}: ${where} (${x}) times √${opts.periodsPerYear} overflows double precision; check the units of the volatility.`,
        'volatility',
        x,
      );
    }
    return a;
  };
  if (typeof volatility === 'number') return one(checkFinite(fn, 'volatility', volatility), '`volatility`');
  return Array.from(toVector(volatility, fn, 'volatility'), (x, i) => one(x, `entry ${i} of \`volatility\``));
}
