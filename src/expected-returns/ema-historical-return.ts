import { InvalidArgumentError } from '../core/errors.ts';
import { matrixData, type MatrixLike } from '../core/matrix.ts';
import { checkOneOf, checkOptions, checkRange, toReturnsMatrix } from '../core/validate.ts';
import { checkAssetLabels, labelled, type ExpectedReturnsResult } from './labels.ts';

/** Options of {@link emaHistoricalReturn}: exactly one of `span` and `halfLife`. */
export interface EmaHistoricalReturnOptions {
  /** Span s ≥ 1 (pandas `span`): α = 2 / (s + 1). PyPortfolioOpt's default is 500 daily periods. */
  span?: number;
  /** Half-life h > 0 in periods (pandas `halflife`): α = 1 − exp(−ln 2 / h); a weight halves every h periods. */
  halfLife?: number;
  /** Asset labels (one per column); adds `byAsset` to the result. */
  assets?: readonly string[];
  /** Rows with a missing return (NaN / `null`): `'error'` (default) or `'drop'` them. */
  missing?: 'error' | 'drop';
}

/** Result of {@link emaHistoricalReturn}. */
export interface EmaHistoricalReturnResult extends ExpectedReturnsResult {
  /** The smoothing factor α used (weight of the latest period before normalising is 1, of the one before 1 − α, ...). */
  alpha: number;
}

/**
 * Kernel: adjusted exponentially weighted mean of each column, weights (1 − α)^(T−1−t).
 * @internal
 */
export function emaMeanKernel(r: Float64Array, T: number, n: number, alpha: number): number[] {
  const decay = 1 - alpha;
  const num = new Float64Array(n);
  let den = 0;
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let j = 0; j < n; j++) num[j] = (num[j] as number) * decay + (r[o + j] as number);
    den = den * decay + 1;
  }
  return Array.from(num, (x) => x / den);
}

/**
 * Exponentially weighted mean return per asset, per period: the last value of pandas'
 * `returns.ewm(span=s).mean()` (or `halflife=h`; `adjust=True`, the pandas default), i.e.
 *
 *   μ_i = Σ_{k=0}^{T−1} (1 − α)^k r_{T−k,i} / Σ_{k=0}^{T−1} (1 − α)^k,
 *
 * with α = 2 / (s + 1) for a span s ≥ 1 or α = 1 − exp(−ln 2 / h) for a half-life h > 0.
 * Recent periods weigh most. PyPortfolioOpt's `ema_historical_return` is this figure annualised
 * (with `span=500` by default); here nothing is annualised (use `annualizeReturn`). Exactly one of
 * `span` and `halfLife` is required: there is no hidden default.
 *
 * @param returns T x n simple returns (rows = periods, oldest first), T ≥ 1. Not modified.
 * @returns `{ expectedReturns, periods, alpha, byAsset? }`.
 * @throws {InvalidArgumentError} when neither or both of `span` / `halfLife` are given, on
 *   `span` < 1 or `halfLife` ≤ 0, NaN / `null` returns (unless `missing: 'drop'`), ±Infinity,
 *   bad `assets`, an unknown option. @throws {InsufficientDataError} with no rows.
 * @throws {DimensionError} on ragged rows or a label count mismatch.
 * @example
 * ```ts
 * import { emaHistoricalReturn } from 'quantivista/expected-returns';
 * // span 3: α = 0.5, weights 1, 0.5, 0.25 from the newest row back.
 * const e = emaHistoricalReturn([[0.07], [0.0], [0.07]], { span: 3 });
 * console.log(e.alpha, e.expectedReturns); // 0.5 [0.05]
 * ```
 */
export function emaHistoricalReturn(returns: MatrixLike, options: EmaHistoricalReturnOptions): EmaHistoricalReturnResult {
  const fn = 'emaHistoricalReturn';
  const opts = checkOptions(fn, options, ['span', 'halfLife', 'assets', 'missing']);
  const hasSpan = opts.span !== undefined;
  const hasHalfLife = opts.halfLife !== undefined;
  if (hasSpan === hasHalfLife) {
    throw new InvalidArgumentError(
      `${fn}: give exactly one of \`span\` (e.g. 500 daily periods, as PyPortfolioOpt) and \`halfLife\`, got ${hasSpan ? 'both' : 'neither'}.`,
      hasSpan ? 'halfLife' : 'span',
      hasSpan ? 'both' : 'undefined',
    );
  }
  const alpha = hasSpan
    ? 2 / (checkRange(fn, 'span', opts.span, { min: 1 }) + 1)
    : -Math.expm1(-Math.LN2 / checkRange(fn, 'halfLife', opts.halfLife, { min: 0, minOpen: true }));
  const missing = checkOneOf(fn, 'missing', opts.missing ?? 'error', ['error', 'drop'] as const);
  const m = toReturnsMatrix(fn, 'returns', returns, { minRows: 1, missing });
  const labels = checkAssetLabels(fn, opts.assets, m.cols);
  const expectedReturns = emaMeanKernel(matrixData(m), m.rows, m.cols, alpha);
  const result: EmaHistoricalReturnResult = { expectedReturns, periods: m.rows, alpha };
  if (labels) result.byAsset = labelled(labels, expectedReturns);
  return result;
}
