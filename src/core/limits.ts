/**
 * Size caps: the largest input or output each function accepts. A request beyond a cap is
 * refused with a {@link SizeLimitError} before anything is allocated, instead of running for
 * minutes or ending in an engine "invalid array length" (see docs/conventions.md, "Size caps").
 *
 * The caps are generous for real portfolios and chosen so that one call stays within a few
 * hundred megabytes and, on a laptop core, within about a minute at the cap.
 *
 * @module
 */
import { InvalidArgumentError, SizeLimitError } from './errors.ts';
import { label } from './text.ts';

/**
 * The documented size caps, shared by every domain. Each function's TSDoc names the caps it
 * applies.
 * - `assets`: 20,000 assets for O(n²) work on an n x n matrix (3.2 GB of doubles at the cap).
 * - `denseAssets`: 5,000 assets for O(n³) work (eigen decompositions, optimisers, Cholesky).
 * - `periods`: 10,000,000 periods in a single return or price series.
 * - `entries`: 50,000,000 numbers in one generated or copied buffer (400 MB of doubles).
 * - `paths`: 10,000,000 Monte Carlo paths.
 * @example
 * ```ts
 * import { SIZE_CAPS } from 'quantivista/core';
 * console.log(SIZE_CAPS.paths, SIZE_CAPS.denseAssets); // 10000000 5000
 * ```
 */
export const SIZE_CAPS = Object.freeze({
  assets: 20_000,
  denseAssets: 5_000,
  periods: 10_000_000,
  entries: 50_000_000,
  paths: 10_000_000,
});

/** Whether `>` can compare `v` without calling user code or throwing (no object, symbol or function). */
function comparable(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && typeof v !== 'symbol' && typeof v !== 'function');
}

/**
 * Throws a {@link SizeLimitError} when `value` exceeds `cap`; the message names the function,
 * the argument, the cap and what to do instead (`hint`, optional). Names that are not strings (a
 * mistaken call) are shown by type, never thrown on.
 * @throws {SizeLimitError} when `value > cap`.
 * @throws {InvalidArgumentError} when `value` or `cap` is an object, a symbol or a function.
 * @example
 * ```ts
 * import { checkSizeCap } from 'quantivista/core';
 * try {
 *   checkSizeCap('monteCarloVaR', 'paths', 1e9, 1e7, 'run several shards and merge them');
 * } catch (e) {
 *   console.log((e as Error).message); // 'monteCarloVaR: `paths` is 1000000000, above the size cap of 10000000; run several shards and merge them.'
 * }
 * ```
 */
export function checkSizeCap(fn: string, argument: string, value: number, cap: number, hint?: string): void {
  if (!comparable(value) || !comparable(cap)) {
    throw new InvalidArgumentError(
      `${label(fn)}: the size \`${label(argument)}\` and its cap must be numbers, got ${label(value)} and ${label(cap)}.`,
      label(argument),
      label(value),
    );
  }
  if (value > cap) {
    const tail = hint ? `; ${label(hint)}` : '';
    throw new SizeLimitError(
      `${label(fn)}: \`${label(argument)}\` is ${label(value)}, above the size cap of ${label(cap)}${tail}.`,
      label(argument),
      cap,
      value,
    );
  }
}
