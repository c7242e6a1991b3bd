import { InvalidArgumentError } from '../core/errors.ts';
import { matrixData, type MatrixLike } from '../core/matrix.ts';
import { neumaierSum } from '../core/stats.ts';
import { checkOneOf, checkOptions, toReturnsMatrix } from '../core/validate.ts';
import { checkAssetLabels, labelled, type ExpectedReturnsResult } from './labels.ts';

/** Options of {@link meanHistoricalReturn}. */
export interface MeanHistoricalReturnOptions {
  /** `'arithmetic'` (default): the plain mean. `'geometric'`: (Π (1 + r_t))^(1/T) − 1. */
  compounding?: 'arithmetic' | 'geometric';
  /** Asset labels (one per column); adds `byAsset` to the result. */
  assets?: readonly string[];
  /** Rows with a missing return (NaN / `null`): `'error'` (default) or `'drop'` them. */
  missing?: 'error' | 'drop';
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
      const x = r[t * n + j] as number;
      if (x === -1) wiped = true;
      logs[t] = Math.log1p(x);
    }
    out[j] = wiped ? -1 : Math.expm1(neumaierSum(logs) / T);
  }
  return out;
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
 * @param returns T x n simple returns (rows = periods, oldest first), T ≥ 1. Not modified.
 * @returns `{ expectedReturns, periods, compounding, byAsset? }`.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), ±Infinity, a return
 *   below −1 with geometric compounding, bad `assets`, an unknown option.
 * @throws {InsufficientDataError} with no rows. @throws {DimensionError} on ragged rows or a label count mismatch.
 * @example
 * ```ts
 * import { meanHistoricalReturn } from 'quantivista/expected-returns';
 * const r = [[0.1, 0.02], [-0.1, 0.02]];
 * console.log(meanHistoricalReturn(r).expectedReturns); // [0, 0.02]
 * const g = meanHistoricalReturn(r, { compounding: 'geometric', assets: ['A', 'B'] });
 * console.log(g.byAsset); // { A: -0.005012562893380046, B: 0.02 }
 * ```
 */
export function meanHistoricalReturn(returns: MatrixLike, options?: MeanHistoricalReturnOptions): MeanHistoricalReturnResult {
  const fn = 'meanHistoricalReturn';
  const opts = checkOptions(fn, options, ['compounding', 'assets', 'missing']);
  const compounding = checkOneOf(fn, 'compounding', opts.compounding ?? 'arithmetic', ['arithmetic', 'geometric'] as const);
  const missing = checkOneOf(fn, 'missing', opts.missing ?? 'error', ['error', 'drop'] as const);
  const m = toReturnsMatrix(fn, 'returns', returns, { minRows: 1, missing });
  const labels = checkAssetLabels(fn, opts.assets, m.cols);
  const d = matrixData(m);
  if (compounding === 'geometric') {
    for (let k = 0; k < d.length; k++) {
      if ((d[k] as number) < -1) {
        throw new InvalidArgumentError(
          `${fn}: geometric compounding needs simple returns ≥ −1, but entry (${Math.floor(k / m.cols)}, ${k % m.cols}) of \`returns\` is ${d[k]}.`,
          'returns',
          d[k],
        );
      }
    }
  }
  const expectedReturns = meanReturnsKernel(d, m.rows, m.cols, compounding === 'geometric');
  const result: MeanHistoricalReturnResult = { expectedReturns, periods: m.rows, compounding };
  if (labels) result.byAsset = labelled(labels, expectedReturns);
  return result;
}
