/**
 * The equal-weight (1/n) portfolio.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { SIZE_CAPS, checkSizeCap } from '../core/limits.ts';
import { checkInteger, checkOptions } from '../core/validate.ts';

/** Result of {@link equalWeight} and {@link inverseVolatility}. */
export interface SimpleWeightsResult {
  weights: number[];
  /** Weights by asset name, when `assets` was given. */
  weightsByAsset?: Record<string, number>;
}

/** Internal: attach labels. @internal */
export function labelWeights(fn: string, weights: number[], assets: readonly string[] | undefined): SimpleWeightsResult {
  const out: SimpleWeightsResult = { weights };
  if (assets !== undefined) {
    if (!Array.isArray(assets) || assets.length !== weights.length || assets.some((a) => typeof a !== 'string')) {
      throw new InvalidArgumentError(
        `${fn}: \`assets\` must be an array of ${weights.length} strings.`,
        'assets',
        Array.isArray(assets) ? assets.length : typeof assets,
      );
    }
    // weightsByAsset is built from the labels: a duplicate would silently drop a weight
    if (new Set(assets).size !== assets.length) throw new InvalidArgumentError(`${fn}: \`assets\` names must be unique.`, 'assets', 'duplicates');
    out.weightsByAsset = Object.fromEntries(assets.map((a, i) => [a, weights[i]]));
  }
  return out;
}

/**
 * The equal-weight portfolio: w_i = 1/n (DeMiguel, Garlappi & Uppal, "Optimal versus naive
 * diversification", RFS 2009, the benchmark every optimiser should beat out of sample).
 *
 * Size cap: n ≤ `SIZE_CAPS.entries` (50,000,000 weights, one generated buffer).
 *
 * @param n number of assets (a positive integer). @param options `assets` names for `weightsByAsset`.
 * @throws {InvalidArgumentError} when n is not a positive integer or `assets` does not match.
 * @throws {SizeLimitError} when n is above the size cap.
 * @example
 * ```ts
 * import { equalWeight } from 'quantivista/optimize';
 * console.log(equalWeight(4).weights); // [0.25, 0.25, 0.25, 0.25]
 * ```
 */
export function equalWeight(n: number, options?: { assets?: readonly string[] }): SimpleWeightsResult {
  const fn = 'equalWeight';
  const opts = checkOptions(fn, options, ['assets']);
  checkInteger(fn, 'n', n, 1, Number.MAX_SAFE_INTEGER);
  checkSizeCap(fn, 'n', n, SIZE_CAPS.entries, 'an equal-weight portfolio is 1/n for every asset');
  return labelWeights(fn, new Array<number>(n).fill(1 / n), opts.assets);
}
