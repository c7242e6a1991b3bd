/**
 * Internal: the result shape shared by the expected-return estimators and the `assets` labels.
 *
 * @module
 * @internal
 */
import { DimensionError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, type MatrixLike } from '../core/matrix.ts';
import { isTableLike, resolveAssets, type TableLike } from '../core/table.ts';
import { checkOneOf, toReturnsMatrix, type ReturnsMatrixOptions } from '../core/validate.ts';
import { readGappedReturns } from '../covariance/gapped-returns.ts';

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

/**
 * Read the returns of a per-asset mean estimator (T ≥ 1) and its labels: with
 * `missing: 'available'` the gapped T x n data (NaN where missing), otherwise the checked matrix
 * (incomplete rows dropped with `'drop'`). @internal
 */
export function readMeanInput(
  fn: string,
  returns: MatrixLike | TableLike,
  opts: { assets?: unknown; assumeReturns?: boolean },
  missing: ExpectedReturnsMissing,
): { data: Float64Array; T: number; n: number; labels: string[] | undefined } {
  if (missing === 'available') {
    const g = readGappedReturns(fn, 'returns', returns, { minRows: 1, assumeReturns: opts.assumeReturns });
    return { data: g.data, T: g.T, n: g.n, labels: resolveLabels(fn, opts.assets, returns, g.n) };
  }
  const rmo: ReturnsMatrixOptions = { minRows: 1, missing };
  if (opts.assumeReturns !== undefined) rmo.assumeReturns = opts.assumeReturns;
  const m = toReturnsMatrix(fn, 'returns', returns, rmo);
  return { data: matrixData(m), T: m.rows, n: m.cols, labels: resolveLabels(fn, opts.assets, returns, m.cols) };
}

/** Set `byAsset` (and, with `counts`, `periodsByAsset`) on a result when labels are known; returns it. @internal */
export function withByAsset<R extends ExpectedReturnsResult>(out: R, labels: readonly string[] | undefined): R {
  if (labels) {
    out.byAsset = labelled(labels, out.expectedReturns);
    if (out.counts !== undefined) out.periodsByAsset = labelled(labels, out.counts);
  }
  return out;
}
