/**
 * Internal input handling shared by the returns functions: telling a single series (vector)
 * from a T x n matrix, and converting prices with the missing-value and positivity checks.
 *
 * @module
 * @internal
 */
import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { Matrix, matrixData, toMatrix, wrapMatrix, type MatrixConvertible, type MatrixLike } from '../core/matrix.ts';
import { isTableLike, readTable, wrapTable, type ReturnTable, type TableLike } from '../core/table.ts';
import { checkOneOf, toReturnsMatrix } from '../core/validate.ts';
import { logReturnsKernel, simpleReturnsKernel } from './return-kernels.ts';

/** A single price or return series; `null` / NaN mark missing values where a function allows them. */
export type SeriesInput = ArrayLike<number | null>;

/** A T x n matrix of prices or returns; `null` / NaN mark missing values where a function allows them. */
export type SeriesMatrixInput = MatrixLike | ArrayLike<ArrayLike<number | null>>;

/** What to do with missing values (NaN / `null`). */
export type MissingValuePolicy = 'error' | 'drop';

/**
 * Whether `input` is a single series (an array-like of numbers or nulls) rather than a matrix.
 * @internal
 */
export function isSeries(input: unknown): input is SeriesInput {
  if (input instanceof Matrix) return false;
  if (input === null || typeof input !== 'object') return false;
  if (!('length' in input) && typeof (input as MatrixConvertible).to2DArray === 'function') return false;
  if (typeof (input as ArrayLike<unknown>).length !== 'number') return false;
  if (ArrayBuffer.isView(input)) return true;
  const a = input as ArrayLike<unknown>;
  if (a.length === 0) return true;
  const first = a[0];
  return first === null || first === undefined || typeof first !== 'object';
}

/**
 * Convert a series or matrix to a T x n Matrix (a series becomes T x 1) with NaN for missing
 * values allowed; the caller then applies {@link toReturnsMatrix}.
 * @internal
 */
export function seriesToMatrix(fn: string, arg: string, input: SeriesInput | SeriesMatrixInput): { m: Matrix; series: boolean } {
  if (isSeries(input)) {
    const rows: Array<Array<number | null>> = new Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const v = input[i] as unknown;
      if (v !== null && v !== undefined && typeof v !== 'number') {
        throw new InvalidArgumentError(`${fn}: \`${arg}\` must hold numbers, but entry ${i} is ${typeof v}.`, arg, typeof v);
      }
      rows[i] = [v === undefined ? null : (v as number | null)];
    }
    return { m: toMatrix(rows as unknown as MatrixLike, fn, arg, { allowNaN: true }), series: true };
  }
  return { m: toMatrix(input as MatrixLike, fn, arg, { allowNaN: true }), series: false };
}

/**
 * Convert prices: T ≥ 2 rows, all present values strictly positive, missing values per `missing`.
 * Positivity is checked before rows are dropped, so messages give the caller's row and column.
 * @internal
 */
export function toPriceMatrix(fn: string, input: SeriesInput | SeriesMatrixInput, missing: unknown): { m: Matrix; series: boolean } {
  const policy = checkOneOf<MissingValuePolicy>(fn, 'missing', missing ?? 'error', ['error', 'drop']);
  const { m, series } = seriesToMatrix(fn, 'prices', input);
  const d = matrixData(m);
  const c = m.cols;
  for (let k = 0; k < d.length; k++) {
    const v = d[k];
    if (v <= 0) {
      const where = series ? `entry ${Math.floor(k / c)}` : `entry (${Math.floor(k / c)}, ${k % c})`;
      throw new InvalidArgumentError(`${fn}: \`prices\` must be positive, but ${where} is ${v}.`, 'prices', v);
    }
  }
  return { m: toReturnsMatrix(fn, 'prices', m, { minRows: 2, missing: policy, expect: 'prices' }), series };
}

/** Column 0 of a T x 1 matrix buffer as number[]. @internal */
export function firstColumn(data: Float64Array, rows: number, cols: number): number[] {
  const out = new Array<number>(rows);
  for (let i = 0; i < rows; i++) out[i] = data[i * cols];
  return out;
}

/**
 * Returns of a price table, with the same kernels as the matrix path, so that `simpleReturns` /
 * `logReturns` on a table give exactly `returnsTable`'s result (quantivista/data): pandas `pct_change(fill_method=None)` semantics
 * (a return next to a missing price is NaN), dated at period end, starting at the second date.
 * `missing` given explicitly: `'error'` throws on the first missing price (naming the asset and the
 * date), `'drop'` first removes every date with a missing price (so the return after a gap spans
 * it, as the matrix path does).
 * @internal
 */
export function pricesTableToReturns(fn: string, input: TableLike, missing: unknown, kind: 'simple' | 'log'): ReturnTable {
  const policy = missing === undefined ? undefined : checkOneOf<MissingValuePolicy>(fn, 'missing', missing, ['error', 'drop']);
  const t = readTable(fn, 'prices', input, 'prices');
  const T = t.values.rows;
  const n = t.values.cols;
  const d = t.values.data;
  let table = t;
  if (policy !== undefined) {
    const keep: number[] = [];
    for (let i = 0; i < T; i++) {
      let j = 0;
      while (j < n && !Number.isNaN(d[i * n + j])) j++;
      if (j === n) keep.push(i);
      else if (policy === 'error') {
        throw new InvalidArgumentError(
          `${fn}: \`prices\` has a missing value (NaN or null) at ${t.assets[j]} on ${t.dates[i]} (row ${i}); fill it, pass \`missing: 'drop'\` to remove incomplete dates, or omit \`missing\` to get NaN returns next to it.`,
          'prices',
          { row: i, column: j, date: t.dates[i], asset: t.assets[j] },
        );
      }
    }
    if (keep.length < T) {
      const data = new Float64Array(keep.length * n);
      keep.forEach((i, k) => data.set(d.subarray(i * n, i * n + n), k * n));
      table = wrapTable(
        'prices',
        keep.map((i) => t.dates[i] as string),
        t.assets.slice(),
        wrapMatrix(keep.length, n, data),
      );
    }
  }
  const rows = table.values.rows;
  if (rows < 2) {
    throw new InsufficientDataError(
      `${fn}: \`prices\` needs at least 2 dates to give a return, got ${rows}${rows < T ? ' after dropping incomplete dates' : ''}.`,
      2,
      rows,
    );
  }
  const out = kind === 'log' ? logReturnsKernel(table.values.data, rows, n) : simpleReturnsKernel(table.values.data, rows, n);
  return wrapTable('returns', table.dates.slice(1), table.assets.slice(), wrapMatrix(rows - 1, n, out));
}

/**
 * The body of `simpleReturns` and `logReturns`: a price table gives a dated `ReturnTable`, a series a
 * `number[]`, a matrix a `Matrix`, by the kernel of `kind`. @internal
 */
export function priceReturns(
  fn: string,
  prices: SeriesInput | SeriesMatrixInput | TableLike,
  missing: unknown,
  kind: 'simple' | 'log',
): number[] | Matrix | ReturnTable {
  if (isTableLike(prices)) return pricesTableToReturns(fn, prices, missing, kind);
  const { m, series } = toPriceMatrix(fn, prices, missing);
  const out = kind === 'log' ? logReturnsKernel(matrixData(m), m.rows, m.cols, fn) : simpleReturnsKernel(matrixData(m), m.rows, m.cols, fn);
  return series ? firstColumn(out, m.rows - 1, 1) : wrapMatrix(m.rows - 1, m.cols, out);
}
