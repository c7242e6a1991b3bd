/**
 * Internal: reading a returns matrix or table whose missing values (NaN / `null`) are kept, for
 * the estimators that handle gaps themselves (pairwise covariance and correlation, per-column
 * expected returns, pairwise HRP). Same checks as `toReturnsMatrix` except the missing-value one:
 * a table of the wrong kind is refused, a matrix that looks like prices is refused unless
 * `assumeReturns`, ±Infinity is refused, and sums of squares must not overflow.
 *
 * Nothing here is part of the public API (the domain index does not re-export it).
 *
 * @module
 * @internal
 */
import { DimensionError, InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { matrixData, toMatrix, type MatrixLike } from '../core/matrix.ts';
import { isTableLike, readTable, type TableLike } from '../core/table.ts';
import { looksLikePrices, maxAbs } from '../core/validate.ts';

/** A returns buffer with its gaps (NaN), its shape, and the table's labels when it was a table. @internal */
export interface GappedReturns {
  /** Row-major T x n values (read only); NaN = missing. */
  data: Float64Array;
  T: number;
  n: number;
  /** The table's dates, when the input was a table. */
  dates?: readonly string[];
  /** The table's assets, when the input was a table. */
  assets?: readonly string[];
  /** Whether any value is missing. */
  anyMissing: boolean;
}

/**
 * Read T x n returns keeping NaN / `null` as NaN. `minRows` (default 1) rows are required.
 * @throws {InvalidArgumentError} on a PriceTable, prices-looking data (unless `assumeReturns`), ±Infinity, a non-boolean `assumeReturns`, or values so large that sums of squares overflow.
 * @throws {DimensionError} on ragged rows or no columns. @throws {InsufficientDataError} on fewer than `minRows` rows.
 * @internal
 */
export function readGappedReturns(
  fn: string,
  arg: string,
  input: MatrixLike | TableLike,
  opts: { minRows?: number; assumeReturns?: unknown } = {},
): GappedReturns {
  const minRows = opts.minRows ?? 1;
  if (opts.assumeReturns !== undefined && typeof opts.assumeReturns !== 'boolean') {
    throw new InvalidArgumentError(
      `${fn}: \`assumeReturns\` must be true or false, got ${String(opts.assumeReturns)}.`,
      'assumeReturns',
      String(opts.assumeReturns),
    );
  }
  const table = isTableLike(input) ? readTable(fn, arg, input, 'returns') : undefined;
  const m = table ? table.values : toMatrix(input, fn, arg, { allowNaN: true });
  if (m.rows > 0 && m.cols === 0) throw new DimensionError(`${fn}: \`${arg}\` has no columns.`);
  const data = matrixData(m);
  const T = m.rows;
  const n = m.cols;
  if (opts.assumeReturns !== true && table?.kind !== 'returns' && looksLikePrices(data, T, n)) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` looks like prices, not returns (every column is positive with a median above 1): did you pass prices? use returnsTable(...) from quantivista/data or simpleReturns(...) from quantivista/returns; pass \`assumeReturns: true\` if these really are returns.`,
      arg,
      'prices?',
    );
  }
  if (T < minRows) {
    throw new InsufficientDataError(`${fn}: \`${arg}\` needs at least ${minRows} rows (periods), got ${T}.`, minRows, T);
  }
  const big = maxAbs(data); // NaN entries are skipped
  if (big > Math.sqrt(1e306 / Math.max(T, 1))) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` holds a value of magnitude ${big}; sums of squares over ${T} periods would overflow double precision (returns are expected as fractions).`,
      arg,
      big,
    );
  }
  let anyMissing = false;
  for (let k = 0; k < data.length; k++) {
    if (Number.isNaN(data[k])) {
      anyMissing = true;
      break;
    }
  }
  const out: GappedReturns = { data, T, n, anyMissing };
  if (table) {
    out.dates = table.dates;
    out.assets = table.assets;
  }
  return out;
}
