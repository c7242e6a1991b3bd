import { InvalidArgumentError } from '../core/errors.ts';
import { powerOfTwoScale } from '../core/stats.ts';
import { matrixData, toVector, wrapMatrix, type MatrixLike, type VectorLike } from '../core/matrix.ts';
import { checkAssetNames, isTableLike, readTable, wrapTable, type ReturnTable, type TableLike } from '../core/table.ts';
import { checkLength, checkOneOf, checkOptions, toReturnsMatrix } from '../core/validate.ts';
import type { MissingValuePolicy } from './price-input.ts';
import { isWeightRecord, weightsByTicker } from './weights-by-ticker.ts';

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
  /** Skip the screen that refuses a matrix looking like prices (every column positive, median above 1). */
  assumeReturns?: boolean;
  /** Table input only: the ticker of the result's one column. Default `'portfolio'`. */
  name?: string;
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
 * Given a `ReturnTable`, `weights` may also be a record keyed by ticker (every ticker of the table
 * needs a weight; an unknown key is an error naming the nearest ticker), and the result is a
 * one-column `ReturnTable` (ticker `name`, default `'portfolio'`) with the dates of the periods used,
 * ready for the performance metrics. A missing return throws naming the asset and the date, unless
 * `missing: 'drop'`, which removes the date (every asset's return on it) from the result.
 *
 * @param returns T x n simple returns (T ≥ 1), or a `ReturnTable`; not modified.
 * @param weights n finite weights (in column order), or with a table a `Record<string, number>` keyed
 *   by ticker; not modified.
 * @returns the T portfolio returns as `number[]`; a one-column `ReturnTable` for a table.
 * @throws {InvalidArgumentError} on NaN / `null` (unless `missing: 'drop'`), ±Infinity, non-finite
 *   weights, weights keyed by an unknown ticker or missing a ticker (or keyed without a table), a
 *   `PriceTable` or a matrix that looks like prices (unless `assumeReturns`), an unknown option or
 *   policy, or (buy and hold) a portfolio whose value falls to 0 or below before the last period,
 *   after which returns are undefined, or a portfolio return beyond the double range (holdings are
 *   rescaled by powers of two, so long buy-and-hold horizons stay finite).
 * @throws {DimensionError} when `weights` does not have one entry per column, or on ragged rows.
 * @throws {InsufficientDataError} when there is no row.
 * @example
 * ```ts
 * import { portfolioReturns } from 'quantivista/returns';
 * const r = [[0.1, 0], [0.1, 0]];
 * console.log(portfolioReturns(r, [0.5, 0.5])); // [0.05, 0.05]
 * // Buy and hold: after the first period the first asset is 1.1 / 2.1 of the portfolio.
 * console.log(portfolioReturns(r, [0.5, 0.5], { rebalance: 'none' })); // [0.05, 0.05238095238095238]
 * // a table with weights by ticker: a dated one-column table
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29'], assets: ['AAA', 'BBB'], values: [[0.1, 0], [0.1, 0]] } as const;
 * const p = portfolioReturns(t, { BBB: 0.5, AAA: 0.5 }, { rebalance: 'none' });
 * console.log(p.dates, p.assets, p.values.column(0)); // ['2024-01-31', '2024-02-29'] ['portfolio'] [0.05, 0.05238095238095238]
 * ```
 */
export function portfolioReturns(
  returns: ReturnTable | TableLike,
  weights: VectorLike | Readonly<Record<string, number>>,
  options?: PortfolioReturnsOptions,
): ReturnTable;
export function portfolioReturns(returns: MatrixLike, weights: VectorLike, options?: PortfolioReturnsOptions): number[];
export function portfolioReturns(
  returns: MatrixLike | TableLike,
  weights: VectorLike | Readonly<Record<string, number>>,
  options?: PortfolioReturnsOptions,
): number[] | ReturnTable {
  const fn = 'portfolioReturns';
  const opts = checkOptions(fn, options, ['rebalance', 'missing', 'assumeReturns', 'name']);
  const rebalance = checkOneOf<PortfolioRebalancing>(fn, 'rebalance', opts.rebalance ?? 'every-period', ['every-period', 'none']);
  const missing = checkOneOf<MissingValuePolicy>(fn, 'missing', opts.missing ?? 'error', ['error', 'drop']);
  const table = isTableLike(returns) ? readTable(fn, 'returns', returns, 'returns') : undefined;
  if (!table && opts.name !== undefined) {
    throw new InvalidArgumentError(`${fn}: \`name\` labels the column of a table result, so it needs \`returns\` as a table.`, 'name', String(opts.name));
  }
  const name = table ? (checkAssetNames(fn, 'name', [opts.name ?? 'portfolio'])[0] as string) : '';
  const m = toReturnsMatrix(fn, 'returns', table ?? (returns as MatrixLike), {
    minRows: 1,
    missing,
    ...(opts.assumeReturns === undefined ? {} : { assumeReturns: opts.assumeReturns }),
  });
  let w: Float64Array;
  if (isWeightRecord(weights)) {
    if (!table) {
      throw new InvalidArgumentError(
        `${fn}: \`weights\` keyed by ticker need \`returns\` as a table (with \`assets\`); pass an array of weights in column order for a matrix.`,
        'weights',
        'record',
      );
    }
    w = weightsByTicker(fn, 'weights', weights, table.assets);
  } else w = toVector(weights, fn, 'weights');
  checkLength(fn, 'weights', w.length, m.cols, 'entries (one per column of `returns`)');
  const out = portfolioKernel(fn, matrixData(m), m.rows, m.cols, w, rebalance);
  if (!table) return out;
  return wrapTable('returns', keptDates(table, m.rows), [name], wrapMatrix(out.length, 1, Float64Array.from(out)));
}

/** The dates of the rows `toReturnsMatrix` kept (all, or the complete rows after `missing: 'drop'`). */
function keptDates(t: ReturnTable, kept: number): string[] {
  const T = t.values.rows;
  if (kept === T) return t.dates.slice();
  const n = t.values.cols;
  const d = t.values.data;
  const out: string[] = [];
  for (let i = 0; i < T; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) if (Number.isNaN(d[i * n + j])) ok = false;
    if (ok) out.push(t.dates[i] as string);
  }
  return out;
}

