import type { VectorLike } from '../core/matrix.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkOptions } from '../core/validate.ts';
import { perAsset, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';

/** Options of {@link hitRate}. */
export interface HitRateOptions extends MissingReturnsOption {
  /**
   * Benchmark returns: a hit is a period that beats the benchmark. Without it, a hit is a positive
   * return. A one-column `ReturnTable` is aligned on the dates of a `returns` table (inner join).
   */
  benchmark?: VectorLike | ReturnTable | TableLike;
}

/**
 * Hit rate: the fraction of periods with r_t > b_t (strictly), or r_t > 0 when no benchmark is given.
 * Ties are misses. In [0, 1].
 *
 * `returns` may be a `ReturnTable`: one column gives the number, several a record keyed by ticker,
 * each over its own history (leading blanks skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`). A benchmark table is joined on the dates both have.
 *
 * @throws {InsufficientDataError} on an empty series. @throws {DimensionError} when the benchmark length differs.
 * @throws {InvalidArgumentError} on non-finite entries or bad options.
 * @example
 * ```ts
 * import { hitRate } from 'quantivista/performance';
 * console.log(hitRate([0.02, -0.01, 0.03, 0])); // 0.5
 * // the benchmark has no return for 31 January: the three common dates count
 * const fund = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], assets: ['F'],
 *   values: [[0.02], [-0.01], [0.03], [0]] } as const;
 * const index = { kind: 'returns', dates: ['2024-02-29', '2024-03-31', '2024-04-30'], assets: ['IDX'], values: [[-0.02], [0.01], [0.01]] } as const;
 * console.log(hitRate(fund, { benchmark: index })); // 0.6666666666666666
 * ```
 */
export function hitRate(returns: VectorLike, options?: HitRateOptions): number;
export function hitRate(returns: ReturnTable | TableLike, options?: HitRateOptions): number | Record<string, number>;
export function hitRate(returns: ReturnsInput, options?: HitRateOptions): number | Record<string, number> {
  const fn = 'hitRate';
  const opts = checkOptions(fn, options, ['benchmark', 'missing']);
  const read = readSeries(fn, returns, { min: 1, missing: opts.missing, ...(opts.benchmark === undefined ? {} : { benchmark: { input: opts.benchmark } }) });
  return perAsset(read, (s) => hitRateKernel(s.r, s.b));
}

/** Kernel of {@link hitRate}. @internal */
export function hitRateKernel(r: Float64Array, b: Float64Array | undefined): number {
  let hits = 0;
  for (let i = 0; i < r.length; i++) if (r[i] > (b ? b[i] : 0)) hits++;
  return hits / r.length;
}
