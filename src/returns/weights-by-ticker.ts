/**
 * Internal: reading weights keyed by ticker (`Record<string, number>`) against a table's tickers,
 * with the nearest known ticker named when a key is unknown (core's `weightsFromRecord`, worded
 * for the returns domain).
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { isWeightRecord, weightsFromRecord } from '../core/weight-record.ts';

export { isWeightRecord };

/**
 * Weights keyed by ticker, in the order of `assets`: every ticker must have a finite weight, and
 * every key must be a ticker (an unknown key names the nearest ticker).
 *
 * @throws {InvalidArgumentError} on an unknown key, a ticker without a weight, a non-finite weight.
 * @internal
 */
export function weightsByTicker(fn: string, arg: string, weights: Readonly<Record<string, number>>, assets: readonly string[]): Float64Array {
  return weightsFromRecord(weights, assets, {
    unknown: (key, near) =>
      new InvalidArgumentError(
        `${fn}: \`${arg}\` has a weight for ${JSON.stringify(key)}, which is not a ticker of the table${near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`}; the tickers are ${assets
          .slice(0, 10)
          .map((a) => JSON.stringify(a))
          .join(', ')}${assets.length > 10 ? ', …' : ''}.`,
        arg,
        key,
      ),
    missing: (missing) =>
      new InvalidArgumentError(
        `${fn}: \`${arg}\` has no weight for ${missing
          .slice(0, 5)
          .map((a) => JSON.stringify(a))
          .join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}; give every ticker of the table a weight (0 to leave it out).`,
        arg,
        missing[0],
      ),
    entry: (a, v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidArgumentError(`${fn}: \`${arg}\` must hold finite numbers, but the weight of ${JSON.stringify(a)} is ${String(v)}.`, arg, String(v));
      }
      return v;
    },
  });
}