/** The error for a portfolio return beyond the double range, named at its period. */
function returnOverflow(fn: string, t: number, value: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `${fn}: the portfolio return of period ${t} overflows double precision (${value}); check the units of \`weights\` (fractions of the portfolio) and \`returns\`.`,
    'weights',
    { period: t },
  );
}

/** Scale keeping buy-and-hold holdings in range: values beyond 2^±600 are divided by a power of two. */
const HOLD_LIMIT = 2 ** 600;

/**
 * Kernel of {@link portfolioReturns} on a validated T x n buffer. Buy and hold tracks the holdings
 * h and the value v only through their ratios, so when they leave 2^±600 (e.g. 7,455 periods of
 * +10 %, where 1.1^t passes 1.8e308) both are divided by the same power of two: exact, and the
 * returns are unchanged. A return that is itself beyond the double range is an error.
 * @internal
 */
export function portfolioKernel(fn: string, r: Float64Array, T: number, n: number, w: Float64Array, rebalance: PortfolioRebalancing): number[] {
  const out = new Array<number>(T);
  if (rebalance === 'every-period') {
    for (let t = 0; t < T; t++) {
      const o = t * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += w[j] * r[o + j];
      if (!Number.isFinite(s)) throw returnOverflow(fn, t, s);
      out[t] = s;
    }
    return out;
  }
  // Buy and hold: h = value held in each asset, v = total value (cash 1 − Σw never moves), both
  // in units of 2^log2Scale (1 unless the weights or the wealth are beyond 2^±600).
  const k0 = powerOfTwoScale([...w, 1]);
  const h = k0 === 1 ? Float64Array.from(w) : Float64Array.from(w, (x) => x / k0);
  let v = 1 / k0;
  let hMax = 0;
  for (let t = 0; t < T; t++) {
    if (!(v > 0)) {
      throw new InvalidArgumentError(
        `${fn}: with \`rebalance: 'none'\` the portfolio value fell to ${v} (≤ 0) after period ${t - 1}, so the return of period ${t} is undefined; check \`weights\`.`,
        'weights',
        v,
      );
    }
    if (hMax > HOLD_LIMIT || v > HOLD_LIMIT) v = rescaleHoldings(h, v);
    const o = t * n;
    let gain = 0;
    hMax = 0;
    for (let j = 0; j < n; j++) {
      const g = h[j] * r[o + j];
      gain += g;
      const x = h[j] + g;
      h[j] = x;
      if (Math.abs(x) > hMax) hMax = Math.abs(x);
    }
    const ret = gain / v;
    if (!Number.isFinite(ret)) throw returnOverflow(fn, t, ret);
    out[t] = ret;
    v += gain;
  }
  return out;
}

/** Divide the holdings and the value by the power of two of their largest magnitude (in place); returns the new value. */
function rescaleHoldings(h: Float64Array, v: number): number {
  const k = powerOfTwoScale([...h, v]);
  for (let j = 0; j < h.length; j++) h[j] /= k;
  return v / k;
}
