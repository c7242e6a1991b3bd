import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import type { MatrixLike } from '../core/matrix.ts';
import type { TableLike } from '../core/table.ts';
import { neumaierSum } from '../core/stats.ts';
import { checkOneOf, checkOptions } from '../core/validate.ts';
import { readExpectedMissing, readMeanInput, withByAsset, type ExpectedReturnsMissing, type ExpectedReturnsResult } from './labels.ts';

/** Options of {@link meanHistoricalReturn}. */
export interface MeanHistoricalReturnOptions {
  /** `'arithmetic'` (default): the plain mean. `'geometric'`: (Π (1 + r_t))^(1/T) − 1. */
  compounding?: 'arithmetic' | 'geometric';
  /** Asset labels (one per column); adds `byAsset` to the result. A table's own assets are used when this is not given. */
  assets?: readonly string[];
  /**
   * Missing returns (NaN / `null`): `'available'` (the default for a table) uses each asset's own
   * periods; `'error'` (the default for a matrix) throws, naming the asset and date of a table;
   * `'drop'` drops every incomplete row.
   */
  missing?: ExpectedReturnsMissing;
  /** Skip the check that refuses prices passed where returns belong. */
  assumeReturns?: boolean;
}

/** Result of {@link meanHistoricalReturn}. */
export interface MeanHistoricalReturnResult extends ExpectedReturnsResult {
  /** The compounding used. */
  compounding: 'arithmetic' | 'geometric';
}

/**
 * Kernel: per-column arithmetic or geometric mean of a T x n buffer of simple returns
 * (geometric via expm1(mean(log1p r)), exactly −1 for a column holding a −100 % return).
 * @internal
 */
export function meanReturnsKernel(r: Float64Array, T: number, n: number, geometric: boolean): number[] {
  const out = new Array<number>(n);
  if (!geometric) {
    for (let j = 0; j < n; j++) out[j] = neumaierSum(r, j, T, n) / T;
    return out;
  }
  const logs = new Float64Array(T);
  for (let j = 0; j < n; j++) {
    let wiped = false;
    for (let t = 0; t < T; t++) {
      const x = r[t * n + j];
      if (x === -1) wiped = true;
      logs[t] = Math.log1p(x);
    }
    out[j] = wiped ? -1 : Math.expm1(neumaierSum(logs) / T);
  }
  return out;
}

/**
 * Kernel: per-column mean over each column's present values (NaN skipped) of a T x n buffer;
 * for a complete column the same bits as {@link meanReturnsKernel}. Throws when a column has no
 * value or (geometric) a value below −1. @internal
 */
export function availableMeansKernel(
  fn: string,
  r: Float64Array,
  T: number,
  n: number,
  geometric: boolean,
  labels: readonly string[] | undefined,
): { means: number[]; counts: number[] } {
  const means = new Array<number>(n);
  const counts = new Array<number>(n);
  const buf = new Float64Array(T);
  for (let j = 0; j < n; j++) {
    let c = 0;
    let wiped = false;
    for (let t = 0; t < T; t++) {
      const x = r[t * n + j];
      if (x !== x) continue;
      if (geometric) {
        if (x < -1) {
          throw new InvalidArgumentError(
            `${fn}: geometric compounding needs simple returns ≥ −1, but entry (${t}, ${j}) of \`returns\` is ${x}.`,
            'returns',
            x,
          );
        }
        if (x === -1) wiped = true;
        buf[c++] = Math.log1p(x);
      } else {
        buf[c++] = x;
      }
    }
    if (c === 0) {
      throw new InsufficientDataError(`${fn}: asset ${labels ? JSON.stringify(labels[j]) : `column ${j}`} has no returns (every value is missing).`, 1, 0);
    }
    counts[j] = c;
    const m = neumaierSum(buf, 0, c) / c;
    means[j] = geometric ? (wiped ? -1 : Math.expm1(m)) : m;
  }
  return { means, counts };
}

