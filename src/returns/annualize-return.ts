import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { checkFinite, checkOneOf, checkOptions, checkRange } from '../core/validate.ts';

/** How a per-period return is scaled to a year in {@link annualizeReturn}. */
export type AnnualizeCompounding = 'geometric' | 'arithmetic';

/** Options of {@link annualizeReturn}. */
export interface AnnualizeReturnOptions {
  /** Periods per year of the input (252 for trading days, 52 weekly, 12 monthly). Required, > 0. */
  periodsPerYear: number;
  /** `'geometric'` (default): (1 + r)^ppy − 1. `'arithmetic'`: r · ppy. */
  compounding?: AnnualizeCompounding;
}

/** Read and check the `periodsPerYear` option (finite, > 0). @internal */
export function checkPeriodsPerYear(fn: string, value: unknown): number {
  if (value === undefined) {
    throw new InvalidArgumentError(
      `${fn}: \`periodsPerYear\` is required (e.g. 252 for daily, 52 weekly, 12 monthly); quantivista assumes no default.`,
      'periodsPerYear',
      'undefined',
    );
  }
  return checkRange(fn, 'periodsPerYear', value, { min: 0, minOpen: true });
}

function annualizeOne(fn: string, r: number, ppy: number, geometric: boolean, where: string): number {
  if (!geometric) {
    const a = r * ppy;
    if (!Number.isFinite(a)) {
      throw new InvalidArgumentError(`${fn}: ${where} (${r}) times ${ppy} periods overflows double precision; check the units of the return.`, 'returns', r);
    }
    return a;
  }
  if (r < -1) {
    throw new InvalidArgumentError(`${fn}: a per-period return must be ≥ −1 to compound, but ${where} is ${r}.`, 'returns', r);
  }
  const a = Math.expm1(ppy * Math.log1p(r));
  if (!Number.isFinite(a)) {
    throw new InvalidArgumentError(`${fn}: ${where} (${r}) compounded over ${ppy} periods overflows.`, 'returns', r);
  }
  return a;
}

/**
 * Annualise a per-period return (e.g. a mean daily return) with an explicit number of periods
 * per year:
 *
 * - `compounding: 'geometric'` (default): (1 + r)^ppy − 1, the right scaling for a geometric-mean
 *   (compound) per-period return; computed as expm1(ppy · log1p(r)) for accuracy.
 * - `compounding: 'arithmetic'`: r · ppy, the scaling for an arithmetic mean (the convention of
 *   PyPortfolioOpt's `compounding=False` and of mean-variance inputs), which keeps linearity.
 *
 * The two differ: a mean daily return of 0.0004 is 10.08 % arithmetic and 10.6 % geometric over
 * 252 days. quantivista never annualises silently; this is the explicit step.
 *
 * @param returns one per-period return, or a vector of them (one per asset).
 * @returns a number for a number, a `number[]` for a vector.
 * @throws {InvalidArgumentError} on a non-finite return, a return below −1 with geometric
 *   compounding, an annualised return beyond the double range (either compounding), a missing or non-positive `periodsPerYear`, an unknown option.
 * @example
 * ```ts
 * import { annualizeReturn } from 'quantivista/returns';
 * console.log(annualizeReturn(0.01, { periodsPerYear: 12 })); // 0.12682503013196...
 * console.log(annualizeReturn(0.01, { periodsPerYear: 12, compounding: 'arithmetic' })); // 0.12
 * console.log(annualizeReturn([0.01, 0], { periodsPerYear: 12, compounding: 'arithmetic' })); // [0.12, 0]
 * ```
 */
export function annualizeReturn(returns: number, options: AnnualizeReturnOptions): number;
export function annualizeReturn(returns: VectorLike, options: AnnualizeReturnOptions): number[];
export function annualizeReturn(returns: number | VectorLike, options: AnnualizeReturnOptions): number | number[] {
  const fn = 'annualizeReturn';
  const opts = checkOptions(fn, options, ['periodsPerYear', 'compounding']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const geometric = checkOneOf<AnnualizeCompounding>(fn, 'compounding', opts.compounding ?? 'geometric', ['geometric', 'arithmetic']) === 'geometric';
  if (typeof returns === 'number') return annualizeOne(fn, checkFinite(fn, 'returns', returns), ppy, geometric, '`returns`');
  const r = toVector(returns, fn, 'returns');
  if (r.length === 0) throw new InsufficientDataError(`${fn}: \`returns\` is empty; pass one per-period return or an array of them.`, 1, 0);
  return Array.from(r, (x, i) => annualizeOne(fn, x, ppy, geometric, `entry ${i} of \`returns\``));
}
