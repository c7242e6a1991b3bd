import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, wrapMatrix, type Matrix, type MatrixLike } from '../core/matrix.ts';
import { isTableLike, readTable, wrapTable, type ReturnTable, type TableLike } from '../core/table.ts';
import { checkOptions, toReturnsMatrix } from '../core/validate.ts';
import { firstColumn, seriesToMatrix, type SeriesInput } from './price-input.ts';

/** The default place name of a kernel cell. */
function cell(t: number, j: number): string {
  return `entry (${t}, ${j})`;
}

/**
 * The error for a wealth Π(1 + r) beyond the double range (about 1.8e308: e.g. some 3,900 periods
 * of +20 %, or one return of 1e308): named at the first period where it overflows. Cumulative
 * returns are not reported in log space; for such horizons use log returns, whose running sum
 * Σ log1p(r) is the log of the wealth.
 */
function wealthOverflow(where: string, r: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `cumulativeReturns: the compounded wealth overflows double precision (beyond 1.8e308) at ${where} of \`returns\` (return ${r}); ` +
      'for such horizons accumulate log returns (Σ log1p r is the log of the wealth) instead.',
    'returns',
    r,
  );
}

/**
 * Kernel: running compounded return Π_{s≤t} (1 + r_s) − 1 down each column of a T x n buffer.
 * @internal
 */
export function cumulativeReturnsKernel(r: Float64Array, T: number, n: number, where: (t: number, j: number) => string = cell): Float64Array {
  const out = new Float64Array(T * n);
  const w = new Float64Array(n).fill(1);
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let j = 0; j < n; j++) {
      const x = w[j] * (1 + r[o + j]);
      if (x === Infinity) throw wealthOverflow(where(t, j), r[o + j]);
      w[j] = x;
      out[o + j] = x - 1;
    }
  }
  return out;
}

/**
 * Kernel: as {@link cumulativeReturnsKernel}, skipping NaN as pandas' `cumprod` does: a missing
 * return gives a missing cumulative return and leaves the running product unchanged.
 * @internal
 */
export function cumulativeReturnsSkipNaN(r: Float64Array, T: number, n: number, where: (t: number, j: number) => string = cell): Float64Array {
  const out = new Float64Array(T * n);
  const w = new Float64Array(n).fill(1);
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let j = 0; j < n; j++) {
      const v = r[o + j];
      if (Number.isNaN(v)) {
        out[o + j] = NaN;
        continue;
      }
      const x = w[j] * (1 + v);
      if (x === Infinity) throw wealthOverflow(where(t, j), v);
      w[j] = x;
      out[o + j] = x - 1;
    }
  }
  return out;
}

/** Options of {@link cumulativeReturns}. */
export interface CumulativeReturnsOptions {
  /** Skip the screen that refuses a matrix looking like prices (every column positive, median above 1). */
  assumeReturns?: boolean;
}

/**
 * Cumulative (compounded) returns of simple returns: c_t = Π_{s=1..t} (1 + r_s) − 1, the growth
 * of one unit invested before the first period, minus the unit. For returns made from prices,
 * c_t = p_t / p_0 − 1. Same shape as the input: T values per asset (the starting 0 is not
 * included). Equals pandas' `(1 + r).cumprod() - 1`.
 *
 * Given a `ReturnTable`, the result is a `ReturnTable` (kind `'returns'`) with the same dates and
 * tickers holding the cumulative returns. Missing returns (NaN / `null`) are allowed there and
 * follow pandas' `cumprod` (which skips NaN): a missing return gives a missing cumulative return,
 * and the compounding continues past it as if that period had no change, so a late listing starts
 * compounding at its first return. (A series or matrix with a missing value still throws.)
 *
 * @param returns simple returns (not log returns; for those, wealth is exp(Σ ℓ) and a running sum
 *   suffices): a series or a T x n matrix (rows = periods, oldest first), T ≥ 1, each ≥ −1.
 *   Not modified.
 * @returns a `number[]` for a series; a T x n `Matrix` for a matrix; a `ReturnTable` for a table.
 * @throws {InvalidArgumentError} on NaN / `null` in a series or matrix, ±Infinity, a return below
 *   −1 (a loss of more than everything; for a table the message names the asset and date), a
 *   `PriceTable`, data that look like prices (unless `assumeReturns`), or a compounded wealth
 *   beyond the double range (≈ 1.8e308; the message names the first period where it overflows —
 *   accumulate log returns instead for such horizons). @throws {InsufficientDataError} on an empty series or table. @throws {DimensionError} on ragged rows.
 * @example
 * ```ts
 * import { cumulativeReturns } from 'quantivista/returns';
 * console.log(cumulativeReturns([0.1, -0.1, 0.5])); // [0.10000000000000009, -0.009999999999999898, 0.4850000000000001]
 * console.log(cumulativeReturns([[0.5, 0], [1, -0.5]]).toArray()); // [[0.5, 0], [2, -0.5]]
 * // a table: B lists late and misses March; its compounding skips the blanks (pandas cumprod)
 * const r = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], assets: ['A', 'B'],
 *   values: [[0.5, null], [1, 0.5], [-0.5, null], [0, 1]] } as const;
 * const c = cumulativeReturns(r);
 * console.log(c.kind, c.dates[3]); // 'returns' '2024-04-30'
 * console.log(JSON.stringify(c.values)); // [[0.5,null],[2,0.5],[0.5,null],[0.5,2]]
 * ```
 */
