import { InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toVector, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkLength, checkOneOf, checkOptions, toReturnsMatrix } from '../core/validate.ts';
import type { MissingValuePolicy } from './price-input.ts';

/** How a portfolio is rebalanced in {@link portfolioReturns}. */
export type PortfolioRebalancing = 'every-period' | 'none';

/** Options of {@link portfolioReturns}. */
export interface PortfolioReturnsOptions {
  /**
   * `'every-period'` (default): the weights are restored at the start of every period (constant
   * mix). `'none'`: buy and hold, the weights drift with the assets' growth.
   */
  rebalance?: PortfolioRebalancing;
  /** Rows with a missing return (NaN / `null`): `'error'` (default) or `'drop'` them. */
  missing?: MissingValuePolicy;
}

/**
 * Portfolio returns of a T x n matrix of simple asset returns (rows = periods, oldest first)
 * held with the weights `w` (fractions of portfolio value at the start).
 *
 * - `rebalance: 'every-period'` (default): R_t = Σ_i w_i r_t,i, the weights restored each period.
 * - `rebalance: 'none'` (buy and hold): R_t = Σ_i w_t,i r_t,i with drifting weights
 *   w_t+1,i = w_t,i (1 + r_t,i) / (1 + R_t), w_1 = w; the final wealth is
 *   (1 − Σ w) + Σ_i w_i Π_t (1 + r_t,i).
 *
 * Weights need not sum to 1 (long-short and leveraged weights are accepted): the remainder
 * 1 − Σ w is cash earning 0 (borrowed cash when negative). Returns are per period, as the input.
 *
 * @param returns T x n simple returns (T ≥ 1), not modified.
 * @param weights n finite weights, not modified.
 * @returns the T portfolio returns as `number[]`.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), ±Infinity, non-finite
 *   weights, an unknown option or policy, or (buy and hold) a portfolio whose value falls to 0 or
 *   below before the last period, after which returns are undefined.
 * @throws {DimensionError} when `weights` does not have one entry per column, or on ragged rows.
 * @throws {InsufficientDataError} when there is no row.
 * @example
 * ```ts
 * import { portfolioReturns } from 'quantivista/returns';
 * const r = [[0.1, 0], [0.1, 0]];
 * console.log(portfolioReturns(r, [0.5, 0.5])); // [0.05, 0.05]
 * // Buy and hold: after the first period the first asset is 1.1 / 2.1 of the portfolio.
 * console.log(portfolioReturns(r, [0.5, 0.5], { rebalance: 'none' })); // [0.05, 0.05238095238095238]
 * ```
 */
export function portfolioReturns(returns: MatrixLike, weights: VectorLike, options?: PortfolioReturnsOptions): number[] {
  const fn = 'portfolioReturns';
  const opts = checkOptions(fn, options, ['rebalance', 'missing']);
  const rebalance = checkOneOf<PortfolioRebalancing>(fn, 'rebalance', opts.rebalance ?? 'every-period', ['every-period', 'none']);
  const missing = checkOneOf<MissingValuePolicy>(fn, 'missing', opts.missing ?? 'error', ['error', 'drop']);
  const m = toReturnsMatrix(fn, 'returns', returns, { minRows: 1, missing });
  const w = toVector(weights, fn, 'weights');
  const T = m.rows;
  const n = m.cols;
  checkLength(fn, 'weights', w.length, n, 'entries (one per column of `returns`)');
  const r = matrixData(m);
  const out = new Array<number>(T);
  if (rebalance === 'every-period') {
    for (let t = 0; t < T; t++) {
      const o = t * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += (w[j] as number) * (r[o + j] as number);
      out[t] = s;
    }
    return out;
  }
  // Buy and hold: h = value held in each asset, v = total value (cash 1 − Σw never moves).
  const h = Float64Array.from(w);
  let v = 1;
  for (let t = 0; t < T; t++) {
    if (!(v > 0)) {
      throw new InvalidArgumentError(
        `${fn}: with \`rebalance: 'none'\` the portfolio value fell to ${v} (≤ 0) after period ${t - 1}, so the return of period ${t} is undefined; check \`weights\`.`,
        'weights',
        v,
      );
    }
    const o = t * n;
    let gain = 0;
    for (let j = 0; j < n; j++) {
      const g = (h[j] as number) * (r[o + j] as number);
      gain += g;
      h[j] = (h[j] as number) + g;
    }
    out[t] = gain / v;
    v += gain;
  }
  return out;
}
