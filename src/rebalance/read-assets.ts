/**
 * Internal: the one reader of the per-asset records both rebalancers take (`rebalanceTrades`
 * and `taxAwareRebalance`): targets, prices, trading units and per-asset data keyed by ticker.
 *
 * @module
 * @internal
 */
import type Decimal from 'decimal.js';
import { InvalidArgumentError } from '../core/errors.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { toDec } from '../tax-lots/decimal.ts';

/** An asset of a trade list: shares held, price (exact and as a double), trading unit and target weight. */
export interface PricedAsset {
  asset: string;
  q: Decimal;
  p: Decimal;
  pNum: number;
  lot: Decimal;
  target: number;
}

/** Own-key test (so an asset called `__proto__` or `constructor` is an ordinary key). */
export const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** `value` as a record keyed by asset (a plain object, not an array); undefined when optional and absent. */
export function checkAssetRecord<T>(fn: string, arg: string, value: unknown, optional: boolean): Record<string, T> | undefined {
  if (value === undefined && optional) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must be a record keyed by asset, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
      arg,
      typeof value,
    );
  }
  return value as Record<string, T>;
}

/** The checked price (> 0) of `asset`. */
export function assetPrice(fn: string, prices: Record<string, number | string>, asset: string): Decimal {
  if (!has(prices, asset)) throw new InvalidArgumentError(`${fn}: \`prices\` has no price for ${JSON.stringify(asset)}.`, `prices.${asset}`, 'missing');
  return toDec(fn, `prices.${asset}`, prices[asset], 'positive');
}

/** The checked trading unit (> 0, default 1) of `asset`. */
export function assetLot(fn: string, lotSizes: Record<string, number> | undefined, asset: string): Decimal {
  return toDec(fn, `lotSizes.${asset}`, lotSizes && has(lotSizes, asset) ? lotSizes[asset] : 1, 'positive');
}

/**
 * The priced assets of a rebalance: the targets' assets first, then the other held ones (in the
 * order of `held`), each with its shares held, price, trading unit and target weight (missing =
 * 0); throws when a target is outside [0, 1] or the targets sum above 1.
 */
export function readAssets(
  fn: string,
  target: Record<string, number>,
  held: ReadonlyMap<string, Decimal>,
  prices: Record<string, number | string>,
  lotSizes: Record<string, number> | undefined,
  zero: Decimal,
): PricedAsset[] {
  const names: string[] = [...Object.keys(target)];
  for (const a of held.keys()) if (!has(target, a)) names.push(a);
  let targetSum = 0;
  const out = names.map((asset) => {
    const p = assetPrice(fn, prices, asset);
    const q = held.get(asset) ?? zero;
    const w = checkRange(fn, `target.${asset}`, has(target, asset) ? target[asset] : 0, { min: 0, max: 1 });
    targetSum += w;
    return { asset, q, p, pNum: p.toNumber(), lot: assetLot(fn, lotSizes, asset), target: w };
  });
  if (targetSum > 1 + 1e-9) throw new InvalidArgumentError(`${fn}: target weights sum to ${targetSum}, above 1.`, 'target', targetSum);
  return out;
}

/** Per-asset data for the impact model: a record of `{ volatility?, averageDailyVolume? }`, checked. */
export function checkAssetData(fn: string, value: unknown): Record<string, { volatility?: number; averageDailyVolume?: number }> {
  const rec = checkAssetRecord<{ volatility?: number; averageDailyVolume?: number }>(fn, 'assetData', value, true) ?? {};
  for (const a of Object.keys(rec)) {
    const d = rec[a];
    if (!d || typeof d !== 'object' || Array.isArray(d)) {
      throw new InvalidArgumentError(`${fn}: \`assetData.${a}\` must be { volatility?, averageDailyVolume? }, got ${typeof d}.`, `assetData.${a}`, typeof d);
    }
    checkOptions(fn, d, ['volatility', 'averageDailyVolume']);
    if (d.volatility !== undefined) checkRange(fn, `assetData.${a}.volatility`, d.volatility, { min: 0 });
    if (d.averageDailyVolume !== undefined) checkRange(fn, `assetData.${a}.averageDailyVolume`, d.averageDailyVolume, { min: 0, minOpen: true });
  }
  return rec;
}