/**
 * Historical mean return per asset, per period (the period of the rows: daily returns give a
 * daily figure; annualise explicitly with `annualizeReturn`).
 *
 * - `compounding: 'arithmetic'` (default): μ_i = (1/T) Σ_t r_t,i (compensated sum).
 * - `compounding: 'geometric'`: μ_i = (Π_t (1 + r_t,i))^(1/T) − 1, the constant per-period return
 *   that compounds to the same final wealth (PyPortfolioOpt's `mean_historical_return` with
 *   `compounding=True`, before annualising); computed as expm1(mean(log1p r)).
 *
 * Missing values. Given a table, each asset's mean uses its own available periods by default
 * (`missing: 'available'`, pandas `DataFrame.mean()` semantics: late listings and gaps are
 * skipped, not dropped for everyone; `counts` / `periodsByAsset` tell how many periods each
 * mean used, `periods` is the number of rows). Given a matrix, a NaN / `null` throws unless
 * `missing` says otherwise (`'available'`, or `'drop'` for complete rows only). A table labels
 * the result (`byAsset`) with its assets.
 *
 * @param returns T x n simple returns or a ReturnTable (rows = periods, oldest first), T ≥ 1. Not modified.
 * @returns `{ expectedReturns, periods, compounding, byAsset?, counts?, periodsByAsset? }`.
 * @throws {InvalidArgumentError} on NaN / `null` (with `missing: 'error'`), ±Infinity, prices where
 *   returns belong, a return below −1 with geometric compounding, bad `assets`, an unknown option.
 * @throws {InsufficientDataError} with no rows, or (`'available'`) an asset without any value. @throws {DimensionError} on ragged rows or a label count mismatch.
 * @example
 * ```ts
 * import { meanHistoricalReturn } from 'quantivista/expected-returns';
 * const r = [[0.1, 0.02], [-0.1, 0.02]];
 * console.log(meanHistoricalReturn(r).expectedReturns); // [0, 0.02]
 * const g = meanHistoricalReturn(r, { compounding: 'geometric', assets: ['A', 'B'] });
 * console.log(g.byAsset); // { A: -0.005012562893380046, B: 0.02 }
 * // a table: B lists one period late, so its mean uses its two periods
 * const t = { dates: ['2024-01-02', '2024-01-03', '2024-01-04'], assets: ['A', 'B'], values: [[0.01, null], [0.03, 0.02], [-0.01, 0.04]] };
 * const m = meanHistoricalReturn(t);
 * console.log(m.byAsset, m.periodsByAsset); // { A: 0.01, B: 0.03 } { A: 3, B: 2 }
 * ```
 */
export function meanHistoricalReturn(returns: MatrixLike | TableLike, options?: MeanHistoricalReturnOptions): MeanHistoricalReturnResult {
  const fn = 'meanHistoricalReturn';
  const opts = checkOptions(fn, options, ['compounding', 'assets', 'missing', 'assumeReturns']);
  const compounding = checkOneOf(fn, 'compounding', opts.compounding ?? 'arithmetic', ['arithmetic', 'geometric'] as const);
  const missing = readExpectedMissing(fn, opts.missing, returns);
  const { data: d, T, n, labels } = readMeanInput(fn, returns, opts, missing);
  if (missing === 'available') {
    const { means, counts } = availableMeansKernel(fn, d, T, n, compounding === 'geometric', labels);
    return withByAsset<MeanHistoricalReturnResult>({ expectedReturns: means, periods: T, compounding, counts }, labels);
  }
  if (compounding === 'geometric') {
    for (let k = 0; k < d.length; k++) {
      if (d[k] < -1) {
        throw new InvalidArgumentError(
          `${fn}: geometric compounding needs simple returns ≥ −1, but entry (${Math.floor(k / n)}, ${k % n}) of \`returns\` is ${d[k]}.`,
          'returns',
          d[k],
        );
      }
    }
  }
  const expectedReturns = meanReturnsKernel(d, T, n, compounding === 'geometric');
  return withByAsset<MeanHistoricalReturnResult>({ expectedReturns, periods: T, compounding }, labels);
}
