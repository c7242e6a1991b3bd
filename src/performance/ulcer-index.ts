import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { ulcerFrom } from './metric-formulas.ts';
import { scanDrawdowns } from './summary-kernel.ts';

/** Options of {@link ulcerIndex}. */
export interface UlcerIndexOptions extends MissingReturnsOption {}

/**
 * Ulcer index (Martin & McCann 1989): the root mean square of the drawdowns,
 * `√( Σ_t D_t² / T )`, with D_t the drawdown after period t on the compounded wealth index starting
 * at 1 (a positive fraction, see {@link drawdowns}), over all T periods. A fraction, not a percentage.
 *
 * `returns` may be a `ReturnTable`: one column gives the number, several a record keyed by ticker,
 * each over its own history (leading blanks skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`).
 *
 * @throws {InsufficientDataError} on an empty series. @throws {InvalidArgumentError} on non-finite entries, returns below −1, or a result beyond the double range.
 * @example
 * ```ts
 * import { ulcerIndex } from 'quantivista/performance';
 * console.log(ulcerIndex([0.1, -0.2, 0.05, 0.2])); // 0.12806248474865...
 * // B: drawdowns 0.5 then 0 → √(0.25 / 2)
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29'], assets: ['A', 'B'], values: [[0.1, -0.5], [0.2, 1]] } as const;
 * console.log(ulcerIndex(t)); // { A: 0, B: 0.3535533905932738 }
 * ```
 */
export function ulcerIndex(returns: VectorLike, options?: UlcerIndexOptions): number;
export function ulcerIndex(returns: ReturnTable | TableLike, options?: UlcerIndexOptions): number | Record<string, number>;
export function ulcerIndex(returns: ReturnsInput, options?: UlcerIndexOptions): number | Record<string, number> {
  const fn = 'ulcerIndex';
  const opts = checkOptions(fn, options, ['missing']);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing });
  return perAssetNumber(read, (s) => ulcerKernel(s.r));
}

/** Kernel of {@link ulcerIndex}. @internal */
export function ulcerKernel(r: Float64Array): number {
  return ulcerFrom(scanDrawdowns(r).ulcer2, r.length);
}
