import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { checkPeriodsPerYear, finiteAnnualized, logGrowthOf } from './internal.ts';
import { annualizeLogGrowth } from './metric-formulas.ts';
import { perAsset, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';

/** Options of {@link annualizedReturn}. */
export interface AnnualizedReturnOptions extends MissingReturnsOption {
  /** Periods per year (252 for trading days, 12 for months). Omit for the per-period geometric mean. */
  periodsPerYear?: number;
}

/**
 * Geometric (compounded) average return: with T periods and growth G = Π(1 + r_t),
 * `G^(periodsPerYear / T) − 1` when `periodsPerYear` is given (the CAGR, with
 * years = T / periodsPerYear), otherwise the per-period geometric mean `G^(1 / T) − 1`.
 *
 * Returns are simple per-period returns (decimals, ≥ −1). A total loss (some r_t = −1) gives −1.
 * The product is formed as exp(Σ log1p r_t) with compensated summation.
 *
 * @param returns per-period simple returns, oldest first; NaN / ±Infinity throw. Or a `ReturnTable`:
 *   one column gives the number, several a record keyed by ticker, each over its own history
 *   (leading blanks skipped; a later gap throws naming the asset and date unless `missing: 'drop'`).
 * @throws {InsufficientDataError} on an empty series.
 * @throws {InvalidArgumentError} on a non-finite entry, a return below −1, a bad `periodsPerYear`.
 * @example
 * ```ts
 * import { annualizedReturn } from 'quantivista/performance';
 * // two months of +10 % and −5 %: growth 1.045, annualised over 12 periods a year
 * console.log(annualizedReturn([0.1, -0.05], { periodsPerYear: 12 })); // 0.30226...
 * // B has one month, +1 %: 1.01^12 − 1
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29'], assets: ['A', 'B'], values: [[0.1, null], [-0.05, 0.01]] } as const;
 * console.log(annualizedReturn(t, { periodsPerYear: 12 })); // { A: 0.3022601248475152, B: 0.12682503013196977 }
 * ```
 */
export function annualizedReturn(returns: VectorLike, options?: AnnualizedReturnOptions): number;
export function annualizedReturn(returns: ReturnTable | TableLike, options?: AnnualizedReturnOptions): number | Record<string, number>;
export function annualizedReturn(returns: ReturnsInput, options?: AnnualizedReturnOptions): number | Record<string, number> {
  const fn = 'annualizedReturn';
  const opts = checkOptions(fn, options, ['periodsPerYear', 'missing']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing });
  return perAsset(read, (s) => finiteAnnualized(s.fn, annualizedReturnKernel(s.r, ppy), ppy));
}

/** Kernel of {@link annualizedReturn} on validated input. @internal */
export function annualizedReturnKernel(r: Float64Array, ppy: number | undefined): number {
  const g = logGrowthOf(r);
  return annualizeLogGrowth(g.log, g.minusOne, r.length, ppy);
}
