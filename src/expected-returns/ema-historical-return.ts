import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { readExpectedMissing, readMeanInput, withByAsset, type ExpectedReturnsMissing, type ExpectedReturnsResult } from './labels.ts';

/** Options of {@link emaHistoricalReturn}: exactly one of `span` and `halfLife`. */
export interface EmaHistoricalReturnOptions {
  /** Span s ≥ 1 (pandas `span`): α = 2 / (s + 1). PyPortfolioOpt's default is 500 daily periods. */
  span?: number;
  /** Half-life h > 0 in periods (pandas `halflife`): α = 1 − exp(−ln 2 / h); a weight halves every h periods. */
  halfLife?: number;
  /** Asset labels (one per column); adds `byAsset` to the result. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /**
   * Missing returns (NaN / `null`): `'available'` (the default for a table) weights each asset's
   * own values by their position (pandas `ewm(..., ignore_na=False)`); `'error'` (the default for a
   * matrix) throws, naming the asset and date of a table; `'drop'` drops every incomplete row.
   */
  missing?: ExpectedReturnsMissing;
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
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
    for (let j = 0; j < n; j++) num[j] = num[j] * decay + r[o + j];
    den = den * decay + 1;
  }
  return Array.from(num, (x) => x / den);
}

/**
 * Kernel: {@link emaMeanKernel} with missing values (NaN): a missing value adds nothing but
 * still ages the weights of the values before it (pandas `ignore_na=False`). Per column
 * μ_j = Σ_{t present} (1 − α)^(T−1−t) r_tj / Σ_{t present} (1 − α)^(T−1−t); for a complete
 * column the same bits as {@link emaMeanKernel}. Also returns the counts. @internal
 */
export function emaAvailableKernel(r: Float64Array, T: number, n: number, alpha: number): { means: number[]; counts: number[]; den: Float64Array } {
  const decay = 1 - alpha;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  const counts = new Array<number>(n).fill(0);
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let j = 0; j < n; j++) {
      const v = r[o + j];
      if (v === v) {
        num[j] = num[j] * decay + v;
        den[j] = den[j] * decay + 1;
        counts[j] = counts[j] + 1;
      } else {
        num[j] = num[j] * decay;
        den[j] = den[j] * decay;
      }
    }
  }
  return { means: Array.from(num, (x, j) => x / den[j]), counts, den };
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
 * Missing values. Given a table, each asset uses its own available values by default
 * (`missing: 'available'`), exactly as pandas `ewm(..., adjust=True, ignore_na=False).mean()`:
 * weights stay tied to the period, so a missing value contributes nothing while the values
 * before it keep ageing, and a late listing starts with its first value. `counts` /
 * `periodsByAsset` tell how many values each asset had. Given a matrix, a NaN / `null` throws
 * unless `missing` says otherwise (`'available'`, or `'drop'` for complete rows only, weighted
 * by their position among the rows kept). A table labels the result with its assets.
 *
 * When the weights underflow to zero over an asset's whole history (an asset whose last value
 * lies thousands of periods before the end, with a short span) its mean is undefined and throws.
 *
 * @param returns T x n simple returns or a ReturnTable (rows = periods, oldest first), T ≥ 1. Not modified.
 * @returns `{ expectedReturns, periods, alpha, byAsset?, counts?, periodsByAsset? }`.
 * @throws {InvalidArgumentError} when neither or both of `span` / `halfLife` are given, on
 *   `span` < 1 or `halfLife` ≤ 0, NaN / `null` returns (with `missing: 'error'`), ±Infinity,
 *   prices where returns belong, bad `assets`, an unknown option.
 * @throws {InsufficientDataError} with no rows, or (`'available'`) an asset without any value or whose weights underflow.
 * @throws {DimensionError} on ragged rows or a label count mismatch.
 * @example
 * ```ts
 * import { emaHistoricalReturn } from 'quantivista/expected-returns';
 * // span 3: α = 0.5, weights 1, 0.5, 0.25 from the newest row back.
 * const e = emaHistoricalReturn([[0.07], [0.0], [0.07]], { span: 3 });
 * console.log(e.alpha, e.expectedReturns); // 0.5 [0.05]
 * // with a gap in the middle: weights 1 and 0.25 (the missing period still ages the first value)
 * const g = emaHistoricalReturn([[0.07], [NaN], [0.02]], { span: 3, missing: 'available' });
 * console.log(g.expectedReturns, g.counts); // [0.03] [2]
 * ```
 */
export function emaHistoricalReturn(returns: MatrixLike | TableLike, options: EmaHistoricalReturnOptions): EmaHistoricalReturnResult {
  const fn = 'emaHistoricalReturn';
  const opts = checkOptions(fn, options, ['span', 'halfLife', 'assets', 'missing', 'assumeReturns']);
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
  const missing = readExpectedMissing(fn, opts.missing, returns);
  const { data, T, n, labels } = readMeanInput(fn, returns, opts, missing);
  if (missing === 'available') {
    const { means, counts, den } = emaAvailableKernel(data, T, n, alpha);
    for (let j = 0; j < n; j++) {
      if (!(den[j] > 0)) {
        const who = labels ? JSON.stringify(labels[j]) : `column ${j}`;
        throw new InsufficientDataError(
          counts[j] === 0
            ? `${fn}: asset ${who} has no returns (every value is missing).`
            : `${fn}: asset ${who} has no value recent enough: every weight (1 − α)^k of its ${counts[j]} values underflows to 0 (α = ${alpha}).`,
          1,
          0,
        );
      }
    }
    return withByAsset<EmaHistoricalReturnResult>({ expectedReturns: means, periods: T, alpha, counts }, labels);
  }
  const expectedReturns = emaMeanKernel(data, T, n, alpha);
  return withByAsset<EmaHistoricalReturnResult>({ expectedReturns, periods: T, alpha }, labels);
}
