/**
 * Internal: the result shape shared by the expected-return estimators and the `assets` labels.
 *
 * @module
 * @internal
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { isTableLike, resolveAssets } from '../core/table.ts';
import { checkOneOf } from '../core/validate.ts';

/**
 * What every expected-return estimator returns: per-period expected returns in column order,
 * the number of periods used, and (when `assets` labels were given) the same numbers keyed by label.
 */
export interface ExpectedReturnsResult {
  /** Per-period expected return of each asset, in the column order of `returns`. */
  expectedReturns: number[];
  /** Number of periods (rows) used, after any dropped incomplete rows (`missing: 'available'`: rows read). */
  periods: number;
  /** `expectedReturns` keyed by asset label (when `assets` was given or the input was a table). */
  byAsset?: Record<string, number>;
  /** `missing: 'available'` only: the number of periods each asset's estimate used, in column order. */
  counts?: number[];
  /** `counts` keyed by asset label (when labels are known). */
  periodsByAsset?: Record<string, number>;
}

/** How the expected-return estimators treat missing values. */
export type ExpectedReturnsMissing = 'error' | 'drop' | 'available';

/**
 * Read the `missing` option: given, one of 'error' | 'drop' | 'available'; absent, 'available'
 * for a table and 'error' for anything else. @internal
 */
export function readExpectedMissing(fn: string, value: unknown, input: unknown): ExpectedReturnsMissing {
  if (value === undefined) return isTableLike(input) ? 'available' : 'error';
  return checkOneOf(fn, 'missing', value, ['error', 'drop', 'available'] as const);
}

/** The labels of a result: `assets` when given (checked), else a table input's assets, else none. @internal */
export function resolveLabels(fn: string, assets: unknown, input: unknown, n: number): string[] | undefined {
  if (assets !== undefined) return checkAssetLabels(fn, assets, n);
  return resolveAssets(fn, undefined, input, n);
}

/** Check the `assets` labels: n distinct strings. @internal */
export function checkAssetLabels(fn: string, assets: unknown, n: number): string[] | undefined {
  if (assets === undefined) return undefined;
  if (!Array.isArray(assets) || assets.some((a) => typeof a !== 'string')) {
    throw new InvalidArgumentError(`${fn}: \`assets\` must be an array of strings.`, 'assets', Array.isArray(assets) ? 'array' : typeof assets);
  }
  if (assets.length !== n) throw new DimensionError(`${fn}: \`assets\` must have ${n} labels (one per column of \`returns\`), got ${assets.length}.`);
  const seen = new Set<string>();
  for (const a of assets as string[]) {
    if (seen.has(a)) throw new InvalidArgumentError(`${fn}: \`assets\` must be distinct, but ${JSON.stringify(a)} appears twice.`, 'assets', a);
    seen.add(a);
  }
  return assets as string[];
}

/** Record keyed by label (Object.fromEntries, so `__proto__` is an ordinary key). @internal */
export function labelled(labels: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(labels.map((a, i) => [a, values[i]]));
}