export function cumulativeReturns(returns: SeriesInput, options?: CumulativeReturnsOptions): number[];
export function cumulativeReturns(returns: ReturnTable | TableLike, options?: CumulativeReturnsOptions): ReturnTable;
export function cumulativeReturns(returns: MatrixLike, options?: CumulativeReturnsOptions): Matrix;
export function cumulativeReturns(returns: SeriesInput | MatrixLike | TableLike, options?: CumulativeReturnsOptions): number[] | Matrix | ReturnTable {
  const fn = 'cumulativeReturns';
  const opts = checkOptions(fn, options, ['assumeReturns']);
  if (isTableLike(returns)) return cumulativeTable(fn, returns, opts.assumeReturns);
  const { m: raw, series } = seriesToMatrix(fn, 'returns', returns);
  const m = toReturnsMatrix(fn, 'returns', raw, { minRows: 1, ...(opts.assumeReturns === undefined ? {} : { assumeReturns: opts.assumeReturns }) });
  const d = matrixData(m);
  for (let k = 0; k < d.length; k++) {
    if (d[k] < -1) {
      const where = series ? `entry ${Math.floor(k / m.cols)}` : `entry (${Math.floor(k / m.cols)}, ${k % m.cols})`;
      throw new InvalidArgumentError(`${fn}: \`returns\` must be simple returns ≥ −1, but ${where} is ${d[k]}.`, 'returns', d[k]);
    }
  }
  const out = cumulativeReturnsKernel(d, m.rows, m.cols, series ? (t) => `entry ${t}` : cell);
  return series ? firstColumn(out, m.rows, 1) : wrapMatrix(m.rows, m.cols, out);
}

function cumulativeTable(fn: string, input: TableLike, assumeReturns: unknown): ReturnTable {
  if (assumeReturns !== undefined && typeof assumeReturns !== 'boolean') {
    throw new InvalidArgumentError(`${fn}: \`assumeReturns\` must be true or false, got ${String(assumeReturns)}.`, 'assumeReturns', String(assumeReturns));
  }
  const t = readTable(fn, 'returns', input, 'returns');
  const T = t.values.rows;
  const n = t.values.cols;
  if (T < 1) throw new InsufficientDataError(`${fn}: \`returns\` needs at least 1 row (period), got 0.`, 1, 0);
  if (n < 1) throw new DimensionError(`${fn}: \`returns\` has no columns.`);
  const d = t.values.data;
  for (let k = 0; k < d.length; k++) {
    if (d[k] < -1) {
      const i = Math.floor(k / n);
      throw new InvalidArgumentError(
        `${fn}: \`returns\` must be simple returns ≥ −1, but ${t.assets[k % n]} on ${t.dates[i]} (row ${i}) is ${d[k]}.`,
        'returns',
        { row: i, date: t.dates[i], asset: t.assets[k % n], value: d[k] },
      );
    }
  }
  return wrapTable(
    'returns',
    t.dates.slice(),
    t.assets.slice(),
    wrapMatrix(
      T,
      n,
      cumulativeReturnsSkipNaN(d, T, n, (i, j) => `${t.assets[j]} on ${t.dates[i]} (row ${i})`),
    ),
  );
}
