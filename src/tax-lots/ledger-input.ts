/**
 * Internal: checks on a ledger and prices passed into the report functions.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { readLedger } from './ledger-check.ts';
import type { TaxLedger } from './types.ts';

/**
 * The ledger a report was given, checked: a ledger `buildLedger` returned passes as is (it is
 * frozen), any other one is checked field by field (see ledger-check.ts).
 * @throws {InvalidArgumentError} naming the first bad field.
 */
export function checkLedger(fn: string, ledger: unknown): TaxLedger {
  return readLedger(fn, ledger);
}

/** Check a price map (`asset -> price`) is a plain object. */
export function checkPrices(fn: string, prices: unknown): Record<string, number | string> {
  if (prices === null || typeof prices !== 'object' || Array.isArray(prices)) {
    throw new InvalidArgumentError(`${fn}: \`prices\` must be an object mapping asset to price.`, 'prices', typeof prices);
  }
  return prices as Record<string, number | string>;
}

/** The price of `asset`, or a typed error naming `prices.<asset>`. */
export function priceFor(fn: string, prices: Record<string, number | string>, asset: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(prices, asset)) {
    throw new InvalidArgumentError(`${fn}: \`prices\` has no price for ${JSON.stringify(asset)}, which is held.`, `prices.${asset}`, 'missing');
  }
  return prices[asset];
}
